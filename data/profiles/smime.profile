# S/MIME (signed and encrypted e-mail). The mailbox is an rfc822Name SAN; RSA keys get
# keyEncipherment and EC keys keyAgreement for encryption.
# Format: pkinext-profile(5).

[profile]
name=smime
description=S/MIME: emailProtection, e-mail address SANs
version=1
auto-approve=false

[validity]
default=365d
maximum=825d

[keys]
allowed=ec-p256;ec-p384;ec-p521;rsa
rsa-min-bits=2048

[subject]
from-csr=CN;emailAddress;O;OU;C
common-name=optional

[san]
from-csr=email
required=true

[basic-constraints]
ca=false
critical=true

[key-usage]
usage=digital-signature;non-repudiation;key-encipherment;key-agreement
critical=true

[extended-key-usage]
usage=email-protection

[extensions]
crl-distribution-points=true
aia-ocsp=true
aia-ca-issuers=true

[lint]
tls=false
