#!/bin/bash
# SIE 4 and SIE 5 exports written by three accounting programs, and the
# sample municipality's ledgers: read without error, and per account the
# totals equal sums computed here, independently, from the files themselves.
. "$TESTS_LIB/assert.sh"
make_test_config
T=$GBETL_SRC/tests/data/sie

# Per-account totals (öre) of a canonical ledger stream: account|öre
from_stream() { awk -F'\t' '/^[0-9]/ {s[$5] += $6} END {for (a in s) printf "%s|%d\n", a, s[a]}' | sort; }

# SIE 4, naively: every #TRANS line (never #RTRANS/#BTRANS), amount after the
# object list, in öre.
sie4_totals() {
	sed 's/\r$//' "$1" | awk '
	$1 == "#TRANS" {
		line = $0; sub(/^[ \t]*#TRANS[ \t]+/, "", line)
		acct = line; sub(/[ \t].*/, "", acct)
		rest = substr(line, index(line, "}") + 1); sub(/^[ \t]+/, "", rest)
		amt = rest; sub(/[ \t].*/, "", amt)
		neg = (amt ~ /^-/); gsub(/^-/, "", amt)
		split(amt, p, "."); frac = substr(p[2] "00", 1, 2)
		v = p[1] * 100 + frac; if (neg) v = -v
		s[acct] += v
	}
	END {for (a in s) printf "%s|%d\n", a, s[a]}' | sort
}
# SIE 5, naively: LedgerEntry elements of journal entries without Overstrike.
sie5_totals() {
	awk '
	/<JournalEntry/ {inj = 1}
	/<\/JournalEntry>/ {inj = 0}
	inj && /<LedgerEntry/ {
		match($0, /accountId="[^"]*"/); acct = substr($0, RSTART + 11, RLENGTH - 12)
		match($0, /amount="[^"]*"/); amt = substr($0, RSTART + 8, RLENGTH - 9)
		pending = 1; struck = 0
		if ($0 ~ /\/>[ \t]*$/) { closed = 1 } else { closed = 0 }
	}
	inj && pending && /<Overstrike/ {struck = 1}
	inj && pending && (closed || /<\/LedgerEntry>/) {
		if (!struck) {
			neg = (amt ~ /^-/); gsub(/^-/, "", amt)
			split(amt, p, "."); frac = substr(p[2] "00", 1, 2)
			v = p[1] * 100 + frac; if (neg) v = -v
			s[acct] += v
		}
		pending = 0; closed = 0
	}
	END {for (a in s) printf "%s|%d\n", a, s[a]}' "$1" | sort
}

check() { # source file naive-function
	run_gbetl 0 extract --source "$1" "$2"
	printf '%s\n' "$OUT" | from_stream >"$TEST_TMP/got"
	"$3" "$2" >"$TEST_TMP/want"
	[ -s "$TEST_TMP/want" ] || fail "$2 has transactions"
	diff "$TEST_TMP/want" "$TEST_TMP/got" >"$TEST_TMP/diff" || { cat "$TEST_TMP/diff" >&2; fail "per-account totals of $(basename "$2")"; }
	assert_eq "$(printf '%s\n' "$OUT" | grep -c '^REJECT')" "0" "no rejects in $(basename "$2")"
}
check huvudbok_sie4 "$T/BL0001_typ4.SE" sie4_totals
check huvudbok_sie4 "$T/SIE4_Exempelfil_med_underdim.SE" sie4_totals
check huvudbok_sie5 "$T/Sample.sie" sie5_totals

# The encodings: BL Administration writes real CP437; the Visma file says PC8
# but is UTF-8 (its å, ä and ö were already replaced by U+FFFD when written).
run_gbetl 0 extract --check --source huvudbok_sie4 "$T/BL0001_typ4.SE"
assert_match "$OUT" "sie4, CP437" "PC8 read as CP437"
run_gbetl 0 extract --check --source huvudbok_sie4 "$T/SIE4_Exempelfil_med_underdim.SE"
assert_match "$OUT" "UTF-8 \(declared PC8\)" "PC8 that is UTF-8 is detected"
run_gbetl 0 extract --source huvudbok_sie4 "$T/SIE4_Exempelfil_med_underdim.SE"
grep -q $'\xEF\xBF\xBD' <<<"$OUT" || fail "the file's U+FFFD characters come through as UTF-8"
if grep -q '∩┐╜' <<<"$OUT"; then fail "UTF-8 was misread as CP437"; fi
run_gbetl 0 extract --source huvudbok_sie4 "$T/BL0001_typ4.SE"
assert_match "$OUT" "Förbrukningsinventarier" "CP437 å/ä/ö decoded"
if grep -q 'Ã' <<<"$OUT"; then fail "no mojibake from a wrong decoding"; fi

# The sample municipality's ledgers: SIE 4 for the first year, SIE 5 for the next.
run_gbetl 0 sample --out "$TEST_TMP/s" --inhabitants 1000
check huvudbok_sie4 "$TEST_TMP/s/inbox/huvudbok_2024.se" sie4_totals
check huvudbok_sie5 "$TEST_TMP/s/inbox/huvudbok_2025.sie" sie5_totals

# Malformed SIE: clear errors or rejects, never a crash, nothing lost.
printf '#FLAGGA 0\n#VER A 1 20240101 "x"\n{\n#TRANS 5010 {} 100.00\n' >"$TEST_TMP/truncated.se"
run_gbetl 65 extract --source huvudbok_sie4 "$TEST_TMP/truncated.se"
assert_match "$ERR" "truncated" "a missing closing brace is reported"
printf '#FLAGGA 0\n#VER A 1 20240101 "x"\n{\n#TRANS 5010 {1 "3010" 100.00\n#TRANS 1930 {} -100.00\n}\n' >"$TEST_TMP/objects.se"
run_gbetl 1 extract --source huvudbok_sie4 "$TEST_TMP/objects.se"
assert_match "$ERR$OUT" "object list" "a broken object list is reported"
printf '#FLAGGA 0\n#VER A 7 20240101 "x"\n{\n#TRANS 5010 {} 100.00\n#TRANS 1930 {} -99.00\n}\n#VER A 8 20240101 "y"\n{\n#TRANS 5010 {} 1x0\n#TRANS 1930 {} -100\n}\n' >"$TEST_TMP/bad.se"
run_gbetl 1 extract --source huvudbok_sie4 "$TEST_TMP/bad.se"
assert_eq "$(printf '%s\n' "$OUT" | grep -c '^REJECT.*unbalanced_voucher.*voucher A 7')" "2" "both rows of an unbalanced voucher are rejected, naming it"
assert_eq "$(printf '%s\n' "$OUT" | grep -c '^REJECT.*amount.*bad_amount')" "1" "a bad amount is rejected"
assert_match "$(printf '%s\n' "$OUT" | tail -1)" $'^GBETL-END\t4\t1\t1\t3' "read 4 = 1 kept + 3 rejected"
sed 's/unbalanced_voucher = reject/unbalanced_voucher = warn/' "$GBETL_SRC/mappings/sources/huvudbok_sie4.conf" >"$TEST_TMP/warn.conf"
run_gbetl 1 extract --sources "$TEST_TMP" --source warn "$TEST_TMP/bad.se"
assert_match "$ERR" "voucher A 7 .* does not balance" "or a warning, as the source says"
printf 'not a sie file at all\n' >"$TEST_TMP/junk.se"
run_gbetl 65 extract --source huvudbok_sie4 "$TEST_TMP/junk.se"
printf '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<Sie/>\n' >"$TEST_TMP/doctype.sie"
run_gbetl 65 extract --source huvudbok_sie5 "$TEST_TMP/doctype.sie"
assert_match "$ERR" "DOCTYPE" "a SIE 5 file with a DOCTYPE is refused"
