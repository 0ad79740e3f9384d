#!/bin/bash
# -q prints errors only (no summary table, no allocation totals); the
# reports are group-readable whatever the umask (report_mode, default 0640,
# directories 0750), and with report_group they get that group and keep it
# (set-group-ID directory) — so finance can read what the nightly job wrote.
. "$TESTS_LIB/assert.sh"
make_test_config
D="-d $TEST_DSN"
rmdir "$TEST_TMP/reports"
run_gbetl 0 $D init
run_gbetl 0 $D mappings
run_gbetl 0 sample --out "$TEST_TMP/sample" --inhabitants 300
cp "$TEST_TMP"/sample/inbox/* "$TEST_TMP/inbox/"

# the nightly job's umask, and -q: a good night prints nothing at all
umask 077
run_gbetl 0 -q $D run
assert_eq "$OUT" "" "run -q prints no summary"
assert_eq "$ERR" "" "run -q on a good night prints nothing"
assert_eq "$(stat -c %a "$TEST_TMP/reports")" "750" "the report directory is group-readable (0750) under umask 077"
for f in "$TEST_TMP"/reports/gbetl-2024*; do
	assert_eq "$(stat -c %a "$f")" "640" "report file $(basename "$f") is 0640 under umask 077"
done
run_gbetl 0 -q $D allocate --year 2024
assert_eq "$OUT$ERR" "" "allocate -q prints nothing"
run_gbetl 0 $D allocate --year 2024
assert_match "$OUT" "ledger cost" "allocate without -q prints its totals"

# a bad night under -q: the errors, and nothing else
printf 'not a ledger\n' >"$TEST_TMP/inbox/huvudbok_2023.se"
run_gbetl 1 -q $D run
assert_eq "$OUT" "" "run -q prints no summary on a bad night"
assert_match "$ERR" "gbetl: error: .*huvudbok_2023.se" "run -q prints the error"
[ "$(grep -vc 'gbetl: error: \|gbetl: hint: \|gbetl: detail: ' "$TEST_TMP/err.txt")" -eq 0 ] ||
	fail "run -q prints errors only: $ERR"

# report_group and report_mode
group=$(id -gn)
printf 'report_group = %s\nreport_mode = 0644\n' "$group" >>"$TEST_TMP/gbetl.conf"
run_gbetl 0 -q $D report --year 2024 --out "$TEST_TMP/shared"
assert_eq "$(stat -c %a:%G "$TEST_TMP/shared")" "2755:$group" "the directory gets the group and the set-group-ID bit"
for f in "$TEST_TMP"/shared/gbetl-2024*; do
	assert_eq "$(stat -c %a:%G "$f")" "644:$group" "report file $(basename "$f") gets report_mode and report_group"
done

printf 'report_mode = 0666\n' >>"$TEST_TMP/gbetl.conf"
run_gbetl 78 $D report --year 2024 --out "$TEST_TMP/shared"
assert_match "$ERR" "report_mode.*writable by no one else" "a world-writable report_mode is refused"
sed -i '$d' "$TEST_TMP/gbetl.conf"
printf 'report_group = no_such_group_gbetl\n' >>"$TEST_TMP/gbetl.conf"
run_gbetl 78 $D report --year 2024 --out "$TEST_TMP/shared"
assert_match "$ERR" "unknown group \"no_such_group_gbetl\"" "an unknown report_group is refused"
