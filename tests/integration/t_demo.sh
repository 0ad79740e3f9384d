#!/bin/bash
# gbetl demo: a private cluster under --var, every stage, a psql command that
# works; a second run also succeeds; --stop stops the server.
. "$TESTS_LIB/assert.sh"

var=$TEST_TMP/var
trap '"$GBETL" demo --stop --var "$var" >/dev/null 2>&1 || true' EXIT
# The demo keeps to its own server: hide the test cluster from it.
unset PGHOST PGPORT PGUSER PGDATABASE

run_gbetl 0 demo --var "$var" --inhabitants 300
psql_cmd=$(printf '%s\n' "$OUT" | sed -n 's/^ *open it: *psql "\(.*\)"$/\1/p')
[ -n "$psql_cmd" ] || fail "the demo prints a psql command"
assert_eq "$(psql -XAt -d "$psql_cmd" -c 'SELECT count(*) > 0 FROM etl.schema_version')" "t" \
	"the printed psql command opens the demo database"
case "$psql_cmd" in *host=/*) ;; *) fail "the demo connects over a unix socket only: $psql_cmd" ;; esac

run_gbetl 0 demo --var "$var" --inhabitants 300
assert_match "$OUT" "gbetl demo: done" "a second demo run succeeds"

run_gbetl 0 demo --stop --var "$var"
if psql -XAt -d "$psql_cmd" -c 'SELECT 1' >/dev/null 2>&1; then
	fail "the server still answers after demo --stop"
fi
