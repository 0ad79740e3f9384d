#!/bin/bash
# The sample municipality's budgets through a nightly run: the SIE 4 budget
# of 2025 and the budget file of 2026 (with a supplementary budget) load,
# equal what the generator wrote, are split by sex exactly at the reference
# year's shares, and the impact of a cut in home care can be estimated.
. "$TESTS_LIB/assert.sh"
load_sample 1000
assert_eq "$(ls "$TEST_TMP/inbox" | wc -l)" "0" "every file loaded, the budgets too"
assert_eq "$(sql "SELECT source || ' ' || kind || ' ' || status FROM etl.batch WHERE file_name LIKE 'budget%' ORDER BY 1")" \
	"budget budget loaded
budget_sie4 budget loaded" "two budget batches"
# The cost budgets (cost accounts) equal what the generator wrote.
cost() { sql "SELECT sum(budget_ore) FROM result.budget_allocation WHERE fiscal_year = $1"; }
assert_eq "$(cost 2025)" "$(sample_expected 2024 budget_next_year_ore)" "the 2025 cost budget (SIE 4)"
assert_eq "$(cost 2026)" "$(sample_expected 2025 budget_next_year_ore)" "the 2026 cost budget (the file, both versions)"
assert_eq "$(sql "SELECT count(*) FROM result.budget_allocation WHERE women_ore + men_ore + unknown_ore + not_individual_ore + unallocated_ore <> budget_ore")" \
	"0" "every row sums exactly"
assert_eq "$(sql "SELECT DISTINCT fiscal_year || ':' || reference_year FROM result.budget_allocation ORDER BY 1")" \
	"2025:2024
2026:2025" "the year before is the reference"
assert_eq "$(sql "SELECT reference FROM result.budget_allocation WHERE fiscal_year = 2025 AND committee_code = 'SOC' AND activity_code = '5130'")" \
	"activity" "LSS daily activity, moved to SOC: the activity's shares"
assert_eq "$(sql "SELECT string_agg(budget_version, ', ' ORDER BY budget_version) FROM result.budget_allocation WHERE fiscal_year = 2026 AND committee_code = 'VON' AND activity_code = '5101'")" \
	"Budget 2026, Tilläggsbudget 1" "the supplementary budget beside the budget"
assert_eq "$(sql "SELECT count(*) FROM reporting.budget_outcome WHERE fiscal_year = 2025 AND cost_total_sek IS NOT NULL")" \
	"$(sql "SELECT count(*) FROM result.budget_allocation b WHERE fiscal_year = 2025 AND EXISTS (SELECT 1 FROM result.allocation a WHERE a.fiscal_year = 2025 AND (a.committee_code, a.activity_code) = (b.committee_code, b.activity_code))")" \
	"2025: budget against outcome"
# The year's report has budget against outcome, by sex, per committee.
grep -q '<section class="budget">' "$TEST_TMP/reports/gbetl-2025.html" || fail "the 2025 report has the budget section"
assert_match "$(sed -n 1p "$TEST_TMP/reports/gbetl-2025-budget.csv")" "Nämnd;Namn;Budgetversion;Budget kvinnor;Budget män" "the budget CSV's header"
assert_eq "$(grep -c '^VON;' "$TEST_TMP/reports/gbetl-2025-budget.csv")" "1" "one row per committee and version"
[ ! -e "$TEST_TMP/reports/gbetl-2024-budget.csv" ] || fail "no budget, no budget CSV"
if grep -q '<section class="budget">' "$TEST_TMP/reports/gbetl-2024.html"; then fail "no budget, no section"; fi

# A cut of 500 000 kr in home care in 2026: the parts sum to the cut.
run_gbetl 0 $D impact --year 2026 --committee VON --activity 5101 --change=-500000 --csv "$TEST_TMP/i.csv"
assert_match "$OUT" "Utgångsläge: utfallet 2025" "the reference year"
assert_eq "$(sed -n 2p "$TEST_TMP/i.csv" | awk -F';' '{gsub(",", ".", $5); gsub(",", ".", $6); gsub(",", ".", $7); gsub(",", ".", $8); printf "%.2f", $5 + $6 + $7 + $8}')" \
	"-500000.00" "the cut by sex sums to the cut"
