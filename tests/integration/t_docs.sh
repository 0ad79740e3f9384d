#!/bin/bash
# docs/analysts.md's schema reference is what the database says (make docs
# regenerates it from the COMMENTs); it cannot drift.
. "$TESTS_LIB/assert.sh"
run_gbetl 0 -d "$TEST_DSN" init
cp "$GBETL_SRC/docs/analysts.md" "$TEST_TMP/analysts.md"
"$GBETL_SRC/tools/gen_analysts_doc.sh" "$TEST_DSN" "$TEST_TMP/analysts.md"
diff "$GBETL_SRC/docs/analysts.md" "$TEST_TMP/analysts.md" ||
	fail "docs/analysts.md does not match the schema: run make docs"
for v in allocation reconciliation key_figure data_quality; do
	grep -q "^### reporting.$v" "$GBETL_SRC/docs/analysts.md" || fail "reporting.$v is documented"
done
