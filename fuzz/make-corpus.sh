#!/bin/sh
# Regenerates the seed corpora in corpus/ with openssl (see README.md).
# Usage: fuzz/make-corpus.sh   (from anywhere; needs openssl 3)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
csr="$here/corpus/csr"
crt="$here/corpus/certificate"
name="$here/corpus/name"
mkdir -p "$csr" "$crt" "$name"

cat > "$tmp/req.cnf" <<'CNF'
[req]
distinguished_name = dn
attributes = attrs
prompt = no
[dn]
C = US
O = Example Org
CN = www.example.com
[attrs]
challengePassword = s3cret
[ext]
subjectAltName = @alt
basicConstraints = critical, CA:FALSE
[alt]
DNS.1 = www.example.com
DNS.2 = *.example.org
IP.1 = 192.0.2.1
IP.2 = 2001:db8::1
email.1 = admin@example.com
URI.1 = https://example.com/
otherName.1 = 1.3.6.1.4.1.311.20.2.3;UTF8:user@example.com
otherName.2 = 1.3.6.1.5.2.2;SEQUENCE:krb5_princ
dirName.1 = dir_sect
RID.1 = 1.2.3.4
[dir_sect]
CN = Directory Name
[krb5_princ]
realm = EXP:0, GeneralString:EXAMPLE.COM
principal_name = EXP:1, SEQUENCE:krb5_name
[krb5_name]
name_type = EXP:0, INTEGER:1
name_string = EXP:1, SEQUENCE:krb5_parts
[krb5_parts]
part1 = GeneralString:host
part2 = GeneralString:www.example.com
CNF

key () { openssl genpkey -algorithm "$@" -out "$tmp/$k.key" 2>/dev/null; }
k=p256; key EC -pkeyopt ec_paramgen_curve:P-256
k=p384; key EC -pkeyopt ec_paramgen_curve:P-384
k=rsa; key RSA -pkeyopt rsa_keygen_bits:2048
k=rsapss; key RSA-PSS -pkeyopt rsa_keygen_bits:2048
k=ed25519; key ED25519

for k in p256 p384 rsa rsapss ed25519; do
	openssl req -new -config "$tmp/req.cnf" -reqexts ext -key "$tmp/$k.key" \
		-outform DER -out "$csr/$k.der"
done
openssl req -new -key "$tmp/rsa.key" -subj "/CN=pss" -sigopt rsa_padding_mode:pss \
	-outform DER -out "$csr/rsa-pss-sig.der"
openssl req -new -key "$tmp/p256.key" -subj "/CN=pem" -out "$csr/p256.pem"
openssl req -new -key "$tmp/p256.key" -subj "/" -outform DER -out "$csr/empty-subject.der"
for f in p256 ed25519; do
	size=$(wc -c < "$csr/$f.der")
	head -c $((size / 2)) "$csr/$f.der" > "$csr/$f-truncated-half.der"
	head -c $((size - 1)) "$csr/$f.der" > "$csr/$f-truncated-1.der"
done

openssl req -x509 -new -key "$tmp/p384.key" -subj "/C=US/O=Example/CN=Example Root" \
	-days 3650 -addext "basicConstraints=critical,CA:TRUE,pathlen:1" \
	-addext "keyUsage=critical,keyCertSign,cRLSign" -outform DER -out "$crt/root.der"
openssl x509 -inform DER -in "$crt/root.der" -out "$tmp/root.pem"
openssl req -new -config "$tmp/req.cnf" -key "$tmp/rsa.key" -out "$tmp/leaf.csr"
openssl x509 -req -in "$tmp/leaf.csr" -CA "$tmp/root.pem" -CAkey "$tmp/p384.key" \
	-set_serial 0x80ab00000000000000000000000000ff -days 30 -extfile "$tmp/req.cnf" \
	-extensions ext -outform DER -out "$crt/leaf.der" 2>/dev/null
openssl x509 -req -in "$tmp/leaf.csr" -CA "$tmp/root.pem" -CAkey "$tmp/p384.key" \
	-set_serial 5 -days 1 -outform DER -out "$crt/v1.der" 2>/dev/null
openssl req -x509 -new -key "$tmp/ed25519.key" -subj "/CN=ed" -days 1 -out "$crt/ed25519.pem"
cp "$crt/root.der" "$csr/certificate-not-a-csr.der"
size=$(wc -c < "$crt/leaf.der")
head -c $((size / 2)) "$crt/leaf.der" > "$crt/leaf-truncated-half.der"
head -c $((size - 1)) "$crt/leaf.der" > "$crt/leaf-truncated-1.der"

# name: first byte selects the parser (see fuzz-name.c)
printf '\000CN=www.example.com,O=Example\\, Inc.,C=US' > "$name/dn-text"
printf '\000/C=US/O=x+OU=y/CN=#lead\\+plus' > "$name/dn-slash"
printf '\000CN=#0C03616263+1.2.3.4=foo,DC=example' > "$name/dn-hex"
printf '\001\060\016\061\014\060\012\006\003\125\004\003\014\003abc' > "$name/dn-der"
printf '\002\060\015\202\013example.com' > "$name/gn-dns"
printf '\002\060\006\207\004\300\000\002\001' > "$name/gn-ip"
printf '\003dns:*.example.com' > "$name/san-dns"
printf '\003krb5:host/www.example.com@EXAMPLE.COM' > "$name/san-krb5"
printf '\003ip:2001:DB8::1' > "$name/san-ip6"
printf '\004-----BEGIN X-----\nMAMCAQE=\n-----END X-----\n' > "$name/pem"
printf '\005:80:ab:00:ff' > "$name/serial"
echo "corpus regenerated in $here/corpus"
