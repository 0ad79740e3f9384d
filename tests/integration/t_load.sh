#!/bin/bash
# Loading: one file = one batch = one transaction; idempotent; truncated
# streams never commit; closed years refused; one import at a time;
# replace = period; a rejected batch leaves earlier data alone.
. "$TESTS_LIB/assert.sh"
init_db
make_sample 500 2024
pop=$TEST_TMP/s/inbox/befolkning_2024.csv
care=$TEST_TMP/s/inbox/omsorg_2024.csv

# The same file twice: one copy, two batch rows, the second "already loaded".
run_gbetl 0 $D import --source omsorg "$care"
rows=$(sql "SELECT count(*) FROM core.service_record")
[ "$rows" -gt 0 ] || fail "rows were loaded"
run_gbetl 0 $D import --source omsorg "$care"
assert_match "$ERR" "already loaded" "a second import says already loaded"
assert_eq "$(sql "SELECT count(*) FROM core.service_record")" "$rows" "exactly one copy"
assert_eq "$(sql "SELECT string_agg(status, ',' ORDER BY batch_id) FROM etl.batch WHERE source = 'omsorg'")" \
	"loaded,already_loaded" "etl.batch shows both attempts"

# extract | load, and a truncated stream that never commits.
run_gbetl 0 extract --source befolkning "$pop"
cp "$TEST_TMP/out.txt" "$TEST_TMP/pop.stream"
head -n 200 "$TEST_TMP/pop.stream" >"$TEST_TMP/cut.stream"
run_gbetl 65 $D load "$TEST_TMP/cut.stream"
assert_match "$ERR" "truncated" "a cut stream is reported as truncated"
assert_eq "$(sql "SELECT count(*) FROM core.population")" "0" "a truncated stream loads nothing"
sed '$d' "$TEST_TMP/pop.stream" >"$TEST_TMP/notrailer.stream"
"$GBETL" $D load - <"$TEST_TMP/notrailer.stream" >/dev/null 2>&1 && fail "a stream without trailer must fail"
sed 's/^GBETL-END\t[0-9]*/GBETL-END\t1/' "$TEST_TMP/pop.stream" >"$TEST_TMP/badcount.stream"
run_gbetl 65 $D load "$TEST_TMP/badcount.stream"
assert_eq "$(sql "SELECT count(*) FROM core.population")" "0" "a stream whose counts lie loads nothing"
run_gbetl 0 $D load "$TEST_TMP/pop.stream"
assert_eq "$(sql "SELECT count(*) FROM core.population")" "$(($(wc -l <"$pop") - 1))" "the whole stream loads"

# replace = period: a corrected file for the same year replaces the old rows.
sed 's/;\([0-9]*\);\([A-ZÖÄa-zöä]*\)$/;1;\2/' "$pop" >"$TEST_TMP/befolkning_2024_v2.csv"
run_gbetl 0 $D import --source befolkning "$TEST_TMP/befolkning_2024_v2.csv"
assert_eq "$(sql "SELECT sum(count) FROM core.population")" "$(($(wc -l <"$pop") - 1))" "the new file replaced the old rows"
assert_eq "$(sql "SELECT count(*) FROM etl.batch WHERE source = 'befolkning' AND status = 'superseded'")" "1" \
	"the old batch is recorded as superseded"

# A rejected batch (too many rejects) leaves the earlier data untouched.
before=$(sql "SELECT sum(count) FROM core.population")
{ head -n 1 "$pop"; echo "2024;1;abc;5;Norr"; echo "2024;7;3;5;Norr"; } >"$TEST_TMP/befolkning_2024_bad.csv"
run_gbetl 1 $D import --source befolkning "$TEST_TMP/befolkning_2024_bad.csv"
assert_eq "$(sql "SELECT sum(count) FROM core.population")" "$before" "a rejected batch changes nothing"
assert_eq "$(sql "SELECT count(*) FROM etl.reject r JOIN etl.batch b USING (batch_id) WHERE b.status = 'rejected'")" "2" \
	"its rejects are recorded"
assert_eq "$(sql "SELECT string_agg(field || ':' || reason, ',' ORDER BY line) FROM etl.reject")" \
	"age:invalid_age,sex:invalid_sex" "each reject says field and reason"
assert_match "$ERR" "2 of 2 records rejected \(100.0 %\), over the source's reject_max_ratio 0.01; list them with: gbetl status --rejects [0-9]+" \
	"import names the counts, the limit and the command listing the rejects"
# the same as a stream: extract decided, load names the limit and the command
run_gbetl 1 extract --source befolkning "$TEST_TMP/befolkning_2024_bad.csv"
assert_match "$ERR" "2 of 2 records rejected, over source \"befolkning\"'s reject_max_ratio 0.01" "extract names the limit"
printf '%s\n' "$OUT" >"$TEST_TMP/bad.stream"
run_gbetl 1 $D load "$TEST_TMP/bad.stream"
assert_match "$ERR" "2 of 2 records rejected \(100.0 %\), over the source's reject_max_ratio 0.01" "load names the counts and the limit"
assert_match "$ERR" "hint: The rejects: \"gbetl status --rejects [0-9]+\"" "load names the command listing the rejects"

# A closed year is refused, naming the year.
sql "INSERT INTO etl.closed_year (municipality_code, fiscal_year) VALUES ('0999', 2024)" >/dev/null
sed 's/;Norr$/;Nord/' "$pop" >"$TEST_TMP/befolkning_2024_v3.csv"
run_gbetl 65 $D import --source befolkning "$TEST_TMP/befolkning_2024_v3.csv"
assert_match "$ERR" "closed fiscal year 2024" "the message names the closed year"
assert_eq "$(sql "SELECT sum(count) FROM core.population")" "$before" "nothing changed in the closed year"
sql "DELETE FROM etl.closed_year" >/dev/null

# One import at a time: a held lock gives 75 and names the holder.
psql -X -q -d "$TEST_DSN" -c "SET application_name = 'gbetl run (pid 4242)'" \
	-c "SELECT pg_advisory_lock(4711002)" -c "SELECT pg_sleep(30)" >/dev/null 2>&1 &
holder=$!
for i in $(seq 50); do
	[ "$(sql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4711002 AND granted
		AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")" = 1 ] && break
	sleep 0.1
done
run_gbetl 75 $D import --source befolkning "$TEST_TMP/befolkning_2024_v3.csv"
assert_match "$ERR" "gbetl run \(pid 4242\)" "the message names the process holding the lock"
kill $holder 2>/dev/null || true
wait $holder 2>/dev/null || true
