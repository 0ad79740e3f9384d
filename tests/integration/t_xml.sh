#!/bin/bash
# Hostile and broken XML: refused with a clear error, never expanded, never a crash.
. "$TESTS_LIB/assert.sh"
make_test_config
rec='<Hushall ansvar="2010"><Sokande>19121212-1212</Sokande><Utbetalning datum="2024-01-25"><Insats>EKB</Insats><Belopp>1,00</Belopp></Utbetalning></Hushall>'
# XXE: an external entity pointing at a local file
printf '<?xml version="1.0"?>\n<!DOCTYPE U [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Utbetalningar>%s<X>&x;</X></Utbetalningar>\n' "$rec" >xxe.xml
run_gbetl 65 extract --source ekbistand xxe.xml
assert_match "$ERR" "DOCTYPE.*refused" "an XXE file is refused"
if grep -q "root:" <<<"$OUT$ERR"; then fail "the external entity was expanded"; fi
# billion laughs
{ echo '<?xml version="1.0"?>'; echo '<!DOCTYPE l ['; echo '<!ENTITY l0 "ha">';
  for i in $(seq 1 9); do echo "<!ENTITY l$i \"&l$((i-1));&l$((i-1));&l$((i-1));&l$((i-1));&l$((i-1));&l$((i-1));&l$((i-1));&l$((i-1));&l$((i-1));&l$((i-1));\">"; done
  echo ']>'; echo "<Utbetalningar>$rec<X>&l9;</X></Utbetalningar>"; } >laughs.xml
run_gbetl 65 extract --source ekbistand laughs.xml
assert_match "$ERR" "DOCTYPE.*refused|entity reference loop" "a billion-laughs file is refused"
assert_eq "$(wc -l <<<"$ERR")" "1" "with one clear line"
# truncated, not XML, too deep
printf '<?xml version="1.0"?>\n<Utbetalningar>%s<Hushall ansvar="2010"><Utbet' "$rec" >truncated.xml
run_gbetl 65 extract --source ekbistand truncated.xml
assert_match "$ERR" "truncated.xml:[0-9]+: malformed XML" "a truncated file names file and line"
echo "Personnummer;Kön" >notxml.xml
run_gbetl 65 extract --source ekbistand notxml.xml
{ echo '<?xml version="1.0"?>'; for i in $(seq 300); do printf '<a>'; done; echo; } >deep.xml
run_gbetl 65 extract --source ekbistand deep.xml
# bytes that are not the encoding found: libxml2's own messages (raised
# outside the reader) reach the log as one line, never stderr raw
printf '<?xml version="1.0" encoding="ISO-10646-UCS-4"?>\n<Utbetalningar>%s</Utbetalningar>\n' "$rec" >ucs4.xml
printf '\0\0\0<?xml version="1.0"?>\n<Utbetalningar>%s</Utbetalningar>\n' "$rec" >nul.xml
for f in ucs4.xml nul.xml; do
	run_gbetl 65 --log-format json extract --source ekbistand $f
	assert_eq "$(wc -l <<<"$ERR")" "1" "$f: one error line"
	assert_match "$ERR" "$f:1: malformed XML: input conversion failed" "$f: file, line and libxml2's reason"
	python3 -c 'import json, sys; [json.loads(l) for l in sys.stdin]' <<<"$ERR" || fail "$f: the log stays JSON"
done
# a good file in another declared encoding still reads, with its ../ paths
printf '<?xml version="1.0" encoding="windows-1252"?>\n<Utbetalningar><Hushall ansvar="2010"><Sokande>19121212-1212</Sokande><Medsokande>19730288-9931</Medsokande><Utbetalning datum="2024-01-25"><Insats>EKB</Insats><Belopp>1\xa0234,50</Belopp></Utbetalning></Hushall></Utbetalningar>\n' >cp1252.xml
sed 's/^decimal      = ,/decimal      = ,\nthousands    = space/' "$GBETL_SRC/mappings/sources/ekbistand.conf" >ekb.conf
run_gbetl 0 extract --sources "$TEST_TMP" --source ekb cp1252.xml
row=$(grep '^[0-9]' <<<"$OUT")
assert_match "$row" $'\tEKB\t2010\t2024-01-25\t' "record fields and ../@ansvar"
assert_match "$row" $'\t123450\t' "amount with a no-break space thousands separator"
assert_match "$row" $'\t1\t1973\t' "the co-applicant from ../Medsokande"
