#!/bin/bash
# Messages that say what to do: a file set aside in failed/ has beside it the
# parser's own error (broken XML: libxml2's reason with file and line), or
# the reject counts, the threshold they passed and the command that lists
# the rejects; that command lists file, line, field, reason and the masked
# value; an impossible date is called impossible; a file no source claims
# shows in gbetl status, in the inbox and once set aside, with its reason.
. "$TESTS_LIB/assert.sh"
init_db mappings

hh='<Hushall ansvar="2010"><Sokande>19121212-1212</Sokande>'
pay() { printf '<Utbetalning datum="%s"><Insats>EKB</Insats><Belopp>1,00</Belopp></Utbetalning>\n' "$1"; }
# broken XML: the element is never closed
printf '<?xml version="1.0"?>\n<Utbetalningar>\n%s\n%s<Hushall ansvar="2010"><Utbet\n' "$hh" "$(pay 2024-01-25)" \
	>"$TEST_TMP/inbox/ekbistand_broken.xml"
# one good payment and one on a day that does not exist
{ printf '<?xml version="1.0"?>\n<Utbetalningar>\n%s\n' "$hh"; pay 2024-01-25; pay 2025-13-45
  printf '</Hushall>\n</Utbetalningar>\n'; } >"$TEST_TMP/inbox/ekbistand_dates.xml"
# no source claims it
echo "hello" >"$TEST_TMP/inbox/notes_from_finance.txt"

run_gbetl 0 $D status
inbox=$(sed -n '/^In the inbox/,/^$/p' <<<"$OUT")
assert_match "$inbox" "notes_from_finance.txt +no source's file_pattern matches" \
	"status says no source claims the file waiting in the inbox"
assert_match "$inbox" "ekbistand_dates.xml +waiting for the next run" "a claimed file waits for the run"

run_gbetl 1 $D run
F=$TEST_TMP/failed
[ -f "$F/ekbistand_broken.xml.reason" ] || fail "the broken file's reason is written"
assert_match "$(cat "$F/ekbistand_broken.xml.reason")" \
	"^could not be read to the end: .*ekbistand_broken.xml:[0-9]+: malformed XML: .+" \
	"the reason is the parser's own error, with file and line"
assert_not_match "$(cat "$F/ekbistand_broken.xml.reason")" "19121212-?1212" "no identity number in clear"

batch=$(sql "SELECT batch_id FROM etl.batch WHERE file_name = 'ekbistand_dates.xml'")
assert_eq "$(cat "$F/ekbistand_dates.xml.reason")" \
	"1 of 2 records rejected (50.0 %), over the source's reject_max_ratio 0.01; list them with: gbetl status --rejects $batch" \
	"the reason names the counts, the threshold and the command listing the rejects"
assert_match "$(sql "SELECT message FROM etl.batch WHERE batch_id = $batch")" \
	"^1 of 2 records rejected \(50.0 %\), over the source's reject_max_ratio 0.01" "the batch keeps the counts and threshold"

run_gbetl 0 $D status --rejects "$batch"
assert_match "$OUT" "Rejects of batch $batch \(file \"ekbistand_dates.xml\", source ekbistand" "the batch is named"
assert_match "$OUT" "ekbistand_dates.xml +5 +period_start +impossible_date +2025-13-45 +The date is impossible: there is no month 13\." \
	"file, line, field, reason, value and message of the reject"
assert_not_match "$OUT" "does not match" "an impossible date is not called a format mismatch"
run_gbetl 65 $D status --rejects 999999
assert_match "$ERR" "batch 999999 does not exist" "an unknown batch is named"
run_gbetl 2 $D status --rejects x

run_gbetl 1 $D status
aside=$(sed -n '/^Set aside in failed/,/^$/p' <<<"$OUT")
assert_match "$aside" "notes_from_finance.txt +No source definition's file_pattern matches this file name." \
	"the unclaimed file is listed as set aside, with its reason"
assert_match "$aside" "ekbistand_broken.xml +could not be read to the end: .*malformed XML" "the broken file with its cause"
assert_match "$aside" "ekbistand_dates.xml +1 of 2 records rejected" "the rejected file with its counts"
