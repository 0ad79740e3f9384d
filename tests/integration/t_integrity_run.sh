#!/bin/bash
# Integrity of the nightly run: one lock for everything that changes data,
# durable pending work (a run killed between import and allocation), the
# cost basis of the configuration, files that cannot be moved, files still
# being written and entries that are not regular files, a second key, and
# report files replaced atomically.
. "$TESTS_LIB/assert.sh"
load_sample 500 2024
pop=$TEST_TMP/s/inbox/befolkning_2024.csv
# bump N — the population file with every count raised by N (same rows)
bump() { awk -F';' -v OFS=';' -v n="$1" 'NR > 1 {$4 = $4 + n} 1' "$pop"; }

# wait_for CONDITION-COMMAND... — poll until it holds (fails after 60 s)
wait_for() {
	local i
	for i in $(seq 600); do
		"$@" && return 0
		sleep 0.1
	done
	fail "gave up waiting for: $*"
}
# section TITLE — that section of the last "gbetl status" output
section() { awk -v t="$1" 'index($0, t) == 1 {on = 1; next} on && /^$/ {exit} on' <<<"$OUT"; }
stopped() { [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = T ]; }
lock_free() { [ "$(sql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4711002
	AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")" = 0 ]; }
waiting_on_lock() { [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
	AND datname = current_database() AND query LIKE '%result.close_year%'")" = 1 ]; }

# 5. One lock: close-year while an import of that year holds it exits 75
#    naming the holder; close_year() from SQL waits, and once the import has
#    committed it refuses the year until it is allocated again.
sed 's/;Norr$/;Nord/' "$pop" >"$TEST_TMP/befolkning_2024_b.csv"
GBETL_TEST_STOP=import:before-commit "$GBETL" $D import --source befolkning "$TEST_TMP/befolkning_2024_b.csv" \
	>"$TEST_TMP/import.out" 2>&1 &
importer=$!
wait_for stopped $importer
run_gbetl 75 $D close-year 2024
assert_match "$ERR" "gbetl import \(pid $importer\)" "close-year names the import holding the lock"
for cmd in "reopen-year 2024 --reason x" "allocate --year 2024" "mappings" "run" "init"; do
	run_gbetl 75 $D $cmd
done
psql -X -q -A -t -d "$TEST_DSN" -c "SELECT result.close_year('0999', 2024::smallint)" >"$TEST_TMP/sqlclose.out" 2>&1 &
sqlclose=$!
wait_for waiting_on_lock
kill -CONT $importer
wait $importer || fail "the import finished"
rc=0; wait $sqlclose || rc=$?
[ $rc -ne 0 ] || fail "close_year() from SQL must not close a year the import just changed"
assert_match "$(cat "$TEST_TMP/sqlclose.out")" "changed since it was last allocated" "close_year() says why"
assert_eq "$(sql "SELECT count(*) FROM etl.closed_year")" "0" "the year is not closed"
run_gbetl 0 $D run
run_gbetl 0 $D close-year 2024 --accept-unmapped
assert_eq "$(sql "SELECT count(*) FROM result.year_close c, jsonb_array_elements(c.batches) e
	JOIN etl.batch b ON b.batch_id = (e->>'batch_id')::bigint WHERE b.status <> 'loaded'")" "0" \
	"the closed version rests on live batches only"
assert_eq "$(sql "SELECT count(*) FROM result.year_close c, jsonb_array_elements(c.batches) e
	WHERE e->>'file_name' = 'befolkning_2024_b.csv'")" "1" "and on the import that committed first"
run_gbetl 0 $D reopen-year 2024 --reason "test"

