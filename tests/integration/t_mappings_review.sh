#!/bin/bash
# The controller's round trip: the loaded rules exported as Swedish Excel
# opens them, loaded again "unchanged"; a changed set reviewed with --dry-run
# before loading (each change with the fiscal years it affects, a closed year
# named as closed), nothing loaded by the review.
. "$TESTS_LIB/assert.sh"
init_db
run_gbetl 65 $D mappings --export "$TEST_TMP/none"
assert_match "$ERR" "no mapping rules are loaded" "nothing to export before a load"
run_gbetl 0 $D mappings
run_gbetl 0 sample --out "$TEST_TMP/s" --inhabitants 600 --years 2024,2025
cp "$TEST_TMP"/s/inbox/* "$TEST_TMP/inbox/"
run_gbetl 0 $D run
run_gbetl 0 $D close-year 2024 --accept-unmapped

# Export: BOM, ';', CRLF, the names intact; loading it again changes nothing
exp=$TEST_TMP/exported
run_gbetl 0 $D mappings --export "$exp"
for t in committees org_units activities accounts service_codes; do
	[ -f "$exp/$t.csv" ] || fail "$t.csv exported"
done
assert_eq "$(head -c 3 "$exp/committees.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "a byte order mark"
assert_eq "$(head -n 1 "$exp/org_units.csv" | tail -c +4)" $'org_code_from;org_code_to;committee_code;valid_from;valid_to;district\r' \
	"the header with ';' and CRLF"
assert_match "$(cat "$exp/activities.csv")" '"Hemtjänst, äldreomsorg"|Hemtjänst, äldreomsorg' "names with å, ä, ö"
assert_eq "$(grep -c . "$exp/service_codes.csv")" "$(grep -c . "$GBETL_SRC/mappings/service_codes.csv")" "every rule"
run_gbetl 0 $D mappings --dry-run "$exp"
assert_match "$OUT" "^unchanged" "the export reviewed against the loaded set: unchanged"
sets=$(sql "SELECT count(*) FROM mapping.mapping_set")
run_gbetl 0 $D mappings "$exp"
assert_match "$ERR" "loaded already" "the exported set loads as unchanged"
assert_eq "$(sql "SELECT count(*) FROM mapping.mapping_set")" "$sets" "no new set recorded"

# Review: the cost centres 3200-3299 move from VON to SOC from 2024 on
new=$TEST_TMP/changed
cp -r "$exp" "$new"
grep -q '^3200;3299;SOC;2025;' "$new/org_units.csv" || fail "the sample has 3200-3299 under SOC from 2025"
sed -i 's/^3200;3299;VON;2020;2024/3200;3299;VON;2020;2023/; s/^3200;3299;SOC;2025;/3200;3299;SOC;2024;/' "$new/org_units.csv"
printf 'NY;Nya nämnden;2026;\r\n' >>"$new/committees.csv"
before=$(sql "SELECT string_agg(committee_code || org_code_from || valid_from, ',' ORDER BY 1) FROM mapping.org_unit")
run_gbetl 0 $D mappings --dry-run "$new"
assert_match "$OUT" 'org_units.csv: changed 3200;3299;VON;2020;2024 -> 3200;3299;VON;2020;2023 \(changes 2024; 2024 is closed' \
	"the shortened rule, with the closed year it touches"
assert_match "$OUT" 'org_units.csv: (removed|changed) 3200;3299;SOC;2025;' "the old SOC rule"
assert_match "$OUT" 'committees.csv: added   NY;Nya nämnden;2026; \(changes no year with figures\)' "a new committee, no year"
assert_match "$OUT" 'the allocation of 2024, 2025 would change' "the summary names the years"
assert_eq "$(sql "SELECT string_agg(committee_code || org_code_from || valid_from, ',' ORDER BY 1) FROM mapping.org_unit")" \
	"$before" "a dry run loads nothing"
assert_eq "$(sql "SELECT count(*) FROM mapping.mapping_set")" "$sets" "a dry run records no set"

# An invalid set is refused by the review as by the load
printf 'XX;;2020;\r\n' >>"$new/committees.csv"
run_gbetl 65 $D mappings --dry-run "$new"
assert_match "$ERR" "committees.csv:[0-9]+: column 2 \(committee_name\): empty committee name" "an invalid set"

# Loading the changed set: the changes printed and recorded with the set;
# the next allocation names the new set, the closed year keeps the old one.
old_set=$(sql "SELECT max(set_id) FROM mapping.mapping_set")
sed -i '$d' "$new/committees.csv" # the invalid line again
run_gbetl 0 $D mappings "$new"
assert_match "$OUT" 'org_units.csv: 1 added, 1 removed, 1 changed' "a load prints what it changed"
new_set=$(sql "SELECT max(set_id) FROM mapping.mapping_set")
[ "$new_set" -gt "$old_set" ] || fail "the changed set is a new version"
assert_match "$(sql "SELECT changes FROM mapping.mapping_set WHERE set_id = $new_set")" \
	'org_units.csv: changed 3200;3299;VON;2020;2024 -> 3200;3299;VON;2020;2023' "the changes are recorded with the set"
assert_eq "$(sql "SELECT mapping_set_id FROM result.year_close WHERE fiscal_year = 2024")" "$old_set" \
	"the closed year names the rules its figures were computed with"
run_gbetl 0 $D allocate --year 2025
assert_eq "$(sql "SELECT mapping_set_id FROM result.allocation_run WHERE fiscal_year = 2025 ORDER BY allocated_at DESC LIMIT 1")" \
	"$new_set" "the allocation records the rules it used"
assert_eq "$(sql "SELECT count(DISTINCT mapping_set_id) FROM result.allocation_run WHERE fiscal_year = 2025")" "2" \
	"each allocation of the year is kept with its rules"

# The codes no rule maps, as one file the controller fills in
run_gbetl 0 $D mappings --unmapped "$TEST_TMP/todo"
u=$TEST_TMP/todo/unmapped.csv
assert_eq "$(head -c 3 "$u" | od -An -tx1 | tr -d ' ')" "efbbbf" "for Excel: a byte order mark"
assert_match "$(cat "$u")" $'org_units.csv;huvudbok_sie[45];9990;2025;[0-9]+;[0-9]+,[0-9]{2};' \
	"the planted cost centre 9990, with its source, rows and amount"
assert_match "$(cat "$u")" $'service_codes.csv;omsorg;XX;202[45];[0-9]+;;' "the planted service code XX"
want=$(sql "SELECT sum(amount_ore) FROM core.ledger_entry l JOIN etl.batch b USING (batch_id)
	WHERE org_code = '9990' AND fiscal_year = 2025 AND b.status = 'loaded'
	AND result.account_type_of(l.municipality_code, l.account) = 'cost'")
got=$(grep '^org_units.csv;[^;]*;9990;2025;' "$u" | cut -d';' -f6 | tr -d ',' | awk '{ s += $1 } END { print s }')
assert_eq "$got" "$want" "the amount on 9990 equals the ledger's cost on it, to the öre"

# gbetl status names the rules behind each year's figures
"$GBETL" $D status >"$TEST_TMP/status.txt" 2>&1 || true
assert_match "$(cat "$TEST_TMP/status.txt")" "2024 +closed, version 1 .*set $old_set \(SHA-256" "the closed year with the rules of its close"
assert_match "$(cat "$TEST_TMP/status.txt")" "2025 +open .*set $new_set \(SHA-256" "the open year with the rules of its last allocation"
assert_match "$(cat "$TEST_TMP/status.txt")" "2024 +closed, version 1 .*mapping rules: set $old_set" "the close in the history"
