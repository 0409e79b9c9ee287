#!/bin/sh
# Installs what is needed, builds pkinext twice (software and FIPS backends)
# and runs the whole test suite. Ends with "N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/.."
./scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

status=0
logs=""
for backend in software fips; do
	dir="_build/$backend"
	if [ ! -d "$dir" ]; then
		meson setup "$dir" -Dcrypto_backend="$backend" -Dwerror=true || status=1
	fi
	ninja -C "$dir" || status=1
	suites=""
	# the FIPS build runs only what differs: its signer and the refusals
	[ "$backend" = fips ] && suites="--suite fips"
	# shellcheck disable=SC2086
	meson test -C "$dir" --print-errorlogs --num-processes 2 $suites || status=1
	logs="$logs $dir/meson-logs/testlog.json"
done
# shellcheck disable=SC2086
python3 scripts/count-tests.py $logs || status=1
exit $status
