#!/bin/bash
# Identity numbers where none belongs: numbers of the sample municipality
# planted, in every written form, into every kind of field of every source
# format (CSV, XML, SIE 4, SIE 5), into a file name and into a CSV that lacks
# its header line; loaded with gbetl run.  Not one of them may be found in
# clear in pg_dump, in any log format (text, JSON, verbose), in
# failed/*.reason, in the reports, or in what gbetl status and gbetl extract
# --check print.  In codes they make rejects; in free text they are masked.
. "$TESTS_LIB/assert.sh"
load_sample 1500 2024,2025

# --- the numbers ----------------------------------------------------------
# Valid identity numbers of the sample (date and check digit), one born
# before 1926 for the '+' form, and a samordningsnummer made from one of
# them (day + 60, its own check digit).
luhn_ok() { # YYYYMMDDNNNC
	local t=${1:2} sum=0 i d
	for ((i = 0; i < 10; i++)); do
		d=${t:i:1}
		((i % 2 == 0)) && { d=$((d * 2)); ((d > 9)) && d=$((d - 9)); }
		sum=$((sum + d))
	done
	((sum % 10 == 0))
}
check_digit() { # YYMMDDNNN -> C
	local t=$1 sum=0 i d
	for ((i = 0; i < 9; i++)); do
		d=${t:i:1}
		((i % 2 == 0)) && { d=$((d * 2)); ((d > 9)) && d=$((d - 9)); }
		sum=$((sum + d))
	done
	echo $(((10 - sum % 10) % 10))
}
all=$(grep -ahoE '(19|20)[0-9]{6}-[0-9]{4}' "$TEST_TMP"/s/inbox/omsorg_2024.csv "$TEST_TMP"/s/inbox/ekbistand_2024.xml |
	tr -d - | sort -u)
valid=()
old=
for n in $all; do
	luhn_ok "$n" || continue
	[ "${n:6:2}" -le 28 ] || continue
	if [ -z "$old" ] && [ "${n:0:4}" -lt 1926 ]; then old=$n; continue; fi
	[ "${n:0:4}" -ge 1930 ] && valid+=("$n")
