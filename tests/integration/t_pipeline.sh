#!/bin/bash
# The whole pipeline on the sample municipality: sample -> init -> mappings ->
# run; counts, reconciliation to the öre, planted unmapped amounts, the
# reorganisation, idempotency, a bad night; and no identity number in clear
# anywhere.
. "$TESTS_LIB/assert.sh"
load_sample 3000
cat "$TEST_TMP/err.txt" >"$TEST_TMP/log-run1.txt"
assert_eq "$(ls "$TEST_TMP/inbox" | wc -l)" "0" "the inbox is empty after the run"
assert_eq "$(ls "$TEST_TMP/archive" | wc -l)" "$(ls "$TEST_TMP/s/inbox" | wc -l)" "every file archived"
for y in 2024 2025; do
	[ -s "$TEST_TMP/reports/gbetl-$y.html" ] && [ -s "$TEST_TMP/reports/gbetl-$y-kommun.csv" ] ||
		fail "the run wrote the $y report"
done

# records read = loaded + rejected, for every batch (aggregate rows are one per sex)
assert_eq "$(sql "SELECT count(*) FROM etl.batch WHERE status = 'loaded' AND kind <> 'aggregate'
	AND records_read <> rows_loaded + records_rejected")" "0" "read = loaded + rejected"
for y in 2024 2025; do
	assert_eq "$(sql "SELECT records_read FROM etl.batch WHERE source = 'omsorg' AND status = 'loaded'
		AND file_name = 'omsorg_$y.csv'")" "$(sample_expected $y omsorg_records)" "care records $y as generated"
	assert_eq "$(sql "SELECT records_read FROM etl.batch WHERE source = 'ekbistand' AND status = 'loaded'
		AND file_name = 'ekbistand_$y.xml'")" "$(sample_expected $y ekbistand_records)" "payments $y as generated"
	# invalid identity numbers were planted: exactly those are found, no more
	assert_eq "$(sql "SELECT id_invalid FROM etl.batch WHERE status = 'loaded' AND file_name = 'omsorg_$y.csv'")" \
		"$(sample_expected $y invalid_identity_numbers_omsorg)" "invalid numbers in the care file $y as planted"
	assert_eq "$(sql "SELECT id_invalid FROM etl.batch WHERE status = 'loaded' AND file_name = 'ekbistand_$y.xml'")" \
		"$(sample_expected $y invalid_identity_numbers_ekbistand)" "invalid numbers in the payments $y as planted"
	# the ledger cost per cost centre, as the generator booked it
	awk -v y=$y '$1=="year"{cur=$2} cur==y && $1=="ledger_cost_ore"{print $2"|"$3}' \
		"$TEST_TMP/s/expected.txt" | sort >"$TEST_TMP/want.txt"
	sql "SELECT org_code, sum(amount_ore) FROM core.ledger_entry WHERE fiscal_year = $y
		AND account::int BETWEEN 4000 AND 7999 AND org_code <> '9990' GROUP BY 1" | sort >"$TEST_TMP/got.txt"
	diff "$TEST_TMP/want.txt" "$TEST_TMP/got.txt" || fail "ledger cost per cost centre $y"
	# the allocation reconciles to the ledger, committee by committee, to the öre
	assert_eq "$(sql "SELECT count(*) FROM reporting.reconciliation WHERE fiscal_year = $y AND difference_sek <> 0")" "0" \
		"reconciliation $y"
	total=$(awk -v y=$y '$1=="year"{cur=$2} cur==y && ($1=="ledger_cost_ore"){s+=$3} cur==y && $1=="unmapped_ledger_cost_ore"{s+=$2} END{printf "%.0f\n", s}' \
		"$TEST_TMP/s/expected.txt")
	assert_eq "$(sql "SELECT sum(ledger_cost_ore) FROM result.allocation WHERE fiscal_year = $y")" "$total" \
		"allocated ledger cost $y equals the generated cost"
	assert_eq "$(sql "SELECT sum(women_ore + men_ore + unknown_ore + not_individual_ore + unallocated_ore)
		FROM result.allocation WHERE fiscal_year = $y")" "$total" "the parts sum to the ledger cost $y"
	# planted: cost on an unknown cost centre, and an unknown service code
	assert_eq "$(sql "SELECT sum(ledger_cost_ore) FROM result.allocation WHERE fiscal_year = $y AND committee_code = 'unmapped'")" \
		"$(sample_expected $y unmapped_ledger_cost_ore)" "unmapped ledger cost $y as planted"
	assert_eq "$(sql "SELECT count(*) FROM core.service_record WHERE service_code = 'XX'
		AND extract(year FROM period_start) = $y")" "$(sample_expected $y unknown_service_code_records)" "unknown service codes kept $y"
