#!/bin/bash
# The breakdowns by age band, district and unit: small cases computed by
# hand, then the property that every breakdown of every row sums to the row
# exactly, to the öre, on random inputs and on the sample municipality —
# in result.allocation_detail and in what reporting.allocation_detail shows
# beside reporting.allocation; a closed year keeps its breakdowns.
. "$TESTS_LIB/assert.sh"
. "$TESTS_LIB/seed.sh"
init_db mappings

seed_batches 1 2 3 4 5

# Home care, 100.01 kr by volume: a woman of 70 with 1 hour in Norr and 2 in
# Söder (at cost centre 3011), a man of 85 with 1 hour in Söder: women
# 75.01, men 25.00 (t_allocate). By district the woman's 75.01 splits 1:2 —
# 25.003 and 50.007 — and the odd öre goes to the larger remainder (Söder).
ledger 3010 5101 5010 10001
care "$(k 1)" 2 HT 3010 1 age=70 district="'Norr'"
care "$(k 1)" 2 HT 3011 2 age=70 district="'Söder'"
care "$(k 2)" 1 HT 3010 1 age=85 district="'Söder'"
# Transport service by headcount: 2 women (one of unknown age, no district),
# 1 man of 30; 900 öre: 600 to women, 300 to the man.
ledger 3050 5300 6410 900
care "$(k 3)" 2 FT 3050 5 age=75 district="'Norr'"
care "$(k 4)" 2 FT 3050 5
care "$(k 5)" 1 FT 3050 5 age=30 district="'Norr'"
# Parks are not individual-based: the whole cost in the unknown cells.
ledger 5010 2500 6410 4242
sql "INSERT INTO core.population VALUES ('0999', 5, 1, 2024, 2, 70, 70, 60, 'Norr'), ('0999', 5, 2, 2024, 1, 70, 70, 40, 'Norr'),
     ('0999', 5, 3, 2024, 2, 85, 85, 30, 'Söder'), ('0999', 5, 4, 2024, 1, 85, 85, 20, 'Söder'),
     ('0999', 5, 5, 2024, 2, 30, 30, 50, 'Norr')" >/dev/null
run_gbetl 0 $D allocate --year 2024

cells() { # activity dimension
	sql "SELECT string_agg(cell || ':' || women_ore || '/' || men_ore || '/' || unknown_ore || '/' || not_individual_ore
	     || '/' || unallocated_ore || ' ' || recipients_women || '/' || recipients_men, ', ' ORDER BY cell)
	     FROM result.allocation_detail WHERE fiscal_year = 2024 AND activity_code = '$1' AND dimension = '$2'"
}
assert_eq "$(cells 5101 district)" "Norr:2500/0/0/0/0 1/0, Söder:5001/2500/0/0/0 1/1" \
	"home care by district: the woman's cost 1:2 by her hours, the odd öre to the largest remainder"
assert_eq "$(cells 5101 age_band)" "65–79:7501/0/0/0/0 1/0, 80–89:0/2500/0/0/0 0/1" "home care by age band"
assert_eq "$(cells 5101 unit)" "3010:2500/2500/0/0/0 1/1, 3011:5001/0/0/0/0 1/0" "home care by cost centre"
assert_eq "$(cells 5300 age_band)" "20–64:0/300/0/0/0 0/1, 65–79:300/0/0/0/0 1/0, okänd ålder:300/0/0/0/0 1/0" \
	"headcount by age band: one head each; a record without an age in okänd ålder"
assert_eq "$(cells 5300 district)" "Norr:300/300/0/0/0 1/1, okänt område:300/0/0/0/0 1/0" \
	"a record without a district is in okänt område"
assert_eq "$(cells 2500 age_band)|$(cells 2500 district)|$(cells 2500 unit)" \
	"okänd ålder:0/0/0/4242/0 0/0|okänt område:0/0/0/4242/0 0/0|okänd enhet:0/0/0/4242/0 0/0" \
	"a cost no cell has a weight for is in the unknown cell of each breakdown"
assert_eq "$(sql "SELECT string_agg(cell || ':' || population_women || '/' || population_men, ', ' ORDER BY cell)
	FROM result.allocation_detail WHERE fiscal_year = 2024 AND activity_code = '5101' AND dimension <> 'unit'")" \
	"65–79:60/40, 80–89:30/20, Norr:60/40, Söder:30/20" \
	"population of each age band and district within the activity's ages (65+: the 30-year-olds are left out)"

# A record without a district of its own is placed in its cost centre's
# district (org_units.csv: 3010 works in Norr), not in okänt område: a third
# woman at 3010 makes transport 675 to women, 225 to the man.
care "$(k 6)" 2 FT 3010 5 age=80
run_gbetl 0 $D allocate --year 2024
assert_eq "$(cells 5300 district)" "Norr:450/225/0/0/0 2/1, okänt område:225/0/0/0/0 1/0" \
	"a record without a district takes its cost centre's district"