# 6. Durable pending work: a run killed (kill -9) after its import committed
#    and before it allocated; the next run, with an empty inbox, allocates and
#    reports the year.
bump 1 >"$TEST_TMP/inbox/befolkning_2024_c.csv"
run_gbetl 0 $D run # the reopened year's reports are refreshed; the new file is taken
bump 2 >"$TEST_TMP/inbox/befolkning_2024_d.csv"
old_report=$(md5sum <"$TEST_TMP/reports/gbetl-2024.html")
old_population=$(sql "SELECT sum(population_women) FROM result.allocation WHERE fiscal_year = 2024")
GBETL_TEST_STOP=run:before-allocate "$GBETL" $D run >"$TEST_TMP/run.out" 2>&1 &
runner=$!
wait_for stopped $runner
assert_eq "$(sql "SELECT status FROM etl.batch WHERE file_name = 'befolkning_2024_d.csv'")" "loaded" "the import committed"
kill -9 $runner
wait $runner 2>/dev/null || true
wait_for lock_free
run_gbetl 1 $D status
assert_match "$(section "Fiscal years waiting")" "2024 +allocation" "status shows the year waiting for its allocation"
assert_eq "$(sql "SELECT changed_at > allocated_at FROM etl.year_state WHERE fiscal_year = 2024")" "t" \
	"the database knows the allocation is behind the data"
run_gbetl 0 $D run
assert_match "$OUT" "no new files" "the inbox was empty"
assert_match "$ERR" "allocated fiscal year 2024" "the rerun allocates the year"
[ "$(sql "SELECT sum(population_women) FROM result.allocation WHERE fiscal_year = 2024")" != "$old_population" ] ||
	fail "the allocation uses the new population"
[ "$(md5sum <"$TEST_TMP/reports/gbetl-2024.html")" != "$old_report" ] || fail "the report was written again"
run_gbetl 1 $D status # (the sample has unmapped codes)
assert_eq "$(section "Fiscal years waiting")" "  (none)" "no year waits any more"
run_gbetl 0 $D run
assert_eq "$(grep -c "allocated fiscal year" "$TEST_TMP/err.txt" || true)" "0" "nothing left to do"

# ... and after gbetl mappings, the run allocates again, with the cost basis
#    of the configuration (11), which a plain allocate also uses and an
#    option overrides for one allocation.
cp -r "$GBETL_SRC/mappings" "$TEST_TMP/mappings"
sed -i 's/^\(VON;[^;]*\)/\1 (ny)/' "$TEST_TMP/mappings/committees.csv"
cmp -s "$GBETL_SRC/mappings/committees.csv" "$TEST_TMP/mappings/committees.csv" && fail "the rules changed"
echo "cost_basis = own" >>"$TEST_TMP/gbetl.conf"
echo "direct_remainder = apart" >>"$TEST_TMP/gbetl.conf"
run_gbetl 0 $D mappings "$TEST_TMP/mappings"
run_gbetl 1 $D status
assert_match "$(section "Fiscal years waiting")" "2024 +allocation" "new mapping rules leave the year waiting for an allocation"
run_gbetl 0 $D run
assert_eq "$(sql "SELECT string_agg(DISTINCT cost_basis || '/' || direct_remainder, ',') FROM result.allocation")" "own/apart" \
	"the nightly run allocates with the configured basis"
assert_match "$(cat "$TEST_TMP/reports/gbetl-2024.html")" "cost_basis = own" "the report says which basis it shows"
run_gbetl 0 $D allocate --year 2024 --cost gross
assert_eq "$(sql "SELECT string_agg(DISTINCT cost_basis || '/' || direct_remainder, ',') FROM result.allocation")" "gross/apart" \
	"an option overrides the configuration for one allocation"
run_gbetl 1 $D status
assert_match "$(section "Fiscal years waiting")" "2024 +allocation with the configured basis" \
	"status says the year's basis is not the configured one"
run_gbetl 0 $D run
assert_eq "$(sql "SELECT string_agg(DISTINCT cost_basis || '/' || direct_remainder, ',') FROM result.allocation")" "own/apart" \
	"the next run publishes the configured basis again"
run_gbetl 0 $D allocate --year 2024 --cost gross --direct-remainder share
run_gbetl 0 $D allocate --year 2024
assert_eq "$(sql "SELECT string_agg(DISTINCT cost_basis || '/' || direct_remainder, ',') FROM result.allocation")" "own/apart" \
	"a plain allocate uses the configuration"

