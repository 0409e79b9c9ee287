# SPIFFE X.509-SVID (workload identity): exactly one spiffe:// URI SAN, an empty
# subject (so the SAN extension is critical), one hour.
# Format: pkinext-profile(5).

[profile]
name=spiffe-svid
description=SPIFFE X.509-SVID: one spiffe:// URI SAN, no subject, one hour
version=1
auto-approve=true

[validity]
default=1h
maximum=1h

[keys]
allowed=ec-p256;ec-p384;rsa;ed25519
rsa-min-bits=2048

[subject]
from-csr=
common-name=forbidden

[san]
from-csr=uri
uri-schemes=spiffe
required=true
max=1
critical=auto

[basic-constraints]
ca=false
critical=true

[key-usage]
usage=digital-signature;key-encipherment;key-agreement
critical=true

[extended-key-usage]
usage=server-auth;client-auth

[extensions]
crl-distribution-points=false
aia-ocsp=false
aia-ca-issuers=false

[lint]
# SVIDs identify workloads, not web hosts: the CA/Browser Forum rules do not apply
tls=false
