#!/bin/bash
# The need-aware comparison: the age-standardised women's share and index of
# docs/method.md's worked example, computed by gbetl from exactly the
# figures the document shows; the targets of activities.csv (balance, need,
# none), an old activities.csv without the column, and a bad target refused.
. "$TESTS_LIB/assert.sh"
. "$TESTS_LIB/seed.sh"
init_db

# Targets: the column is optional (a file written before it still loads),
# a value other than balance or need is refused with file, line and column.
mkdir -p "$TEST_TMP/m"
cp "$GBETL_SRC"/mappings/*.csv "$TEST_TMP/m/"
cut -d';' -f1-7 "$GBETL_SRC/mappings/activities.csv" >"$TEST_TMP/m/activities.csv"
run_gbetl 0 $D mappings "$TEST_TMP/m"
old_sum=$(sql "SELECT sha256 FROM mapping.mapping_set ORDER BY set_id DESC LIMIT 1")
assert_eq "$(sql "SELECT count(*) FROM mapping.activity WHERE target IS NOT NULL")" "0" "an activities.csv without targets loads"
sed -i 's/^5101;\(.*\)$/5101;\1;sometimes/' "$TEST_TMP/m/activities.csv"
run_gbetl 65 $D mappings "$TEST_TMP/m"
assert_match "$ERR" "activities.csv:7: .*target.*\"sometimes\" is not a target \(balance, need\)" "a bad target is refused with file and line"
cut -d';' -f1-7 "$GBETL_SRC/mappings/activities.csv" | sed '1s/$/;target/' >"$TEST_TMP/m/activities.csv"
run_gbetl 0 $D mappings --check "$TEST_TMP/m"
assert_match "$OUT $ERR" "${old_sum:0:12}" "an empty target column leaves the rules' checksum as it was"
run_gbetl 0 $D mappings
assert_eq "$(sql "SELECT string_agg(activity_code || ':' || target, ' ' ORDER BY activity_code) FROM mapping.activity")" \
	"3500:balance 5101:need 5102:need 5130:need 5300:need" "the targets of the default rules"

seed_batches 1 3 4 5

# The worked example: each band's population and hours, as the document has them.
example=$(sed -n '/standardisation example: begin/,/standardisation example: end/p' "$GBETL_SRC/docs/method.md")
bands=$(grep -E '^\| [0-9]+(–[0-9]+|\+) \|' <<<"$example")
[ "$(wc -l <<<"$bands")" -eq 3 ] || fail "docs/method.md's example has three age bands"
hours=0
n=0
while IFS='|' read -r _ band women men whours mhours _; do
	age=$(($(echo "$band" | grep -oE '[0-9]+' | head -1) + 5))
	n=$((n + 1))
	sql "INSERT INTO core.population VALUES ('0999', 5, $n, 2024, 2, $age, $age, $((women)), NULL),
	     ('0999', 5, $n, 2024, 1, $age, $age, $((men)), NULL)" >/dev/null
	care "md5('w$n')::uuid" 2 HT 3010 $((whours)) age=$age
	care "md5('m$n')::uuid" 1 HT 3010 $((mhours)) age=$age
	hours=$((hours + whours + mhours))
done <<<"$bands"
# 1 000 kr per hour
ledger 3010 5101 5010 $((hours * 100000))
# A youth centre (target balance) with 30 girls' and 70 boys' visits.
ledger 4010 3500 5010 10000
sql "INSERT INTO core.aggregate_count VALUES ('0999', 4, 1, '2024-03-01', '2024-03-31', '4010', '3500', NULL, 2, 30),
     ('0999', 4, 2, '2024-03-01', '2024-03-31', '4010', '3500', NULL, 1, 70)" >/dev/null
run_gbetl 0 $D allocate --year 2024

want=$(grep -E '^\| [0-9.]+ \| [0-9.]+ \|' <<<"$example" | tr -d ' ' | sed 's/^|//; s/|$//; s/yes$/t/; s/no$/f/')
got=$(sql "SELECT share_women_pct || '|' || share_population_women_pct || '|' || representation_index_women || '|' ||
	share_women_standardised_pct || '|' || representation_index_women_standardised || '|' || CASE WHEN target_met THEN 't' ELSE 'f' END
	FROM reporting.allocation_need WHERE fiscal_year = 2024 AND activity_code = '5101'")
assert_eq "$got" "$want" "docs/method.md's standardisation example: crude and standardised share and index, need target met"
assert_eq "$(sql "SELECT target || ' ' || need_tolerance_pp FROM reporting.allocation_need WHERE activity_code = '5101'")" "need 10" \
	"the need tolerance is 10 points by default"
assert_eq "$(sql "SELECT target || ' ' || share_women_pct || ' ' || share_women_standardised_pct || ' ' || target_met
	FROM reporting.allocation WHERE fiscal_year = 2024 AND activity_code = '5101'")" \
	"need $(cut -d'|' -f1 <<<"$want") $(cut -d'|' -f4 <<<"$want") true" \
	"reporting.allocation shows the target, the standardised share and whether the target is met"

# The tolerance is a setting: at 2 points the 2.2 points are too many.
sql "SELECT result.set_need_tolerance_pp(2)" >/dev/null
assert_eq "$(sql "SELECT target_met FROM reporting.allocation_need WHERE activity_code = '5101'")" "f" \
	"at a tolerance of 2 points a standardised share of 52.2 % misses the need target"
assert_match "$(sql "SELECT result.set_need_tolerance_pp(60)" 2>&1 || true)" "out of range" "a tolerance above 50 points is refused"

# balance: 30 % to girls is outside 40–60; no target: no judgement.
assert_eq "$(sql "SELECT target || ' ' || share_women_pct || ' ' || target_met FROM reporting.allocation_need WHERE activity_code = '3500'")" \
	"balance 30.0 false" "a youth centre with 30 % girls misses the balance target"
assert_eq "$(sql "SELECT target || ' ' || target_met FROM reporting.allocation WHERE activity_code = '3500'")" \
	"balance false" "reporting.allocation judges the balance target the same way"
sql "UPDATE mapping.activity SET target = NULL WHERE activity_code = '3500'" >/dev/null
assert_eq "$(sql "SELECT coalesce(target_met::text, 'none') FROM reporting.allocation_need WHERE activity_code = '3500'")" "none" \
	"without a target nothing is judged"
assert_eq "$(sql "SELECT DISTINCT target FROM reporting.allocation_detail WHERE activity_code = '5101'")" "need" \
	"the breakdown shows the activity's target"
