# Subordinate (intermediate) CA. pathLenConstraint 0 by default: the subordinate
# issues end-entity certificates only; an issuance option may lower, never raise it.
# Name constraints can be given per request.
# Format: pkinext-profile(5).

[profile]
name=sub-ca
description=Subordinate CA: keyCertSign and cRLSign, path length 0
version=1
auto-approve=false

[validity]
default=1825d
maximum=3650d

[keys]
allowed=ec-p256;ec-p384;ec-p521;rsa;ed25519
rsa-min-bits=2048

[subject]
from-csr=*
common-name=required

[san]
# a CA certificate names no hosts: SANs in the request are ignored
from-csr=
drop-unlisted=true

[basic-constraints]
ca=true
path-length=0
critical=true

[key-usage]
usage=key-cert-sign;crl-sign;digital-signature
critical=true

[extensions]
subject-key-identifier=true
authority-key-identifier=true
crl-distribution-points=true
aia-ocsp=true
aia-ca-issuers=true

[lint]
tls=false
