#!/bin/bash
# A 10-digit identity number is read against the date of its record, not
# the day of the run: the same file gives the same people (pseudonyms,
# birth years, ages) whether it is extracted the night it was written or
# years later.
. "$TESTS_LIB/assert.sh"
make_test_config

# Care records of 2024-2025, written with '-' and '+' as on the day each
# period was exported: a woman of 1926 (98 in 2024, '-'), a man of 1925
# (99 in 2024, '+' as the export was written in 2025 when he was 100), a
# man of 1912, a child of 2024.
printf 'Personnummer;K\xf6n;Insatskod;Ansvar;Datum fr\xe5n;Datum tom;Antal;Enhet;Stadsdel\n' >omsorg_2024.csv
printf '%s;K;HT;2110;2024-06-01;2024-06-30;10;tim;Norr\n' 260315-1248 >>omsorg_2024.csv
printf '%s;M;HT;2110;2024-06-01;2024-06-30;10;tim;Norr\n' 250620+2387 >>omsorg_2024.csv
printf '%s;M;HT;2110;2025-02-01;2025-02-28;10;tim;Norr\n' 121212+1212 >>omsorg_2024.csv
printf '%s;K;HT;2110;2024-12-01;2024-12-31;10;tim;Norr\n' 240415-1231 >>omsorg_2024.csv
printf '%s;K;HT;2110;2025-12-01;2025-12-31;10;tim;Norr\n' 260315-1248 >>omsorg_2024.csv

# key, birth year and age of each row
people() { grep '^[0-9]' "$1" | cut -f 2,7,8; }

first=
for now in 2024-12-31 2025-06-15 2026-11-30 2031-01-01 2040-07-01; do
	touch -d "$now" omsorg_2024.csv
	GBETL_TEST_NOW=$now run_gbetl 0 extract --source omsorg --reference-date "$now" omsorg_2024.csv
	people "$TEST_TMP/out.txt" >"people-$now.txt"
	assert_eq "$(wc -l <"people-$now.txt")" "5" "five rows extracted on $now"
	if [ -z "$first" ]; then
		first=$now
	else
		cmp -s "people-$first.txt" "people-$now.txt" ||
			fail "extracted on $now the people differ from $first: $(diff "people-$first.txt" "people-$now.txt" | tr '\n' ' ')"
	fi
done
assert_eq "$(cut -f 2,3 "people-$first.txt" | tr '\t\n' ' /')" "1926 98/1925 98/1912 112/2024 0/1926 99/" \
	"birth years and ages at the record's date"
assert_eq "$(sed -n 1p "people-$first.txt" | cut -f 1)" "$(sed -n 5p "people-$first.txt" | cut -f 1)" \
	"one woman, one pseudonym in 2024 and 2025"

# The same written number in records of different years is read for each
# (the person cache is keyed by the record's year too): "260315-1248" in a
# record of 2026 is a child born in March 2026, and in a record of
# February 2026 a person born after the record (invalid, kept as 'i').
printf 'Personnummer;K\xf6n;Insatskod;Ansvar;Datum fr\xe5n;Datum tom;Antal;Enhet;Stadsdel\n' >omsorg_mixed.csv
for d in 2024-06-01 2026-06-01 2024-07-01 2026-02-01; do
	printf '260315-1248;K;HT;2110;%s;;10;tim;Norr\n' "$d" >>omsorg_mixed.csv
done
run_gbetl 0 extract --source omsorg omsorg_mixed.csv
grep '^[0-9]' out.txt | cut -f 6,7 >mixed.txt
assert_eq "$(tr '\t\n' ' /' <mixed.txt)" "v 1926/v 2026/v 1926/i \\N/" "each record reads the number against its own year"
keys=$(grep '^[0-9]' out.txt | cut -f 2 | tr '\n' ' ')
read -r k1 k2 k3 _ <<<"$keys"
assert_eq "$k1" "$k3" "the woman of 1926 keeps her pseudonym"
[ "$k1" != "$k2" ] || fail "the child of 2026 is not the woman of 1926"
assert_match "$(grep GBETL-END out.txt)" $'^GBETL-END\t4\t4\t4\t0\t4\t4\t0\t1\t' "one invalid number (born after the record)"

# A file without dates in its records (aggregate, ledger, population) is
# unaffected; and a record's date wins over --reference-date
run_gbetl 0 extract --source omsorg --reference-date 2099-01-01 omsorg_mixed.csv
grep '^[0-9]' out.txt | cut -f 6,7 >mixed2.txt
cmp -s mixed.txt mixed2.txt || fail "--reference-date must not override the record's date"
