#!/bin/bash
# Upgrades by this gbetl's init of databases made by four earlier gbetls:
# 3548fda (schema 001-006), fe1d164 (001-015: before the repeatable files),
# fb08ab5 (001-018: before the data dictionary) and 15349d3 (001-019: before
# the last rewrite of released migrations' texts). The first three give the
# figures they gave before; the first keeps its closed year frozen and takes
# the nightly run; the other three then have exactly the schema of a fresh
# database. Needs the repository's git history to build the old gbetls:
# without it (a shallow clone, a copy of the files) the test says it is
# skipped.
. "$TESTS_LIB/assert.sh"
make_test_config
D="-d $TEST_DSN"
base=3548fda
if ! git -C "$GBETL_SRC" cat-file -e "$base^{commit}" 2>/dev/null; then
	echo "skipped: commit $base is not in this tree's git history (a shallow clone or no git)"
	exit 0
fi

# build_old REV DIR: the gbetl of commit REV, built from its own sources in DIR
build_old() {
	mkdir -p "$2"
	git -C "$GBETL_SRC" archive "$1" | tar -x -C "$2"
	make -C "$2" -s build/gbetl >"$2.log" 2>&1 || { cat "$2.log" >&2; fail "the gbetl of $1 builds"; }
}
# old_config DIR FILE [KEY...]: FILE, this test's configuration for the old
# gbetl built in DIR: with DIR's own mapping tables and source definitions,
# and without the KEYs (ones that gbetl does not know)
old_config() {
	local dir=$1 file=$2 drop='^mappings_dir\|^sources_dir' key
	shift 2
	for key in "$@"; do drop+="\\|^$key"; done
	grep -v "$drop" "$GBETL_CONFIG" >"$file"
	printf 'mappings_dir = %s\nsources_dir = %s\n' "$dir/mappings" "$dir/mappings/sources" >>"$file"
	chmod 600 "$file"
}
old=$TEST_TMP/old
build_old "$base" "$old"
OLD=$old/build/gbetl
# the old one's configuration: without the key it does not know, with its
# own mapping tables and source definitions (the new ones have columns it
# does not know)
old_config "$old" "$TEST_TMP/old.conf" settle_seconds

