#!/bin/bash
# The allocation on small cases computed by hand, every method and rule;
# then the property: on many random inputs the parts always sum to the
# ledger cost, exactly.
. "$TESTS_LIB/assert.sh"
. "$TESTS_LIB/seed.sh"
init_db mappings

# One batch per kind, written directly (the allocation reads core only).
seed_batches 1 2 3 4 5

# Home care (volume): 100.00 kr over 1 + 2 hours to a woman and 1 hour to a man:
# 75.00 / 25.00 exactly; 100.01 kr gives the extra öre to the largest remainder.
ledger 3010 5101 5010 10001
care "$(k 1)" 2 HT 3010 1
care "$(k 1)" 2 HT 3010 2
care "$(k 2)" 1 HT 3010 1
# Headcount (färdtjänst): 3 women, 1 man, 1 of unknown sex (invalid number, no key).
ledger 3050 5300 6410 1000
care "$(k 3)" 2 FT 3050 5
care "$(k 4)" 2 FT 3050 5
care "$(k 5)" 2 FT 3050 5
care "$(k 3)" 2 FT 3050 5
care "$(k 6)" 1 FT 3050 5
care NULL 0 FT 3050 5
# Direct with a household split "equal": a man applies with a woman (100 kr),
# a woman alone (300 kr): women 350, men 50 of 400 paid; ledger cost 800.
ledger 2010 5750 4590 80000
care "$(k 7)" 1 EKB 2010 NULL co_key="$(k 8)" co_sex=2 amount=10000 batch=2
care "$(k 9)" 2 EKB 2010 NULL amount=30000 batch=2
# Aggregate (youth centre): 30 girls, 70 boys visits; 10 000 öre.
ledger 4010 3500 5010 10000
sql "INSERT INTO core.aggregate_count VALUES ('0999', 4, 1, '2024-03-01', '2024-03-31', '4010', '3500', NULL, 2, 30),
     ('0999', 4, 2, '2024-03-01', '2024-03-31', '4010', '3500', NULL, 1, 70)" >/dev/null
# Not individual-based (parks), cost with no recipients (daily activity), and
# an unmapped cost centre; revenue and internal revenue are not gross cost.
ledger 5010 2500 6410 4242
ledger 3210 5130 5010 777
ledger 9990 1000 6410 555
ledger 3010 5101 3510 -999
ledger 1010 1000 3910 -300
ledger 1010 1000 5010 1300
# The population of the age bands.
sql "INSERT INTO core.population VALUES ('0999', 5, 1, 2024, 2, 70, 70, 60, NULL), ('0999', 5, 2, 2024, 1, 70, 70, 40, NULL)" >/dev/null

run_gbetl 0 $D allocate --year 2024
row() { sql "SELECT $2 FROM result.allocation WHERE fiscal_year = 2024 AND activity_code = '$1' AND committee_code <> 'unmapped'"; }
parts="ledger_cost_ore, women_ore, men_ore, unknown_ore, not_individual_ore, unallocated_ore"
assert_eq "$(row 5101 "$parts")" "10001|7501|2500|0|0|0" "volume: 3 of 4 hours to women, the odd öre by largest remainder"
assert_eq "$(row 5101 "volume_women || '/' || volume_men || ' ' || recipients_women || '/' || recipients_men")" "3/1 1/1" \
	"volume and recipients"
assert_eq "$(row 5101 "balance_band || ' ' || share_cost_women || ' ' || representation_index_women")" "women 0.7500 1.250" \
	"share 75 %: women-dominated; index 0.75 / 0.60"
assert_eq "$(row 5300 "$parts")" "1000|600|200|200|0|0" "headcount: 3 women, 1 man, 1 unknown — unknown never spread"
assert_eq "$(row 5750 "$parts")" "80000|70000|10000|0|0|0" "direct, equal household split: by amounts paid"
assert_eq "$(row 3500 "$parts")" "10000|3000|7000|0|0|0" "aggregate: by counted visits"
assert_eq "$(row 2500 "$parts")" "4242|0|0|0|4242|0" "not individual-based"
assert_eq "$(row 5130 "$parts")" "777|0|0|0|0|777" "cost with no recipients is unallocated"
assert_eq "$(row 1000 "ledger_cost_ore")" "1300" "gross cost leaves internal revenue out"
assert_eq "$(sql "SELECT ledger_cost_ore || '|' || unallocated_ore FROM result.allocation WHERE committee_code = 'unmapped'")" "555|555" \
	"an unmapped cost centre keeps its amount, as its own row"

