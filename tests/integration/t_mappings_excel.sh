#!/bin/bash
# Mapping tables as spreadsheets save them: the sample's tables re-encoded as
# Swedish Excel writes them (Windows-1252, CRLF, ';'), with ',' (quoted names
# that hold a comma), and as "CSV UTF-8" (BOM, CRLF, rows padded with empty
# cells, empty lines) load exactly the same rules, å, ä and ö intact; a
# workbook saved under a .csv name is a one-line error naming the file.
. "$TESTS_LIB/assert.sh"
make_test_config
D="-d $TEST_DSN"
tables="committees org_units activities accounts service_codes"

rules() {
	sql "SELECT 'committee', committee_code, committee_name, valid_from, valid_to FROM mapping.committee ORDER BY 2, 4;
	     SELECT 'org_unit', org_code_from, org_code_to, committee_code, valid_from, valid_to FROM mapping.org_unit ORDER BY 2, 5;
	     SELECT 'activity', activity_code, activity_name, method, volume_unit, age_from, age_to, household_split FROM mapping.activity ORDER BY 2;
	     SELECT 'account', account_from, account_to, account_type FROM mapping.account ORDER BY 2;
	     SELECT 'service_code', source, service_code, activity_code, unit, valid_from, valid_to FROM mapping.service_code ORDER BY 2, 3, 6"
}

# load DIR — load the set even though its rules equal the loaded ones
load_again() {
	sql "UPDATE mapping.mapping_set SET sha256 = 'x'" >/dev/null
	run_gbetl 0 $D mappings "$1"
	assert_match "$ERR" "loaded the mapping rules" "$2: loaded"
}

run_gbetl 0 $D init
run_gbetl 0 $D mappings "$GBETL_SRC/mappings"
want=$(rules)
assert_match "$want" "Hemtjänst, äldreomsorg" "the originals have names with å, ä, ö and a comma"

# Swedish Excel, "CSV (semikolonavgränsad)": Windows-1252 and CRLF
win=$TEST_TMP/win-semicolon
mkdir -p "$win"
for t in $tables; do
	iconv -f UTF-8 -t WINDOWS-1252 "$GBETL_SRC/mappings/$t.csv" | sed 's/$/\r/' >"$win/$t.csv"
done
if iconv -f UTF-8 -t UTF-8 "$win/committees.csv" >/dev/null 2>&1; then
	fail "the Windows-1252 copy should not be valid UTF-8"
fi
run_gbetl 0 $D mappings "$win"
assert_match "$ERR" "loaded already" "the same rules in Windows-1252 are the loaded set"
assert_match "$ERR" "committees.csv as WINDOWS-1252" "the encoding is said"
load_again "$win" "Windows-1252 with ';'"
assert_eq "$(rules)" "$want" "Windows-1252 with ';' gives the same rules"

# Windows-1252, CRLF, ',' between the cells; cells with a comma quoted
comma=$TEST_TMP/win-comma
mkdir -p "$comma"
for t in $tables; do
	awk -F";" 'BEGIN { OFS = "," } { $1 = $1
		for (i = 1; i <= NF; i++) if ($i ~ /,/) $i = "\"" $i "\""
		print }' "$GBETL_SRC/mappings/$t.csv" |
		iconv -f UTF-8 -t WINDOWS-1252 | sed 's/$/\r/' >"$comma/$t.csv"
done
assert_match "$(cat "$comma/activities.csv")" '^5101,"Hemtj' "quoted in the copy"
load_again "$comma" "Windows-1252 with ','"
assert_match "$ERR" "with ',' between the cells" "the delimiter is said"
assert_eq "$(rules)" "$want" "Windows-1252 with ',' gives the same rules"

# "CSV UTF-8": BOM, CRLF, every row padded to 9 cells, empty lines between
bom=$TEST_TMP/utf8-bom
mkdir -p "$bom"
for t in $tables; do
	{ printf '\357\273\277'; awk -F';' '{ s = $0; for (i = NF; i < 9; i++) s = s ";"
		print s; if (NR % 3 == 0) print ";;;;;;;;" }' "$GBETL_SRC/mappings/$t.csv"; } |
		sed 's/$/\r/' >"$bom/$t.csv"
done
load_again "$bom" "UTF-8 with BOM and padding"
assert_eq "$(rules)" "$want" "UTF-8 with BOM, padded rows and empty lines give the same rules"

# A workbook under a .csv name: one line naming the file, nothing loaded
xlsx=$TEST_TMP/xlsx
mkdir -p "$xlsx"
cp "$GBETL_SRC"/mappings/*.csv "$xlsx/"
printf 'PK\003\004\024\000\006\000\010\000\000\000!\000[Content_Types].xml' >"$xlsx/org_units.csv"
before=$(sql "SELECT count(*) FROM mapping.mapping_set")
run_gbetl 65 $D mappings "$xlsx"
assert_eq "$(echo "$ERR" | grep -c 'org_units.csv')" "1" "one line about the workbook"
assert_match "$ERR" 'org_units.csv:1: this is a spreadsheet workbook' "it says what the file is"
assert_not_match "$ERR" "query failed" "never a database error"
assert_eq "$(sql "SELECT count(*) FROM mapping.mapping_set")" "$before" "nothing loaded"

# A byte that Windows-1252 does not define, and a quote never closed
broken=$TEST_TMP/broken
mkdir -p "$broken"
cp "$GBETL_SRC"/mappings/*.csv "$broken/"
printf 'NY;N\201mnd;2024;\r\n' >>"$broken/committees.csv"
printf '9000;"9099;KS;2024;\n' >>"$broken/org_units.csv"
run_gbetl 65 $D mappings "$broken"
assert_match "$ERR" 'committees.csv:[0-9]+: byte 0x81 is neither UTF-8 nor Windows-1252' "the bad byte, with its line"
assert_match "$ERR" 'org_units.csv:[0-9]+: a quoted cell is never closed' "the open quote, with its line"