"$OLD" sample --out "$TEST_TMP/s" --inhabitants 800 --years 2024,2025 >/dev/null 2>&1 || fail "the old sample"
cp "$TEST_TMP"/s/inbox/* "$TEST_TMP/inbox/"
GBETL_CONFIG=$TEST_TMP/old.conf "$OLD" $D init >/dev/null 2>&1 || fail "the old init"
GBETL_CONFIG=$TEST_TMP/old.conf "$OLD" $D mappings >/dev/null 2>&1 || fail "the old mappings"
GBETL_CONFIG=$TEST_TMP/old.conf "$OLD" $D run >/dev/null 2>&1 || true
GBETL_CONFIG=$TEST_TMP/old.conf "$OLD" $D close-year 2024 >/dev/null 2>&1 || fail "the old close-year"
assert_eq "$(sql "SELECT max(version) FROM etl.schema_version")" "6" "the old database is at schema 6"
[ -z "$(ls "$TEST_TMP/inbox")" ] || fail "the old run took every file"

figures="SELECT fiscal_year, committee_code, activity_code, method, cost_basis, ledger_cost_ore, women_ore, men_ore,
	unknown_ore, not_individual_ore, unallocated_ore, recipients_women, recipients_men, recipients_unknown,
	volume_women, volume_men, volume_unknown FROM result.allocation ORDER BY 1, 2, 3"
frozen="SELECT fiscal_year, version, committee_code, activity_code, women_ore, men_ore, unknown_ore
	FROM result.closed_allocation ORDER BY 1, 2, 3, 4"
before=$(sql "$figures")
before_frozen=$(sql "$frozen")
[ -n "$before" ] && [ -n "$before_frozen" ] || fail "the old database has figures and a closed year"

# the upgrade
run_gbetl 0 $D init
assert_match "$ERR" "migration\(s\) applied" "init upgrades the old database"
assert_eq "$(sql "SELECT max(version) > 6 FROM etl.schema_version")" "t" "to the new schema"
assert_eq "$(sql "$frozen")" "$before_frozen" "the closed year's frozen figures are untouched"
assert_eq "$(sql "SELECT count(*) FROM result.allocation_run WHERE fiscal_year IN (2024, 2025)")" "2" \
	"the allocations made before are recorded with the rules loaded then"

# the nightly run after the upgrade: nothing new, the open year allocated by
# the new code (its basis is recorded now), the same figures
run_gbetl 0 $D allocate --year 2025
run_gbetl 0 $D run
assert_eq "$(sql "$figures")" "$before" "the allocation after the upgrade equals the old one, öre for öre"
"$GBETL" $D status >"$TEST_TMP/status.txt" 2>&1 || true
assert_match "$(cat "$TEST_TMP/status.txt")" "2024 +closed, version 1" "status reads the upgraded history"
assert_eq "$(sed -n '/^Fiscal years waiting/,/^$/p' "$TEST_TMP/status.txt" | sed -n 2p)" "  (none)" "nothing is left waiting"

# ---------------------------------------------------------------------------
# The upgrade of 016 (functions and views moved to repeatable files; money
# columns numeric): a database made and loaded by the gbetl of commit
# fe1d164 (schema 001-015) and upgraded by this gbetl's init has exactly the
# schema of a fresh one (pg_dump -s), and gives exactly the allocation and
# breakdowns of a fresh database loaded with the same files — and of the
# old gbetl itself.
dbs="${TEST_NAME}_before ${TEST_NAME}_fresh"
cleanup() {
	for d in $dbs; do psql -XqAt -d postgres -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
for d in $dbs; do sql_postgres "CREATE DATABASE $d" || fail "create database $d"; done
UP="dbname=${TEST_NAME}_before"
FRESH="dbname=${TEST_NAME}_fresh"
sqld() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
schema_of() { "${PG_BINDIR:+$PG_BINDIR/}pg_dump" -s -d "$1" | grep -v '^\\\(un\)\?restrict '; }

# loaded_by_old REV DSN VERSION: the gbetl of REV, built in $TEST_TMP/old-REV,
# makes its sample (800 inhabitants, 2024-2025, in $TEST_TMP/s-REV) and
# inits, maps and runs the database DSN with it, which is then at schema
# VERSION. From then on GBETL_CONFIG names REV's own mapping tables and
# source definitions (later ones have columns it does not know, such as a
# cost centre's district), for the old and the new gbetl alike. Without REV
# in the git history the test is skipped.
loaded_by_old() {
	local rev=$1 dsn=$2 version=$3 dir=$TEST_TMP/old-$1 step
	if ! git -C "$GBETL_SRC" cat-file -e "$rev^{commit}" 2>/dev/null; then
		echo "skipped: commit $rev is not in this tree's git history"
		exit 0
	fi
	build_old "$rev" "$dir"
	old_config "$dir" "$dir.conf"
	export GBETL_CONFIG=$dir.conf
	"$dir/build/gbetl" sample --out "$TEST_TMP/s-$rev" --inhabitants 800 --years 2024,2025 >/dev/null 2>&1 ||
		fail "the sample of $rev"
	cp "$TEST_TMP/s-$rev"/inbox/* "$TEST_TMP/inbox/"
	for step in init mappings run; do
		"$dir/build/gbetl" -d "$dsn" $step >"$dir-$step.log" 2>&1 || [ $step = run ] || fail "the old $step"
	done
	assert_eq "$(sqld "$dsn" "SELECT max(version) FROM etl.schema_version")" "$version" \
		"the database of $rev is at schema $version"
	[ -z "$(ls "$TEST_TMP/inbox")" ] || fail "the run of $rev took every file"
}

base2=fe1d164
loaded_by_old "$base2" "$UP" 15

alloc="SELECT municipality_code, fiscal_year, committee_code, activity_code, method, cost_basis, ledger_cost_ore,
	women_ore, men_ore, unknown_ore, not_individual_ore, unallocated_ore, recipients_women, recipients_men,
	recipients_unknown, volume_women, volume_men, volume_unknown, volume_unit, population_women, population_men,
	cost_per_recipient_women_ore, cost_per_recipient_men_ore, cost_per_unit_women_ore, cost_per_unit_men_ore,
	cost_per_inhabitant_women_ore, cost_per_inhabitant_men_ore, share_cost_women, share_recipients_women,
	share_population_women, representation_index_women, representation_index_men, balance_band, records,
	records_sex_known, direct_remainder FROM result.allocation ORDER BY 1, 2, 3, 4"
detail="SELECT * FROM result.allocation_detail ORDER BY 1, 2, 3, 4, 5, 6"
keyfig="SELECT * FROM result.key_figure ORDER BY 1, 2, 3, 4, 5"
old_alloc=$(sqld "$UP" "$alloc")
old_detail=$(sqld "$UP" "$detail")
old_keyfig=$(sqld "$UP" "$keyfig")
[ "$(echo "$old_alloc" | wc -l)" -gt 10 ] && [ "$(echo "$old_detail" | wc -l)" -gt 50 ] || fail "the old gbetl allocated"

# the upgrade: no warning (the old migrations' texts are known), the schema
# of a fresh database: a function of the old schema that no repeatable file
# makes any more is gone
sqld "$UP" "CREATE FUNCTION result.obsolete() RETURNS integer LANGUAGE sql RETURN 1" >/dev/null
run_gbetl 0 -d "$UP" init
assert_match "$ERR" 'applied migration "016_repeatable.sql"' "init upgrades the database of $base2"
assert_not_match "$ERR" "warning|differs" "the upgrade warns of nothing"
run_gbetl 0 -d "$FRESH" init
schema_of "$UP" >"$TEST_TMP/schema-upgraded.sql"
schema_of "$FRESH" >"$TEST_TMP/schema-fresh.sql"
diff "$TEST_TMP/schema-upgraded.sql" "$TEST_TMP/schema-fresh.sql" >"$TEST_TMP/schema.diff" ||
	{ head -40 "$TEST_TMP/schema.diff" >&2; fail "the upgraded schema equals a fresh one"; }
assert_eq "$(sqld "$UP" "SELECT count(*) FROM pg_proc WHERE proname = 'obsolete'")" "0" \
	"a function no file makes is gone"

# the upgraded database allocated again by this gbetl; a fresh one loaded
# with the same files: the same figures, and those of the old gbetl
run_gbetl 0 -d "$UP" allocate --year 2024
run_gbetl 0 -d "$UP" allocate --year 2025
cp "$TEST_TMP/s-$base2"/inbox/* "$TEST_TMP/inbox/"
run_gbetl 0 -d "$FRESH" mappings
run_gbetl 0 -d "$FRESH" run
assert_eq "$(sqld "$UP" "$alloc")" "$old_alloc" "the upgraded database's allocation equals the old gbetl's"
assert_eq "$(sqld "$FRESH" "$alloc")" "$old_alloc" "a fresh database's allocation equals the old gbetl's"
assert_eq "$(sqld "$UP" "$detail")" "$old_detail" "the upgraded database's breakdowns equal the old gbetl's"
assert_eq "$(sqld "$FRESH" "$detail")" "$old_detail" "a fresh database's breakdowns equal the old gbetl's"
assert_eq "$(sqld "$FRESH" "$keyfig")" "$old_keyfig" "the key figures equal the old gbetl's"

# init twice in a row: the second applies nothing and re-creates nothing
recorded="SELECT name, checksum, applied_at FROM etl.schema_repeatable ORDER BY 1"
before_init=$(sqld "$FRESH" "$recorded")
oid_before=$(sqld "$FRESH" "SELECT 'result.allocate(text, smallint, text, text, boolean)'::regprocedure::oid")
run_gbetl 0 -d "$FRESH" init
assert_match "$ERR" "up to date" "the second init is a no-op"
assert_not_match "$ERR" "created the functions" "the second init re-creates nothing"
assert_eq "$(sqld "$FRESH" "$recorded")" "$before_init" "etl.schema_repeatable is untouched"
assert_eq "$(sqld "$FRESH" "SELECT 'result.allocate(text, smallint, text, text, boolean)'::regprocedure::oid")" \
	"$oid_before" "the functions are the same objects"

# ---------------------------------------------------------------------------
# The upgrade from the last release before the data dictionary (commit
# fb08ab5, schema 001-018, its migrations' COMMENTs still in their text):
# no warning, exactly the schema of a fresh database (the comments of every
# table, view and column included), and the reporting views publish what
# they published before the upgrade, figure for figure.
base3=fb08ab5
dbs+=" ${TEST_NAME}_release"
REL="dbname=${TEST_NAME}_release"
sql_postgres "CREATE DATABASE ${TEST_NAME}_release" || fail "create database ${TEST_NAME}_release"
loaded_by_old "$base3" "$REL" 18

published() {
	local v out=""
	for v in allocation allocation_detail municipality key_figure allocation_need budget_outcome; do
		out+="$v: $(sqld "$1" "SELECT * FROM reporting.$v ORDER BY 1, 2, 3, 4, 5")"$'\n'
	done
	echo "$out" | grep -v '^$' | sed 's/|20[0-9-]* [0-9:.+]*//g'
}
old_published=$(published "$REL")
[ "$(echo "$old_published" | grep -c '^allocation_detail: ')" -eq 1 ] &&
	[ "$(echo "$old_published" | wc -l)" -gt 50 ] || fail "the release published figures"
