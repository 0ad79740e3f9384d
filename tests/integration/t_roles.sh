#!/bin/bash
# The roles gbetl init creates, granted to real logins as docs/operations.md
# says: a loader login imports and runs the night; a finance login
# allocates, closes and reopens a year and writes the report; an analyst
# login reads the mapping tables and nothing of etl, core or result.  And
# the database owner of the guide (CREATEROLE, owning the database) can run
# gbetl init; a user without the privilege is told which one and how.
. "$TESTS_LIB/assert.sh"
make_test_config
p=t_roles_$$
loader=${p}_loader finance=${p}_finance analyst=${p}_analyst owner=${p}_owner plain=${p}_plain
nobody=${p}_nobody
db=$(sql "SELECT current_database()")
cleanup() {
	for d in ${p}_owned ${p}_plain ${p}_other; do
		psql -XqAt -d postgres -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true
	done
	for r in $loader $finance $analyst $owner $plain $nobody; do
		psql -XqAt -d "$TEST_DSN" -c "DROP OWNED BY $r" >/dev/null 2>&1 || true
		psql -XqAt -d postgres -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1 || true
	done
}
trap cleanup EXIT

run_gbetl 0 -d "$TEST_DSN" init
# docs/operations.md, "Logins": exactly these statements
sql "CREATE ROLE $loader LOGIN; GRANT gbetl_loader TO $loader;
	CREATE ROLE $finance LOGIN; GRANT gbetl_finance TO $finance;
	CREATE ROLE $analyst LOGIN; GRANT gbetl_analyst TO $analyst" >/dev/null
L="dbname=$db user=$loader"
F="dbname=$db user=$finance"
A="dbname=$db user=$analyst"

