#!/bin/bash
# The analysts' interface: gbetl_analyst reads reporting and mapping and
# nothing else; small counts are suppressed together with the other sex's.
. "$TESTS_LIB/assert.sh"
load_sample 1500 2024

sql "DROP ROLE IF EXISTS analyst_$TEST_NAME; CREATE ROLE analyst_$TEST_NAME LOGIN; GRANT gbetl_analyst TO analyst_$TEST_NAME" >/dev/null
as_analyst() { psql -X -q -A -t -d "$TEST_DSN" -U "analyst_$TEST_NAME" -c "$1" 2>&1; }
for v in reporting.allocation reporting.reconciliation reporting.key_figure reporting.data_quality reporting.unmapped mapping.committee; do
	assert_match "$(as_analyst "SELECT count(*) FROM $v")" '^[0-9]+$' "the analyst reads $v"
done
for t in core.service_record core.ledger_entry result.allocation etl.batch etl.reject; do
	assert_match "$(as_analyst "SELECT count(*) FROM $t")" "permission denied" "the analyst cannot read $t"
done
assert_eq "$(sql "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'reporting' AND column_name LIKE '%key%'")" "0" \
	"no pseudonym column in reporting"
assert_eq "$(sql "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname = 'reporting' AND obj_description(c.oid) IS NULL")" "0" "every reporting view has a comment"
assert_eq "$(sql "SELECT count(*) FROM information_schema.columns c WHERE table_schema = 'reporting'
	AND col_description(format('%I.%I', c.table_schema, c.table_name)::regclass, c.ordinal_position) IS NULL")" "0" \
	"every reporting column has a comment"

# Suppression: with a threshold above the smallest group, both counts go.
sql "UPDATE result.setting SET value = '1000' WHERE key = 'suppress_below'" >/dev/null
assert_eq "$(sql "SELECT count(*) FROM reporting.allocation WHERE recipients_suppressed AND (recipients_women IS NOT NULL OR recipients_men IS NOT NULL)")" "0" \
	"a suppressed row hides both sexes"
assert_eq "$(sql "SELECT count(*) > 0 FROM reporting.allocation WHERE recipients_suppressed")" "t" "small counts are suppressed"
sql "UPDATE result.setting SET value = '1' WHERE key = 'suppress_below'" >/dev/null
assert_eq "$(sql "SELECT count(*) FROM reporting.allocation WHERE recipients_suppressed")" "0" "nothing is hidden below a threshold of 1"