# 10. Files still being written stay in the inbox and are listed; entries
#     that are not regular files are set aside, nothing of them read.
care=$TEST_TMP/s/inbox/omsorg_2024.csv
cp "$care" "$TEST_TMP/inbox/omsorg_2025.csv.part"
cp "$care" "$TEST_TMP/inbox/.omsorg_2025.csv"
cp "$care" "$TEST_TMP/inbox/omsorg_2025.csv.filepart"
echo "secret-line-that-must-not-be-read" >"$TEST_TMP/target.csv"
ln -s "$TEST_TMP/target.csv" "$TEST_TMP/inbox/omsorg_link.csv"
mkfifo "$TEST_TMP/inbox/omsorg_fifo.csv"
mkdir "$TEST_TMP/inbox/omsorg_dir.csv"
# (and through the inbox: an empty file, and a replacing file cut in half)
: >"$TEST_TMP/inbox/befolkning_2030.csv"
bump 9 >"$TEST_TMP/pop_whole.csv" # (not "| head": under pipefail bump dies of SIGPIPE)
head -n $(( $(wc -l <"$pop") / 3 )) "$TEST_TMP/pop_whole.csv" >"$TEST_TMP/inbox/befolkning_2024_cut.csv"
run_gbetl 1 $D run
assert_eq "$(cat "$TEST_TMP/failed/befolkning_2030.csv.reason")" "no records" "an empty file is set aside: no records"
assert_match "$(cat "$TEST_TMP/failed/befolkning_2024_cut.csv.reason")" \
	"^month 2024-01 would keep [0-9]+ of its [0-9]+ rows: fewer than replace_min_ratio 0.5 of them$" \
	"a cut replacing file is set aside with the month and both counts"
for f in omsorg_link.csv omsorg_fifo.csv omsorg_dir.csv; do
	assert_eq "$(cat "$TEST_TMP/failed/$f.reason")" "not a regular file" "$f is set aside: not a regular file"
done
[ -L "$TEST_TMP/failed/omsorg_link.csv" ] || fail "the symlink itself was moved"
assert_eq "$(cat "$TEST_TMP/target.csv")" "secret-line-that-must-not-be-read" "its target is untouched"
grep -q "secret-line" "$TEST_TMP/err.txt" "$TEST_TMP/out.txt" && fail "nothing of the target is logged"
for f in omsorg_2025.csv.part .omsorg_2025.csv omsorg_2025.csv.filepart; do
	[ -f "$TEST_TMP/inbox/$f" ] || fail "$f stays in the inbox"
done
sed -i 's/^settle_seconds.*/settle_seconds = 3600/' "$TEST_TMP/gbetl.conf"
bump 3 >"$TEST_TMP/inbox/befolkning_2024_e.csv"
run_gbetl 0 $D run
[ -f "$TEST_TMP/inbox/befolkning_2024_e.csv" ] || fail "a file changed within settle_seconds stays in the inbox"
assert_match "$OUT" "still being written" "the run says it left files"
run_gbetl 1 $D status
for f in omsorg_2025.csv.part .omsorg_2025.csv omsorg_2025.csv.filepart befolkning_2024_e.csv; do
	assert_match "$OUT" "$f +(a temporary name|changed [0-9]+s ago)" "status lists $f"
done
assert_match "$OUT" "omsorg_link.csv +not a regular file" "status lists what was set aside"
touch -d '2 hours ago' "$TEST_TMP/inbox/befolkning_2024_e.csv"
run_gbetl 0 $D run
[ -f "$TEST_TMP/archive/befolkning_2024_e.csv" ] || fail "a settled file is taken"
rm -f "$TEST_TMP"/inbox/*.part "$TEST_TMP"/inbox/.omsorg* "$TEST_TMP"/inbox/*.filepart
sed -i 's/^settle_seconds.*/settle_seconds = 0/' "$TEST_TMP/gbetl.conf"