# loader: mappings, import, run
run_gbetl 0 sample --out "$TEST_TMP/sample" --inhabitants 300
run_gbetl 0 -d "$L" mappings
run_gbetl 0 -d "$L" import --source omsorg "$TEST_TMP/sample/inbox/omsorg_2024.csv"
rm "$TEST_TMP/sample/inbox/omsorg_2024.csv"
cp "$TEST_TMP"/sample/inbox/* "$TEST_TMP/inbox/"
# the nightly job's login granted no gbetl role, or finance's instead of
# the loader's (careless setups): refused with EX_NOPERM and the GRANT that
# is missing, before a file is read, loaded or moved out of the inbox
sql "CREATE ROLE $nobody LOGIN" >/dev/null
for who in "$nobody" "$finance"; do
	run_gbetl 77 -d "dbname=$db user=$who" run
	[ "$who" = "$nobody" ] || assert_match "$ERR" \
		"error: the login \"$who\" may not load files: the files stay in the inbox" \
		"the nightly job as $who is refused"
	assert_match "$ERR" "hint: .*GRANT gbetl_loader TO \"$who\"" "the refusal names the GRANT"
	assert_eq "$(ls "$TEST_TMP/inbox" | wc -l)" "$(ls "$TEST_TMP/sample/inbox" | wc -l)" \
		"no file left the inbox"
	assert_eq "$(ls "$TEST_TMP/failed" | wc -l)" "0" "no file was set aside"
	assert_eq "$(sql "SELECT count(*) FROM etl.batch")" "1" "nothing more was loaded"
done
run_gbetl 0 -d "$L" run
assert_eq "$(ls "$TEST_TMP/inbox" | wc -l)" "0" "the loader's run emptied the inbox"
assert_eq "$(sql "SELECT count(*) FROM etl.batch WHERE status = 'loaded'")" "$(($(ls "$TEST_TMP/sample/inbox" | wc -l) + 1))" \
	"the loader's import and run loaded every file"
[ -s "$TEST_TMP/reports/gbetl-2024.html" ] || fail "the loader's run wrote the report"

# closing is finance's decision: the loader may not
run_gbetl 77 -d "$L" close-year 2024 --accept-unmapped
assert_match "$ERR" "permission denied" "the loader may not close a year"
assert_match "$ERR" "hint: Grant the login \"$loader\" the gbetl role its work needs, .*gbetl_finance to allocate, close" \
	"the refusal says which role would allow it"
assert_eq "$(sql "SELECT count(*) FROM result.year_close")" "0" "the loader closed nothing"

# finance: allocate, report, close-year, reopen-year, status
run_gbetl 0 -d "$F" allocate --year 2024
[ "$(sql "SELECT count(*) FROM result.allocation WHERE fiscal_year = 2024")" -gt 0 ] || fail "finance allocated 2024"
run_gbetl 0 -d "$F" report --year 2024 --out "$TEST_TMP/finance"
[ -s "$TEST_TMP/finance/gbetl-2024.html" ] || fail "finance wrote the report"
run_gbetl 0 -d "$F" close-year 2024 --accept-unmapped
assert_eq "$(sql "SELECT count(*) FROM result.year_close WHERE fiscal_year = 2024")" "1" "finance closed 2024"
run_gbetl 0 -d "$F" reopen-year 2024 --reason "a late invoice"
assert_eq "$(sql "SELECT reason FROM result.year_reopen WHERE fiscal_year = 2024")" "a late invoice" "finance reopened 2024"
run_gbetl 0 -d "$F" allocate --year 2024
"$GBETL" -d "$F" status >/dev/null 2>"$TEST_TMP/status.err" || true
if grep -q "permission denied" "$TEST_TMP/status.err"; then fail "finance reads gbetl status"; fi

# A database hardened by its DBA (REVOKE TEMPORARY ... FROM PUBLIC, as some
# security baselines ask): finance and the loader still allocate and run,
# in the temporary tables of their transaction that init lets them make.
sql_postgres "REVOKE TEMPORARY ON DATABASE $db FROM PUBLIC"
figures="SELECT string_agg(concat_ws(' ', committee_code, activity_code, ledger_cost_ore, women_ore, men_ore,
	unknown_ore, not_individual_ore, unallocated_ore), ', ' ORDER BY committee_code, activity_code)
	FROM result.allocation WHERE fiscal_year = 2024"
before=$(sql "$figures")
sql "UPDATE result.allocation SET women_ore = women_ore + 1, men_ore = men_ore - 1
	WHERE fiscal_year = 2024 AND women_ore > 0 AND men_ore > 0" >/dev/null
[ "$(sql "$figures")" != "$before" ] || fail "the figures were changed by hand"
run_gbetl 0 -d "$F" allocate --year 2024
run_gbetl 0 -d "$L" allocate --year 2024
assert_eq "$(sql "$figures")" "$before" "a database without TEMPORARY for PUBLIC allocates the same figures"
sql_postgres "GRANT TEMPORARY ON DATABASE $db TO PUBLIC"

# A privilege taken away by a DBA in the middle of the files (INSERT on the
# ledger): the run stops at the first file it refuses, exit 77; that file
# and the ones after it stay in the inbox, none is set aside in failed/,
# and the next run, once the privilege is back, takes them.
run_gbetl 0 sample --out "$TEST_TMP/s2026" --inhabitants 300 --years 2026
cp "$TEST_TMP"/s2026/inbox/* "$TEST_TMP/inbox/"
sql "REVOKE INSERT ON core.ledger_entry FROM gbetl_loader" >/dev/null
run_gbetl 77 -d "$L" run
assert_match "$ERR" "permission denied for table ledger_entry" "the refusal is said"
assert_eq "$(ls "$TEST_TMP/inbox" | grep -c '^huvudbok\|^omsorg')" "$(ls "$TEST_TMP/s2026/inbox" | grep -c '^huvudbok\|^omsorg')" \
	"the refused file and the ones after it stay in the inbox"
assert_eq "$(ls "$TEST_TMP/failed" | wc -l)" "0" "no file was set aside"
sql "GRANT INSERT ON core.ledger_entry TO gbetl_loader" >/dev/null
run_gbetl 0 -d "$L" run
assert_eq "$(ls "$TEST_TMP/inbox" | wc -l)" "0" "the next run takes them"

# After an upgrade of gbetl (here: a view file to apply again), init run as
# the nightly job's login instead of the owner: refused with 77, nothing
# changed, and the hint names the user gbetl's schemas belong to.
sql "DELETE FROM etl.schema_repeatable WHERE name = 'views/80_reporting.sql'" >/dev/null
schema_owner=$(sql "SELECT pg_catalog.pg_get_userbyid(nspowner) FROM pg_catalog.pg_namespace WHERE nspname = 'etl'")
run_gbetl 77 -d "$L" init
assert_match "$ERR" "hint: gbetl's schemas in this database belong to \"$schema_owner\", who ran gbetl init before: run it as that user" \
	"init as the loader names the owner to run it as"
assert_eq "$(sql "SELECT count(*) FROM etl.schema_repeatable WHERE name = 'views/80_reporting.sql'")" "0" \
	"the refused init changed nothing"
run_gbetl 0 -d "$TEST_DSN" init
assert_match "$ERR" "created the functions" "the owner's init applies it"

# analyst: the mapping tables, nothing of etl, core or result
assert_eq "$(psql -XqAt -d "$A" -c "SELECT count(*) > 0 FROM mapping.committee")" "t" "the analyst reads mapping"
for t in etl.batch core.person result.allocation; do
	out=$(psql -XqAt -d "$A" -c "SELECT count(*) FROM $t" 2>&1) && fail "the analyst reads $t"
	assert_match "$out" "permission denied" "the analyst may not read $t"
done
# the analyst and finance may not load; the analyst may not allocate
run_gbetl 77 -d "$A" allocate --year 2024
assert_match "$ERR" "permission denied" "the analyst may not allocate"

# The owner of the guide: CREATEROLE, owns the database, runs gbetl init.
sql_postgres "CREATE ROLE $owner LOGIN CREATEROLE"
sql_postgres "CREATE DATABASE ${p}_owned OWNER $owner"
run_gbetl 0 -d "dbname=${p}_owned user=$owner" init
# Without CREATEROLE: the missing privilege and how to get it.
sql_postgres "CREATE ROLE $plain LOGIN"
sql_postgres "CREATE DATABASE ${p}_plain OWNER $plain"
run_gbetl 77 -d "dbname=${p}_plain user=$plain" init
assert_match "$ERR" "gbetl: error: could not apply migration \"001_base.sql\": .*(CREATEROLE|create role)" \
	"init names the missing privilege"
assert_match "$ERR" "hint: .*CREATEROLE.*ALTER ROLE \"$plain\" CREATEROLE" "init says how to get it"
assert_not_match "$ERR" "GRANT gbetl_loader" "and no hint of the roles, which init would make"
# Not the owner of the database: how to become it.
sql_postgres "CREATE DATABASE ${p}_other OWNER $owner"
sql_postgres "ALTER ROLE $plain CREATEROLE"
run_gbetl 77 -d "dbname=${p}_other user=$plain" init
assert_match "$ERR" "error: could not apply migration \"001_base.sql\": permission denied for database" \
	"init names the missing privilege"
assert_match "$ERR" "hint: .*ALTER DATABASE \"${p}_other\" OWNER TO \"$plain\"" "init says to own the database"
