#!/bin/bash
# The allocation on the largest accepted amounts and on corrections: it
# computes every accepted year exactly, however large its sums (money in
# numeric öre, migration 017), and refuses what would be wrong (a sex's
# weight below zero), naming committee, activity and year.
. "$TESTS_LIB/assert.sh"
. "$TESTS_LIB/seed.sh"
init_db mappings

seed_batches 1 2 3 4
MAX=100000000000000000 # 10^15 kronor in öre: the largest amount accepted

# The largest accepted amounts in every cell: a cost of 90 such rows
# (9 * 10^18 öre, just inside bigint) split by volume, by payments of the
# largest amount, and an aggregate; and quantities of 10^12 hours.
ledger 3010 5101 5010 $MAX 90
care "$(k 1)" 2 HT 3010 1000000000000 times=3
care "$(k 2)" 1 HT 3010 1000000000000
ledger 2010 5750 4590 -$MAX 90
care "$(k 3)" 2 EKB 2010 NULL amount=$MAX batch=2 times=50
care "$(k 4)" 1 EKB 2010 NULL amount=-$MAX batch=2 times=10
care "$(k 5)" 1 EKB 2010 NULL amount=$MAX batch=2 times=60
ledger 4010 3500 5010 $MAX 90
sql "INSERT INTO core.aggregate_count VALUES ('0999', 4, 1, '2024-03-01', '2024-03-31', '4010', '3500', NULL, 2, 100000000),
     ('0999', 4, 2, '2024-03-01', '2024-03-31', '4010', '3500', NULL, 1, 100000000)" >/dev/null
run_gbetl 0 $D allocate --year 2024
row() { sql "SELECT $2 FROM result.allocation WHERE fiscal_year = 2024 AND activity_code = '$1'"; }
parts="ledger_cost_ore, women_ore, men_ore, unknown_ore, not_individual_ore, unallocated_ore"
assert_eq "$(row 5101 "$parts")" "9000000000000000000|6750000000000000000|2250000000000000000|0|0|0" \
	"volume on the largest amounts, exact"
assert_eq "$(row 5750 "$parts")" "-9000000000000000000|-4500000000000000000|-4500000000000000000|0|0|0" \
	"direct on the largest payments, exact"
assert_eq "$(row 3500 "$parts")" "9000000000000000000|4500000000000000000|4500000000000000000|0|0|0" \
	"aggregate on the largest counts, exact"

# Sums beyond bigint (93 and more rows of the largest amount in one cell):
# computed exactly, every part, every breakdown and the reporting views
ledger 3010 5101 5010 $MAX 3
care "$(k 7)" 2 EKB 2010 NULL amount=$MAX batch=2 times=93
run_gbetl 0 $D allocate --year 2024 --direct-remainder apart
assert_eq "$(row 5101 "$parts")" "9300000000000000000|6975000000000000000|2325000000000000000|0|0|0" \
	"a cost of 93 of the largest amounts, split exactly"
assert_eq "$(row 5750 "$parts, volume_women")" \
	"-9000000000000000000|14300000000000000000|5000000000000000000|0|-28300000000000000000|0|143000000000000000" \
	"payments of 193 of the largest amounts (143 to women), the remainder apart, exact to the öre"
assert_eq "$(sql "SELECT count(*) FROM result.allocation WHERE fiscal_year = 2024
	AND women_ore + men_ore + unknown_ore + not_individual_ore + unallocated_ore <> ledger_cost_ore")" "0" \
	"every row reconciles to the öre"
assert_eq "$(sql "SELECT count(*) FROM result.allocation a CROSS JOIN (VALUES ('age_band'), ('district'), ('unit')) x(d)
	CROSS JOIN LATERAL (SELECT sum(ledger_cost_ore) AS c, sum(women_ore) AS w, sum(men_ore) AS m
	                    FROM result.allocation_detail t WHERE t.fiscal_year = 2024 AND t.dimension = x.d
	                    AND t.committee_code = a.committee_code AND t.activity_code = a.activity_code) t
	WHERE a.fiscal_year = 2024 AND (a.ledger_cost_ore, a.women_ore, a.men_ore) IS DISTINCT FROM (t.c, t.w, t.m)")" \
	"0" "every breakdown sums to its row"
assert_eq "$(sql "SELECT cost_total_sek, cost_women_sek FROM reporting.allocation WHERE fiscal_year = 2024 AND activity_code = '5101'")" \
	"93000000000000000.00|69750000000000000.00" "the reporting view shows it"
assert_eq "$(sql "SELECT sum(difference_sek) FROM reporting.reconciliation WHERE fiscal_year = 2024")" "0.00" \
	"and reconciles"
assert_eq "$(sql "SELECT cost_ore FROM result.key_figure WHERE fiscal_year = 2024 AND activity_code = '5101' AND sex = 2")" \
	"6975000000000000000" "the key figures too"
sql "DELETE FROM core.service_record WHERE person_key = $(k 7)" >/dev/null
sql "DELETE FROM core.ledger_entry WHERE ctid IN (SELECT ctid FROM core.ledger_entry WHERE org_code = '3010' LIMIT 3)" >/dev/null
run_gbetl 0 $D allocate --year 2024

# Corrections that make one sex's volume negative: a man's correction of
# more hours than men had would give all of home care to women; refused,
# and the earlier results stay
before=$(row 5101 "$parts")
care "$(k 6)" 1 HT 3010 -1000000100000
run_gbetl 1 $D allocate --year 2024
assert_match "$ERR" 'the weight of men in committee "[^"]+", activity "5101" in 2024 is negative' \
	"negative weights are refused, naming committee, activity and year"
assert_eq "$(row 5101 "$parts")" "$before" "a refused allocation changes nothing"
