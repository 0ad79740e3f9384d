#!/bin/bash
# gbetl report: the CSV tables add up to the reconciliation, cells cannot
# run as formulas, and the HTML report opens in a real browser with its
# charts (a screenshot is kept in tests/artifacts/).
. "$TESTS_LIB/assert.sh"
make_test_config
D="-d $TEST_DSN"
run_gbetl 0 $D init
# a committee whose name would be a formula in a spreadsheet
mkdir -p "$TEST_TMP/mappings"
cp -r "$GBETL_SRC"/mappings/* "$TEST_TMP/mappings/"
sed -i 's/^KFN;Kultur- och fritidsnämnden;/KFN;=HYPERLINK("http:\/\/example.invalid","klick");/; s/^TEK;Tekniska nämnden;/TEK;@SUM(A1:A9);/' "$TEST_TMP/mappings/committees.csv"
sed -i "s|^mappings_dir .*|mappings_dir = $TEST_TMP/mappings|" "$GBETL_CONFIG"
run_gbetl 0 $D mappings
run_gbetl 0 sample --out "$TEST_TMP/s" --inhabitants 1500
cp "$TEST_TMP"/s/inbox/* "$TEST_TMP/inbox/"
run_gbetl 0 $D run
out=$TEST_TMP/report
run_gbetl 0 $D report --year 2025 --out "$out"
for f in gbetl-2025-kommun.csv gbetl-2025-VON.csv gbetl-2025-SOC.csv gbetl-2025-avstamning.csv gbetl-2025.html; do
	[ -s "$out/$f" ] || fail "$f written"
done
assert_eq "$(head -c 3 "$out/gbetl-2025-kommun.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "Excel style starts with a BOM"

# The tables add up: per committee, the CSV's parts sum to the reconciliation's ledger cost.
sum_csv() { # file -> committee|öre of (women+men+unknown+not individual+unallocated)
	tail -n +2 "$1" | tr -d '\r' | awk -F';' '{ for (i = 8; i <= 12; i++) { v = $i; gsub(/,/, ".", v); s[$2] += v * 100 } }
		END { for (c in s) printf "%s|%.0f\n", c, s[c] }' | sort
}
sum_csv "$out/gbetl-2025-kommun.csv" >"$TEST_TMP/csv.txt"
sql "SELECT committee_code, round(ledger_cost_sek * 100) FROM reporting.reconciliation WHERE fiscal_year = 2025" | sort >"$TEST_TMP/db.txt"
diff "$TEST_TMP/db.txt" "$TEST_TMP/csv.txt" || fail "the CSV tables add up to the reconciliation"
assert_eq "$(tail -n +2 "$out/gbetl-2025-avstamning.csv" | tr -d '\r' | awk -F';' '$5 != "0,00"' | wc -l)" "0" \
	"the reconciliation file shows no difference"

# Formula injection: the names are text, never formulas.
assert_match "$(cat "$out/gbetl-2025-KFN.csv")" ";\"'=HYPERLINK" "a name starting with = is neutralised"
assert_match "$(cat "$out/gbetl-2025-TEK.csv")" ";\"'@SUM" "a name starting with @ is neutralised"
if grep -q ';=HYPERLINK\|;@SUM' "$out"/*.csv; then fail "no cell starts with = or @"; fi
run_gbetl 0 $D report --year 2025 --out "$TEST_TMP/plain" --csv-style plain --lang en
assert_match "$(head -n 1 "$TEST_TMP/plain/gbetl-2025-kommun.csv")" "^Year,Committee," "plain style, English labels"

# The HTML in a real browser: it renders, the charts are there, nothing is fetched.
if grep -Eq 'src="http|href="http' "$out/gbetl-2025.html"; then fail "the report is self-contained"; fi
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || fail "chromium is installed (tools/deps.sh)"
flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
dom=$(timeout 120 "$browser" $flags --user-data-dir="$TEST_TMP/chrome1" --dump-dom "file://$out/gbetl-2025.html" 2>"$TEST_TMP/console.txt")
assert_match "$dom" '<svg role="img"' "the charts are in the rendered page"
assert_match "$dom" 'class="women" data-share=' "with bars for women's shares"
assert_match "$dom" 'Avstämning mot huvudboken' "and the reconciliation"
if grep -Ei 'Uncaught|CONSOLE\(' "$TEST_TMP/console.txt"; then fail "no console errors"; fi
mkdir -p "$GBETL_SRC/tests/artifacts"
timeout 120 "$browser" $flags --user-data-dir="$TEST_TMP/chrome2" --window-size=1100,1600 \
	--screenshot="$GBETL_SRC/tests/artifacts/report-2025.png" "file://$out/gbetl-2025.html" >/dev/null 2>&1
[ -s "$GBETL_SRC/tests/artifacts/report-2025.png" ] || fail "a screenshot is saved"
