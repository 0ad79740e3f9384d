#!/bin/bash
# gbetl impact (könskonsekvensanalys) on a case computed by hand: a cut in
# home care split at the reference year's shares by largest remainder, the
# volume and recipients it means, women's share and cost per inhabitant
# before and after; the proposal file, CSV and HTML; a cut larger than the
# activity's cost is refused with nothing written.
. "$TESTS_LIB/assert.sh"
init_db mappings

# The reference outcome 2025 (the latest allocated year before 2026).
sql "INSERT INTO result.allocation (municipality_code, fiscal_year, committee_code, activity_code, method, cost_basis,
     ledger_cost_ore, women_ore, men_ore, unknown_ore, not_individual_ore, unallocated_ore,
     recipients_women, recipients_men, volume_women, volume_men, volume_unit, population_women, population_men)
     VALUES ('0999', 2025, 'VON', '5101', 'volume', 'gross', 10000000, 6000000, 3000000, 0, 0, 1000000, 30, 15, 600, 300, 'hours', 1000, 800),
            ('0999', 2025, 'VON', '5102', 'volume', 'gross', 2000000, 1000000, 1000000, 0, 0, 0, 10, 10, 100, 100, 'days', 1000, 800)" >/dev/null

# A cut of 10 000.01 kr in home care. By hand: 6 : 3 gives 6 666.6733 and
# 3 333.3367 kr; whole öre 6 666.67 and 3 333.33, the öre left to the larger
# remainder (men): -6 666.67 / -3 333.34. Volume at 600 h per 60 000 kr and
# 300 h per 30 000 kr: -66.7 / -33.3 hours; recipients at 30 and 15:
# -3.3 / -1.7. Women's share of the activity 6/9 = 66.7 % before and after
# (same distribution); of the committee 70 000 / 110 000 = 63.6 % before,
# 63 333.33 / 99 999.99 = 63.3 % after. Cost per inhabitant: women
# 60 000 / 1 000 = 60.00 kr before, 53.33 after; men 30 000 / 800 = 37.50,
# 33.33 after.
run_gbetl 0 $D impact --year 2026 --committee VON --activity 5101 --change=-10000.01 --text "Minskad hemtjänst"
echo "$OUT" >"$TEST_TMP/sv.txt"
assert_match "$OUT" "^Könskonsekvensanalys, budgetåret 2026" "a Swedish title"
assert_match "$OUT" "Utgångsläge: utfallet 2025" "it names the reference year"
assert_match "$OUT" "VON Vård- och omsorgsnämnden, 5101 Hemtjänst, äldreomsorg: -10 000,01 kr" "the change, with names"
assert_match "$OUT" "Förändring, kr +-6 666,67 +-3 333,34$" "the change by sex, largest remainder"
assert_match "$OUT" "Volym, timmar +-66,7 +-33,3$" "the volume by sex at the year's cost per hour"
assert_match "$OUT" "Mottagare +-3,3 +-1,7$" "recipients by sex at the year's cost per recipient"
assert_match "$OUT" "Kostnad per invånare, kr, före +60,00 +37,50$" "cost per inhabitant before"
assert_match "$OUT" "Kostnad per invånare, kr, efter +53,33 +33,33$" "cost per inhabitant after"
assert_match "$OUT" "Kvinnors andel av verksamhetens kostnad: 66,7 % före, 66,7 % efter" "women's share of the activity"
assert_match "$OUT" "Kvinnors andel av nämndens kostnad: 63,6 % före, 63,3 % efter" "women's share of the committee"
assert_match "$OUT" "Totalt -10 000,01 kr: kvinnor -6 666,67 kr, män -3 333,34 kr, okänt kön 0,00 kr" "the total"
assert_match "$OUT" "Antaganden: förändringen fördelas mellan kvinnor och män som kostnaden fördelades i utfallet 2025" \
	"it says what it assumes"

# In English.
run_gbetl 0 $D impact --year 2026 --committee VON --activity 5101 --change=-10000.01 --english
assert_match "$OUT" "Change, SEK +-6,666.67 +-3,333.34$" "English numbers"
assert_match "$OUT" "Women's share of the committee's cost: 63.6 % before, 63.3 % after" "English shares"
assert_match "$OUT" "Assumptions: " "English assumptions"