run_gbetl 0 -d "$REL" init
assert_match "$ERR" 'applied migration "019_split_sek.sql"' "init upgrades the release's database"
assert_not_match "$ERR" "warning|differs" "the upgrade from the release warns of nothing"
schema_of "$REL" >"$TEST_TMP/schema-release.sql"
schema_of "$FRESH" >"$TEST_TMP/schema-fresh.sql"
diff "$TEST_TMP/schema-release.sql" "$TEST_TMP/schema-fresh.sql" >"$TEST_TMP/schema3.diff" ||
	{ head -40 "$TEST_TMP/schema3.diff" >&2; fail "the release's upgraded schema equals a fresh one"; }
assert_eq "$(published "$REL")" "$old_published" "the reporting views publish the same figures after the upgrade"

# ---------------------------------------------------------------------------
# The last rewrite of released migrations' texts (002's core tables and 013's
# breakdown take their shared columns from one definition), after commit
# 15349d3 (schema 001-019): a database that gbetl made is recognised, not
# reported as edited by hand, and has exactly the schema of a fresh one.
base4=15349d3
dbs+=" ${TEST_NAME}_latest"
LATEST="dbname=${TEST_NAME}_latest"
sql_postgres "CREATE DATABASE ${TEST_NAME}_latest" || fail "create database ${TEST_NAME}_latest"
build_old "$base4" "$TEST_TMP/old-$base4"
old_config "$TEST_TMP/old-$base4" "$TEST_TMP/old-$base4.conf"
GBETL_CONFIG=$TEST_TMP/old-$base4.conf "$TEST_TMP/old-$base4/build/gbetl" -d "$LATEST" init >/dev/null 2>&1 ||
	fail "the init of $base4"
run_gbetl 0 -d "$LATEST" init
assert_match "$ERR" 'applied migration "020_temporary.sql"' "init upgrades the database of $base4"
assert_not_match "$ERR" "warning|differs" "and warns of nothing"
schema_of "$LATEST" >"$TEST_TMP/schema-latest.sql"
diff "$TEST_TMP/schema-latest.sql" "$TEST_TMP/schema-fresh.sql" >"$TEST_TMP/schema4.diff" ||
	{ head -40 "$TEST_TMP/schema4.diff" >&2; fail "the schema of $base4's database equals a fresh one"; }