done
[ -n "$old" ] && [ "${#valid[@]}" -ge 12 ] || fail "the sample has the identity numbers this test needs"
base=${valid[11]}
s9=${base:2:4}$(printf '%02d' $((10#${base:6:2} + 60)))${base:8:3}
samord=${base:0:2}$s9$(check_digit "$s9")
planted=("${valid[@]:0:11}" "$old" "$samord")
printf '%s\n' "${planted[@]}" >"$TEST_TMP/planted.txt"

# The written forms of N (12 digits): with and without the century, with
# '-', '+' or nothing before the last four.
form() { # N K
	local n=$1
	case $2 in
	0) echo "${n:0:8}-${n:8}" ;;
	1) echo "$n" ;;
	2) echo "${n:2:6}-${n:8}" ;;
	3) echo "${n:2}" ;;
	4) echo "${n:2:6}+${n:8}" ;;
	5) echo "${n:0:8}+${n:8}" ;;
	esac
}
# F — the next planted number, in the next form: over the whole test every
# number in every form.  The count lives in a file: $(F) runs in a subshell.
echo 0 >"$TEST_TMP/k"
F() {
	local k n f
	k=$(cat "$TEST_TMP/k")
	echo $((k + 1)) >"$TEST_TMP/k"
	n=${planted[$((k % ${#planted[@]}))]}
	f=$((k / ${#planted[@]} % 6))
	form "$n" "$f"
}
P0=${valid[0]:0:8}-${valid[0]:8}
plant=$TEST_TMP/plant
mkdir -p "$plant"

# care system CSV: every field but the identity number (Windows-1252)
{
	printf 'Personnummer;K\xf6n;Insatskod;Ansvar;Datum fr\xe5n;Datum tom;Antal;Enhet;Stadsdel\r\n'
	printf '%s;K;%s;3010;2026-01-01;2026-01-31;5;timmar;Norr\r\n' "$P0" "$(F)"
	printf '%s;K;HT;%s;2026-01-01;2026-01-31;5;timmar;Norr\r\n' "$P0" "$(F)"
	printf '%s;K;HT;3010;%s;2026-01-31;5;timmar;Norr\r\n' "$P0" "$(F)"
	printf '%s;K;HT;3010;2026-01-01;%s;5;timmar;Norr\r\n' "$P0" "$(F)"
	printf '%s;K;HT;3010;2026-01-01;2026-01-31;%s;timmar;Norr\r\n' "$P0" "$(F)"
	printf '%s;K;HT;3010;2026-01-01;2026-01-31;5;%s;Norr\r\n' "$P0" "$(F)"
	printf '%s;K;HT;3010;2026-01-01;2026-01-31;5;timmar;Stadsdel %s\r\n' "$P0" "$(F)"
	printf '%s;%s;HT;3010;2026-01-01;2026-01-31;5;timmar;Norr\r\n' "$P0" "$(F)"
	printf '%s;K;HT;Kst%s;2026-01-01;2026-01-31;5;timmar;Norr\r\n' "$P0" "$(F)"
} >"$plant/omsorg_2026.csv"
# the same export without its header line: the error quotes the first row
printf '%s;K;HT;3010;2026-02-01;2026-02-28;5;timmar;%s\r\n' "$(F)" "$(F)" >"$plant/omsorg_2027.csv"

# social-services XML: element, attribute and amount
cat >"$plant/ekbistand_2026.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Utbetalningar kommun="0999" ar="2026">
  <Hushall id="$(F)" ansvar="$(F)">
    <Sokande>$P0</Sokande>
    <Utbetalning datum="2026-01-25"><Insats>EKB</Insats><Belopp>100,00</Belopp></Utbetalning>
  </Hushall>
  <Hushall id="H2" ansvar="2010">
    <Sokande>$P0</Sokande>
    <Utbetalning datum="2026-01-25"><Insats>$(F)</Insats><Belopp>100,00</Belopp></Utbetalning>
    <Utbetalning datum="2026-01-25"><Insats>EKB</Insats><Belopp>$(F)</Belopp></Utbetalning>
    <Utbetalning datum="$(F)"><Insats>EKB</Insats><Belopp>100,00</Belopp></Utbetalning>
    <Utbetalning datum="2026-02-25"><Insats>EKB $(F)</Insats><Belopp>100,00</Belopp></Utbetalning>
  </Hushall>
</Utbetalningar>
XML

# ledger CSV: numbers in the free text only (kept, masked), and a number in
# the file name; this file loads
ledger_name="huvudbok_$(F).csv"
{
	echo 'Datum;Konto;Ansvar;Verksamhet;Belopp;Verifikation;Text'
	for i in 1 2 3 4 5 6; do
		echo "2026-01-15;5010;3010;5101;100,00;$i;Ersättning $(F) enligt beslut"
	done
} >"$plant/$ledger_name"
# ledger CSV: numbers in the codes (rejects)
{
	echo 'Datum;Konto;Ansvar;Verksamhet;Belopp;Verifikation;Text'
	echo "2027-01-15;$(F);3010;5101;100,00;1;x"
	echo "2027-01-15;5010;$(F);5101;100,00;2;x"
	echo "2027-01-15;5010;3010;$(F);100,00;3;x"
	echo "2027-01-15;5010;3010;5101;100,00;$(F);x"
	echo "$(F);5010;3010;5101;100,00;5;x"
} >"$plant/huvudbok_2027.csv"

# SIE 4: company, voucher text, objects, project, account, transaction text
cat >"$plant/huvudbok_2028.se" <<SIE
#FLAGGA 0
#FORMAT PC8
#SIETYP 4
#FNAMN "$(F)"
#ORGNR $(F)
#RAR 0 20280101 20281231
#DIM 1 "Kostnadsställe"
#DIM 20 "Verksamhet"
#VER A 1 20280128 "Verifikation $(F)"
{
#TRANS 5010 {1 "$(F)" 20 "5101"} 100.00 "" "Text $(F)"
#TRANS 1930 {} -100.00
}
#VER A 2 20280128 "x"
{
#TRANS 5010 {1 "3010" 20 "$(F)"} 100.00 "" "x"
#TRANS 1930 {} -100.00
}
#VER A 3 20280128 "x"
{
#TRANS 5010 {1 "3010" 20 "5101" 6 "$(F)"} 100.00 "" "x"
#TRANS 1930 {} -100.00
}
#VER A 4 20280128 "x"
{
#TRANS $(F) {1 "3010" 20 "5101"} 100.00 "" "x"
#TRANS 1930 {} -100.00
}
#VER A $(F) 20280128 "x"
{
#TRANS 5010 {1 "3010" 20 "5101"} 100.00 "" "x"
#TRANS 1930 {} -100.00
}
SIE

# SIE 5: the same places in XML
cat >"$plant/huvudbok_2029.sie" <<SIE
<?xml version="1.0" encoding="UTF-8"?>
<Sie xmlns="http://www.sie.se/sie5">
  <FileInfo>
    <Company organizationId="$(F)" name="$(F)" />
    <FiscalYears><FiscalYear start="2029-01" end="2029-12" primary="true" /></FiscalYears>
  </FileInfo>
  <Journal id="A" name="Huvudbok">
    <JournalEntry id="1" journalDate="2029-01-28" text="Verifikation $(F)">
      <LedgerEntry accountId="5010" amount="100.00" text="Text $(F)">
        <ObjectReference dimId="1" objectId="$(F)" />
        <ObjectReference dimId="20" objectId="5101" />
      </LedgerEntry>
      <LedgerEntry accountId="1930" amount="-100.00" />
    </JournalEntry>
    <JournalEntry id="2" journalDate="2029-01-28" text="x">
      <LedgerEntry accountId="$(F)" amount="100.00">
        <ObjectReference dimId="1" objectId="3010" />
        <ObjectReference dimId="20" objectId="$(F)" />
      </LedgerEntry>
      <LedgerEntry accountId="1930" amount="-100.00" />
    </JournalEntry>
    <JournalEntry id="$(F)" journalDate="2029-01-28" text="x">
      <LedgerEntry accountId="5010" amount="100.00">
        <ObjectReference dimId="1" objectId="3010" />
        <ObjectReference dimId="6" objectId="$(F)" />
      </LedgerEntry>
      <LedgerEntry accountId="1930" amount="-100.00" />
    </JournalEntry>
  </Journal>
</Sie>
SIE

# aggregate and population CSV: codes, area and counts
{
	printf '\xef\xbb\xbfMånad;Ansvar;Verksamhet;Flickor;Pojkar;Okänt\n'
	echo "2026-01;$(F);3500;21;28;0"
	echo "2026-01;4010;$(F);21;28;0"
	echo "2026-02;4010;3500;$(F);28;0"
} >"$plant/fritidsgard_2026.csv"
{
	echo 'År;Kön;Ålder;Antal;Område'
	echo "2026;1;0;1;$(F)"
	echo "2026;1;0;$(F);Norr"
	echo "2026;$(F);0;1;Norr"
} >"$plant/befolkning_2026.csv"
# the rest of the pairs of number and form: in the district of the care file
while [ "$(cat "$TEST_TMP/k")" -lt $((${#planted[@]} * 6)) ]; do
	printf '%s;K;HT;3010;2026-01-01;2026-01-31;5;timmar;%s\r\n' "$P0" "$(F)" >>"$plant/omsorg_2026.csv"
done

# --- load them, three times: text, JSON and verbose logs ------------------
out=$TEST_TMP/out
mkdir -p "$out"
round() { # NAME OPTIONS...
	local name=$1
	shift
	cp "$plant"/* "$TEST_TMP/inbox/"
	"$GBETL" "$@" $D run >"$out/run-$name.out" 2>"$out/run-$name.log" || true
}
round text
round json --log-format json
round verbose --verbose
# file names with a number that stay in the inbox (still being written) or
# are set aside (empty: "no records"): gbetl status lists both
names_part="omsorg_$(F).csv.part"
names_empty="befolkning_$(F).csv"
touch "$TEST_TMP/inbox/$names_part"
: >"$TEST_TMP/inbox/$names_empty"
"$GBETL" $D run >"$out/run-names.out" 2>"$out/run-names.log" || true
[ -f "$TEST_TMP/failed/$names_empty.reason" ] || fail "the empty file with a number in its name is set aside"
"$GBETL" $D status >"$out/status.out" 2>&1 || true
assert_match "$(cat "$out/status.out")" 'omsorg_[0-9]{8}-[*]{4}[.]csv[.]part' "status lists the file still being written, its name masked"
assert_match "$(cat "$out/status.out")" 'befolkning_[0-9]{8}-[*]{4}[.]csv +no records' "status lists the file set aside, its name masked"
rm -f "$TEST_TMP/inbox/$names_part"
for f in "$plant"/*; do
	case $(basename "$f") in
	omsorg_*) s=omsorg ;; ekbistand_*) s=ekbistand ;; huvudbok_*.csv) s=huvudbok ;;
	huvudbok_*.se) s=huvudbok_sie4 ;; huvudbok_*.sie) s=huvudbok_sie5 ;;
	fritidsgard_*) s=fritidsgard ;; befolkning_*) s=befolkning ;;
	esac
	"$GBETL" $D extract --check --source "$s" "$f" >"$out/check-$(basename "$f").out" 2>&1 || true
	"$GBETL" $D --verbose --log-format json extract --check --source "$s" "$f" \
		>"$out/check-json-$(basename "$f").out" 2>&1 || true
done
pg_dump -d "$TEST_DSN" >"$out/dump.sql"
sql "SELECT * FROM etl.reject" >"$out/reject.txt"

# --- what must have happened -----------------------------------------------
reason='identity number in a non-identity field'
for s in omsorg ekbistand huvudbok huvudbok_sie4 huvudbok_sie5 fritidsgard befolkning; do
	assert_eq "$(sql "SELECT count(*) > 0 FROM etl.reject r JOIN etl.batch b USING (batch_id)
		WHERE b.source = '$s' AND r.reason = '$reason'")" "t" "a number in a code of $s is a reject"
done
assert_eq "$(sql "SELECT count(DISTINCT r.field) >= 8 FROM etl.reject r JOIN etl.batch b USING (batch_id)
	WHERE b.source = 'omsorg' AND r.reason = '$reason'")" "t" "each field of the care file with a number is named"
assert_eq "$(sql "SELECT count(*) FROM etl.reject WHERE reason = '$reason' AND value_masked !~ '^[*0-9A-Za-z -]*[0-9]{8}-[*]{4}[^0-9]*$'")" \
	"0" "the value of such a reject is masked"
[ -f "$TEST_TMP/archive/$ledger_name" ] || fail "the ledger with numbers in its texts loads"
assert_eq "$(sql "SELECT count(*) FROM core.ledger_entry WHERE text ~ '^Ersättning [0-9]{8}-[*]{4} enligt beslut$'")" "6" \
	"numbers in the ledger text are masked, the records kept"
assert_eq "$(sql "SELECT count(*) > 0 FROM etl.batch WHERE status = 'loaded' AND file_name ~ '^huvudbok_[0-9]{8}-[*]{4}[.]csv$'")" "t" \
	"the file name is stored masked"
assert_match "$(cat "$out/run-text.log")" 'omsorg_2027.csv.*' "the header-less file is reported"
[ -f "$TEST_TMP/failed/omsorg_2026.csv.reason" ] || fail "the care file with numbers in its codes is refused"
ls "$TEST_TMP"/reports/*2026* >/dev/null || fail "the 2026 report is written"
assert_match "$(cat "$TEST_TMP"/reports/gbetl-2026.html)" 'huvudbok_[0-9]{8}-[*]{4}[.]csv' \
	"the report names the file, masked"

# --- and what must never: any planted number in any written form ----------
files=("$out"/* "$TEST_TMP"/failed/*.reason "$TEST_TMP"/reports/*)
[ "${#files[@]}" -gt 20 ] || fail "the outputs to scan are there"
while read -r n; do
	for f in 0 1 2 3 4 5; do
		p=$(form "$n" "$f")
		if hit=$(grep -lF -- "$p" "${files[@]}"); then
			fail "identity number ${n:0:8}-**** appears in clear ($p) in: $hit"
		fi
	done
done <"$TEST_TMP/planted.txt"

# --- a database loaded before names were masked: gbetl init masks them ------
n=$(head -n 1 "$TEST_TMP/planted.txt")
old="omsorg_${n:0:8}-${n:8}.csv"
sql "UPDATE etl.batch SET file_name = '$old' WHERE batch_id = (SELECT min(batch_id) FROM etl.batch);
     INSERT INTO result.year_close (municipality_code, fiscal_year, version, batches)
     VALUES ('0999', 1999, 1, jsonb_build_array(jsonb_build_object('batch_id', 1, 'file_name', '$old',
             'sha256', repeat('19831007560', 5) || 'abcdefghi')))" >/dev/null
run_gbetl 0 $D init
assert_match "$ERR" "masked identity numbers in 2 file name" "init masks the names recorded before"
assert_eq "$(sql "SELECT count(*) FROM etl.batch WHERE file_name = 'omsorg_${n:0:8}-****.csv'")" "1" "the batch's name is masked"
assert_eq "$(sql "SELECT batches->0->>'file_name' FROM result.year_close WHERE fiscal_year = 1999")" \
	"omsorg_${n:0:8}-****.csv" "the closed year's batch list is masked"
assert_eq "$(sql "SELECT batches->0->>'sha256' FROM result.year_close WHERE fiscal_year = 1999")" \
	"$(printf '19831007560%.0s' 1 2 3 4 5)abcdefghi" "and nothing else in it is touched"
run_gbetl 0 $D init
assert_not_match "$ERR" "masked identity numbers" "a second init has nothing to mask"
sql "DELETE FROM result.year_close WHERE fiscal_year = 1999" >/dev/null
