#!/bin/bash
# Mapping rules: a valid set loads with its checksum (once); every kind of
# mistake is reported with file, line and column, and nothing is loaded.
. "$TESTS_LIB/assert.sh"
init_db mappings
assert_eq "$(sql "SELECT count(*) FROM mapping.mapping_set")" "1" "the set is recorded"
run_gbetl 0 mappings --check "$GBETL_SRC/mappings"
assert_match "$ERR" "SHA-256 $(sql "SELECT sha256 FROM mapping.mapping_set")" \
	"with the SHA-256 of the rules that --check reports"
run_gbetl 0 $D mappings
assert_match "$ERR" "loaded already" "an unchanged set is not loaded again"
assert_eq "$(sql "SELECT committee_code FROM mapping.org_unit WHERE org_code_from = '3200' AND valid_from = 2025")" "SOC" "history by year"

# org_units.csv's optional district column: read into mapping.org_unit
assert_eq "$(sql "SELECT string_agg(org_code_from || ':' || coalesce(district, '-'), ' ' ORDER BY org_code_from)
	FROM mapping.org_unit WHERE org_code_from BETWEEN '3009' AND '3111'")" \
	"3010:Norr 3011:Söder 3012:Öster 3013:Väster 3014:Centrum 3015:- 3110:Söder 3111:-" \
	"the cost centres' districts are read; an empty one is none"

bad=$TEST_TMP/bad
mkdir -p "$bad"
cp "$GBETL_SRC"/mappings/*.csv "$bad/"
o=$(wc -l <"$bad/org_units.csv")
echo "3100;3250;KFN;2024;" >>"$bad/org_units.csv"                # overlaps 3000-3199 and 3200-3299
echo "6000;6099;XYZ;2024;" >>"$bad/org_units.csv"                # unknown committee
echo "7000;7099;KS;2025;2024" >>"$bad/org_units.csv"             # valid_to before valid_from
echo "6100;6199;KS;2024;;övriga (dolda)" >>"$bad/org_units.csv"  # a name the breakdowns use
echo "6200;6299;KS;2024;;$(printf 'x%.0s' $(seq 101))" >>"$bad/org_units.csv" # too long
echo "9999;Något;magic;;;;" >>"$bad/activities.csv"              # bad method
echo "8888;Annat;volume;;;;both" >>"$bad/activities.csv"         # bad household split
echo "omsorg;HT;5101;hours;2024;" >>"$bad/service_codes.csv"     # mapped twice
echo "omsorg;ZZ;4711;;2024;" >>"$bad/service_codes.csv"          # unknown activity
echo "5000;5999;cost;extra" >>"$bad/accounts.csv"                # wrong column count
echo "AN;Anna 19121212-1212;2024;" >>"$bad/committees.csv"       # an identity number in a name
echo "6300;6399;KS;2024;;Norr 121212-1212" >>"$bad/org_units.csv" # and in a district
run_gbetl 65 $D mappings "$bad"
for want in "org_units.csv:$((o + 1)): column 1 \\(org_code_from\\): the range overlaps" \
	"org_units.csv:$((o + 2)): column 3 \\(committee_code\\): unknown committee \"XYZ\"" \
	"org_units.csv:$((o + 3)): column 5 \\(valid_to\\)" \
	"org_units.csv:$((o + 4)): column 6 \\(district\\): \"övriga \\(dolda\\)\" is not a district" \
	"org_units.csv:$((o + 5)): column 6 \\(district\\): the district \"x+\" is longer than 100 bytes" \
	'activities.csv:12: column 3 \(method\): "magic" is not a method' \
	'activities.csv:13: column 7 \(household_split\)' \
	'service_codes.csv:7: column 2 \(service_code\): service code "HT" is mapped twice' \
	'service_codes.csv:8: column 3 \(activity_code\): unknown activity "4711"' \
	'accounts.csv:7: 4 columns, 3 expected' \
	"committees.csv:$(wc -l <"$bad/committees.csv"): column 2 \\(committee_name\\): an identity number has no place in a mapping table" \
	"org_units.csv:$((o + 6)): column 6 \\(district\\): an identity number has no place"; do
	assert_match "$ERR" "$want" "reported: $want"
done
assert_not_match "$ERR" "1212-1212" "the identity number is not repeated in the messages"
assert_eq "$(sql "SELECT count(*) FROM mapping.mapping_set")" "1" "an invalid set loads nothing"
run_gbetl 0 mappings --check "$GBETL_SRC/mappings"

# A file written before the district column (five columns, header and all)
# still loads, with no districts and the checksum of the same rules written
# with the column left empty.
old=$TEST_TMP/old
mkdir -p "$old" "$TEST_TMP/empty"
cp "$GBETL_SRC"/mappings/*.csv "$old/"
cut -d';' -f1-5 "$GBETL_SRC/mappings/org_units.csv" >"$old/org_units.csv"
cp "$old"/*.csv "$TEST_TMP/empty/"
sed '1s/$/;district/; 2,$s/$/;/' "$old/org_units.csv" >"$TEST_TMP/empty/org_units.csv"
run_gbetl 0 mappings --check "$TEST_TMP/empty"
empty_sum=$(grep -o 'SHA-256 [0-9a-f]*' <<<"$ERR")
run_gbetl 0 $D mappings "$old"
assert_eq "$(sql "SELECT count(*) FILTER (WHERE district IS NOT NULL) || '/' || count(*) FROM mapping.org_unit")" \
	"0/$(($(wc -l <"$old/org_units.csv") - 1))" "an org_units.csv without the district column loads, without districts"
assert_eq "SHA-256 $(sql "SELECT sha256 FROM mapping.mapping_set ORDER BY set_id DESC LIMIT 1")" "$empty_sum" \
	"with the checksum of the same rules with the column empty"
