#!/bin/bash
# The budget by sex (docs/method.md, "The budget by sex"), on cases computed
# by hand: each committee and activity's budget split by the shares of the
# reference year's outcome, largest remainder, every row exact; the
# reorganised committee takes the activity's municipality-wide shares; an
# activity without an outcome stays unallocated; a closed year is the
# reference before a later allocated one.
. "$TESTS_LIB/assert.sh"
init_db mappings

# The reference outcomes, written directly (the split reads the allocation).
out() { # year committee activity method women men unknown not_individual unallocated
	sql "INSERT INTO result.allocation (municipality_code, fiscal_year, committee_code, activity_code, method,
	     cost_basis, ledger_cost_ore, women_ore, men_ore, unknown_ore, not_individual_ore, unallocated_ore)
	     VALUES ('0999', $1, '$2', '$3', '$4', 'gross', $5 + $6 + $7 + $8 + $9, $5, $6, $7, $8, $9)" >/dev/null
}
out 2023 VON 5101 volume 1000 1000 0 0 0
out 2024 VON 5101 volume 7500 2500 0 0 5000
out 2024 KS 5101 volume 500 1500 0 0 0
out 2024 VON 5130 headcount 300 100 0 0 0
out 2024 VON 5300 headcount 600 200 200 0 0
out 2024 TEK 2500 none 0 0 0 4242 0

# The budgets of 2025, as finance keeps them (a file, two versions) ...
mkdir -p "$TEST_TMP/b"
cat >"$TEST_TMP/b/budget_2025.csv" <<'CSV'
År;Månad;Nämnd;Verksamhet;Konto;Belopp;Version
2025;;VON;5101;;1 000,01;Budget 2025
2025;;VON;5101;3010;-50,00;Budget 2025
2025;;VON;5300;;10,01;Budget 2025
2025;;TEK;2500;;9,99;Budget 2025
2025;;KFN;3200;;50,00;Budget 2025
2025;;KS;7777;;3,00;Budget 2025
2025;;VON;5101;;-1,00;Tilläggsbudget 1
CSV
run_gbetl 0 $D import --source budget "$TEST_TMP/b/budget_2025.csv"
# ... and a cost centre that moved from VON to SOC in 2025 (org_units.csv).
sql "INSERT INTO core.budget (municipality_code, batch_id, source_line, fiscal_year, period, org_code,
     activity_code, account, amount_ore, budget_version)
     VALUES ('0999', 0, 1, 2025, 202501, '3210', '5130', '5010', 1000, 'Budget 2025')" >/dev/null

