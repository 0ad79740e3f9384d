#!/bin/bash
# gbetl init: creates everything on a fresh database; a second run is a no-op.
. "$TESTS_LIB/assert.sh"

run_gbetl 0 -d "$TEST_DSN" init
assert_match "$ERR" "migration\(s\) applied" "first init applies migrations"

for s in etl staging core mapping result reporting; do
	assert_eq "$(sql "SELECT count(*) FROM pg_namespace WHERE nspname = '$s'")" "1" "schema $s exists"
done
for r in gbetl_loader gbetl_finance gbetl_analyst; do
	assert_eq "$(sql "SELECT count(*) FROM pg_roles WHERE rolname = '$r'")" "1" "role $r exists"
done

n=$(ls "$GBETL_SRC"/schemas/[0-9][0-9][0-9]_*.sql | wc -l)
assert_eq "$(sql "SELECT count(*) FROM etl.schema_version")" "$n" "every migration recorded"
before=$(sql "SELECT version, checksum, applied_at FROM etl.schema_version ORDER BY version")

run_gbetl 0 -d "$TEST_DSN" init
assert_match "$ERR" "up to date" "second init reports up to date"
after=$(sql "SELECT version, checksum, applied_at FROM etl.schema_version ORDER BY version")
assert_eq "$after" "$before" "second init changes nothing in etl.schema_version"

# The connection follows libpq's conventions: PGDATABASE instead of -d.
dbname=$(sql "SELECT current_database()")
PGDATABASE=$dbname run_gbetl 0 init
assert_match "$ERR" "up to date" "PGDATABASE is honoured"
