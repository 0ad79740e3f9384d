#!/bin/bash
# gbetl init: creates everything on a fresh database; a second run is a no-op.
. "$TESTS_LIB/assert.sh"

run_gbetl 0 -d "$TEST_DSN" init
assert_match "$ERR" "migration\(s\) applied" "first init applies migrations"

for s in etl core mapping result reporting; do
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

# The functions and views are re-created when their recorded text differs
# (a new gbetl with a changed function): all of them, in one transaction.
assert_eq "$(sql "SELECT count(*) FROM etl.schema_repeatable")" \
	"$(ls "$GBETL_SRC"/schemas/functions/*.sql "$GBETL_SRC"/schemas/views/*.sql | wc -l)" "every repeatable file recorded"
sql "UPDATE etl.schema_repeatable SET checksum = 'old' WHERE name = 'views/80_reporting.sql'"
view_oid=$(sql "SELECT 'reporting.allocation'::regclass::oid")
run_gbetl 0 -d "$TEST_DSN" init
assert_match "$ERR" "created the functions and views" "a changed file is applied again"
assert_eq "$(sql "SELECT count(*) FROM etl.schema_repeatable WHERE checksum = 'old'")" "0" "and recorded"
[ "$(sql "SELECT 'reporting.allocation'::regclass::oid")" != "$view_oid" ] || fail "the view was made anew"

# Something of the user's on a gbetl view: init refuses to drop it, says
# what depends on what, and changes nothing.
sql "CREATE VIEW public.mine AS SELECT fiscal_year FROM reporting.allocation"
sql "UPDATE etl.schema_repeatable SET checksum = 'old' WHERE name = 'views/80_reporting.sql'"
run_gbetl 1 -d "$TEST_DSN" init
assert_match "$ERR" "could not drop the functions and views.*depend" "init names the dependency"
assert_eq "$(sql "SELECT count(*) FROM etl.schema_repeatable WHERE checksum = 'old'")" "1" "nothing changed"
sql "DROP VIEW public.mine"
run_gbetl 0 -d "$TEST_DSN" init
assert_eq "$(sql "SELECT count(*) FROM etl.schema_repeatable WHERE checksum = 'old'")" "0" "init after the user's view is gone"