sql "DELETE FROM core.service_record WHERE person_key = $(k 6)" >/dev/null
run_gbetl 0 $D allocate --year 2024

# The bands are configurable: with 0–64 and 65+ the woman of 70 and the man
# of 85 share one band; bands that do not start at 0 are refused, and the
# year's figures stay as they were.
sql "DELETE FROM result.age_band; INSERT INTO result.age_band VALUES (0, '0–64'), (65, '65+')" >/dev/null
run_gbetl 0 $D allocate --year 2024
assert_eq "$(cells 5101 age_band)" "65+:7501/2500/0/0/0 1/1" "age bands from result.age_band"
sql "DELETE FROM result.age_band WHERE band_from = 0" >/dev/null
run_gbetl 1 $D allocate --year 2024
assert_match "$ERR" "the age bands do not start at 0" "bands without a band from 0 are refused"
assert_eq "$(cells 5101 age_band)" "65+:7501/2500/0/0/0 1/1" "a refused allocation leaves the breakdowns as they were"
sql "DELETE FROM result.age_band; INSERT INTO result.age_band VALUES (0, '0–19'), (20, '20–64'), (65, '65–79'), (80, '80–89'), (90, '90+')" >/dev/null

# The property: on random ledgers and records (ages and districts missing at
# random) every breakdown of every row sums to the row, part for part.
exact() { # year — rows and breakdowns that do not sum, in result and in reporting
	sql "SELECT count(*) FROM result.allocation a CROSS JOIN (VALUES ('age_band'), ('district'), ('unit')) x(dimension)
	     LEFT JOIN LATERAL (SELECT sum(ledger_cost_ore) c, sum(women_ore) w, sum(men_ore) m, sum(unknown_ore) u,
	            sum(not_individual_ore) ni, sum(unallocated_ore) un FROM result.allocation_detail d
	            WHERE (d.municipality_code, d.fiscal_year, d.committee_code, d.activity_code, d.dimension)
	                = (a.municipality_code, a.fiscal_year, a.committee_code, a.activity_code, x.dimension)) s ON true
	     WHERE a.fiscal_year = $1 AND (s.c, s.w, s.m, s.u, s.ni, s.un) IS DISTINCT FROM
	           (a.ledger_cost_ore::numeric, a.women_ore::numeric, a.men_ore::numeric, a.unknown_ore::numeric,
	            a.not_individual_ore::numeric, a.unallocated_ore::numeric)"
	sql "SELECT count(*) FROM reporting.allocation a CROSS JOIN (VALUES ('age_band'), ('district'), ('unit')) x(dimension)
	     LEFT JOIN LATERAL (SELECT sum(cost_total_sek) c, sum(cost_women_sek) w, sum(cost_men_sek) m, sum(cost_unknown_sek) u,
	            sum(cost_not_individual_sek) ni, sum(cost_unallocated_sek) un FROM reporting.allocation_detail d
	            WHERE (d.fiscal_year, d.committee_code, d.activity_code, d.dimension)
	                = (a.fiscal_year, a.committee_code, a.activity_code, x.dimension)) s ON true
	     WHERE a.fiscal_year = $1 AND (s.c, s.w, s.m, s.u, s.ni, s.un) IS DISTINCT FROM
	           (a.cost_total_sek, a.cost_women_sek, a.cost_men_sek, a.cost_unknown_sek, a.cost_not_individual_sek,
	            a.cost_unallocated_sek)"
}
assert_eq "$(exact 2024)" $'0\n0' "the hand-computed year: every breakdown sums to its row"
for seed in 1 2 3 4 5 6 7 8; do
	sql "SELECT setseed(0.$seed); TRUNCATE core.ledger_entry, core.service_record, core.aggregate_count;
	$RANDOM_LEDGER;
	INSERT INTO core.service_record (municipality_code, batch_id, source_line, person_key, sex, sex_method, sex_conflict,
	     id_status, service_code, org_code, period_start, quantity, amount_ore, co_person_key, co_sex, age, district)
	SELECT '0999', CASE WHEN c = 'EKB' THEN 2 ELSE 1 END, g,
	       CASE WHEN random() < 0.9 THEN ('00000000-0000-0000-0000-' || lpad((floor(random() * 50))::text, 12, '0'))::uuid END,
	       floor(random() * 3)::int, 'n', false, 'v', c, o, make_date(2025, 1 + floor(random() * 12)::int, 1),
	       round((random() * 40)::numeric, 1), floor(random() * 900000)::bigint,
	       CASE WHEN random() < 0.3 THEN ('00000000-0000-0000-0000-' || lpad((floor(random() * 50))::text, 12, '0'))::uuid END,
	       CASE WHEN random() < 0.3 THEN floor(random() * 3)::int END,
	       CASE WHEN random() < 0.9 THEN floor(random() * 105)::int END,
	       (ARRAY['Norr','Söder','Öster',NULL,''])[1 + floor(random() * 5)::int]
	FROM (SELECT g, (ARRAY['HT','FT','EKB','XX'])[1 + floor(random() * 4)::int] AS c,
	             (ARRAY['3010','3050','2010','3210','3011','3012'])[1 + floor(random() * 6)::int] AS o
	      FROM generate_series(1, 500) g) s;
	$RANDOM_AGGREGATES" >/dev/null
	for remainder in share apart; do
		run_gbetl 0 $D allocate --year 2025 --direct-remainder $remainder
		assert_eq "$(exact 2025)" $'0\n0' "seed $seed, $remainder: every breakdown sums to its row, in result and in reporting"
		assert_eq "$(sql "SELECT count(DISTINCT dimension) FROM result.allocation_detail WHERE fiscal_year = 2025
			AND cell NOT IN ('okänd ålder', 'okänt område', 'okänd enhet')")" "3" "seed $seed, $remainder: cells in all three breakdowns"
	done
