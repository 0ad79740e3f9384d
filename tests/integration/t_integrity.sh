#!/bin/bash
# Integrity: what a replacing file replaces (its calendar months only), the
# shrink guard and --force, loading a superseded file again, and empty files.
. "$TESTS_LIB/assert.sh"
init_db
make_sample 500 2024
care=$TEST_TMP/s/inbox/omsorg_2024.csv
months() { sql "SELECT m || ':' || count(*) FROM (SELECT to_char(period_start, 'YYYY-MM') AS m FROM core.service_record) x GROUP BY m ORDER BY m" | tr '\n' ' '; }

run_gbetl 0 $D import --source omsorg "$care"
original=$(sql "SELECT batch_id FROM etl.batch WHERE status = 'loaded'")
before=$(months)
[ "$(sql "SELECT count(DISTINCT date_trunc('month', period_start)) FROM core.service_record")" = 12 ] ||
	fail "the sample's care file has records in every month"

# 1. A 2-row file dated January and December replaces those two months only
#    (never the span between): the ten months between keep every row.
{ head -n 1 "$care"; grep -m1 ';2024-01-01;' "$care"; grep -m1 ';2024-12-01;' "$care"; } >"$TEST_TMP/omsorg_fix.csv"
run_gbetl 1 $D import --source omsorg "$TEST_TMP/omsorg_fix.csv"
assert_match "$ERR" 'month 2024-(01|12) would keep 1 of its [0-9]+ rows' "the shrink guard names the month and both counts"
assert_eq "$(months)" "$before" "a refused file changes nothing"
assert_eq "$(sql "SELECT status || ':' || message FROM etl.batch WHERE file_name = 'omsorg_fix.csv'")" \
	"rejected:$(sed -n 's/.*would shrink what it replaces: //p' <<<"$ERR")" "the attempt is recorded with the reason"
run_gbetl 0 $D import --force --source omsorg "$TEST_TMP/omsorg_fix.csv"
fix=$(sql "SELECT batch_id FROM etl.batch WHERE file_name = 'omsorg_fix.csv' AND status = 'loaded'")
assert_eq "$(sql "SELECT forced FROM etl.batch WHERE batch_id = $fix")" "t" "the batch records that it was forced"
assert_match "$(sql "SELECT message FROM etl.batch WHERE batch_id = $fix")" "^loaded with --force: month 2024-(01|12) would keep 1 of its" "and what was accepted"
after=$(months)
assert_eq "$(cut -d' ' -f2-11 <<<"$after")" "$(cut -d' ' -f2-11 <<<"$before")" "February to November unchanged"
assert_match "$after" '^2024-01:1 .* 2024-12:1 $' "January and December hold the new file's rows"
assert_eq "$(sql "SELECT array_to_string(months, ',') FROM etl.supersession WHERE superseded_by = $fix")" \
	"2024-01-01,2024-12-01" "the supersession lists the months replaced"
assert_eq "$(sql "SELECT status FROM etl.batch WHERE batch_id = $original")" "loaded" \
	"the original is still live (ten of its months)"

# 3. The original again: it is live, so already loaded. Truncated to 40 %, it
#    would shrink every month: refused, nothing changed.
run_gbetl 0 $D import --source omsorg "$care"
assert_match "$ERR" "already loaded" "a live file is already loaded"
size=$(stat -c %s "$care")
head -c $((size * 4 / 10)) "$care" >"$TEST_TMP/omsorg_cut.csv"
run_gbetl 1 $D import --source omsorg "$TEST_TMP/omsorg_cut.csv"
assert_match "$ERR" "would keep [0-9]+ of its [0-9]+ rows" "a truncated replacing file is refused"
assert_eq "$(months)" "$after" "the truncated file changed nothing"

# A full new version supersedes both earlier batches; then the original,
# now superseded, loads again and supersedes what replaced it.
sed 's/;Centrum\r$/;Centrum-2\r/' "$care" >"$TEST_TMP/omsorg_v2.csv"
cmp -s "$care" "$TEST_TMP/omsorg_v2.csv" && fail "the second version differs"
run_gbetl 0 $D import --source omsorg "$TEST_TMP/omsorg_v2.csv"
assert_eq "$(sql "SELECT string_agg(status, ',' ORDER BY batch_id) FROM etl.batch WHERE batch_id IN ($original, $fix)")" \
	"superseded,superseded" "the new version supersedes both"
