#!/bin/bash
# gbetl sexcode (an interface: five TAB-separated columns) and gbetl keygen.
. "$TESTS_LIB/assert.sh"

printf '%s\n' '19121212-1212' '121212+1212' '121212-1212' ' 191212121212 ' \
	'19730288-9931' '000101-T220' '19121212-1213' 'hello' '' |
	"$GBETL" sexcode --reference-date 2026-11-24 >out.tsv 2>err.txt
expected=$(printf '%s\n' \
	$'19121212-1212\tpersonnummer\t191212121212\t1\t1912-12-12' \
	$'121212+1212\tpersonnummer\t191212121212\t1\t1912-12-12' \
	$'121212-1212\tpersonnummer\t201212121212\t1\t2012-12-12' \
	$' 191212121212 \tpersonnummer\t191212121212\t1\t1912-12-12' \
	$'19730288-9931\tsamordningsnummer\t197302889931\t1\t1973-02-28' \
	$'000101-T220\tinvalid\t\t0\t' \
	$'19121212-1213\tinvalid\t\t0\t' \
	$'hello\tinvalid\t\t0\t' \
	$'\tinvalid\t\t0\t')
assert_eq "$(cat out.tsv)" "$expected" "sexcode output, interim numbers off"
assert_eq "$(cat err.txt)" "" "sexcode writes nothing to stderr"

printf '000101-T220\n' | "$GBETL" sexcode --interim --reference-date 2026-11-24 >out.tsv
assert_eq "$(cat out.tsv)" $'000101-T220\tinterim\t20000101T220\t2\t2000-01-01' "interim enabled"

# A samordningsnummer with an unknown day and month: a partial birth date.
n=19730060124
sum=0
for i in 2 3 4 5 6 7 8 9 10; do
	d=${n:$i:1}
	if [ $(((i - 2) % 2)) -eq 0 ]; then d=$((d * 2)); [ $d -gt 9 ] && d=$((d - 9)); fi
	sum=$((sum + d))
done
n=$n$(((10 - sum % 10) % 10))
printf '%s\n' "$n" | "$GBETL" sexcode --reference-date 2026-11-24 >out.tsv
assert_eq "$(cut -f2,5 out.tsv)" $'samordningsnummer\t1973' "a partial date of birth"

run_gbetl 2 sexcode --reference-date 2026-13-01
assert_match "$ERR" 'invalid reference date' "bad reference date"

# keygen: mode 0600, 32 bytes, an existing key is never overwritten
umask 022
run_gbetl 0 keygen "$TEST_TMP/k.key"
assert_eq "$(stat -c %a "$TEST_TMP/k.key")" "600" "key file mode"
assert_eq "$(stat -c %s "$TEST_TMP/k.key")" "32" "key length"
before=$(sha256sum <"$TEST_TMP/k.key")
run_gbetl 73 keygen "$TEST_TMP/k.key"
assert_eq "$(sha256sum <"$TEST_TMP/k.key")" "$before" "an existing key is kept"
run_gbetl 2 keygen