# A proposal file: the cut, and money to a committee new since 2025 (the
# activity's shares across the municipality: VON's, 6 : 3).
printf 'Nämnd;Verksamhet;Förändring;Text\nVON;5101;-10 000,01;Minskad hemtjänst\nAFN;5101;900,00;"Ny nämnd, 19121212-1212"\n' >"$TEST_TMP/forslag.csv"
run_gbetl 0 $D impact --year 2026 --proposal "$TEST_TMP/forslag.csv" --csv "$TEST_TMP/impact.csv" --html "$TEST_TMP/impact.html"
assert_match "$OUT" "2\. AFN, 5101 Hemtjänst, äldreomsorg: 900,00 kr" "the second change"
assert_match "$OUT" "Förändring, kr +600,00 +300,00$" "a new committee at the activity's shares"
assert_match "$OUT" "ingen sådan verksamhet 2025" "it says the activity's shares were used"
assert_match "$OUT" "Totalt -9 100,01 kr: kvinnor -6 066,67 kr, män -3 033,34 kr" "the proposal's total"
# the municipality: 70 000 of 110 000 before; 63 933.33 of 100 899.99 after
assert_match "$OUT" "Kvinnors andel av kommunens kostnad fördelad på kön: 63,6 % före, 63,4 % efter" "the municipality's share"
assert_eq "$(sed -n 2p "$TEST_TMP/impact.csv" | cut -d';' -f1-6)" "VON;5101;Minskad hemtjänst;-10000,01;-6666,67;-3333,34" "the CSV row"
assert_eq "$(tail -1 "$TEST_TMP/impact.csv" | cut -d';' -f1,4-6)" "totalt;-9100,01;-6066,67;-3033,34" "the CSV total"
grep -q '<section class="gbetl-impact" lang="sv">' "$TEST_TMP/impact.html" || fail "an HTML fragment"
# an identity number in a change's text is masked in every output
assert_match "$(cat "$TEST_TMP/impact.csv")" "Ny nämnd, 19121212-\\*\\*\\*\\*" "the proposal's text, masked, in the CSV"
if grep -q '1212-1212' "$TEST_TMP/impact.csv" "$TEST_TMP/impact.html" || grep -q '1212-1212' <<<"$OUT$ERR"; then
	fail "no identity number in the outputs"
fi
run_gbetl 0 $D impact --year 2026 --committee VON --activity 5101 --change=-1000 --text "Brukare 19121212-1212"
assert_match "$ERR" "--text: an identity number in the text is masked" "--text: the number is masked, with a warning"
assert_not_match "$OUT$ERR" "1212-1212" "and appears nowhere"
grep -q '<th scope="row">Förändring, kr</th><td>-6 666,67</td><td>-3 333,34</td>' "$TEST_TMP/impact.html" || fail "the HTML table"
if grep -q '<html' "$TEST_TMP/impact.html"; then fail "a fragment, not a page"; fi

# Refused: a cut larger than the activity's cost (100 000 kr), nothing written.
rm -f "$TEST_TMP/impact.csv"
run_gbetl 65 $D impact --year 2026 --committee VON --activity 5101 --change=-100000.01 --csv "$TEST_TMP/impact.csv"
assert_match "$ERR" 'a change of -100000.01 kr is larger than the cost of committee "VON" activity "5101" in 2025 \(100000.00 kr\)' \
	"a clear message"
[ ! -e "$TEST_TMP/impact.csv" ] || fail "nothing written when refused"
run_gbetl 65 $D impact --year 2026 --committee VON --activity 3200 --change=-1
assert_match "$ERR" 'activity "3200" has no outcome in 2025' "an activity without an outcome"
run_gbetl 65 $D impact --year 2025 --committee VON --activity 5101 --change=-1
assert_match "$ERR" "no outcome before 2025" "no reference year"
printf 'Nämnd;Verksamhet;Förändring\nVON;5101;två miljoner\n' >"$TEST_TMP/bad.csv"
run_gbetl 65 $D impact --year 2026 --proposal "$TEST_TMP/bad.csv"
assert_match "$ERR" "bad.csv:2: field 3 \(change\)" "a bad proposal line names file and line"
run_gbetl 2 $D impact --year 2026 --committee VON --change=-1
