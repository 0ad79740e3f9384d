#!/bin/bash
# Year end: close freezes the figures with the batches they rest on; a closed
# year refuses imports and allocations; reopen needs a reason and is logged;
# a new close is a new version and the old one is kept.
. "$TESTS_LIB/assert.sh"
make_test_config
D="-d $TEST_DSN"
run_gbetl 0 $D init
run_gbetl 0 $D mappings
run_gbetl 0 sample --out "$TEST_TMP/s" --inhabitants 800 --years 2024
cp "$TEST_TMP"/s/inbox/* "$TEST_TMP/inbox/"
run_gbetl 0 $D run

run_gbetl 65 $D close-year 2023
assert_match "$ERR" "no allocation" "a year without an allocation cannot be closed"
run_gbetl 0 $D close-year 2024
assert_match "$ERR" "version 1" "the first close is version 1"
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
run_gbetl 0 $D reopen-year 2024 --reason "Rättelse av hemtjänsttimmar i december"
assert_eq "$(sql "SELECT reason || '|' || (reopened_by = current_user) FROM result.year_reopen")" \
	"Rättelse av hemtjänsttimmar i december|true" "the reopening is logged with who and why"
run_gbetl 0 $D import --source befolkning "$TEST_TMP/befolkning_2024_b.csv"
run_gbetl 0 $D allocate --year 2024
run_gbetl 0 $D close-year 2024
assert_match "$ERR" "version 2" "a new close makes version 2"
assert_eq "$(sql "SELECT string_agg(version::text, ',' ORDER BY version) FROM result.year_close")" "1,2" "the old version is kept"
assert_eq "$(sql "SELECT count(DISTINCT version) FROM result.closed_allocation")" "2" "both snapshots are kept"
assert_eq "$(sql "SELECT bool_and(closed) FROM reporting.allocation WHERE fiscal_year = 2024")" "t" "reports read the frozen figures"
[ -n "$frozen" ] || fail "frozen figures were read"

# gbetl status: every close with its version and who, every reopening with its reason
"$GBETL" $D status >"$TEST_TMP/status.txt" 2>&1 || true
hist=$(sed -n '/^Closes and reopenings/,/^$/p' "$TEST_TMP/status.txt")
assert_match "$hist" "2024 +closed, version 1 .*$(sql "SELECT current_user")" "version 1, by whom"
assert_match "$hist" "2024 +reopened .*reason: Rättelse av hemtjänsttimmar i december" "the reopening with its reason"
assert_match "$hist" "2024 +closed, version 2" "version 2"