done
# Before anything is loaded, extract --check names the planted unknown codes
# with their records (and, for the ledger, their cost), and nothing else.
for y in 2024 2025; do
	run_gbetl 0 extract --check --source omsorg "$TEST_TMP/s/inbox/omsorg_$y.csv"
	assert_match "$OUT" "service code +XX +$y +$(sample_expected $y unknown_service_code_records) records" "check: unknown service code $y"
	assert_eq "$(grep -c ' records' <<<"$OUT")" "1" "check: no other unknown care code $y"
done
ore=$(sample_expected 2024 unmapped_ledger_cost_ore)
run_gbetl 0 extract --check --source huvudbok_sie4 "$TEST_TMP/s/inbox/huvudbok_2024.se"
assert_match "$OUT" "cost centre +9990 +2024 +[0-9]+ records, ${ore%??}\.${ore: -2} kr" "check: unmapped ledger cost 2024"
run_gbetl 0 extract --check --source befolkning "$TEST_TMP/s/inbox/befolkning_2024.csv"
assert_eq "$(grep -c 'codes' <<<"$OUT")" "0" "check: population has no codes to map"

# The reorganisation: daily activity (3210) belongs to VON in 2024 and SOC in 2025.
assert_eq "$(sql "SELECT committee_code FROM result.allocation WHERE fiscal_year = 2024 AND activity_code = '5130'")" "VON" "reorganisation 2024"
assert_eq "$(sql "SELECT committee_code FROM result.allocation WHERE fiscal_year = 2025 AND activity_code = '5130'")" "SOC" "reorganisation 2025"
# Women get most home care in an ageing municipality; every method split something.
assert_eq "$(sql "SELECT balance_band FROM result.allocation WHERE fiscal_year = 2024 AND activity_code = '5101'")" "women" "home care is women-dominated"
assert_eq "$(sql "SELECT count(*) FROM result.allocation WHERE fiscal_year = 2024 AND method IN ('volume','headcount','direct','aggregate') AND women_ore + men_ore = 0")" "0" \
	"every individual-based activity was split"

# A second run finds nothing and changes nothing.
before=$(sql "SELECT count(*) FROM etl.batch")
t0=$(date +%s%N)
run_gbetl 0 $D run
echo "a run with nothing to do took $(( ($(date +%s%N) - t0) / 1000000 )) ms" >&2
assert_match "$OUT" "no new files" "the second run finds nothing new"
assert_eq "$(sql "SELECT count(*) FROM etl.batch")" "$before" "the second run records nothing"

