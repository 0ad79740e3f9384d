#!/bin/bash
# gen_analysts_doc.sh DSN FILE — write the schema reference of docs/analysts.md
# from the COMMENTs of the reporting views (between the markers), so that the
# document cannot drift from the database.
set -euo pipefail
dsn=$1
file=$2
ref=$(psql -X -q -A -t -d "$dsn" -v ON_ERROR_STOP=1 <<'SQL'
SELECT string_agg(block, E'\n' ORDER BY relname) FROM (
  SELECT c.relname,
         '### reporting.' || c.relname || E'\n\n' || coalesce(obj_description(c.oid, 'pg_class'), '') ||
         E'\n\n| column | type | meaning |\n|---|---|---|\n' ||
         string_agg('| ' || a.attname || ' | ' || format_type(a.atttypid, a.atttypmod) || ' | ' ||
                    replace(coalesce(col_description(c.oid, a.attnum), ''), '|', '\|') || ' |',
                    E'\n' ORDER BY a.attnum) || E'\n' AS block
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE n.nspname = 'reporting'
  GROUP BY c.oid, c.relname) t
SQL
)
awk -v ref="$ref" '
	/<!-- schema reference: begin/ {print; print ""; print ref; skip = 1; next}
	/<!-- schema reference: end/ {skip = 0}
	!skip {print}' "$file" >"$file.tmp"
mv "$file.tmp" "$file"
