#!/bin/bash
# Mapping rules: a valid set loads with its checksum (once); every kind of
# mistake is reported with file, line and column, and nothing is loaded.
. "$TESTS_LIB/assert.sh"
make_test_config
D="-d $TEST_DSN"
run_gbetl 0 $D init
run_gbetl 0 $D mappings
assert_eq "$(sql "SELECT count(*) FROM mapping.mapping_set")" "1" "the set is recorded"
run_gbetl 0 mappings --check "$GBETL_SRC/mappings"
assert_match "$ERR" "SHA-256 $(sql "SELECT sha256 FROM mapping.mapping_set")" \
	"with the SHA-256 of the rules that --check reports"
run_gbetl 0 $D mappings
assert_match "$ERR" "loaded already" "an unchanged set is not loaded again"
assert_eq "$(sql "SELECT committee_code FROM mapping.org_unit WHERE org_code_from = '3200' AND valid_from = 2025")" "SOC" "history by year"

bad=$TEST_TMP/bad
mkdir -p "$bad"
cp "$GBETL_SRC"/mappings/*.csv "$bad/"
echo "3100;3250;KFN;2024;" >>"$bad/org_units.csv"                # overlaps 3000-3199 and 3200-3299
echo "6000;6099;XYZ;2024;" >>"$bad/org_units.csv"                # unknown committee
echo "7000;7099;KS;2025;2024" >>"$bad/org_units.csv"             # valid_to before valid_from
echo "9999;Något;magic;;;;" >>"$bad/activities.csv"              # bad method
echo "8888;Annat;volume;;;;both" >>"$bad/activities.csv"         # bad household split
echo "omsorg;HT;5101;hours;2024;" >>"$bad/service_codes.csv"     # mapped twice
echo "omsorg;ZZ;4711;;2024;" >>"$bad/service_codes.csv"          # unknown activity
echo "5000;5999;cost;extra" >>"$bad/accounts.csv"                # wrong column count
run_gbetl 65 $D mappings "$bad"
for want in 'org_units.csv:9: column 1 \(org_code_from\): the range overlaps' \
	'org_units.csv:10: column 3 \(committee_code\): unknown committee "XYZ"' \
	'org_units.csv:11: column 5 \(valid_to\)' \
	'activities.csv:12: column 3 \(method\): "magic" is not a method' \
	'activities.csv:13: column 7 \(household_split\)' \
	'service_codes.csv:7: column 2 \(service_code\): service code "HT" is mapped twice' \
	'service_codes.csv:8: column 3 \(activity_code\): unknown activity "4711"' \
	'accounts.csv:7: 4 columns, 3 expected'; do
	assert_match "$ERR" "$want" "reported: $want"
done
assert_eq "$(sql "SELECT count(*) FROM mapping.mapping_set")" "1" "an invalid set loads nothing"
run_gbetl 0 mappings --check "$GBETL_SRC/mappings"
