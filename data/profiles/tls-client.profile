# TLS client certificate (mutual TLS, VPN users, services calling services).
# Format: pkinext-profile(5).

[profile]
name=tls-client
description=TLS client: clientAuth, subject and any SAN from the request
version=1
auto-approve=true

[validity]
default=365d
maximum=825d

[keys]
allowed=ec-p256;ec-p384;ec-p521;rsa;ed25519
rsa-min-bits=2048

[subject]
from-csr=*
common-name=optional

[san]
from-csr=dns;ip;email;uri;upn
required=false

[basic-constraints]
ca=false
critical=true

[key-usage]
usage=digital-signature;key-agreement
critical=true

[extended-key-usage]
usage=client-auth

[extensions]
crl-distribution-points=true
aia-ocsp=true
aia-ca-issuers=true

[lint]
tls=false
