#!/bin/bash
# Year end: close freezes the figures with the batches they rest on; a closed
# year refuses imports and allocations; reopen needs a reason and is logged;
# a new close is a new version and the old one is kept.  A year with cost
# given to neither women nor men is closed only when that is accepted
# (--accept-unmapped), and the close records it; close and reopen rewrite
# the year's report files.  --year YYYY and a bare YYYY are the same.
. "$TESTS_LIB/assert.sh"
load_sample 800 2024

run_gbetl 65 $D close-year 2023
assert_match "$ERR" "no allocation" "a year without an allocation cannot be closed"
# the sample has cost on codes no rule maps: the close names the amounts and refuses
unmapped=$(sql "SELECT to_char(sum(unallocated_ore) FILTER (WHERE method = 'unmapped')::numeric / 100, 'FM9999999999999990.00')
	FROM result.allocation WHERE fiscal_year = 2024")
unallocated=$(sql "SELECT to_char(coalesce(sum(unallocated_ore) FILTER (WHERE method <> 'unmapped'), 0)::numeric / 100, 'FM9999999999999990.00')
	FROM result.allocation WHERE fiscal_year = 2024")
[ "$unmapped" != "0.00" ] || fail "the sample has unmapped cost"
run_gbetl 65 $D close-year 2024
assert_match "$ERR" "fiscal year 2024 has cost given to neither women nor men: $unmapped kr unmapped, $unallocated kr unallocated" \
	"an unaccepted close names the amounts"
assert_match "$ERR" "hint: .*--accept-unmapped" "and says how to accept them"
assert_eq "$(sql "SELECT count(*) FROM etl.closed_year")" "0" "the year is not closed"
rm -f "$TEST_TMP"/reports/gbetl-2024*
run_gbetl 0 $D close-year --year 2024 --accept-unmapped
assert_match "$ERR" "version 1" "the first close is version 1"
assert_match "$ERR" "accepting $unmapped kr unmapped and $unallocated kr unallocated" "the close says what it accepted"
assert_eq "$(sql "SELECT unmapped_accepted, to_char(unmapped_ore::numeric / 100, 'FM9999999999999990.00') FROM result.year_close WHERE version = 1")" \
	"t|$unmapped" "the acceptance and the amount are recorded with the close"
assert_eq "$(sql "SELECT mapping_set_id = (SELECT max(set_id) FROM mapping.mapping_set) FROM result.year_close WHERE version = 1")" \
	"t" "the close still names its mapping rules"
assert_match "$ERR" "reports of fiscal year 2024 rewritten in \"$TEST_TMP/reports\"" "the close says where the reports are"
[ -s "$TEST_TMP/reports/gbetl-2024.html" ] || fail "the close rewrote the report"
[ -s "$TEST_TMP/reports/gbetl-2024-kommun.csv" ] || fail "the close rewrote the tables"
assert_match "$(cat "$TEST_TMP/reports/gbetl-2024.html")" "· version 1" "the rewritten report shows version 1"
assert_eq "$(sql "SELECT reported_at >= published_at FROM etl.year_state WHERE fiscal_year = 2024")" "t" \
	"the year does not wait for the next run's reports"
assert_eq "$(sql "SELECT jsonb_array_length(batches) > 0 AND closed_by = current_user FROM result.year_close WHERE version = 1")" "t" \
	"the close records who and the batches"
assert_eq "$(sql "SELECT count(*) FROM result.year_close y, jsonb_array_elements(y.batches) e
	JOIN etl.batch b ON b.batch_id = (e->>'batch_id')::bigint AND b.sha256 = e->>'sha256'")" \
	"$(sql "SELECT count(*) FROM etl.batch WHERE status = 'loaded'")" "every batch with its SHA-256"
run_gbetl 65 $D close-year 2024

run_gbetl 65 $D allocate --year 2024
assert_match "$ERR" "fiscal year 2024 is closed" "allocation of a closed year is refused"
sed 's/;Norr$/;Nord/' "$TEST_TMP/s/inbox/befolkning_2024.csv" >"$TEST_TMP/befolkning_2024_b.csv"
run_gbetl 65 $D import --source befolkning "$TEST_TMP/befolkning_2024_b.csv"
assert_match "$ERR" "closed fiscal year 2024" "an import into a closed year is refused"
frozen=$(sql "SELECT sum(women_ore) FROM reporting.allocation a JOIN result.allocation r USING (fiscal_year, committee_code, activity_code) WHERE a.closed")

run_gbetl 2 $D reopen-year 2024
rm -f "$TEST_TMP"/reports/gbetl-2024*
run_gbetl 0 $D reopen-year --year 2024 --reason "Rättelse av hemtjänsttimmar i december (brukare 19121212-1212)"
assert_match "$ERR" "--reason: an identity number in the text is masked" "an identity number in the reason is masked, with a warning"
assert_match "$ERR" "reports of fiscal year 2024 rewritten in \"$TEST_TMP/reports\"" "the reopen says where the reports are"
[ -s "$TEST_TMP/reports/gbetl-2024.html" ] || fail "the reopen rewrote the report"
assert_match "$(cat "$TEST_TMP/reports/gbetl-2024.html")" "öppnats igen efter version 1" "the rewritten report says the year was reopened"
assert_eq "$(sql "SELECT reason || '|' || (reopened_by = current_user) FROM result.year_reopen")" \
	"Rättelse av hemtjänsttimmar i december (brukare 19121212-****)|true" "the reopening is logged with who and why, the number masked"
run_gbetl 0 $D import --source befolkning "$TEST_TMP/befolkning_2024_b.csv"
run_gbetl 0 $D allocate 2024
run_gbetl 65 $D close-year 2024
run_gbetl 0 $D close-year 2024 --accept-unmapped
assert_match "$ERR" "version 2" "a new close makes version 2"
assert_match "$(cat "$TEST_TMP/reports/gbetl-2024.html")" "· version 2" "the report in report_dir now shows version 2"
assert_eq "$(sql "SELECT string_agg(version::text, ',' ORDER BY version) FROM result.year_close")" "1,2" "the old version is kept"
assert_eq "$(sql "SELECT count(DISTINCT version) FROM result.closed_allocation")" "2" "both snapshots are kept"
assert_eq "$(sql "SELECT bool_and(closed) FROM reporting.allocation WHERE fiscal_year = 2024")" "t" "reports read the frozen figures"
[ -n "$frozen" ] || fail "frozen figures were read"

# gbetl status: every close with its version and who, every reopening with its reason
"$GBETL" $D status >"$TEST_TMP/status.txt" 2>&1 || true
hist=$(sed -n '/^Closes and reopenings/,/^$/p' "$TEST_TMP/status.txt")
assert_match "$hist" "2024 +closed, version 1 .*$(sql "SELECT current_user") .*accepted $unmapped kr unmapped" \
	"version 1, by whom, and what it accepted"
assert_match "$hist" "2024 +reopened .*reason: Rättelse av hemtjänsttimmar i december" "the reopening with its reason"
assert_match "$hist" "2024 +closed, version 2" "version 2"

# a bare year and --year are the same for report
run_gbetl 0 $D report 2024 --out "$TEST_TMP/bare"
run_gbetl 0 $D report --year 2024 --out "$TEST_TMP/option"
cmp -s "$TEST_TMP/bare/gbetl-2024-kommun.csv" "$TEST_TMP/option/gbetl-2024-kommun.csv" || fail "report 2024 = report --year 2024"
