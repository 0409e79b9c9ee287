# TLS server certificate (HTTPS, SMTP, IMAP, LDAPS...) following the CA/Browser Forum
# Baseline Requirements: names in the subjectAltName, at most 398 days.
# Format: pkinext-profile(5).

[profile]
name=tls-server
description=TLS server: serverAuth, DNS names and IP addresses
version=1
auto-approve=true

[validity]
default=90d
maximum=398d

[keys]
# the Baseline Requirements allow RSA and ECDSA P-256/P-384/P-521, not Ed25519
allowed=ec-p256;ec-p384;ec-p521;rsa
rsa-min-bits=2048

[subject]
# only the CN is copied; the linter checks it is one of the SANs
from-csr=CN
common-name=optional

[san]
from-csr=dns;ip
required=true
wildcards=true

[basic-constraints]
ca=false
critical=true

[key-usage]
# keyEncipherment is only written for RSA keys
usage=digital-signature;key-encipherment
critical=true

[extended-key-usage]
usage=server-auth

[extensions]
subject-key-identifier=true
authority-key-identifier=true
crl-distribution-points=true
aia-ocsp=true
aia-ca-issuers=true
# CA/B Forum domain-validated
certificate-policies=2.23.140.1.2.1

[lint]
tls=true
internal-names=allow
