# Code signing (packages, binaries, firmware). Keys follow the CA/Browser Forum code
# signing requirements: RSA of at least 3072 bits or ECDSA P-256/P-384.
# Format: pkinext-profile(5).

[profile]
name=code-signing
description=Code signing: codeSigning, organisation subject, no SANs
version=1
auto-approve=false

[validity]
default=365d
maximum=460d

[keys]
allowed=ec-p256;ec-p384;rsa
rsa-min-bits=3072

[subject]
from-csr=CN;O;OU;L;ST;C
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
usage=code-signing

[extensions]
crl-distribution-points=true
aia-ocsp=true
aia-ca-issuers=true

[lint]
tls=false
