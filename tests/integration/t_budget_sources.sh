#!/bin/bash
# Budgets as finance exports them: the #PBUDGET rows of the public SIE 4
# files, read with per-account totals equal to sums computed here from the
# files themselves; a budget CSV; and loading a version again replaces that
# version of that year only.
. "$TESTS_LIB/assert.sh"
make_test_config
T=$GBETL_SRC/tests/data/sie
D="-d $TEST_DSN"

# Per-account totals (öre) of a canonical budget stream: account|öre
from_stream() { awk -F'\t' '/^[0-9]/ {s[$7] += $8} END {for (a in s) printf "%s|%d\n", a, s[a]}' | sort; }
# Naively: every #PBUDGET line, amount after the object list, in öre.
pbudget_totals() {
	sed 's/\r$//' "$1" | awk '
	$1 == "#PBUDGET" {
		acct = $4
		rest = substr($0, index($0, "}") + 1); sub(/^[ \t]+/, "", rest)
		amt = rest; sub(/[ \t].*/, "", amt)
		neg = (amt ~ /^-/); gsub(/^-/, "", amt)
		split(amt, p, "."); frac = substr(p[2] "00", 1, 2)
		v = p[1] * 100 + frac; if (neg) v = -v
		s[acct] += v; n++
	}
	END {for (a in s) printf "%s|%d\n", a, s[a]}' | sort
}
for f in BL0001_typ2.SE BL0001_typ3.SE BL0001_typ4.SE; do
	run_gbetl 0 extract --source budget_sie4 "$T/$f"
	printf '%s\n' "$OUT" | from_stream >"$TEST_TMP/got"
	pbudget_totals "$T/$f" >"$TEST_TMP/want"
	[ "$(grep -c . "$TEST_TMP/want")" -ge 2 ] || fail "$f has #PBUDGET rows for two accounts"
	diff "$TEST_TMP/want" "$TEST_TMP/got" >&2 || fail "per-account budget totals of $f"
	assert_eq "$(printf '%s\n' "$OUT" | grep -c '^[0-9]')" "$(grep -c '^#PBUDGET' "$T/$f")" "one budget row per #PBUDGET in $f"
	assert_eq "$(printf '%s\n' "$OUT" | grep -c '^REJECT')" "0" "no rejects in $f"
done
# The fiscal year and month are the row's period; the version the constant.
row=$(printf '%s\n' "$OUT" | awk -F'\t' '/^[0-9]/ && $3 == "201001" && $7 == "3010"')
assert_eq "$(cut -f2,3,8,9 <<<"$row")" $'2010\t201001\t-10000000\tBudget' "a #PBUDGET row: year, month, öre, version"

# Into the database, and the ledger source still reads only the vouchers.
run_gbetl 0 $D init
run_gbetl 0 $D import --source budget_sie4 "$T/BL0001_typ4.SE"
assert_eq "$(sql "SELECT count(*), sum(amount_ore) FROM core.budget")" "24|-60000000" "24 rows: 12 × -100 000 kr + 12 × 50 000 kr"
run_gbetl 0 extract --source huvudbok_sie4 "$T/BL0001_typ4.SE"
assert_not_match "$(printf '%s\n' "$OUT" | awk -F'\t' '/^[0-9]/ {print $4}' | sort -u)" "^$" "ledger rows have dates"

# A budget CSV: an annual budget and a supplementary one in one file.
mkdir -p "$TEST_TMP/b"
printf 'År;Månad;Nämnd;Verksamhet;Konto;Belopp;Version\n2026;;VON;5101;;62 000 000,00;Budget 2026\n2026;3;VON;5101;4010;1 500,50;Budget 2026\n2026;;VON;5101;;-2 000 000,00;Tilläggsbudget 1\n2026;13;VON;5101;;1;Budget 2026\n;;VON;5101;;1;Budget 2026\n' >"$TEST_TMP/b/budget_2026.csv"
run_gbetl 1 $D import --source budget "$TEST_TMP/b/budget_2026.csv"
assert_match "$ERR$OUT" "over the source's threshold|rejected" "two bad rows of five are too many"
printf 'År;Månad;Nämnd;Verksamhet;Konto;Belopp;Version\n2026;;VON;5101;;62 000 000,00;Budget 2026\n2026;3;VON;5101;4010;1 500,50;Budget 2026\n2026;;VON;5101;;-2 000 000,00;Tilläggsbudget 1\n' >"$TEST_TMP/b/budget_2026.csv"
run_gbetl 0 $D import --source budget "$TEST_TMP/b/budget_2026.csv"
assert_eq "$(sql "SELECT budget_version, coalesce(period::text, '-'), committee_code, amount_ore FROM core.budget WHERE fiscal_year = 2026 ORDER BY 1, 2")" \
	"Budget 2026|-|VON|6200000000
Budget 2026|202603|VON|150050
Tilläggsbudget 1|-|VON|-200000000" "the budget file's rows, in öre, with month and version"

# extract --check names the codes no mapping rule knows, with their money.
printf 'År;Månad;Nämnd;Verksamhet;Konto;Belopp;Version\n2026;;VON;9999;;1 000,00;Budget 2026\n2026;;VON;5101;3510;-5,00;Budget 2026\n' >"$TEST_TMP/b/check.csv"
run_gbetl 0 extract --check --source budget "$TEST_TMP/b/check.csv"
assert_match "$OUT" "activity code +9999 +2026 +1 records, 1000.00 kr" "an unknown activity in a budget"
assert_not_match "$OUT" "3510|5101" "revenue rows and known codes are not listed"

# The version again: only "Budget 2026" of 2026 is replaced.
printf 'År;Månad;Nämnd;Verksamhet;Konto;Belopp;Version\n2026;;VON;5101;;61 000 000,00;Budget 2026\n' >"$TEST_TMP/b/budget_2026b.csv"
run_gbetl 0 $D import --source budget "$TEST_TMP/b/budget_2026b.csv"
assert_eq "$(sql "SELECT budget_version, sum(amount_ore) FROM core.budget WHERE fiscal_year = 2026 GROUP BY 1 ORDER BY 1")" \
	"Budget 2026|6100000000
Tilläggsbudget 1|-200000000" "a version loaded again replaces that version only"
assert_eq "$(sql "SELECT rows_removed, period_from, period_to FROM etl.supersession")" "2|2026-01-01|2026-12-31" \
	"the replacement is recorded: two rows of 2026"
assert_eq "$(sql "SELECT count(*) FROM etl.batch WHERE source = 'budget' AND status = 'loaded'")" "2" \
	"the first file keeps its other version, so it stays loaded"
# The other source's budget (SIE) is untouched.
assert_eq "$(sql "SELECT count(*) FROM core.budget WHERE fiscal_year IN (2009, 2010)")" "24" "another source's budget stays"

# A budget source that would replace by period is refused.
mkdir -p "$TEST_TMP/src"
printf '[source]\nkind = budget\nformat = csv\nreplace = period\n[fields]\nyear = År\namount = Belopp\n' >"$TEST_TMP/src/bad.conf"
sed "s|^sources_dir .*|sources_dir = $TEST_TMP/src|" "$TEST_TMP/gbetl.conf" >"$TEST_TMP/bad.conf"
chmod 600 "$TEST_TMP/bad.conf"
GBETL_CONFIG=$TEST_TMP/bad.conf run_gbetl 78 extract --source bad "$TEST_TMP/b/budget_2026b.csv"
assert_match "$ERR" "replaces by version" "replace = period is refused for a budget"
