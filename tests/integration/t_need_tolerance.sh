#!/bin/bash
# gbetl.conf's need_tolerance_pp: how many percentage points the
# age-standardised women's share of an activity with the target "need" may
# lie from 50 %.  gbetl allocate and gbetl run apply it before they
# allocate, and it decides whether home care meets its target in
# reporting.allocation_need; a value outside 0-50 is refused with file,
# line and key, and changes nothing.
. "$TESTS_LIB/assert.sh"
load_sample 1500 2025
home_care() { sql "SELECT need_tolerance_pp || ' ' || CASE WHEN target_met THEN 't' ELSE 'f' END FROM reporting.allocation_need
	WHERE fiscal_year = 2025 AND activity_code = '5101'"; }
off=$(sql "SELECT abs(share_women_standardised_pct - 50) FROM reporting.allocation_need WHERE fiscal_year = 2025 AND activity_code = '5101'")
# the whole numbers of points just below and at or above it
below=$(sql "SELECT ceil($off)::int - 1")
above=$(sql "SELECT ceil($off)::int")
[ "$below" -ge 0 ] && [ "$above" -le 50 ] || fail "the sample's home care lies 0 to 50 points from 50 % ($off)"
assert_eq "$(home_care)" "10 $(sql "SELECT CASE WHEN $off <= 10 THEN 't' ELSE 'f' END")" \
	"by default 10 points: home care $off points from 50 % meets its need target only within them"

echo "need_tolerance_pp = $above" >>"$GBETL_CONFIG"
run_gbetl 0 $D allocate --year 2025
assert_match "$ERR" "the need tolerance is now $above percentage points" "allocate says it applied the tolerance"
assert_eq "$(home_care)" "$above t" "at $above points home care ($off from 50 %) meets its need target"
run_gbetl 0 $D allocate --year 2025
assert_not_match "$ERR" "need tolerance" "an unchanged tolerance is not applied again"
sed -i '/^need_tolerance_pp/d' "$GBETL_CONFIG"
echo "need_tolerance_pp = $below" >>"$GBETL_CONFIG"
run_gbetl 0 $D run
assert_eq "$(home_care)" "$below f" "gbetl run applies it too: at $below points home care misses its need target"
run_gbetl 0 config check
sed -i '/^need_tolerance_pp/d' "$GBETL_CONFIG"

# out of range or not a whole number: refused, nothing changed
for bad in 51 -1 7.5 ten; do
	echo "need_tolerance_pp = $bad" >>"$GBETL_CONFIG"
	line=$(grep -n '^need_tolerance_pp' "$GBETL_CONFIG" | cut -d: -f1)
	run_gbetl 78 $D allocate --year 2025
	assert_match "$ERR" "gbetl.conf:$line: .*need_tolerance_pp.*\"$bad\" is not a whole number of percentage points from 0 to 50" \
		"need_tolerance_pp = $bad is refused with file, line and key"
	assert_eq "$(home_care)" "$below f" "and changes nothing"
	sed -i '/^need_tolerance_pp/d' "$GBETL_CONFIG"
done
