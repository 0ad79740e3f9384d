#!/bin/bash
# The configuration's defaults for sources that do not set their own:
# reject_max_count (a file with more rejects is not loaded) and
# interim_numbers (care systems' interim numbers taken as valid). The
# sample's care source sets neither.
. "$TESTS_LIB/assert.sh"
init_db
make_sample 300 2024
care=$TEST_TMP/care_2024.csv
cp "$TEST_TMP/s/inbox/omsorg_2024.csv" "$care"
printf '20000101-T220;K;HT;3010;2024-03-01;2024-03-31;5;timmar;Norr\r\n' >>"$care"      # interim number
printf '19280625-7115;M;HT;3010;2024-13-45;2024-03-31;5;timmar;Norr\r\n' >>"$care"     # an impossible date: a reject
grep -q 'interim_numbers\|reject_max_count' "$GBETL_SRC/mappings/sources/omsorg.conf" &&
	fail "the sample's care source sets neither key"

# without them in gbetl.conf: no count limit, the interim number invalid
run_gbetl 0 extract --source omsorg "$care"
assert_match "$(tail -n 1 "$TEST_TMP/out.txt")" '^GBETL-END' "the file is read"
invalid=$(tail -n 1 "$TEST_TMP/out.txt" | cut -f9)

# with them: one reject is over reject_max_count = 0; the interim number is valid
cat >>"$GBETL_CONFIG" <<CONF
reject_max_count = 0
interim_numbers  = yes
CONF
run_gbetl 1 extract --source omsorg "$care"
assert_match "$ERR" "1 of [0-9]+ records rejected, over source \"omsorg\"'s reject_max_count 0" "extract says the rejects are over the limit, naming it"
assert_eq "$(tail -n 1 "$TEST_TMP/out.txt" | cut -f9)" "$((invalid - 1))" \
	"interim_numbers = yes in gbetl.conf makes the interim number valid"
run_gbetl 1 $D import --source omsorg "$care"
assert_match "$ERR" "reject" "reject_max_count = 0 in gbetl.conf refuses a file with a reject"
assert_eq "$(sql "SELECT count(*) FROM core.service_record")" "0" "nothing of it is loaded"

# a source's own setting wins over the configuration's
sed 's/^reject_max_ratio = 0.02$/reject_max_ratio = 0.02\nreject_max_count = 5/' \
	"$GBETL_SRC/mappings/sources/omsorg.conf" >"$TEST_TMP/omsorg.conf"
mkdir -p "$TEST_TMP/sources" && mv "$TEST_TMP/omsorg.conf" "$TEST_TMP/sources/"
run_gbetl 0 $D import --sources "$TEST_TMP/sources" --source omsorg "$care"