# 9. archive/ cannot be written: exit 1, the file stays and status lists it.
sed -i "s|^archive_dir .*|archive_dir = $TEST_TMP/archive-is-a-file|" "$TEST_TMP/gbetl.conf"
: >"$TEST_TMP/archive-is-a-file"
bump 4 >"$TEST_TMP/inbox/befolkning_2024_f.csv"
run_gbetl 1 $D run
assert_match "$OUT" "could not be moved to $TEST_TMP/archive-is-a-file" "the summary says the file could not be moved"
[ -f "$TEST_TMP/inbox/befolkning_2024_f.csv" ] || fail "the file stays in the inbox"
run_gbetl 1 $D status
assert_match "$(section "Files the last run could not move")" "befolkning_2024_f.csv +$TEST_TMP/archive-is-a-file" "status lists the file"
sed -i "s|^archive_dir .*|archive_dir = $TEST_TMP/archive|" "$TEST_TMP/gbetl.conf"
run_gbetl 0 $D run
[ -f "$TEST_TMP/archive/befolkning_2024_f.csv" ] || fail "the next run archives it"
run_gbetl 1 $D status
assert_eq "$(section "Files the last run could not move")" "  (none)" "status no longer lists it"

# 8. A second key is refused before any file is read, by import, run, load
#    and config check; a missing key by run as by import (exit 78).
head -c 32 /dev/urandom >"$TEST_TMP/other.key"
chmod 600 "$TEST_TMP/other.key"
sed "s|^key_file .*|key_file = $TEST_TMP/other.key|" "$TEST_TMP/gbetl.conf" >"$TEST_TMP/other.conf"
chmod 600 "$TEST_TMP/other.conf"
batches=$(sql "SELECT count(*) FROM etl.batch")
sed 's/;2024-/;2028-/g' "$care" >"$TEST_TMP/omsorg_2028.csv"
GBETL_CONFIG=$TEST_TMP/other.conf run_gbetl 78 $D import --source omsorg "$TEST_TMP/omsorg_2028.csv"
assert_match "$ERR" "the key differs from the one this database was loaded with" "import refuses another key"
assert_match "$ERR" "hint: .*backup" "with a hint about the key's backup"
cp "$TEST_TMP/omsorg_2028.csv" "$TEST_TMP/inbox/"
GBETL_CONFIG=$TEST_TMP/other.conf run_gbetl 78 $D run
[ -f "$TEST_TMP/inbox/omsorg_2028.csv" ] || fail "run leaves the file in the inbox"
GBETL_CONFIG=$TEST_TMP/other.conf run_gbetl 0 extract --source omsorg "$TEST_TMP/omsorg_2028.csv"
cp "$TEST_TMP/out.txt" "$TEST_TMP/other.stream"
run_gbetl 78 $D load "$TEST_TMP/other.stream"
assert_eq "$(sql "SELECT count(*) FROM etl.batch WHERE status IN ('loaded', 'running')
	AND batch_id > (SELECT max(batch_id) FROM etl.batch WHERE status = 'loaded' AND file_name <> 'omsorg_2028.csv')")" "0" \
	"nothing was loaded with the other key"
assert_eq "$(sql "SELECT count(*) FROM core.service_record WHERE period_start >= '2028-01-01'")" "0" "no 2028 rows"
GBETL_CONFIG=$TEST_TMP/other.conf run_gbetl 78 $D config check
assert_match "$ERR" "the key differs" "config check compares the key"
# a key file that is gone (a restore that forgot it): a configuration
# error, as for import, and the file stays in the inbox
sed "s|^key_file .*|key_file = $TEST_TMP/gone.key|" "$TEST_TMP/gbetl.conf" >"$TEST_TMP/gone.conf"
chmod 600 "$TEST_TMP/gone.conf"
GBETL_CONFIG=$TEST_TMP/gone.conf run_gbetl 78 $D run
assert_match "$ERR" "could not access pseudonymisation key file \"$TEST_TMP/gone.key\"" "run names the key file"
[ -f "$TEST_TMP/inbox/omsorg_2028.csv" ] || fail "run leaves the file in the inbox without its key"
run_gbetl 0 $D config check
run_gbetl 0 $D run
assert_eq "$(sql "SELECT count(*) > 0 FROM core.service_record WHERE period_start >= '2028-01-01'")" "t" \
	"with the right key the file loads"

