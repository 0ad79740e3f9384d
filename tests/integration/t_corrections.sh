#!/bin/bash
# Corrections across files of an appending source (allow_negative = yes):
# a later file may take back hours an earlier file gave, never more.  A
# file whose correction would take a person's or a month's total below
# zero is refused whole (exit 1, as a file the shrink guard refuses), says which total, and changes nothing.
. "$TESTS_LIB/assert.sh"
make_test_config
D="-d $TEST_DSN"
src=$TEST_TMP/sources
mkdir -p "$src"
sed -e 's/^replace *=.*/replace = append/' "$GBETL_SRC/mappings/sources/omsorg.conf" >"$src/tillagg.conf"
printf 'allow_negative = yes\n' >>"$src/tillagg.conf"
# allow_negative belongs to [source]: move it there
awk '/^allow_negative/ {next} {print} /^\[source\]/ {print "allow_negative = yes"}' "$src/tillagg.conf" >"$src/t" && mv "$src/t" "$src/tillagg.conf"
sed -i "s#^sources_dir .*#sources_dir = $src#" "$GBETL_CONFIG"
run_gbetl 0 $D init
run_gbetl 0 $D mappings

csv() { # name rows...
	local f=$TEST_TMP/$1
	shift
	{ printf 'Personnummer;Kön;Insatskod;Ansvar;Datum från;Datum tom;Antal;Enhet;Stadsdel\n'; printf '%s\n' "$@"; } |
		iconv -f utf-8 -t windows-1252 >"$f"
	echo "$f"
}
total() { sql "SELECT coalesce(sum(quantity), 0) FROM core.service_record s JOIN etl.batch b USING (batch_id) WHERE b.source = 'tillagg'"; }

f1=$(csv given.csv '19121212-1212;M;HT;2110;2024-06-01;2024-06-30;10;tim;Norr' \
	'19730288-9931;M;HT;2110;2024-06-01;2024-06-30;5;tim;Norr')
run_gbetl 0 $D import --source tillagg "$f1"
assert_eq "$(total)" "15" "the first file gives 15 hours"

# a correction that takes back part of what was given loads
f2=$(csv taken_back.csv '19121212-1212;M;HT;2110;2024-06-01;2024-06-30;-4;tim;Norr')
run_gbetl 0 $D import --source tillagg "$f2"
assert_eq "$(total)" "11" "a correction within what was given loads"

# one that takes back more than the person got is refused, whole
f3=$(csv too_much.csv '19730288-9931;M;HT;2110;2024-06-01;2024-06-30;1;tim;Norr' \
	'19121212-1212;M;HT;2110;2024-06-01;2024-06-30;-7;tim;Norr')
run_gbetl 1 $D import --source tillagg "$f3"
assert_match "$ERR" 'file "too_much.csv": a correction takes the total of the person [-0-9a-f]{36} for service code "HT" at cost centre "2110" below zero' \
	"the refusal names the person's total (by pseudonym) that would go below zero"
case "$ERR" in *19121212*) fail "an identity number in the message" ;; esac
assert_eq "$(total)" "11" "nothing of the refused file is loaded"
assert_eq "$(sql "SELECT status FROM etl.batch WHERE file_name = 'too_much.csv'")" "rejected" \
	"the attempt is recorded as rejected"

# a month's total: a correction for a person not in the source's rows
# (invalid number, no pseudonym) still may not take the month below zero
f4=$(csv month.csv '19121212-1213;M;HT;2110;2024-06-01;2024-06-30;-20;tim;Norr')
run_gbetl 1 $D import --source tillagg "$f4"
assert_match "$ERR" 'the month 2024-06 of service code "HT" at cost centre "2110" below zero' \
	"a month's total below zero is refused"
assert_eq "$(total)" "11" "nothing of it is loaded"
