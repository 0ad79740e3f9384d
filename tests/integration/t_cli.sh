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
