#!/bin/bash
# An upgrade: a database made, loaded, allocated and closed by the gbetl of
# the last release before this round's migrations (commit 3548fda: schema
# 001-006), then upgraded by this gbetl's init. The upgraded database gives
# the same allocation, öre for öre, keeps its closed year frozen, waits for
# nothing it should not, and takes the nightly run. Needs the repository's
# git history to build the old gbetl: without it (a shallow clone, a copy of
# the files) the test says it is skipped.
. "$TESTS_LIB/assert.sh"
make_test_config
D="-d $TEST_DSN"
base=3548fda
if ! git -C "$GBETL_SRC" cat-file -e "$base^{commit}" 2>/dev/null; then
	echo "skipped: commit $base is not in this tree's git history (a shallow clone or no git)"
	exit 0
fi

# the old gbetl, built from its own sources
old=$TEST_TMP/old
mkdir -p "$old"
git -C "$GBETL_SRC" archive "$base" | tar -x -C "$old"
make -C "$old" -s build/gbetl >"$TEST_TMP/old-build.log" 2>&1 || { cat "$TEST_TMP/old-build.log" >&2; fail "the old gbetl builds"; }
OLD=$old/build/gbetl
# the old one's configuration: without the keys it does not know, with its
# own mapping tables and source definitions (the new ones have columns it
# does not know)
grep -v '^settle_seconds\|^mappings_dir\|^sources_dir' "$GBETL_CONFIG" >"$TEST_TMP/old.conf"
printf 'mappings_dir = %s\nsources_dir = %s\n' "$old/mappings" "$old/mappings/sources" >>"$TEST_TMP/old.conf"
chmod 600 "$TEST_TMP/old.conf"

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
