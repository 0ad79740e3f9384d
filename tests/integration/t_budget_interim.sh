#!/bin/bash
# Interim follow-up (delårsuppföljning) through month 8, computed by hand:
# the budget through August (period rows of months 1-8 and 8/12 of the
# whole-year rows) split at the reference year's shares, against the
# outcome through August; a ledger reaching September is refused; gbetl
# snapshot freezes the comparison under a name, once.
. "$TESTS_LIB/assert.sh"
init_db mappings

# The reference outcome 2024: home care 3 : 1.
sql "INSERT INTO result.allocation (municipality_code, fiscal_year, committee_code, activity_code, method, cost_basis,
     ledger_cost_ore, women_ore, men_ore, unknown_ore, not_individual_ore, unallocated_ore)
     VALUES ('0999', 2024, 'VON', '5101', 'volume', 'gross', 4000, 3000, 1000, 0, 0, 0)" >/dev/null
# Budget 2025: 100 öre in each month (period rows) and 1 201 öre for the
# whole year. Through August: 8 × 100 + 1 201 × 8/12 = 800 + 800.67 -> 801
# (largest remainder: 800.67 of 1 201 is 800 with remainder 0.67 against
# 400.33's 0.33) = 1 601; women 3/4 = 1 200.75 -> 1 201, men 400.25 -> 400.
sql "INSERT INTO core.budget (municipality_code, batch_id, source_line, fiscal_year, period, committee_code,
     activity_code, amount_ore, budget_version)
     SELECT '0999', 0, m, 2025, 202500 + m, 'VON', '5101', 100, 'Budget 2025' FROM generate_series(1, 12) m
     UNION ALL SELECT '0999', 0, 13, 2025, NULL, 'VON', '5101', 1201, 'Budget 2025'" >/dev/null
# The outcome through August (ledger and care January to August, allocated:
# 20.00 kr, 3 hours to a woman and 1 to a man: 15.00 / 5.00).
sql "INSERT INTO etl.batch (batch_id, municipality_code, source, kind, file_name, sha256, status)
     OVERRIDING SYSTEM VALUE VALUES (1, '0999', 'huvudbok', 'ledger', 'c', repeat('c', 64), 'loaded'),
     (2, '0999', 'omsorg', 'service', 'a', repeat('a', 64), 'loaded');
     INSERT INTO core.service_record (municipality_code, batch_id, source_line, person_key, sex, sex_method,
     sex_conflict, id_status, service_code, org_code, period_start, quantity) VALUES
     ('0999', 2, 1, '00000000-0000-0000-0000-000000000001', 2, 'n', false, 'v', 'HT', '3010', '2025-03-01', 3),
     ('0999', 2, 2, '00000000-0000-0000-0000-000000000002', 1, 'n', false, 'v', 'HT', '3010', '2025-03-01', 1);
     INSERT INTO core.ledger_entry (municipality_code, batch_id, source_line, fiscal_year, entry_date, period,
     account, amount_ore, org_code, activity_code) VALUES ('0999', 1, 1, 2025, '2025-08-31', 202508, '5010', 2000, '3010', '5101')" >/dev/null
run_gbetl 0 $D allocate --year 2025
through() { sql "SELECT budget_ore || '|' || budget_women_ore || '|' || budget_men_ore || '|' || coalesce(cost_ore::text, '-') || ' ' || reference_year
                 FROM result.budget_outcome_through('0999', 2025::smallint, $1)"; }
assert_eq "$(through 8)" "1601|1201|400|2000 2024" "the budget through August against the outcome through August"
assert_eq "$(through 12)" "2401|1801|600|2000 2024" "through December: the whole budget"
# A ledger that reaches September cannot be the outcome through August.
sql "INSERT INTO core.ledger_entry (municipality_code, batch_id, source_line, fiscal_year, entry_date, period,
     account, amount_ore, org_code, activity_code) VALUES ('0999', 1, 2, 2025, '2025-09-30', 202509, '5010', 100, '3010', '5101')" >/dev/null
run_gbetl 65 $D snapshot --year 2025 --name T2 --through-month 8
assert_match "$ERR" "the ledger of 2025 has rows after month 8 \(through month 9\)" "a ledger past the month is refused"
run_gbetl 65 $D report --year 2025 --through-month 8 --out "$TEST_TMP/r"
[ ! -e "$TEST_TMP/r/gbetl-2025-budget-m08.csv" ] || fail "nothing written when refused"
sql "DELETE FROM core.ledger_entry WHERE period = 202509" >/dev/null
# A year whose data changed since its allocation (a file loaded since) is
# not frozen: the snapshot says so and how to go on.
sql "UPDATE etl.year_state SET changed_at = now() WHERE fiscal_year = 2025" >/dev/null
run_gbetl 65 $D snapshot --year 2025 --name T2 --through-month 8
assert_match "$ERR" "changed since it was last allocated" "a snapshot of a year changed since its allocation is refused"
assert_eq "$(sql "SELECT count(*) FROM result.budget_snapshot")" "0" "nothing is frozen"
run_gbetl 0 $D allocate --year 2025
# The second tertial's report: budget 16.01 (women 12.01, men 4.00) against
# outcome 20.00 (15.00, 5.00): deviations -2.99, -1.00, -3.99.
run_gbetl 0 $D report --year 2025 --through-month 8 --out "$TEST_TMP/r"
assert_eq "$(sed -n 2p "$TEST_TMP/r/gbetl-2025-budget-m08.csv" | tr -d "\r")" \
	"VON;Vård- och omsorgsnämnden;Budget 2025;12,01;4,00;16,01;15,00;5,00;20,00;-2,99;-1,00;-3,99;2024" \
	"the interim report through month 8, by sex"
grep -q "<td>-2.99</td>" "$TEST_TMP/r/gbetl-2025-budget-m08.html" || fail "the interim report's page"
run_gbetl 0 $D snapshot --year 2025 --name T2 --through-month 8
assert_match "$OUT" "VON +Budget 2025 +12.01 +15.00 +4.00 +5.00" "the snapshot's summary by sex"
assert_eq "$(sql "SELECT name, through_month, budget_ore, budget_women_ore, cost_women_ore FROM result.budget_snapshot")" \
	"T2|8|1601|1201|1500" "the snapshot is kept"
run_gbetl 65 $D snapshot --year 2025 --name T2 --through-month 8
assert_match "$ERR" 'already has a snapshot "T2"' "a name is taken once"
run_gbetl 2 $D snapshot --year 2025 --name T3 --through-month 13
# An identity number in a snapshot's name is masked before it is stored.
run_gbetl 0 $D snapshot --year 2025 --name "T3 19121212-1212" --through-month 8
assert_match "$ERR" "--name: an identity number in the text is masked" "the name's identity number is masked, with a warning"
assert_eq "$(sql "SELECT string_agg(name, ',' ORDER BY name) FROM result.budget_snapshot")" "T2,T3 19121212-****" \
	"the snapshot is kept under the masked name"
