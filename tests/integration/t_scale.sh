#!/bin/bash
# A care-system export of many read blocks (200,000 inhabitants, ~9 MB):
# every record arrives whole — no rejects, exactly the planted invalid
# numbers, valid UTF-8.  (A row cut by a block boundary once lost the values
# read before the cut; small files never showed it.)
. "$TESTS_LIB/assert.sh"
make_test_config
run_gbetl 0 sample --out "$TEST_TMP/s" --inhabitants 200000 --years 2024
f=$TEST_TMP/s/inbox/omsorg_2024.csv
"$GBETL" extract --source omsorg "$f" >"$TEST_TMP/stream" 2>"$TEST_TMP/err"
iconv -f UTF-8 -t UTF-8 "$TEST_TMP/stream" >/dev/null || fail "the stream is valid UTF-8"
trailer=$(tail -n 1 "$TEST_TMP/stream")
records=$(awk '$1 == "omsorg_records" {print $2}' "$TEST_TMP/s/expected.txt")
invalid=$(awk '$1 == "invalid_identity_numbers_omsorg" {print $2}' "$TEST_TMP/s/expected.txt")
assert_eq "$(cut -f2 <<<"$trailer")" "$records" "every record read"
assert_eq "$(cut -f5 <<<"$trailer")" "0" "no record rejected"
assert_eq "$(cut -f9 <<<"$trailer")" "$invalid" "exactly the planted invalid identity numbers"
assert_eq "$(cut -f8 <<<"$trailer")" "0" "no sex conflicts (the sample has none)"
