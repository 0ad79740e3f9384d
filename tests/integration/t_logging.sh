#!/bin/bash
# Logging: timestamped text lines, JSON lines for log collectors, --quiet
# keeps errors only, --verbose adds debugging; never a progress line when
# stderr is not a terminal (cron).
. "$TESTS_LIB/assert.sh"
make_test_config
run_gbetl 0 -d "$TEST_DSN" init
assert_match "$ERR" '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} gbetl: info: ' "text lines are timestamped"

run_gbetl 69 --log-format json -d 'host=/nonexistent' init
assert_eq "$(wc -l <<<"$ERR")" "1" "one JSON object per message"
assert_match "$ERR" '^\{"time":"[0-9T:+-]+","program":"gbetl","level":"error","message":"could not connect' "JSON fields"
if command -v python3 >/dev/null; then
	python3 -c 'import json, sys; [json.loads(l) for l in sys.stdin]' <<<"$ERR" || fail "the JSON lines parse"
fi

run_gbetl 0 --quiet -d "$TEST_DSN" init
assert_eq "$ERR" "" "--quiet prints nothing when all is well"
run_gbetl 0 --verbose -d "$TEST_DSN" init
assert_match "$ERR" "gbetl: (debug|info): " "--verbose prints"
run_gbetl 2 --log-format xml init

# a run under cron: stderr is a file, so no progress line (no carriage return)
run_gbetl 0 sample --out "$TEST_TMP/s" --inhabitants 500 --years 2024
cp "$TEST_TMP"/s/inbox/omsorg_2024.csv "$TEST_TMP/inbox/"
run_gbetl 0 -d "$TEST_DSN" mappings
run_gbetl 0 -d "$TEST_DSN" run
if grep -q $'\r' "$TEST_TMP/err.txt"; then fail "no progress line in cron output"; fi
