#!/bin/bash
# serial — this test restarts the server, so it runs alone.
# Faults during a load: kill -9 of gbetl at several points, the server
# restarting mid-load, two imports of the same file at once.  Never partial
# data; a rerun always loads the file.
. "$TESTS_LIB/assert.sh"
init_db
make_sample 30000 2024
care=$TEST_TMP/s/inbox/omsorg_2024.csv
run_gbetl 0 extract --source omsorg "$care"
cp "$TEST_TMP/out.txt" "$TEST_TMP/care.stream"
total=$(($(wc -l <"$TEST_TMP/care.stream") - 2))
[ "$total" -gt 20000 ] || fail "a stream large enough to be cut ($total rows)"

wait_for_copy() {
	for i in $(seq 100); do
		[ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY core.%'")" -ge 1 ] && return 0
		sleep 0.05
	done
	fail "the load never started its COPY"
}

no_partial_data() {
	assert_eq "$(sql "SELECT count(*) FROM core.service_record")" "0" "$1: no rows"
	assert_eq "$(sql "SELECT count(*) FROM etl.batch WHERE status IN ('loaded', 'running')")" "0" "$1: no batch committed"
}

# kill -9 after the header, in the middle of the rows, and before the trailer
for cut in 1 $((total / 2)) $((total + 1)); do
	rm -f "$TEST_TMP/fifo"
	mkfifo "$TEST_TMP/fifo"
	"$GBETL" $D load "$TEST_TMP/fifo" >/dev/null 2>&1 &
	pid=$!
	exec 3>"$TEST_TMP/fifo"
	head -n "$cut" "$TEST_TMP/care.stream" >&3
	wait_for_copy
	sleep 0.2
	kill -9 $pid
	exec 3>&-
	wait $pid 2>/dev/null || true
	for i in $(seq 50); do
		[ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY core.%' AND state <> 'idle'")" = 0 ] && break
		sleep 0.1
	done
	no_partial_data "kill -9 after $cut lines"
done
run_gbetl 0 $D load "$TEST_TMP/care.stream"
assert_eq "$(sql "SELECT count(*) FROM core.service_record")" "$total" "a rerun after kill -9 loads the file"
sql "TRUNCATE core.service_record; DELETE FROM etl.batch" >/dev/null

# The server restarting mid-load: a clear failure, then a rerun succeeds.
if [ -z "${GBETL_TEST_DSN:-}" ]; then
	. "$TESTS_LIB/pgcluster.sh"
	rm -f "$TEST_TMP/fifo"
	mkfifo "$TEST_TMP/fifo"
	"$GBETL" $D load "$TEST_TMP/fifo" >"$TEST_TMP/restart.out" 2>"$TEST_TMP/restart.err" &
	pid=$!
	exec 3>"$TEST_TMP/fifo"
	head -n $((total / 2)) "$TEST_TMP/care.stream" >&3
	wait_for_copy
	# the server must not inherit the FIFO's write end: gbetl load waits
	# for the end of its input before it ends the batch
	pgcluster_restart 3>&-
	tail -n +$((total / 2 + 1)) "$TEST_TMP/care.stream" >&3 2>/dev/null || true
	exec 3>&-
	rc=0
	wait $pid || rc=$?
	case $rc in 1 | 69) ;; *) cat "$TEST_TMP/restart.err" >&2; fail "a server restart gives exit 69 or 1, not $rc" ;; esac
	assert_match "$(cat "$TEST_TMP/restart.err")" "error" "the failure is reported"
	for i in $(seq 100); do psql -X -d "$TEST_DSN" -c 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.1; done
	no_partial_data "server restart"
	run_gbetl 0 $D load "$TEST_TMP/care.stream"
	assert_eq "$(sql "SELECT count(*) FROM core.service_record")" "$total" "a rerun after the restart loads the file"
	sql "TRUNCATE core.service_record; DELETE FROM etl.batch" >/dev/null
fi

# Two imports of the same file at the same moment: exactly one copy.
"$GBETL" $D import --source omsorg "$care" >/dev/null 2>"$TEST_TMP/a.err" &
a=$!
"$GBETL" $D import --source omsorg "$care" >/dev/null 2>"$TEST_TMP/b.err" &
b=$!
ra=0 rb=0
wait $a || ra=$?
wait $b || rb=$?
for r in $ra $rb; do
	case $r in 0 | 75) ;; *) cat "$TEST_TMP/a.err" "$TEST_TMP/b.err" >&2; fail "concurrent import exit $r" ;; esac
done
assert_eq "$(sql "SELECT count(*) FROM core.service_record")" "$(($(wc -l <"$care") - 1))" "exactly one copy"
assert_eq "$(sql "SELECT count(*) FROM etl.batch WHERE status = 'loaded'")" "1" "exactly one loaded batch"
