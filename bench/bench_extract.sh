#!/bin/bash
# Extract throughput (CSV and XML) and peak memory on small and large inputs.
. "$GBETL_SRC/bench/lib.sh"
set -e
dir=$BENCH_DIR/extract
mkdir -p "$dir"
head -c 32 /dev/urandom >"$dir/key" && chmod 600 "$dir/key"
printf 'municipality_code = 0999\nkey_file = %s\nsources_dir = %s\n' "$dir/key" "$GBETL_SRC/mappings/sources" >"$dir/gbetl.conf"
export GBETL_CONFIG=$dir/gbetl.conf
"$GBETL" -q sample --out "$dir/s" --inhabitants "$BENCH_SCALE" --years 2024
csv=$dir/s/inbox/omsorg_2024.csv
xml=$dir/s/inbox/ekbistand_2024.xml

# label source file: the median of 5 runs, by the clock and per CPU second
# (user + system: what one core does, whatever else the machine is doing).
measure() {
	local label=$1 source=$2 file=$3 walls=() cpus=() t c rows bytes
	bytes=$(stat -c %s "$file")
	rows=$(( $("$GBETL" extract --source "$source" "$file" | wc -l) - 2 ))
	for i in 1 2 3 4 5; do
		time_run t "$GBETL" -q extract --source "$source" "$file"
		walls+=("$t")
		cpus+=("$t_cpu")
		rss=$t_rss
	done
	t=$(printf '%s\n' "${walls[@]}" | median)
	c=$(printf '%s\n' "${cpus[@]}" | median)
	awk -v l="$label" -v b="$bytes" -v r="$rows" -v t="$t" -v c="$c" -v m="$rss" 'BEGIN {
		printf "   %-28s %8.1f MB in %6.3f s: %6.1f MB/s, %6.1f MB per CPU second, %9.0f records/s, peak RSS %.1f MiB (median of 5)\n",
			l, b / 1e6, t, b / 1e6 / t, b / 1e6 / c, r / t, m / 1024 }'
}
measure "CSV (omsorg, Windows-1252)" omsorg "$csv"
measure "XML (ekbistand, ISO-8859-1)" ekbistand "$xml"
# The same files by the baseline's gbetl (its own source definitions), the
# two binaries taking turns so that the machine's noise falls on both alike:
# CPU seconds, median of 9 each.
old=$(baseline_gbetl)
if [ -n "$old" ]; then
	printf 'municipality_code = 0999\nkey_file = %s\nsources_dir = %s\n' "$dir/key" "$BENCH_DIR/baseline/mappings/sources" >"$dir/old.conf"
	against_baseline "CSV:" omsorg "$csv" 9 "$dir/old.conf"
	against_baseline "XML:" ekbistand "$xml" 9 "$dir/old.conf"
fi

# The check for identity numbers in every other field (pnr_scan.h), against
# a build without it (PNR_SCAN_OFF_FOR_BENCH, for this comparison only): CPU
# seconds of the same file, the two binaries taking turns, median of 7.
noscan=$BENCH_DIR/build-noscan
make -s -C "$GBETL_SRC" BUILD="$noscan" CFLAGS="-O2 -g -DPNR_SCAN_OFF_FOR_BENCH" "$noscan/gbetl" >/dev/null
scan_cost() {
	extract_turns 7 "$2" "$3" "$noscan/gbetl" "$GBETL_CONFIG"
	awk -v l="$1" -v s="$(stat -c %s "$3")" -v a="$turns_a" -v b="$turns_b" 'BEGIN {
		printf "   identity-number check, %-12s with %6.1f MB per CPU second, without %6.1f: costs %4.1f %% (target <= 5 %%)\n",
			l, s / 1e6 / a, s / 1e6 / b, 100 * (a - b) / b }'
}
scan_cost "CSV:" omsorg "$csv"
scan_cost "XML:" ekbistand "$xml"

# Memory does not grow with the input: a ~10 MB and a ~1 GB file.  The
# large one also shows the steady throughput, with the ~20 ms it takes to
# start the process (34 shared libraries) spread over a second of work.
big=$dir/omsorg_big.csv
small=$dir/omsorg_small.csv
head -c 10000000 "$csv" | sed '$d' >"$small"
{ cat "$csv"; n=$(( 1000000000 / $(stat -c %s "$csv") )); for i in $(seq "$n"); do tail -n +2 "$csv"; done; } >"$big"
for f in "$small" "$big"; do
	time_run t "$GBETL" -q extract --source omsorg "$f"
	awk -v b="$(stat -c %s "$f")" -v t="$t" -v c="$t_cpu" -v m="$t_rss" 'BEGIN {
		printf "   peak RSS on %7.1f MB of CSV: %.1f MiB (%.1f MB/s, %.1f MB per CPU second); target <= 32 MiB\n",
			b / 1e6, m / 1024, b / 1e6 / t, b / 1e6 / c }'
done
rm -f "$big"
echo "   target: CSV >= 200 MB/s per core"
