#!/bin/bash
# SIE 4 and SIE 5 read throughput and peak memory on a ledger of
# BENCH_SIE_TRANSACTIONS transactions (default 10 million).
. "$GBETL_SRC/bench/lib.sh"
set -e
n=${BENCH_SIE_TRANSACTIONS:-10000000}
dir=$BENCH_DIR/sie
mkdir -p "$dir"
printf 'municipality_code = 0999\nsources_dir = %s\n' "$GBETL_SRC/mappings/sources" >"$dir/gbetl.conf"
export GBETL_CONFIG=$dir/gbetl.conf
# vouchers of four transactions, balanced, with cost centre and activity
awk -v n="$n" 'BEGIN {
	print "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#DIM 1 \"Kostnadsst\204lle\"\n#DIM 20 \"Verksamhet\""
	for (v = 1; v * 4 <= n; v++) {
		a = 1000 + v % 9000; b = 2000 + v % 7000
		printf "#VER A %d 2024%02d%02d \"L\224ner %d\"\n{\n", v, 1 + v % 12, 1 + v % 28, v
		printf "#TRANS 5010 {1 \"%d\" 20 \"5101\"} %d.%02d\n", 3010 + v % 5, a, v % 100
		printf "#TRANS 4010 {1 \"%d\" 20 \"5101\"} %d.00\n", 3010 + v % 5, b
		printf "#TRANS 3510 {1 \"%d\" 20 \"5101\"} -%d.00\n", 3010 + v % 5, b
		printf "#TRANS 1930 {} -%d.%02d\n}\n", a, v % 100
	}
}' >"$dir/ledger.se"
awk -v n="$n" 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Sie xmlns=\"http://www.sie.se/sie5\">\n  <Journal id=\"A\" name=\"Huvudbok\">"
	for (v = 1; v * 4 <= n; v++) {
		a = 1000 + v % 9000; b = 2000 + v % 7000; o = 3010 + v % 5
		printf "    <JournalEntry id=\"%d\" journalDate=\"2024-%02d-%02d\" text=\"Löner %d\">\n", v, 1 + v % 12, 1 + v % 28, v
		printf "      <LedgerEntry accountId=\"5010\" amount=\"%d.%02d\"><ObjectReference dimId=\"1\" objectId=\"%d\"/><ObjectReference dimId=\"20\" objectId=\"5101\"/></LedgerEntry>\n", a, v % 100, o
		printf "      <LedgerEntry accountId=\"4010\" amount=\"%d.00\"><ObjectReference dimId=\"1\" objectId=\"%d\"/></LedgerEntry>\n", b, o
		printf "      <LedgerEntry accountId=\"3510\" amount=\"-%d.00\"><ObjectReference dimId=\"1\" objectId=\"%d\"/></LedgerEntry>\n", b, o
		printf "      <LedgerEntry accountId=\"1930\" amount=\"-%d.%02d\"/>\n    </JournalEntry>\n", a, v % 100
	}
	print "  </Journal>\n</Sie>"
}' >"$dir/ledger.sie"
for f in ledger.se:huvudbok_sie4:"SIE 4" ledger.sie:huvudbok_sie5:"SIE 5"; do
	file=$dir/${f%%:*}
	rest=${f#*:}
	source=${rest%%:*}
	label=${rest#*:}
	time_run t "$GBETL" -q extract --source "$source" "$file"
	rows=$("$GBETL" -q extract --check --source "$source" "$file" | awk '/^rows:/ {print $2}')
	awk -v l="$label" -v b="$(stat -c %s "$file")" -v r="$rows" -v t="$t" -v m="$t_rss" 'BEGIN {
		printf "   %-6s %9.1f MB, %d transactions in %6.2f s: %6.1f MB/s, %9.0f records/s, peak RSS %.1f MiB\n",
			l, b / 1e6, r, t, b / 1e6 / t, r / t, m / 1024 }'
done
# the same ledgers by the baseline's gbetl, taking turns (3 runs each)
old=$(baseline_gbetl)
if [ -n "$old" ]; then
	printf 'municipality_code = 0999\nsources_dir = %s\n' "$BENCH_DIR/baseline/mappings/sources" >"$dir/old.conf"
	against_baseline "SIE 4:" huvudbok_sie4 "$dir/ledger.se" 3 "$dir/old.conf"
	against_baseline "SIE 5:" huvudbok_sie5 "$dir/ledger.sie" 3 "$dir/old.conf"
fi
rm -f "$dir/ledger.se" "$dir/ledger.sie"
