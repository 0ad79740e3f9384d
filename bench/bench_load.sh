#!/bin/bash
# Extract + load end to end against the physical limit (psql \copy of the
# same rows already transformed, into the same table) and against pgloader
# loading the same CSV into a plain table; all in one run, same database.
. "$GBETL_SRC/bench/lib.sh"
set -e
dir=$BENCH_DIR/load
mkdir -p "$dir"
chmod 755 "$dir"
head -c 32 /dev/urandom >"$dir/key" && chmod 600 "$dir/key"
printf 'municipality_code = 0999\nkey_file = %s\nsources_dir = %s\nmappings_dir = %s\n' "$dir/key" \
	"$GBETL_SRC/mappings/sources" "$GBETL_SRC/mappings" >"$dir/gbetl.conf"
export GBETL_CONFIG=$dir/gbetl.conf
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench"
DSN="dbname=bench"
"$GBETL" -q -d "$DSN" init
"$GBETL" -q sample --out "$dir/s" --inhabitants "$BENCH_SCALE" --years 2024
csv=$dir/s/inbox/omsorg_2024.csv
bytes=$(stat -c %s "$csv")
reset() { psql -X -q -d "$DSN" -c "SET client_min_messages = warning" -c "TRUNCATE core.service_record; TRUNCATE etl.batch CASCADE" -c "CHECKPOINT"; }

# the rows, already transformed, as \copy would read them
"$GBETL" extract --source omsorg "$csv" | grep -E '^[0-9]' | sed 's/^/0999\t1\t/' >"$dir/rows.tsv"
rows=$(wc -l <"$dir/rows.tsv")

a=() b=() c=()
for i in 1 2 3; do
	reset
	time_run t "$GBETL" -q -d "$DSN" import --source omsorg "$csv"
	a+=("$t"); a_rss=$t_rss; a_read=$t_read
	reset
	time_run t psql -X -q -d "$DSN" -c "\\copy core.service_record (municipality_code, batch_id, source_line, person_key, sex, sex_method, sex_conflict, id_status, birth_year, age, gender_self, service_code, org_code, period_start, period_end, quantity, unit, amount_ore, district, co_person_key, co_sex, co_birth_year, co_age) FROM '$dir/rows.tsv'"
	b+=("$t")
done
# pgloader: the same CSV into a plain table of text columns
psql -X -q -d "$DSN" -c "CREATE TABLE IF NOT EXISTS public.plain_omsorg (pnr text, kon text, kod text, ansvar text, fran text, tom text, antal text, enhet text, stadsdel text)"
cat >"$dir/load.pgl" <<PGL
LOAD CSV FROM '$csv' WITH ENCODING latin1
  (pnr, kon, kod, ansvar, fran, tom, antal, enhet, stadsdel)
  INTO postgresql://$PGUSER@unix:$PGHOST:$PGPORT/bench?public.plain_omsorg
  (pnr, kon, kod, ansvar, fran, tom, antal, enhet, stadsdel)
  WITH skip header = 1, fields terminated by ';', truncate
  SET work_mem to '64MB';
PGL
if command -v pgloader >/dev/null; then
	for i in 1 2 3; do
		time_run t pgloader --quiet "$dir/load.pgl" || { c=(); break; }
		c+=("$t")
	done
fi
ta=$(printf '%s\n' "${a[@]}" | median)
tb=$(printf '%s\n' "${b[@]}" | median)
tc=$([ ${#c[@]} -gt 0 ] && printf '%s\n' "${c[@]}" | median || echo nan)
awk -v r="$rows" -v by="$bytes" -v ta="$ta" -v tb="$tb" -v tc="$tc" -v m="$a_rss" -v rd="$a_read" 'BEGIN {
	printf "   %d rows, %.1f MB of care-system CSV (median of 3 runs each)\n", r, by / 1e6
	printf "   (a) gbetl import:           %6.2f s  %9.0f rows/s  %6.1f MB/s  peak RSS %.1f MiB\n", ta, r / ta, by / 1e6 / ta, m / 1024
	printf "   (b) psql \\copy (the limit): %6.2f s  %9.0f rows/s\n", tb, r / tb
	if (tc != "nan") printf "   (c) pgloader:               %6.2f s  %9.0f rows/s\n", tc, r / tc
	printf "   a/b = %.2f (target >= 0.8)", tb / ta
	if (tc != "nan") printf ", a/c = %.1f (target >= 10)", tc / ta
	printf ", RSS target <= 32 MiB\n"
	if (rd >= 0) printf "   gbetl import read %.1f MB for the %.1f MB file: %.2f passes over it (target 1: hashed as it is read)\n", rd / 1e6, by / 1e6, rd / by }'
