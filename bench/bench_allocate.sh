#!/bin/bash
# Allocation of one fiscal year against the size of the municipality:
# about 50 service records per inhabitant (a year of monthly home care,
# residential care, daily activity and transport rows, each with the
# recipient's age and district), generated in the database;
# BENCH_ALLOC_SCALES inhabitants (default 10000 100000 1000000). Each scale
# is timed twice: the allocation alone (result.allocate(), as before the
# breakdowns) and "gbetl allocate", which adds the breakdowns by age band,
# district and unit (result.allocate_detail(), on the allocation's one pass
# over the records).
. "$GBETL_SRC/bench/lib.sh"
set -e
dir=$BENCH_DIR/allocate
mkdir -p "$dir"
printf 'municipality_code = 0999\nmappings_dir = %s\n' "$GBETL_SRC/mappings" >"$dir/gbetl.conf"
export GBETL_CONFIG=$dir/gbetl.conf
old=$(baseline_gbetl)
if [ -n "$old" ]; then
	printf 'municipality_code = 0999\nmappings_dir = %s\n' "$BENCH_DIR/baseline/mappings" >"$dir/old.conf"
fi
# allocate_at GBETL LABEL N: a database of N inhabitants made by that gbetl,
# allocated without and with the breakdowns
allocate_at() {
	local bin=$1 label=$2 n=$3 start load rows
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS bench_alloc" -c "CREATE DATABASE bench_alloc"
	DSN="dbname=bench_alloc"
	"$bin" -q -d "$DSN" init
	"$bin" -q -d "$DSN" mappings
	start=$(date +%s.%N)
	psql -X -q -d "$DSN" -v ON_ERROR_STOP=1 <<SQL
INSERT INTO etl.batch (batch_id, municipality_code, source, kind, file_name, sha256, status)
OVERRIDING SYSTEM VALUE VALUES (1, '0999', 'omsorg', 'service', 'b', repeat('a', 64), 'loaded'),
                               (2, '0999', 'huvudbok', 'ledger', 'l', repeat('b', 64), 'loaded');
INSERT INTO core.service_record (municipality_code, batch_id, source_line, person_key, sex, sex_method,
    sex_conflict, id_status, service_code, org_code, period_start, quantity, age, district)
SELECT '0999', 1, g, md5((g % ($n * 15 / 100 + 1))::text)::uuid, 1 + (g % ($n * 15 / 100 + 1)) % 2, 'n', false, 'v',
       (ARRAY['HT','SB','DV','FT'])[1 + g % 4], (ARRAY['3010','3110','3210','3050'])[1 + g % 4],
       make_date(2024, 1 + g % 12, 1), (g % 40)::numeric,
       (g % ($n * 15 / 100 + 1)) % 101, (ARRAY['Norr','Söder','Öster','Väster','Centrum'])[1 + (g % ($n * 15 / 100 + 1)) % 5]
FROM generate_series(1, $n * 50) g;
INSERT INTO core.ledger_entry (municipality_code, batch_id, source_line, fiscal_year, entry_date, period,
    account, amount_ore, org_code, activity_code)
SELECT '0999', 2, g, 2024, make_date(2024, 1 + g % 12, 28), 202401 + g % 12, '5010', 100000 + g,
       (ARRAY['3010','3110','3210','3050'])[1 + g % 4], (ARRAY['5101','5102','5130','5300'])[1 + g % 4]
FROM generate_series(1, 1000 + $n / 10) g;
INSERT INTO core.population SELECT '0999', 2, a, 2024, s, a, a, $n / 1000, d
FROM generate_series(0, 100) a, generate_series(1, 2) s, unnest(ARRAY['Norr','Söder','Öster','Väster','Centrum']) d;
VACUUM ANALYZE core.service_record; ANALYZE core.ledger_entry;  -- hint bits set before either timing
SQL
	load=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
	time_run t0 psql -X -q -d "$DSN" -v ON_ERROR_STOP=1 -c "SELECT result.allocate('0999', 2024::smallint)"
	time_run t "$bin" -q -d "$DSN" allocate --year 2024
	rows=$((n * 50))
	awk -v lb="$label" -v n="$n" -v r="$rows" -v t0="$t0" -v t="$t" -v l="$load" 'BEGIN {
		printf "   %s%8d inhabitants, %9d service records: allocate %6.2f s without breakdowns, %6.2f s with (%.2f x; %.0f records/s; generating them took %.0f s)\n",
			lb, n, r, t0, t, t / t0, r / t, l }'
	psql -X -q -d "$DSN" -At -c "SELECT '   reconciles: ' || bool_and(women_ore + men_ore + unknown_ore + not_individual_ore + unallocated_ore = ledger_cost_ore) FROM result.allocation" \
		-c "SELECT '   breakdown cells: ' || count(*) FROM result.allocation_detail"
}
for n in ${BENCH_ALLOC_SCALES:-10000 100000 1000000}; do
	allocate_at "$GBETL" "" "$n"
	[ -z "$old" ] || GBETL_CONFIG=$dir/old.conf allocate_at "$old" "baseline $BENCH_BASELINE: " "$n"
done
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS bench_alloc"
echo "   target: one year of a 1,000,000-inhabitant municipality (~50 M records) in <= 60 s;"
echo "   with the breakdowns within 1.5 x the time without"
