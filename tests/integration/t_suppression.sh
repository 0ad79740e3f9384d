#!/bin/bash
# Small counts, as an analyst sees them: a real login granted gbetl_analyst
# reads every reporting view and mapping table with SELECT *, nothing in
# core, etl or result, and finds no count from 1 to threshold - 1
# and no hidden count that the row's other columns, the year before or a
# total give back — at the thresholds 5 and 15, set in gbetl.conf.
. "$TESTS_LIB/assert.sh"
make_test_config
D="-d $TEST_DSN"

# The threshold comes from the configuration; below 3 is refused with file:line.
echo "suppress_below = 2" >>"$GBETL_CONFIG"
run_gbetl 78 config show
assert_match "$ERR" "gbetl.conf:$(wc -l <"$GBETL_CONFIG"): .*suppress_below.*from 3" "a threshold below 3 is refused with file and line"
sed -i '$d' "$GBETL_CONFIG"
echo "suppress_below = 5" >>"$GBETL_CONFIG"

run_gbetl 0 $D init
run_gbetl 0 $D mappings
run_gbetl 0 sample --out "$TEST_TMP/s" --inhabitants 1500 --years 2023,2024
cp "$TEST_TMP"/s/inbox/* "$TEST_TMP/inbox/"
run_gbetl 0 $D run

login=analyst_$TEST_NAME
sql "DROP ROLE IF EXISTS $login; CREATE ROLE $login LOGIN; GRANT gbetl_analyst TO $login" >/dev/null
as_analyst() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$TEST_DSN" -U "$login" -c "$1" 2>&1; }

# Access: every reporting view and mapping table, whole rows; nothing else.
for v in $(sql "SELECT schemaname || '.' || viewname FROM pg_views WHERE schemaname = 'reporting'
                UNION ALL SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname = 'mapping'"); do
	out=$(as_analyst "SELECT * FROM $v") || fail "the analyst cannot SELECT * FROM $v: $out"
done
for t in $(sql "SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname IN ('core', 'etl', 'result') AND c.relkind IN ('r', 'v', 'p', 'm')"); do
	assert_match "$(as_analyst "SELECT * FROM $t LIMIT 1" || true)" "permission denied" "the analyst cannot read $t"
done
assert_match "$(as_analyst "SELECT result.set_suppress_below(3)" || true)" "permission denied" \
	"the analyst cannot lower the threshold"

# check_threshold T — everything an analyst sees at threshold T.
check_threshold() {
	local t=$1
	assert_eq "$(as_analyst "SELECT count(*) FROM reporting.allocation WHERE recipients_women BETWEEN 1 AND $t - 1
		OR recipients_men BETWEEN 1 AND $t - 1")" "0" "threshold $t: no small count in reporting.allocation"
	assert_eq "$(as_analyst "SELECT count(*) FROM reporting.key_figure k WHERE recipients BETWEEN 1 AND $t - 1
		OR (volume BETWEEN 1 AND $t - 1 AND EXISTS (SELECT 1 FROM reporting.allocation a WHERE a.method = 'aggregate'
		    AND (a.fiscal_year, a.committee_code, a.activity_code) = (k.fiscal_year, k.committee_code, k.activity_code)))")" "0" \
		"threshold $t: no small count (recipients, or people of an aggregate activity) in reporting.key_figure"
	# The rule is kept where it must be: every group with a small true count is hidden whole.
	local truth
	truth=$(sql "SELECT count(*) FROM result.allocation WHERE recipients_women BETWEEN 1 AND $t - 1
		OR recipients_men BETWEEN 1 AND $t - 1 OR recipients_unknown BETWEEN 1 AND $t - 1")
	[ "$truth" -gt 0 ] || fail "threshold $t: the sample has no small count, the test proves nothing"
	assert_eq "$(sql "SELECT count(*) FROM result.allocation a JOIN reporting.allocation r USING (fiscal_year, committee_code, activity_code)
		WHERE (a.recipients_women BETWEEN 1 AND $t - 1 OR a.recipients_men BETWEEN 1 AND $t - 1
		       OR a.recipients_unknown BETWEEN 1 AND $t - 1)
		  AND (NOT r.recipients_suppressed OR r.recipients_women IS NOT NULL OR r.recipients_men IS NOT NULL)")" "0" \
		"threshold $t: a row with a small count hides the counts of both sexes"
	assert_eq "$(as_analyst "SELECT count(*) FROM reporting.key_figure k JOIN reporting.allocation a
		USING (fiscal_year, committee_code, activity_code) WHERE k.suppressed <> a.recipients_suppressed")" "0" \
		"threshold $t: a group is hidden in both views or in neither"
	assert_eq "$(as_analyst "SELECT count(*) FROM (SELECT 1 FROM reporting.key_figure
		GROUP BY fiscal_year, committee_code, activity_code HAVING count(DISTINCT suppressed) > 1) g")" "0" \
		"threshold $t: women, men and unknown sex of a group are hidden together"
	# Nothing in a hidden row gives the count back.
	assert_eq "$(as_analyst "SELECT count(*) FROM reporting.key_figure WHERE suppressed AND (recipients IS NOT NULL
		OR cost_per_recipient_sek IS NOT NULL OR volume_per_recipient IS NOT NULL
		OR recipients_change_pct IS NOT NULL OR cost_per_recipient_change_pct IS NOT NULL)")" "0" \
		"threshold $t: no per-recipient figure or change in a hidden row"
	assert_eq "$(as_analyst "SELECT count(*) FROM reporting.allocation WHERE recipients_suppressed
		AND (cost_per_recipient_women_sek IS NOT NULL OR cost_per_recipient_men_sek IS NOT NULL
		     OR volume_per_recipient_women IS NOT NULL OR volume_per_recipient_men IS NOT NULL
		     OR (method = 'aggregate' AND (volume_women IS NOT NULL OR volume_men IS NOT NULL
		         OR cost_per_unit_women_sek IS NOT NULL OR cost_per_unit_men_sek IS NOT NULL)))")" "0" \
		"threshold $t: no per-recipient figure, and no visits of an aggregate activity, in a hidden row of reporting.allocation"
	assert_eq "$(as_analyst "SELECT count(*) > 0 FROM reporting.allocation WHERE recipients_suppressed
		AND cost_per_inhabitant_women_sek IS NOT NULL")" "t" \
		"threshold $t: the cost per inhabitant (cost and public population) stays in a hidden row"
	assert_eq "$(as_analyst "SELECT count(*) FROM reporting.key_figure k JOIN reporting.key_figure p
		ON p.fiscal_year = k.fiscal_year - 1 AND (p.committee_code, p.activity_code, p.sex) = (k.committee_code, k.activity_code, k.sex)
		WHERE p.suppressed AND (k.recipients_change_pct IS NOT NULL OR k.cost_per_recipient_change_pct IS NOT NULL)")" "0" \
		"threshold $t: no change since a hidden year"
	# Totals: the only counts of people published are the cells themselves,
	# so no total exists to subtract published cells from.
	assert_eq "$(as_analyst "SELECT string_agg(table_name || '.' || column_name, ' ' ORDER BY table_name, column_name) FROM information_schema.columns
		WHERE table_schema = 'reporting' AND (column_name LIKE '%recipient%' OR column_name LIKE '%total%' OR column_name LIKE '%count%')")" \
		"allocation.cost_per_recipient_men_sek allocation.cost_per_recipient_women_sek allocation.cost_total_sek allocation.recipients_men allocation.recipients_suppressed allocation.recipients_women allocation.volume_per_recipient_men allocation.volume_per_recipient_women allocation_detail.cost_total_sek allocation_detail.recipients_men allocation_detail.recipients_suppressed allocation_detail.recipients_women budget_outcome.budget_total_sek budget_outcome.cost_total_sek budget_outcome.deviation_total_sek key_figure.cost_per_recipient_change_pct key_figure.cost_per_recipient_sek key_figure.recipients key_figure.recipients_change_pct key_figure.volume_per_recipient municipality.cost_total_sek" \
		"threshold $t: no total of recipients is published"
	# The breakdowns by age band, district and unit: no small count; a cell
	# with a small true count is hidden whole; a hidden cell shows no count,
	# cost or figure derived from them; and no breakdown of a shown row has
	# exactly one hidden cell, which the row less the other cells would give back.
	assert_eq "$(as_analyst "SELECT count(*) FROM reporting.allocation_detail WHERE recipients_women BETWEEN 1 AND $t - 1
		OR recipients_men BETWEEN 1 AND $t - 1")" "0" "threshold $t: no small count in reporting.allocation_detail"
	truth=$(sql "SELECT count(*) FROM result.allocation_detail WHERE recipients_women BETWEEN 1 AND $t - 1
		OR recipients_men BETWEEN 1 AND $t - 1 OR recipients_unknown BETWEEN 1 AND $t - 1")
	[ "$truth" -gt 0 ] || fail "threshold $t: the sample has no small count in a breakdown, the test proves nothing"
	assert_eq "$(sql "SELECT count(*) FROM result.allocation_detail a JOIN reporting.allocation_detail r
		USING (fiscal_year, committee_code, activity_code, dimension, cell)
		WHERE (a.recipients_women BETWEEN 1 AND $t - 1 OR a.recipients_men BETWEEN 1 AND $t - 1
		       OR a.recipients_unknown BETWEEN 1 AND $t - 1) AND NOT r.recipients_suppressed")" "0" \
		"threshold $t: a cell with a small count is hidden"
	assert_eq "$(as_analyst "SELECT count(*) FROM reporting.allocation_detail d JOIN reporting.allocation a
		USING (fiscal_year, committee_code, activity_code) WHERE a.recipients_suppressed AND NOT d.recipients_suppressed")" "0" \
		"threshold $t: every cell of a hidden row is hidden"
	assert_eq "$(as_analyst "SELECT count(*) FROM reporting.allocation_detail WHERE recipients_suppressed AND (recipients_women IS NOT NULL
		OR recipients_men IS NOT NULL OR share_women_pct IS NOT NULL OR cost_per_inhabitant_women_sek IS NOT NULL
		OR cost_per_inhabitant_men_sek IS NOT NULL OR (cell <> 'övriga (dolda)' AND (cost_total_sek IS NOT NULL
		OR cost_women_sek IS NOT NULL OR cost_men_sek IS NOT NULL)))")" "0" \
		"threshold $t: a hidden cell shows no count, cost, share or per-inhabitant figure"
	assert_eq "$(as_analyst "SELECT count(*) FROM (SELECT 1 FROM reporting.allocation_detail d JOIN reporting.allocation a
		USING (fiscal_year, committee_code, activity_code) WHERE NOT a.recipients_suppressed AND d.cell <> 'övriga (dolda)'
		GROUP BY fiscal_year, committee_code, activity_code, dimension HAVING count(*) FILTER (WHERE d.recipients_suppressed) = 1) x")" "0" \
		"threshold $t: no breakdown of a shown row has exactly one hidden cell"
	assert_eq "$(as_analyst "SELECT count(*) FROM reporting.allocation_detail WHERE NOT recipients_suppressed")" \
		"$(sql "SELECT count(*) FROM result.suppressed_cell WHERE NOT hidden")" "threshold $t: the cells not hidden are shown"
	[ "$(sql "SELECT count(*) FROM result.suppressed_cell WHERE NOT hidden")" -gt 0 ] ||
		fail "threshold $t: every cell is hidden, the test proves nothing"
	# The report marks hidden rows and says why.
	local csv=$TEST_TMP/reports/gbetl-2024-kommun.csv
	[ -f "$csv" ] || fail "no report $csv"
	assert_match "$(head -1 "$csv")" "Dold|Suppressed" "threshold $t: the CSV has a suppressed column"
	assert_match "$(cat "$TEST_TMP/reports/gbetl-2024.html")" "under $t " "threshold $t: the HTML report explains the threshold"
	assert_eq "$(awk -F';' -v t="$t" 'NR > 1 { for (c = 13; c <= 14; c++) { v = $c; gsub(/[^0-9]/, "", v);
		if (v != "" && v + 0 >= 1 && v + 0 < t) n++ } } END { print n + 0 }' "$csv")" "0" \
		"threshold $t: no small count in the CSV report"
	assert_eq "$(awk -F';' -v t="$t" 'NR > 1 { for (c = 14; c <= 15; c++) { v = $c; gsub(/[^0-9]/, "", v);
		if (v != "" && v + 0 >= 1 && v + 0 < t) n++ } } END { print n + 0 }' "$TEST_TMP/reports/gbetl-2024-fordelning.csv")" "0" \
		"threshold $t: no small count in the report's breakdowns"
	# each hidden row shows ".." for both sexes' counts, and for the figures
	# derived from them
	local marks hidden
	marks=$(grep -o '<td class="n">\.\.</td>' "$TEST_TMP/reports/gbetl-2024.html" | wc -l)
	hidden=$(as_analyst "SELECT count(*) FROM reporting.allocation WHERE fiscal_year = 2024 AND recipients_suppressed")
	[ "$marks" -ge $((hidden * 2)) ] || fail "threshold $t: the HTML report marks each hidden count ($marks marks, $hidden hidden rows)"
	[ "$hidden" -eq 0 ] || [ "$marks" -gt 0 ] || fail "threshold $t: hidden rows are marked"
}

check_threshold 5
[ "$(sql "SELECT count(*) FROM result.suppressed_cell WHERE secondary")" -gt 0 ] ||
	fail "threshold 5: no cell is hidden beside another, the test proves nothing"
assert_eq "$(as_analyst "SELECT count(*) > 0 FROM reporting.allocation WHERE recipients_women BETWEEN 5 AND 14
	OR recipients_men BETWEEN 5 AND 14")" "t" "at threshold 5 counts from 5 to 14 are shown"
assert_eq "$(sql "SELECT count(*) > 0 FROM result.allocation WHERE 13 IN (recipients_women, recipients_men)")" "t" \
	"the sample has a count of 13"

# Threshold 15, from gbetl.conf: init, mappings and run each apply it.
sed -i 's/^suppress_below = 5$/suppress_below = 15/' "$GBETL_CONFIG"
run_gbetl 0 config show
assert_match "$OUT" "suppress_below += 15" "config show shows the threshold"
run_gbetl 0 $D init
assert_eq "$(sql "SELECT value FROM result.setting WHERE key = 'suppress_below'")" "15" "gbetl init applies the threshold"
sql "UPDATE result.setting SET value = '5' WHERE key = 'suppress_below'" >/dev/null
run_gbetl 0 $D mappings
assert_eq "$(sql "SELECT value FROM result.setting WHERE key = 'suppress_below'")" "15" "gbetl mappings applies the threshold"
sql "UPDATE result.setting SET value = '5' WHERE key = 'suppress_below'" >/dev/null
run_gbetl 0 $D run
assert_eq "$(sql "SELECT value FROM result.setting WHERE key = 'suppress_below'")" "15" "gbetl run applies the threshold"
assert_eq "$(as_analyst "SELECT count(*) FROM reporting.allocation WHERE 13 IN (recipients_women, recipients_men)")" "0" \
	"at threshold 15 a count of 13 is hidden"
run_gbetl 0 $D report --year 2024 --out "$TEST_TMP/reports"
check_threshold 15