done

# The sample municipality: districts on the records, population by district.
sql "TRUNCATE core.ledger_entry, core.service_record, core.aggregate_count, core.population, etl.batch CASCADE;
     DELETE FROM result.allocation; DELETE FROM result.allocation_detail" >/dev/null
make_sample 3000 2024,2025
cp "$TEST_TMP"/s/inbox/* "$TEST_TMP/inbox/"
run_gbetl 0 $D run
for y in 2024 2025; do
	assert_eq "$(exact $y)" $'0\n0' "sample $y: every breakdown sums to its row, in result and in reporting"
done
assert_eq "$(sql "SELECT count(DISTINCT cell) FROM result.allocation_detail WHERE fiscal_year = 2025 AND dimension = 'district'
	AND activity_code = '5101' AND population_women > 0")" "5" "sample: home care in five districts, each with its population"

# The report's table of breakdowns: per activity, each breakdown's rows
# (hidden cells together in "övriga (dolda)") add up to the activity's cost
# in the committee table.
csv=$TEST_TMP/reports/gbetl-2025-fordelning.csv
[ -f "$csv" ] || fail "gbetl run writes the breakdowns' table $csv"
assert_match "$(head -1 "$csv")" "Indelning;Del;Mål;Kostnad totalt" "the breakdowns' table has its header"
tr -d '\r' <"$TEST_TMP/reports/gbetl-2025-kommun.csv" | tail -n +2 |
	awk -F';' '{ v = $7; gsub(/[^0-9,-]/, "", v); sub(/,/, ".", v); printf "%s %s %.2f\n", $2, $4, v }' | sort >"$TEST_TMP/rows.txt"
for b in åldersgrupp område enhet; do
	tr -d '\r' <"$csv" | tail -n +2 | awk -F';' -v b="$b" '$5 == b { v = $8; gsub(/[^0-9,-]/, "", v); sub(/,/, ".", v); s[$2 " " $3] += v }
		END { for (k in s) printf "%s %.2f\n", k, s[k] }' | sort >"$TEST_TMP/cells.txt"
	diff "$TEST_TMP/rows.txt" "$TEST_TMP/cells.txt" || fail "the report's breakdown by $b sums to each activity's cost"
done
assert_eq "$(tr -d '\r' <"$csv" | awk -F';' '$21 == "ja" && $6 != "övriga (dolda)"' | wc -l)" "0" \
	"the report lists no hidden cell on its own"

# A closed year keeps the breakdowns it was closed with.
run_gbetl 0 $D close-year 2024 --accept-unmapped
before=$(sql "SELECT md5(string_agg(d::text, ',' ORDER BY committee_code, activity_code, dimension, cell)) FROM reporting.allocation_detail d WHERE fiscal_year = 2024")
sql "DELETE FROM result.allocation_detail WHERE fiscal_year = 2024" >/dev/null
assert_eq "$(sql "SELECT md5(string_agg(d::text, ',' ORDER BY committee_code, activity_code, dimension, cell)) FROM reporting.allocation_detail d WHERE fiscal_year = 2024")" \
	"$before" "a closed year's breakdowns are the frozen ones, whatever happens to the current ones"
assert_eq "$(sql "SELECT count(*) > 0 AND bool_and(closed) FROM reporting.allocation_detail WHERE fiscal_year = 2024")" "t" \
	"a closed year's breakdowns are published from the frozen copy"
