#!/bin/bash
# docs/analysts.md's example queries run as written, as an analyst's login
# (gbetl_analyst) reads them, on the sample municipality: every SQL block of
# the section "Example queries", and the breakdown of home care by age band
# and district, 2025, gives the rows the report shows beside the activity's
# crude and standardised share and target.
. "$TESTS_LIB/assert.sh"
load_sample 5000 2024,2025
make_analyst_login

doc=$GBETL_SRC/docs/analysts.md
awk '/^## /{ on = ($0 == "## Example queries") } on && /^```sql$/{ n++; f = sprintf("q%02d.sql", n); next }
	on && /^```$/{ f = ""; next } f { print > f }' "$doc"
n=$(ls q*.sql | wc -l)
[ "$n" -ge 10 ] || fail "the example queries are found ($n)"
for q in q*.sql; do
	out=$(as_analyst -f "$q" 2>&1) || fail "the example query runs as an analyst: $(cat "$q"): $out"
	if grep -q 'always empty' "$q"; then
		[ -z "$out" ] || fail "the query said to be always empty is: $(cat "$q"): $out"
	else
		[ -n "$out" ] || fail "the example query gives rows on the sample: $(cat "$q")"
	fi
done

# the home care breakdown beside the activity's figures
q=$(grep -l "JOIN reporting.allocation_need n" q*.sql)
rows=$(as_analyst -f "$q")
assert_match "$rows" "^age_band\|65–79\|[0-9]+\.[0-9]\|[0-9]+\.[0-9]\|[0-9]+\.[0-9]\|need\|10\|(t|f)$" \
	"home care by age band with its crude and standardised share and target"
assert_match "$rows" "^district\|" "and by district"
assert_eq "$(grep -c 'övriga (dolda)' <<<"$rows")" "$(as_analyst -c "SELECT count(*) FROM reporting.allocation_detail
	WHERE fiscal_year = 2025 AND activity_code = '5101' AND dimension IN ('age_band', 'district') AND cell = 'övriga (dolda)'")" \
	"hidden cells only together"
# the check that every breakdown sums to its row
q=$(grep -l "a.cost_total_sek - sum(d.cost_total_sek)" q*.sql)
assert_eq "$(as_analyst -f "$q" | cut -d'|' -f4 | sort -u)" "0.00" "the age bands sum to each activity's cost"