# 9. A file still being written when the run reads it (its writer paused
#    longer than settle_seconds): the file grows while the import is
#    stopped before its commit. Nothing of it is loaded, it stays in the
#    inbox, not in failed/, and the next run loads it whole.
sed 's/;Norr$/;Nordost/' "$pop" >"$TEST_TMP/inbox/befolkning_2024_c.csv"
lines=$(( $(wc -l <"$pop") + 5 ))
GBETL_TEST_STOP=import:before-commit "$GBETL" $D run >"$TEST_TMP/growing.out" 2>&1 &
runner=$!
wait_for stopped $runner
tail -n 5 "$pop" | sed 's/;[^;]*$/;Tillagt/' >>"$TEST_TMP/inbox/befolkning_2024_c.csv"
kill -CONT $runner
rc=0; wait $runner || rc=$?
assert_eq "$rc" "0" "a file still being written is no error of the night"
assert_match "$(cat "$TEST_TMP/growing.out")" "file \"befolkning_2024_c.csv\" changed while it was read: [0-9]+ bytes were read, it has [0-9]+ now" \
	"the run says the file changed while it was read"
[ -f "$TEST_TMP/inbox/befolkning_2024_c.csv" ] || fail "the growing file stays in the inbox"
[ ! -e "$TEST_TMP/failed/befolkning_2024_c.csv" ] || fail "the growing file is not set aside"
assert_eq "$(sql "SELECT count(*) FROM etl.batch WHERE file_name = 'befolkning_2024_c.csv' AND status = 'loaded'")" "0" \
	"nothing of the growing file is loaded"
run_gbetl 0 $D run
assert_eq "$(sql "SELECT records_read FROM etl.batch WHERE file_name = 'befolkning_2024_c.csv' AND status = 'loaded'")" \
	"$((lines - 1))" "the next run reads it whole"

# 10. A database that cannot take writes (a standby named by mistake, one
#     set read-only, a full disk): the run stops at the first write, exit
#     69 as for a database that is not there, and every file stays in the
#     inbox - none is set aside in failed/ for a fault of the server's.
sed 's/;Norr$/;Nordväst/' "$pop" >"$TEST_TMP/inbox/befolkning_2024_d.csv"
dbname=$(sql "SELECT current_database()")
sql "ALTER DATABASE $dbname SET default_transaction_read_only = on" >/dev/null
run_gbetl 69 $D run
assert_match "$ERR" "read-only transaction" "the run says the database is read-only"
assert_match "$OUT" "this and the remaining files were left in the inbox" "the summary says the files wait"
[ -f "$TEST_TMP/inbox/befolkning_2024_d.csv" ] || fail "the file stays in the inbox"
[ ! -e "$TEST_TMP/failed/befolkning_2024_d.csv" ] || fail "the file is not set aside"
sql_postgres "ALTER DATABASE $dbname RESET default_transaction_read_only"
run_gbetl 0 $D run
assert_eq "$(ls "$TEST_TMP/inbox")" "" "once the database takes writes again, the run takes the file"

# 7. Reports are replaced atomically: a write that fails leaves the old
#    file byte for byte, names the file and exits 73.
cp "$TEST_TMP/reports/gbetl-2024.html" "$TEST_TMP/before.html"
mkdir "$TEST_TMP/reports/.gbetl-2024.html.tmp"
run_gbetl 73 $D report --year 2024 --out "$TEST_TMP/reports"
assert_match "$ERR" "could not write \"$TEST_TMP/reports/gbetl-2024.html\"" "the error names the file"
cmp "$TEST_TMP/before.html" "$TEST_TMP/reports/gbetl-2024.html" || fail "the old report is byte-identical"
rmdir "$TEST_TMP/reports/.gbetl-2024.html.tmp"
mkdir -p "$TEST_TMP/r2/gbetl-2024-avstamning.csv/x"
run_gbetl 73 $D report --year 2024 --out "$TEST_TMP/r2"
assert_match "$ERR" "could not write \"$TEST_TMP/r2/gbetl-2024-avstamning.csv\"" "a failed rename names the file"
assert_eq "$(ls -A "$TEST_TMP/r2" | grep -c tmp || true)" "0" "no temporary file is left behind"