assert_eq "$(months)" "$before" "the new version has every row"
run_gbetl 0 $D import --source omsorg "$care"
assert_eq "$(sql "SELECT count(*) FROM etl.batch WHERE file_name = 'omsorg_2024.csv' AND status = 'loaded'")" "1" \
	"the superseded original loads again"
again=$(sql "SELECT batch_id FROM etl.batch WHERE file_name = 'omsorg_2024.csv' AND status = 'loaded'")
v2=$(sql "SELECT batch_id FROM etl.batch WHERE file_name = 'omsorg_v2.csv'")
assert_eq "$(sql "SELECT status || ':' || superseded_by FROM etl.batch WHERE batch_id = $v2")" "superseded:$again" \
	"it supersedes the version that replaced it"
assert_eq "$(sql "SELECT count(*) FROM etl.supersession WHERE (batch_id = $original AND superseded_by = $v2) OR (batch_id = $v2 AND superseded_by = $again)")" "2" \
	"etl.supersession shows both replacements"
assert_eq "$(sql "SELECT count(*) FROM core.service_record WHERE district = 'Centrum-2'")" "0" "the original's rows are back"
assert_eq "$(months)" "$before" "every month as in the original"

# 4. Empty files are not loaded: 0 bytes, header only, an XML whose record
#    path never matches, a SIE file without vouchers.
: >"$TEST_TMP/omsorg_empty.csv"
head -n 1 "$care" >"$TEST_TMP/omsorg_header.csv"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<Export><Annat/></Export>\n' >"$TEST_TMP/ekbistand_none.xml"
grep -av '^#\(VER\|[BR]\?TRANS\)\|^[{}]' "$TEST_TMP/s/inbox/huvudbok_2024.se" >"$TEST_TMP/huvudbok_none.se"
batches=$(sql "SELECT count(*) FROM etl.batch WHERE status = 'loaded'")
for f in omsorg:omsorg_empty.csv omsorg:omsorg_header.csv ekbistand:ekbistand_none.xml huvudbok_sie4:huvudbok_none.se; do
	run_gbetl 1 $D import --source "${f%%:*}" "$TEST_TMP/${f#*:}"
	assert_eq "$(sql "SELECT status || ':' || message FROM etl.batch WHERE file_name = '${f#*:}'")" "rejected:no records" \
		"${f#*:} is not loaded: no records"
done
assert_eq "$(sql "SELECT count(*) FROM etl.batch WHERE status = 'loaded'")" "$batches" "no empty file loaded"
# ... unless the source allows them
mkdir -p "$TEST_TMP/sources"
sed 's/^replace .*/&\nallow_empty    = yes/' "$GBETL_SRC/mappings/sources/omsorg.conf" >"$TEST_TMP/sources/omsorg.conf"
run_gbetl 0 $D import --sources "$TEST_TMP/sources" --source omsorg "$TEST_TMP/omsorg_header.csv"
assert_eq "$(sql "SELECT rows_loaded FROM etl.batch WHERE file_name = 'omsorg_header.csv' AND status = 'loaded'")" "0" \
	"allow_empty = yes loads an empty file"
# ... and a stream of an empty file is not loaded either
run_gbetl 0 extract --source ekbistand "$TEST_TMP/ekbistand_none.xml"
cp "$TEST_TMP/out.txt" "$TEST_TMP/empty.stream"
run_gbetl 1 $D load "$TEST_TMP/empty.stream"
assert_match "$ERR" "has no records" "load refuses an empty stream"
# ... and a stream that would shrink a month: refused, then forced
run_gbetl 0 extract --source omsorg "$TEST_TMP/omsorg_cut.csv"
cp "$TEST_TMP/out.txt" "$TEST_TMP/cut.stream"
run_gbetl 1 $D load "$TEST_TMP/cut.stream"
assert_match "$ERR" "would keep [0-9]+ of its [0-9]+ rows" "load applies the shrink guard"
run_gbetl 0 $D load --force "$TEST_TMP/cut.stream"
assert_eq "$(sql "SELECT forced FROM etl.batch WHERE file_name = 'omsorg_cut.csv' AND status = 'loaded'")" "t" \
	"gbetl load --force accepts it, recorded as forced"
