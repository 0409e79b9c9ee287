#!/bin/sh
# Installs what is needed, builds pkinext, and runs the CA's main job on the
# embedded default (software keys): creates a root and an issuing CA in ./demo,
# issues a TLS server certificate from a CSR, and checks it with openssl.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
./scripts/install-deps.sh
[ -d _build/software ] || meson setup _build/software >/dev/null
ninja -C _build/software daemon/pkinext-tool >/dev/null

demo="$top/demo"
tool="$top/_build/software/daemon/pkinext-tool"
export PKINEXT_PROFILES_DIR="$top/data/profiles"
mkdir -p "$demo"
if [ ! -f "$demo/pkinextd.conf" ]; then
	cat > "$demo/pkinextd.conf" <<CONF
# pkinext demo: a software root and an issuing CA in this folder.
[pkinext]
state-dir = $demo

[ca:root]
signer = software
key = root.key
certificate = root.pem
key-type = ec-p384
subject = CN=pkinext Demo Root CA,O=pkinext demo
validity-days = 3650
path-length = 1

[ca:issuing]
signer = software
key = issuing.key
certificate = issuing.pem
chain = issuing-chain.pem
parent = root
key-type = ec-p256
subject = CN=pkinext Demo Issuing CA,O=pkinext demo
validity-days = 1825
path-length = 0
crl-url = http://127.0.0.1:8080/crl/issuing.crl
ocsp-url = http://127.0.0.1:8080/ocsp/issuing
ca-issuers-url = http://127.0.0.1:8080/ca/issuing.crt
CONF
fi
export PKINEXT_CONFIG="$demo/pkinextd.conf"

"$tool" init
n=$(ls "$demo"/www-*.pem 2>/dev/null | wc -l)
csr="$demo/www-$n.csr"
key="$demo/www-$n.key"
crt="$demo/www-$n.pem"
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$key" \
	-subj "/CN=www.example.test" -addext "subjectAltName=DNS:www.example.test,DNS:example.test" \
	-out "$csr" 2>/dev/null
"$tool" issue --ca issuing --profile tls-server --out "$crt" "$csr"
openssl verify -x509_strict -CAfile "$demo/root.pem" -untrusted "$demo/issuing.pem" "$crt"
openssl x509 -in "$crt" -noout -subject -issuer -serial -enddate -ext subjectAltName,extendedKeyUsage
echo
echo "Root CA:        $demo/root.pem   (key $demo/root.key)"
echo "Issuing CA:     $demo/issuing.pem (key $demo/issuing.key)"
echo "Request:        $csr"
echo "Certificate:    $crt"
echo "Configuration:  $demo/pkinextd.conf   (try: $tool --help)"
