#!/usr/bin/python3
"""Counts test results from meson testlog.json files: every TAP subtest counts
once; a test executable that failed without reporting a failing subtest (crash,
timeout) counts as one failure. Skips are counted apart, never as passes.
Prints 'N passed, N failed, N skipped'."""
import json
import re
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError as e:
        print(f"count-tests: cannot read {path}: {e}", file=sys.stderr)
        failed += 1
        continue
    for line in lines:
        if not line.strip():
            continue
        t = json.loads(line)
        out = t.get("stdout") or ""
        p = f = s = 0
        for tap in out.splitlines():
            if re.match(r"^not ok\b", tap):
                if "# TODO" in tap:
                    continue
                f += 1
            elif re.match(r"^ok\b", tap):
                if "# SKIP" in tap or "# skip" in tap:
                    s += 1
                else:
                    p += 1
        result = t.get("result")
        if result in ("FAIL", "ERROR", "TIMEOUT", "UNEXPECTEDPASS") and f == 0:
            f = 1
        if result == "SKIP" and p == 0 and f == 0 and s == 0:
            s = 1
        if result == "OK" and p == 0 and f == 0 and s == 0:
            p = 1
        passed += p
        failed += f
        skipped += s
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
