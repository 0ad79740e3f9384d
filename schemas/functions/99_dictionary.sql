-- 99_dictionary.sql — apply the data dictionary (schemas/dictionary.tsv) as
-- the COMMENTs of the tables, views and columns it names.
--
-- The descriptions of tables, views and columns live in that one file, not
-- beside the DDL: a view is made anew by its repeatable file and a column's
-- meaning outlives the migration that added it, so the text each object
-- carries is kept where it can be read, and changed, as a whole.  gbetl
-- init passes the file's text to etl.describe() after the repeatable files
-- (which is why this file's number is the last), in the same transaction.

-- Apply every "object<TAB>text" line of p_dictionary (schema.relation or
-- schema.relation.column); lines starting with # and empty lines are
-- skipped.  A malformed line or an object that does not exist raises an
-- error naming the line.  Returns the number of comments applied.
CREATE FUNCTION etl.describe(p_dictionary text) RETURNS integer
LANGUAGE plpgsql SET search_path = ''
AS $$
DECLARE
    e record;
    part text[];
    rel regclass;
    kind "char";
    applied integer := 0;
BEGIN
    FOR e IN SELECT l.n, string_to_array(l.line, E'\t') AS field
             FROM regexp_split_to_table(p_dictionary, E'\n') WITH ORDINALITY AS l(line, n)
             WHERE l.line <> '' AND l.line NOT LIKE '#%' LOOP
        part := string_to_array(e.field[1], '.');
        IF cardinality(e.field) <> 2 OR e.field[2] = '' OR cardinality(part) NOT IN (2, 3) THEN
            RAISE EXCEPTION 'data dictionary line %: expected "schema.relation[.column]", a tab and a text', e.n
                USING ERRCODE = '22023';
        END IF;
        rel := pg_catalog.to_regclass(pg_catalog.quote_ident(part[1]) || '.' || pg_catalog.quote_ident(part[2]));
        IF rel IS NULL THEN
            RAISE EXCEPTION 'data dictionary line %: relation "%.%" does not exist', e.n, part[1], part[2]
                USING ERRCODE = '42P01';
        END IF;
        IF cardinality(part) = 3 THEN
            IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a
                           WHERE a.attrelid = rel AND a.attname = part[3] AND a.attnum > 0
                             AND NOT a.attisdropped) THEN
                RAISE EXCEPTION 'data dictionary line %: column "%" of relation "%.%" does not exist',
                    e.n, part[3], part[1], part[2] USING ERRCODE = '42703';
            END IF;
            EXECUTE format('COMMENT ON COLUMN %s.%I IS %L', rel, part[3], e.field[2]);
        ELSE
            SELECT c.relkind INTO kind FROM pg_catalog.pg_class c WHERE c.oid = rel;
            EXECUTE format('COMMENT ON %s %s IS %L',
                           CASE kind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                           rel, e.field[2]);
        END IF;
        applied := applied + 1;
    END LOOP;
    RETURN applied;
END
$$;
COMMENT ON FUNCTION etl.describe(text) IS 'Apply the data dictionary (schemas/dictionary.tsv): one COMMENT per "object<TAB>text" line. gbetl init calls it.';
REVOKE ALL ON FUNCTION etl.describe(text) FROM PUBLIC;
