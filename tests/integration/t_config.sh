#!/bin/bash
# gbetl config check: a good configuration passes; each kind of problem is
# reported (exit 78) — a readable key, a missing directory, a bad key name,
# a broken source definition.
. "$TESTS_LIB/assert.sh"
make_test_config
run_gbetl 0 config check
assert_match "$OUT" "the configuration is fine" "a good configuration passes"
run_gbetl 0 config show
assert_match "$OUT" "municipality_code = 0999" "show prints the configuration in effect"

chmod 640 "$TEST_TMP/pseudonym.key"
run_gbetl 78 config check
assert_match "$ERR" "group or world access" "a key readable by the group is refused"
assert_match "$ERR" "chmod 600" "with the fix as a hint"
chmod 600 "$TEST_TMP/pseudonym.key"

rmdir "$TEST_TMP/failed"
run_gbetl 78 config check
assert_match "$ERR" "failed directory .* is not a directory" "a missing directory is reported"
mkdir "$TEST_TMP/failed"

echo "municipality = 0880" >>"$GBETL_CONFIG"
run_gbetl 78 config check
assert_match "$ERR" "gbetl.conf:[0-9]+: key \"municipality\": unknown configuration key" "an unknown key names file, line and key"
sed -i '$d' "$GBETL_CONFIG"

mkdir -p "$TEST_TMP/sources"
cp "$GBETL_SRC"/mappings/sources/*.conf "$TEST_TMP/sources/"
printf '[source]\nkind = servcie\nformat = csv\n' >"$TEST_TMP/sources/broken.conf"
sed -i "s|^sources_dir .*|sources_dir = $TEST_TMP/sources|" "$GBETL_CONFIG"
run_gbetl 78 config check
assert_match "$ERR" "broken.conf:2: key \"kind\": unknown kind \"servcie\"" "a broken source definition is reported"
run_gbetl 2 config
