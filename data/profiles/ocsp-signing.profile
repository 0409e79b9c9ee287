# Delegated OCSP responder certificate (RFC 6960 4.2.2.2): id-kp-OCSPSigning and
# id-pkix-ocsp-nocheck, so clients do not check the responder's own status. Because
# it cannot be revoked in practice, it is short-lived.
# Format: pkinext-profile(5).

[profile]
name=ocsp-signing
description=OCSP responder: OCSPSigning with ocsp-nocheck, short-lived
version=1
auto-approve=false

[validity]
default=30d
maximum=90d

[keys]
allowed=ec-p256;ec-p384;ec-p521;rsa;ed25519
rsa-min-bits=2048

[subject]
from-csr=*
common-name=required

[san]
from-csr=
drop-unlisted=true

[basic-constraints]
ca=false
critical=true

[key-usage]
usage=digital-signature
critical=true

[extended-key-usage]
usage=ocsp-signing

[extensions]
ocsp-no-check=true
# the responder is not checked for revocation, so no CRL DP and no OCSP pointer
crl-distribution-points=false
aia-ocsp=false
aia-ca-issuers=true

[lint]
tls=false
