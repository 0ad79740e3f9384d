#!/bin/sh
# run_unit.sh BUILD TEST... — run cmocka unit test programs, print totals.
# Each program prints cmocka's own summary; this adds one line for all.
build=$1
shift
pass=0
fail=0
failed=""
for t in "$@"; do
	name=$(basename "$t")
	# Unit tests find their data under tests/data/ through GBETL_SRC.
	if GBETL_SRC="$(pwd)" "$t"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		failed="$failed $name"
	fi
done
echo "unit tests ($build): $pass passed, $fail failed"
[ "$fail" -eq 0 ] || { echo "failed:$failed" >&2; exit 1; }
