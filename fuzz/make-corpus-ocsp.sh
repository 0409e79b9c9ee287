#!/bin/sh
# Regenerates the OCSP request seed corpus in corpus/ocsp-request/ with openssl ocsp
# (-reqout): SHA-1 and SHA-256 CertIDs, with and without nonce, one and several
# certificates, plus truncated copies.
# Usage: fuzz/make-corpus-ocsp.sh   (from anywhere; needs openssl 3)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out="$here/corpus/ocsp-request"
mkdir -p "$out"

printf '[req]\ndistinguished_name = dn\nprompt = no\n[dn]\n[v3]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = keyCertSign,cRLSign\n' > "$tmp/ca.cnf"
openssl req -x509 -config "$tmp/ca.cnf" -extensions v3 -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
	-nodes -keyout "$tmp/ca.key" -out "$tmp/ca.pem" -subj "/CN=Fuzz CA" -days 30 2>/dev/null
for s in 01 7fffffffffffffffffffffffffffffffffffffff; do
	openssl req -new -config "$tmp/ca.cnf" -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$tmp/$s.key" -subj "/CN=leaf $s" -out "$tmp/$s.csr" 2>/dev/null
	openssl x509 -req -in "$tmp/$s.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" \
		-set_serial "0x$s" -days 10 -out "$tmp/$s.pem" 2>/dev/null
done
one="-cert $tmp/01.pem"
two="-cert $tmp/01.pem -cert $tmp/7fffffffffffffffffffffffffffffffffffffff.pem"
openssl ocsp -issuer "$tmp/ca.pem" $one -reqout "$out/sha1-nonce.der"
openssl ocsp -issuer "$tmp/ca.pem" $one -no_nonce -reqout "$out/sha1-no-nonce.der"
openssl ocsp -issuer "$tmp/ca.pem" -sha256 $one -reqout "$out/sha256-nonce.der"
openssl ocsp -issuer "$tmp/ca.pem" $two -reqout "$out/sha1-two-certs.der"
openssl ocsp -issuer "$tmp/ca.pem" -sha512 $two -no_nonce -reqout "$out/sha512-two-certs.der"
openssl ocsp -issuer "$tmp/ca.pem" $one -signer "$tmp/01.pem" -signkey "$tmp/01.key" \
	-reqout "$out/signed.der"
head -c 40 "$out/sha1-nonce.der" > "$out/sha1-nonce-truncated.der"
size=$(wc -c < "$out/sha1-two-certs.der")
head -c $((size - 1)) "$out/sha1-two-certs.der" > "$out/sha1-two-certs-truncated-1.der"