run_gbetl 0 $D allocate --year 2025
row() { sql "SELECT reference || ' ' || coalesce(reference_year::text, '-') || ' ' || budget_ore || '|' || women_ore || '|' || men_ore || '|' || unknown_ore || '|' || not_individual_ore || '|' || unallocated_ore
             FROM result.budget_allocation WHERE fiscal_year = 2025 AND budget_version = '${3:-Budget 2025}' AND committee_code = '$1' AND activity_code = '$2'"; }
# 100 001 öre at 3:1 (the 5 000 unallocated of the outcome is no weight; the
# revenue row is not cost): 75 000.75 and 25 000.25, the odd öre to women.
assert_eq "$(row VON 5101)" "committee 2024 100001|75001|25000|0|0|0" "the committee's own shares, largest remainder"
assert_eq "$(row VON 5101 'Tilläggsbudget 1')" "committee 2024 -100|-75|-25|0|0|0" "each version on its own, a cut too"
# Reorganised: SOC had no 5130 in 2024; the activity across the
# municipality was 300:100, so 1 000 öre is 750 / 250.
assert_eq "$(row SOC 5130)" "activity 2024 1000|750|250|0|0|0" "a new committee takes the activity's municipality-wide shares"
# Unknown sex is a part of its own: 1 001 at 6:2:2 = 600.6, 200.2, 200.2.
assert_eq "$(row VON 5300)" "committee 2024 1001|601|200|200|0|0" "unknown sex is never spread over women and men"
assert_eq "$(row TEK 2500)" "committee 2024 999|0|0|0|999|0" "not individual-based stays so"
assert_eq "$(row KFN 3200)" "none 2024 5000|0|0|0|0|5000" "an activity with no outcome is unallocated"
assert_eq "$(row KS unmapped)" "none 2024 300|0|0|0|0|300" "an activity no rule knows is unmapped and unallocated"
assert_eq "$(sql "SELECT count(*) FROM result.budget_allocation WHERE women_ore + men_ore + unknown_ore + not_individual_ore + unallocated_ore <> budget_ore")" "0" \
	"every row sums exactly"
assert_eq "$(sql "SELECT sum(budget_ore) FROM result.budget_allocation")" "$(sql "SELECT sum(amount_ore) FROM core.budget WHERE account IS NULL OR account <> '3010'")" \
	"the split holds the whole cost budget"

# docs/method.md's worked example shows exactly these numbers
kr() { echo "CASE WHEN $1 = 0 THEN '0' ELSE to_char($1 / 100.0, 'FM999999990.00') END"; }
sed -n '/budget example: begin/,/budget example: end/p' "$GBETL_SRC/docs/method.md" | grep '^| [a-z]' | tail -n +2 |
	awk -F' *\\| *' '{print $5 "|" $6 "|" $7 "|" $8 "|" $9}' >"$TEST_TMP/documented.txt"
for ca in VON:5101 SOC:5130 VON:5300 TEK:2500 KFN:3200; do
	sql "SELECT $(kr women_ore) || '|' || $(kr men_ore) || '|' || $(kr unknown_ore) || '|' || $(kr not_individual_ore) || '|' || $(kr unallocated_ore)
	     FROM result.budget_allocation WHERE fiscal_year = 2025 AND budget_version = 'Budget 2025'
	     AND committee_code = '${ca%:*}' AND activity_code = '${ca#*:}'"
done >"$TEST_TMP/computed.txt"
assert_eq "$(grep -c . "$TEST_TMP/documented.txt")" "5" "docs/method.md has the five budget cases"
diff "$TEST_TMP/documented.txt" "$TEST_TMP/computed.txt" >&2 || fail "docs/method.md's budget example equals gbetl's numbers"

# A closed year before the budget year is the reference, before a later
# allocated one: 2023 was 1:1, so 100 001 öre is 50 001 / 50 000 (a tie: the
# odd öre to the first part, women).
run_gbetl 0 $D close-year 2023
run_gbetl 0 $D allocate --year 2025
assert_eq "$(row VON 5101)" "committee 2023 100001|50001|50000|0|0|0" "the latest closed year is the reference"
assert_eq "$(row VON 5300)" "none 2023 1001|0|0|0|0|1001" "no outcome in the reference year: unallocated"

# Budget against outcome: the year's allocated cost beside the budget, by
# sex; deviation = budget - outcome; analysts may read it.
out 2025 VON 5101 volume 80000 30000 0 0 0
assert_eq "$(sql "SELECT budget_total_sek, budget_women_sek, budget_men_sek, cost_total_sek, cost_women_sek, deviation_total_sek,
                  deviation_women_sek, deviation_men_sek, reference_year, reference, months_covered
                  FROM reporting.budget_outcome WHERE fiscal_year = 2025 AND committee_code = 'VON' AND activity_code = '5101'
                  AND budget_version = 'Budget 2025'")" \
	"1000.01|500.01|500.00|1100.00|800.00|-99.99|-299.99|200.00|2023|committee|12" "budget against outcome, by sex"
assert_eq "$(sql "SELECT cost_total_sek IS NULL, months_covered, budget_months FROM reporting.budget_outcome WHERE committee_code = 'SOC'")" \
	"t|0|1" "no outcome yet: the budget alone, and its one month"
assert_eq "$(sql "SET ROLE gbetl_analyst; SELECT count(*) FROM reporting.budget_outcome WHERE fiscal_year = 2025")" "7" \
	"analysts read the budget against outcome"

# The property: random budgets and weights always reconcile (2023 reopened:
# the latest allocated year, 2026, is the reference).
run_gbetl 0 $D reopen-year 2023 --reason "test of the budget split"
sql "DELETE FROM result.allocation WHERE fiscal_year = 2024;
     INSERT INTO result.allocation (municipality_code, fiscal_year, committee_code, activity_code, method, cost_basis,
            ledger_cost_ore, women_ore, men_ore, unknown_ore, not_individual_ore, unallocated_ore)
     SELECT '0999', 2026, 'C' || i, '5101', 'volume', 'gross', w + m + u, w, m, u, 0, 0
     FROM (SELECT i, (random() * 1e6)::bigint AS w, (random() * 1e6)::bigint AS m, (random() * 1e3)::bigint AS u
           FROM generate_series(1, 300) i) x;
     INSERT INTO core.budget (municipality_code, batch_id, source_line, fiscal_year, committee_code, activity_code,
            amount_ore, budget_version)
     SELECT '0999', 0, i, 2027, 'C' || i, '5101', ((random() - 0.3) * 1e10)::bigint, 'B' FROM generate_series(1, 300) i" >/dev/null
run_gbetl 0 $D allocate --year 2027
assert_eq "$(sql "SELECT count(*), count(*) FILTER (WHERE women_ore + men_ore + unknown_ore + not_individual_ore + unallocated_ore = budget_ore AND reference = 'committee' AND reference_year = 2026) FROM result.budget_allocation WHERE fiscal_year = 2027")" \
	"300|300" "300 random budgets split exactly"
