#!/bin/bash
# A nightly run on a database without mapping rules for the municipality:
# the files load, but every cost would be unmapped and every figure zero —
# the run says so and exits 1, where it used to end with 0.
. "$TESTS_LIB/assert.sh"
init_db
make_sample 300 2024
cp "$TEST_TMP"/s/inbox/befolkning_2024.csv "$TEST_TMP/inbox/"
run_gbetl 1 $D run
assert_match "$ERR" "no mapping rules are loaded for municipality 0999" "the run says why the figures are empty"
assert_match "$ERR" "hint: Load them with \"gbetl mappings\"" "and how to mend it"
run_gbetl 0 $D mappings
run_gbetl 0 $D run
