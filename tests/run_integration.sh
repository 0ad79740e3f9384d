#!/bin/bash
# run_integration.sh — run tests/integration/t_*.sh against a real PostgreSQL.
#
# Starts a throwaway cluster (tests/lib/pgcluster.sh) unless GBETL_TEST_DSN
# names an existing database; gives every test a database of its own
# (TEST_DSN) and a temporary directory (TEST_TMP); stops and removes the
# cluster at the end, on failure and on interruption alike.
#   T=name   run only tests whose file name contains "name"
#   JOBS=N   run N tests at a time (default 2)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
export GBETL=${GBETL:-$top/build/gbetl}
export GBETL_SRC=$top
export TESTS_LIB=$here/lib
. "$here/lib/pgcluster.sh"

work=$(mktemp -d /tmp/gbetl-it.XXXXXX)
chmod 0755 "$work"
cleanup() {
	pgcluster_stop
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${GBETL_TEST_DSN:-}" ]; then
	pgcluster_start || { echo "could not start the test cluster" >&2; exit 1; }
fi

tests=$(ls "$here"/integration/t_*.sh 2>/dev/null | sort)
if [ -n "${T:-}" ]; then tests=$(echo "$tests" | grep -- "$T"); fi

run_one() {
	t=$1
	name=$(basename "$t" .sh)
	tmp="$work/$name"
	mkdir -p "$tmp"
	chmod 0755 "$tmp"
	if [ -n "${GBETL_TEST_DSN:-}" ]; then
		dsn=$GBETL_TEST_DSN
		psql -XqAt -d "$dsn" -c "DROP SCHEMA IF EXISTS reporting, result, mapping, core, staging, etl CASCADE" \
			>/dev/null 2>&1
	else
		psql -XqAt -d postgres -c "CREATE DATABASE $name" >/dev/null || return 1
		dsn="dbname=$name"
	fi
	start=$(date +%s.%N)
	(cd "$tmp" && TEST_DSN="$dsn" TEST_TMP="$tmp" TEST_NAME="$name" timeout 600 bash "$t") \
		>"$tmp/log" 2>&1
	rc=$?
	secs=$(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo "?")
	if [ $rc -eq 0 ]; then
		printf 'ok   %-40s %6.1fs\n' "$name" "$secs" 2>/dev/null || echo "ok   $name"
		echo pass >"$tmp/result"
	else
		printf 'FAIL %-40s (exit %d)\n' "$name" "$rc"
		sed 's/^/    | /' "$tmp/log" | tail -n 40
		echo fail >"$tmp/result"
	fi
	[ -n "${GBETL_TEST_DSN:-}" ] || psql -XqAt -d postgres -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" \
		>/dev/null 2>&1
	return 0
}
export -f run_one
export work

jobs=${JOBS:-2}
[ -n "${GBETL_TEST_DSN:-}" ] && jobs=1
# Tests marked "# serial" (they restart the server) run alone, after the rest.
parallel=$(for t in $tests; do grep -q '^# serial' "$t" || echo "$t"; done)
serial=$(for t in $tests; do grep -q '^# serial' "$t" && echo "$t"; done)
if [ -n "$parallel" ]; then
	echo "$parallel" | xargs -r -n 1 -P "$jobs" bash -c 'run_one "$0"'
fi
for t in $serial; do
	run_one "$t"
done

pass=$(cat "$work"/*/result 2>/dev/null | grep -c pass)
fail=$(cat "$work"/*/result 2>/dev/null | grep -c fail)
total=$(echo "$tests" | grep -c .)
missing=$((total - pass - fail))
fail=$((fail + missing))
echo "integration tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
