#!/bin/sh
# Issuance benchmark: pkinext vs the cryptographic limit vs `openssl ca`, on one core.
# Usage: bench/issue.sh [N]   (builds _build/software if needed)
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
n=${1:-3000}
[ -d _build/software ] || meson setup _build/software >/dev/null
ninja -C _build/software bench/issue-bench >/dev/null
bench="$top/_build/software/bench/issue-bench"
export PKINEXT_PROFILES_DIR="$top/data/profiles"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== pkinext issuance on one core (N=$n, P-256 CSRs with one DNS SAN, profile tls-server)"
for alg in ecdsa-p256-sha256 ed25519; do
	mkdir -p "$tmp/csr-$alg"
	taskset -c 0 "$bench" "$alg" "$n" "$tmp/csr-$alg"
done

echo "== through SoftHSM2 (PKCS#11)"
export SOFTHSM2_CONF="$tmp/softhsm2.conf"
mkdir -p "$tmp/tokens"
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$tmp" > "$SOFTHSM2_CONF"
softhsm2-util --init-token --free --label bench --so-pin 12345678 --pin 1234 >/dev/null
export PKINEXT_BENCH_TOKEN=bench PKINEXT_BENCH_PIN=1234
for alg in ecdsa-p256-sha256 ed25519; do
	mkdir -p "$tmp/csr11-$alg"
	taskset -c 0 "$bench" "$alg" "$((n / 2))" "$tmp/csr11-$alg" pkcs11
done

echo "== openssl ca, same CSRs (P-256 CA key, one process per certificate as operators run it)"
ca="$tmp/openssl-ca"
mkdir -p "$ca/certs"
: > "$ca/index.txt"
echo 1000 > "$ca/serial"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$ca/ca.key" \
	-subj /CN=openssl-bench-ca -days 30 -out "$ca/ca.pem" 2>/dev/null
cat > "$ca/ca.cnf" <<CNF
[ca]
default_ca = bench
[bench]
dir = $ca
database = $ca/index.txt
new_certs_dir = $ca/certs
serial = $ca/serial
certificate = $ca/ca.pem
private_key = $ca/ca.key
default_md = sha256
default_days = 90
policy = anything
unique_subject = no
copy_extensions = copy
x509_extensions = leaf
[anything]
commonName = supplied
[leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
m=$((n / 10))
start=$(date +%s.%N)
i=0
for f in "$tmp"/csr-ecdsa-p256-sha256/csr-*.pem; do
	[ "$i" -lt "$m" ] || break
	taskset -c 0 openssl ca -batch -config "$ca/ca.cnf" -in "$f" -out "$ca/certs/out-$i.pem" 2>/dev/null
	i=$((i + 1))
done
end=$(date +%s.%N)
awk -v n="$m" -v s="$start" -v e="$end" 'BEGIN { printf "openssl  ca                 issued/s %8.0f  (%d certificates)\n", n / (e - s), n }'
echo "(ratio = pkinext issued/s divided by 1/(t_verify + t_sign); target >= 0.7 for P-256 and Ed25519 in software)"
