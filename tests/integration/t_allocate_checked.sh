#!/bin/bash
# The allocation on the largest accepted amounts and on corrections: it
# computes every accepted year exactly, however large its sums (money in
# numeric öre, migration 017), and refuses what would be wrong (a sex's
# weight below zero), naming committee, activity and year.
. "$TESTS_LIB/assert.sh"
make_test_config
D="-d $TEST_DSN"
run_gbetl 0 $D init
run_gbetl 0 $D mappings

sql "INSERT INTO etl.batch (batch_id, municipality_code, source, kind, file_name, sha256, status)
     OVERRIDING SYSTEM VALUE VALUES
     (1, '0999', 'omsorg', 'service', 'a', repeat('a', 64), 'loaded'),
     (2, '0999', 'ekbistand', 'service', 'b', repeat('b', 64), 'loaded'),
     (3, '0999', 'huvudbok', 'ledger', 'c', repeat('c', 64), 'loaded'),
     (4, '0999', 'fritidsgard', 'aggregate', 'd', repeat('d', 64), 'loaded')" >/dev/null
ledger() { # org activity account öre [times]
	sql "INSERT INTO core.ledger_entry (municipality_code, batch_id, source_line, fiscal_year, entry_date, period,
	     account, amount_ore, org_code, activity_code) SELECT '0999', 3, i, 2024, '2024-06-30', 202406, '$3', $4, '$1', '$2'
	     FROM generate_series(1, ${5:-1}) i" >/dev/null
}
care() { # key sex code org qty amount batch [times]
	sql "INSERT INTO core.service_record (municipality_code, batch_id, source_line, person_key, sex, sex_method,
	     sex_conflict, id_status, service_code, org_code, period_start, quantity, amount_ore)
	     SELECT '0999', $7, i, $1, $2, 'n', false, 'v', '$3', '$4', '2024-03-01', $5, $6 FROM generate_series(1, ${8:-1}) i" >/dev/null
}
k() { echo "'00000000-0000-0000-0000-00000000000$1'"; }
MAX=100000000000000000 # 10^15 kronor in öre: the largest amount accepted

# The largest accepted amounts in every cell: a cost of 90 such rows
# (9 * 10^18 öre, just inside bigint) split by volume, by payments of the
# largest amount, and an aggregate; and quantities of 10^12 hours.
ledger 3010 5101 5010 $MAX 90
care "$(k 1)" 2 HT 3010 1000000000000 NULL 1 3
care "$(k 2)" 1 HT 3010 1000000000000 NULL 1
ledger 2010 5750 4590 -$MAX 90
care "$(k 3)" 2 EKB 2010 NULL $MAX 2 50
care "$(k 4)" 1 EKB 2010 NULL -$MAX 2 10
care "$(k 5)" 1 EKB 2010 NULL $MAX 2 60
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
care "$(k 7)" 2 EKB 2010 NULL $MAX 2 93
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
care "$(k 6)" 1 HT 3010 -1000000100000 NULL 1
run_gbetl 1 $D allocate --year 2024
assert_match "$ERR" 'the weight of men in committee "[^"]+", activity "5101" in 2024 is negative' \
	"negative weights are refused, naming committee, activity and year"
assert_eq "$(row 5101 "$parts")" "$before" "a refused allocation changes nothing"
