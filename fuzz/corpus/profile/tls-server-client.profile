# TLS server that also authenticates as a client (service mesh, database replicas,
# cluster members). The TLS server rules apply (SANs, 398 days).
# Format: pkinext-profile(5).

[profile]
name=tls-server-client
description=TLS server and client: serverAuth and clientAuth, DNS names and IP addresses
version=1
auto-approve=true

[validity]
default=90d
maximum=398d

[keys]
allowed=ec-p256;ec-p384;ec-p521;rsa
rsa-min-bits=2048

[subject]
from-csr=CN;O;OU
common-name=optional

[san]
from-csr=dns;ip
required=true

[basic-constraints]
ca=false
critical=true

[key-usage]
usage=digital-signature;key-encipherment
critical=true

[extended-key-usage]
usage=server-auth;client-auth

[extensions]
crl-distribution-points=true
aia-ocsp=true
aia-ca-issuers=true

[lint]
tls=true
