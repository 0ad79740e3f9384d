#!/bin/bash
# The command line: help, version, bad options, exit statuses.
. "$TESTS_LIB/assert.sh"

run_gbetl 0 --help
assert_match "$OUT" "Usage:" "gbetl --help prints a synopsis"
assert_match "$OUT" "init" "gbetl --help lists the init command"

run_gbetl 0 --version
assert_match "$OUT" "^gbetl [0-9]+\.[0-9]+\.[0-9]+" "gbetl --version"

run_gbetl 0 help init
assert_match "$OUT" "gbetl init" "gbetl help init"
run_gbetl 0 init --help
assert_match "$OUT" "schema_version" "gbetl init --help"

run_gbetl 2 --no-such-option
assert_match "$ERR" 'Try "gbetl --help" for more information.' "bad global option hints"
run_gbetl 2 init --no-such-option
assert_match "$ERR" 'Try "gbetl init --help" for more information.' "bad command option hints"
run_gbetl 2 no-such-command
assert_match "$ERR" 'unknown command "no-such-command"' "unknown command"
run_gbetl 2
assert_match "$ERR" "no command given" "no command"

# An unreachable database: one clear line, exit 69.
run_gbetl 69 -d 'host=/nonexistent' init
assert_eq "$(printf '%s\n' "$ERR" | wc -l)" "1" "unreachable database gives one line"
assert_match "$ERR" "could not connect to database" "unreachable database message"
run_gbetl 69 init -d 'postgresql://localhost:1/x?connect_timeout=2'

# One way to give the year: --year YYYY, or a bare YYYY, for every command
# that takes one; a bad, missing or doubled year is a usage error (exit 2)
# before anything is opened.
for cmd in allocate report close-year reopen-year; do
	run_gbetl 0 $cmd --help
	assert_match "$OUT" "--year=YYYY" "$cmd --help documents --year"
	assert_match "$OUT" "gbetl $cmd .*YYYY" "$cmd --help shows the bare year"
	run_gbetl 2 $cmd --year 24
	assert_match "$ERR" 'invalid fiscal year "24"' "$cmd: a bad year is named"
	run_gbetl 2 $cmd 2024x
	assert_match "$ERR" 'invalid fiscal year "2024x"' "$cmd: a bad bare year is named"
	run_gbetl 2 $cmd --year 2024 2025
	assert_match "$ERR" "two fiscal years given: 2024 \(--year\) and 2025" "$cmd: two different years are refused"
	run_gbetl 2 $cmd
	assert_match "$ERR" "no fiscal year given" "$cmd: a missing year is named"
done

# Options come from one table per command: a bad one is named with what it
# takes, before anything is opened (exit 2 and the "Try" line).
run_gbetl 2 allocate --year 2024 --cost net
assert_match "$ERR" 'invalid value "net" for option --cost' "a bad word is named"
assert_match "$ERR" 'Use "gross" or "own"\.' "the words the option takes are listed"
assert_match "$ERR" 'Try "gbetl allocate --help"' "a bad value hints at the help"
run_gbetl 2 status --limit 0
assert_match "$ERR" 'Give a whole number from 1 to 1000000\.' "a number's range is given"
run_gbetl 2 init --no-such-option
assert_match "$ERR" 'unknown option "--no-such-option"' "an unknown option is named"
run_gbetl 2 report --out r --year
assert_match "$ERR" 'option --year needs an argument' "a missing argument is named"
# every option the help of a command lists is one it accepts (with --help
# after it, nothing runs: a value it takes is checked, then the help shown)
for cmd in $("$GBETL" --help | awk '/^Commands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^$/{on=0}'); do
	[ "$cmd" = help ] && continue
	for opt in $("$GBETL" help "$cmd" | grep -o '^ *\(-[a-zA-Z], \)\?--[a-z-]*\(=[^ ]*\)\?' | sed 's/.*--/--/'); do
		if "$GBETL" "$cmd" "$opt" --help 2>&1 >/dev/null | grep -q "unknown option"; then
			fail "gbetl $cmd: $opt is in the help but not accepted"
		fi
	done
done

# Invalid mapping files are bad input (65), said before the database is
# asked: also when it cannot be reached.
mkdir bad_mappings && cp "$GBETL_SRC"/mappings/*.csv bad_mappings/
printf 'X;;;\n' >>bad_mappings/committees.csv
printf 'municipality_code = 0999\n' >bad.conf
run_gbetl 65 --config bad.conf -d 'host=/nonexistent' mappings bad_mappings
assert_match "$ERR" 'committees.csv:[0-9]+: ' "the bad line is named"
assert_not_match "$ERR" "could not connect" "the database is not asked"

# Without a configuration (no --config, no GBETL_CONFIG, no
# /etc/gbetl/gbetl.conf) a command that works on the municipality's data
# says so, exit 78, instead of using municipality 0000; the commands that
# need no configuration still run.
unset GBETL_CONFIG
if [ ! -e /etc/gbetl/gbetl.conf ]; then
	for cmd in status "close-year 2024" "reopen-year 2024 --reason x" "allocate --year 2024" \
		"report 2024 --out r" run mappings "mappings --export m" "load /dev/null" \
		"import --source omsorg x.csv"; do
		run_gbetl 78 -d "$TEST_DSN" $cmd
		assert_match "$ERR" 'error: no configuration file: no --config, no GBETL_CONFIG, and "/etc/gbetl/gbetl.conf" does not exist' \
			"$cmd: says that there is no configuration"
		assert_match "$ERR" "hint: Give the file with --config FILE or GBETL_CONFIG=FILE" "$cmd: says how to give one"
		assert_eq "$(grep -c 'error:' <<<"$ERR")" "1" "$cmd: one error line"
	done
	run_gbetl 0 sample --out s --inhabitants 100 --years 2024
	run_gbetl 0 extract --sources "$GBETL_SRC/mappings/sources" --source befolkning s/inbox/befolkning_2024.csv
	assert_match "$OUT" "^GBETL-END" "extract with --sources runs without a configuration"
	run_gbetl 0 mappings --check "$GBETL_SRC/mappings"
	run_gbetl 78 config check
	assert_match "$ERR" "no configuration file" "config check says the file is missing"
	run_gbetl 0 config show
	run_gbetl 0 -d "$TEST_DSN" init
fi

# A command that reads files as a source says what is missing, in one line.
run_gbetl 2 extract some.csv
assert_match "$ERR" "no source given \(--source NAME\)" "extract without --source"
run_gbetl 2 extract --source omsorg a.csv b.csv
assert_match "$ERR" "give exactly one file" "extract of two files"
run_gbetl 2 import --source omsorg
assert_match "$ERR" "no file given" "import without a file"
assert_eq "$(grep -c 'error:' <<<"$ERR")" "1" "one error line"