# The whole sample imported a second time: exactly one copy, both attempts recorded.
rows_before=$(sql "SELECT (SELECT count(*) FROM core.service_record) + (SELECT count(*) FROM core.ledger_entry)
	+ (SELECT count(*) FROM core.population) + (SELECT count(*) FROM core.aggregate_count)")
cp "$TEST_TMP"/s/inbox/* "$TEST_TMP/inbox/"
run_gbetl 0 $D run
assert_eq "$(sql "SELECT (SELECT count(*) FROM core.service_record) + (SELECT count(*) FROM core.ledger_entry)
	+ (SELECT count(*) FROM core.population) + (SELECT count(*) FROM core.aggregate_count)")" "$rows_before" \
	"importing the sample twice leaves one copy"
assert_eq "$(sql "SELECT count(*) FROM etl.batch WHERE status = 'already_loaded'")" "$(ls "$TEST_TMP/s/inbox" | wc -l)" \
	"etl.batch shows the second attempt of every file"

grep -ahoE '(19|20)[0-9]{6}-[0-9]{4}' "$TEST_TMP"/s/inbox/* | sort -u | tr -d - >"$TEST_TMP/numbers.txt"
P1=$(grep -m1 -ahoE '(19|20)[0-9]{6}-[0-9]{4}' "$TEST_TMP/s/inbox/omsorg_2024.csv")
# A bad night: a corrupt file, a file no source claims, and a good new file.
printf 'Personnummer;K\xf6n;Insatskod\r\n"unterminated;K;HT\r\n' >"$TEST_TMP/inbox/omsorg_2026.csv"
echo "hello" >"$TEST_TMP/inbox/mystery.txt"
# rejects whose values hold identity numbers: they must be masked everywhere
{ printf 'Personnummer;K\xf6n;Insatskod;Ansvar;Datum fr\xe5n;Datum tom;Antal;Enhet;Stadsdel\r\n'
  for i in 1 2 3; do printf '%s;K;HT;3010;2026-01-01;2026-01-31;%s;timmar;%s\r\n' "$P1" "$P1" "$P1"; done
} >"$TEST_TMP/inbox/omsorg_2027.csv"
sed 's/2025/2026/g' "$TEST_TMP/s/inbox/befolkning_2025.csv" >"$TEST_TMP/inbox/befolkning_2026.csv"
run_gbetl 1 $D run
cat "$TEST_TMP/err.txt" >"$TEST_TMP/log-run3.txt"
[ -f "$TEST_TMP/failed/omsorg_2026.csv.reason" ] || fail "the corrupt file is in failed/ with a reason"
[ -f "$TEST_TMP/failed/mystery.txt.reason" ] || fail "the unclaimed file is in failed/ with a reason"
assert_match "$(cat "$TEST_TMP/failed/mystery.txt.reason")" "No source definition" "the reason says why"
[ -f "$TEST_TMP/archive/befolkning_2026.csv" ] || fail "the good file still loads"
[ -f "$TEST_TMP/failed/omsorg_2027.csv.reason" ] || fail "the file with too many rejects is in failed/"
assert_eq "$(sql "SELECT count(*) FROM etl.reject r JOIN etl.batch b USING (batch_id) WHERE b.file_name = 'omsorg_2027.csv'")" "3" \
	"its rejects are kept, each with line, field and reason"
assert_match "$(sql "SELECT value_masked FROM etl.reject r JOIN etl.batch b USING (batch_id) WHERE b.file_name = 'omsorg_2027.csv' LIMIT 1")" \
	'^[0-9]{8}-\*{4}$' "a number in a rejected value is masked"
"$GBETL" extract --check --source omsorg "$TEST_TMP/failed/omsorg_2027.csv" >"$TEST_TMP/check-out.txt" 2>"$TEST_TMP/check-err.txt" || true
assert_eq "$(sql "SELECT count(*) > 0 FROM core.population WHERE year = 2026")" "t" "the good file's rows are there"

# Personal data: no identity number of the input in clear in the database,
# the logs, the rejects or the reasons.
[ "$(wc -l <"$TEST_TMP/numbers.txt")" -gt 100 ] || fail "the sample has identity numbers to look for"
pg_dump -d "$TEST_DSN" --data-only >"$TEST_TMP/dump.sql"
assert_no_pnr_from "$TEST_TMP/numbers.txt" "$TEST_TMP/dump.sql" "$TEST_TMP/log-run1.txt" \
	"$TEST_TMP/log-run3.txt" "$TEST_TMP"/failed/*.reason "$TEST_TMP/check-out.txt" "$TEST_TMP/check-err.txt"
