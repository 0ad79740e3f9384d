#!/bin/bash
# gbetl init: creates everything on a fresh database; a second run is a no-op.
. "$TESTS_LIB/assert.sh"
make_test_config

# Before init (or -d naming the wrong database): every other command says
# so and what to run, exit 78, instead of failing on a missing table.
for c in "allocate --year 2024" run status "report --year 2024 --out $TEST_TMP/r"; do
	run_gbetl 78 -d "$TEST_DSN" $c
	assert_match "$ERR" "error: database \"[^\"]*\" has no gbetl schema" "$c before init: no schema"
	assert_match "$ERR" "hint: Run gbetl init there first" "$c says to run gbetl init"
	assert_not_match "$ERR" "does not exist" "$c fails on no missing table"
done

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
	"$(ls "$GBETL_SRC"/schemas/functions/*.sql "$GBETL_SRC"/schemas/views/*.sql \
		"$GBETL_SRC"/schemas/dictionary.tsv | wc -l)" "every repeatable file and the dictionary recorded"
sql "UPDATE etl.schema_repeatable SET checksum = 'old' WHERE name = 'views/80_reporting.sql'"
view_oid=$(sql "SELECT 'reporting.allocation'::regclass::oid")
run_gbetl 0 -d "$TEST_DSN" init
assert_match "$ERR" "created the functions and views" "a changed file is applied again"
assert_eq "$(sql "SELECT count(*) FROM etl.schema_repeatable WHERE checksum = 'old'")" "0" "and recorded"
[ "$(sql "SELECT 'reporting.allocation'::regclass::oid")" != "$view_oid" ] || fail "the view was made anew"

# The data dictionary is the database's COMMENTs, exactly: every line of
# schemas/dictionary.tsv is the comment of its table, view or column (the
# view just made anew too), and nothing of gbetl's schemas carries another.
# Every table and view has one.
dictionary=$(grep -v '^#' "$GBETL_SRC/schemas/dictionary.tsv" | grep -v '^$' | LC_ALL=C sort)
comments=$(sql "SELECT n.nspname || '.' || c.relname || coalesce('.' || a.attname, '') || E'\t' || d.description
	FROM pg_description d JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid
	JOIN pg_namespace n ON n.oid = c.relnamespace
	LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
	WHERE n.nspname IN ('etl', 'core', 'mapping', 'result', 'reporting')" | LC_ALL=C sort)
assert_eq "$comments" "$dictionary" "the comments of the tables, views and columns are the dictionary's"
assert_eq "$(sql "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname IN ('etl', 'core', 'mapping', 'result', 'reporting') AND c.relkind IN ('r', 'v')
	AND obj_description(c.oid, 'pg_class') IS NULL")" "0" "every table and view is described"
# A line naming what does not exist, or not of the form, is refused by line.
out=$(sql "SELECT etl.describe(E'# x\ncore.ledger_entry\tok\ncore.no_such\tx')" 2>&1 || true)
assert_match "$out" 'data dictionary line 3: relation "core.no_such" does not exist' "an unknown relation"
out=$(sql "SELECT etl.describe(E'core.ledger_entry.no_such\tx')" 2>&1 || true)
assert_match "$out" 'line 1: column "no_such" of relation "core.ledger_entry" does not exist' "an unknown column"
out=$(sql "SELECT etl.describe(E'core.ledger_entry')" 2>&1 || true)
assert_match "$out" 'line 1: expected "schema.relation\[.column\]", a tab and a text' "no text"
assert_eq "$(sql "SELECT obj_description('core.ledger_entry'::regclass, 'pg_class')")" \
	"$(awk -F '\t' '$1 == "core.ledger_entry" {print $2}' "$GBETL_SRC/schemas/dictionary.tsv")" \
	"a refused dictionary changes nothing"

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

# A gbetl installed without its init (a function or view file of this
# gbetl not applied yet, a migration missing), or an older gbetl on a
# database a newer one upgraded: every command but init refuses, exit 78,
# and does nothing; init repairs the first two.
sql "UPDATE etl.schema_repeatable SET checksum = 'old' WHERE name = 'functions/40_allocate.sql'"
run_gbetl 78 -d "$TEST_DSN" allocate --year 2024
assert_match "$ERR" "error: the functions and views of database \"$dbname\" are not this gbetl's" \
	"old functions are refused"
assert_match "$ERR" "hint: Upgrade it with gbetl init" "with what to run"
assert_eq "$(sql "SELECT count(*) FROM result.allocation_run")" "0" "nothing was allocated"
run_gbetl 78 -d "$TEST_DSN" config check
assert_match "$ERR$OUT" "are not this gbetl's" "config check says so too"
last=$(sql "SELECT max(version) FROM etl.schema_version")
sql "DELETE FROM etl.schema_version WHERE version = $last"
run_gbetl 78 -d "$TEST_DSN" status
assert_match "$ERR" "is at schema version $((last - 1)), this gbetl needs $last" "a missing migration is refused"
run_gbetl 0 -d "$TEST_DSN" init
run_gbetl 0 -d "$TEST_DSN" status
run_gbetl 0 -d "$TEST_DSN" config check
assert_match "$OUT" "ok    the database's schema, functions and views are this gbetl's" "config check after init"
sql "INSERT INTO etl.schema_version (version, name, checksum) VALUES (999, '999_future.sql', 'x')"
run_gbetl 78 -d "$TEST_DSN" run
assert_match "$ERR" "is at schema version 999, newer than this gbetl's $last" "a newer schema is refused"
sql "DELETE FROM etl.schema_version WHERE version = 999"