kr="round(ledger_cost_ore / 100.0, 2) || '|' || round(women_ore / 100.0, 2) || '|' || round(men_ore / 100.0, 2) || '|' ||
	round(unknown_ore / 100.0, 2) || '|' || round(not_individual_ore / 100.0, 2) || '|' || round(unallocated_ore / 100.0, 2)"
for a in 5101 5300 5750; do row $a "$kr"; done >"$TEST_TMP/computed.txt"
run_gbetl 0 $D allocate --year 2024 --direct-remainder apart
row 5750 "$kr" >>"$TEST_TMP/computed.txt"
run_gbetl 0 $D allocate --year 2024
for a in 3500 2500 5130; do row $a "$kr"; done >>"$TEST_TMP/computed.txt"
# docs/method.md's worked example shows exactly these numbers
sed -n '/worked example: begin/,/worked example: end/p' "$GBETL_SRC/docs/method.md" | grep '^| [a-z]' | tail -n +2 |
	awk -F'|' '{ out = ""; n = split("3 5 6 7 8 9", c, " ");
		for (i = 1; i <= n; i++) { v = $(c[i]); gsub(/[^0-9.]/, "", v); out = out (i > 1 ? "|" : "") sprintf("%.2f", v) }
		print out }' >"$TEST_TMP/documented.txt"
diff "$TEST_TMP/documented.txt" "$TEST_TMP/computed.txt" || fail "docs/method.md's worked example equals gbetl's numbers"
run_gbetl 0 $D allocate --year 2024 --direct-remainder apart
assert_eq "$(row 5750 "$parts")" "80000|35000|5000|0|40000|0" "direct apart: the cost beyond the amounts paid is administration"
run_gbetl 0 $D allocate --year 2024 --cost own
assert_eq "$(row 1000 "ledger_cost_ore")" "1000" "own cost nets internal revenue"
run_gbetl 2 $D allocate
run_gbetl 2 $D allocate --year 2024 --cost net

# The property: random ledgers, records, sexes and methods; every committee
# reconciles to the öre, for every seed.
for seed in 1 2 3 4 5 6 7 8; do
	sql "SELECT setseed(0.$seed); TRUNCATE core.ledger_entry, core.service_record, core.aggregate_count;
	$RANDOM_LEDGER;
	INSERT INTO core.service_record (municipality_code, batch_id, source_line, person_key, sex, sex_method, sex_conflict,
	     id_status, service_code, org_code, period_start, quantity, amount_ore, co_person_key, co_sex)
	SELECT '0999', CASE WHEN c = 'EKB' THEN 2 ELSE 1 END, g, ('00000000-0000-0000-0000-' || lpad((floor(random() * 50))::text, 12, '0'))::uuid,
	       floor(random() * 3)::int, 'n', false, 'v', c, o, '2025-02-01', round((random() * 40)::numeric, 1),
	       floor(random() * 900000)::bigint,
	       CASE WHEN random() < 0.3 THEN ('00000000-0000-0000-0000-' || lpad((floor(random() * 50))::text, 12, '0'))::uuid END,
	       CASE WHEN random() < 0.3 THEN floor(random() * 3)::int END
	FROM (SELECT g, (ARRAY['HT','FT','EKB','XX'])[1 + floor(random() * 4)::int] AS c,
	             (ARRAY['3010','3050','2010','3210'])[1 + floor(random() * 4)::int] AS o FROM generate_series(1, 500) g) s;
	$RANDOM_AGGREGATES" >/dev/null
	for remainder in share apart; do
		run_gbetl 0 $D allocate --year 2025 --direct-remainder $remainder
		assert_eq "$(sql "SELECT count(*) FROM result.allocation WHERE fiscal_year = 2025
			AND women_ore + men_ore + unknown_ore + not_individual_ore + unallocated_ore <> ledger_cost_ore")" "0" \
			"seed $seed, $remainder: every row reconciles"
		assert_eq "$(sql "SELECT sum(ledger_cost_ore) FROM result.allocation WHERE fiscal_year = 2025")" \
			"$(sql "SELECT sum(amount_ore) FROM core.ledger_entry WHERE fiscal_year = 2025 AND account IN ('5010','4010','6410')")" \
			"seed $seed, $remainder: the year's allocated cost is the ledger's cost, unmapped included"
	done
done
