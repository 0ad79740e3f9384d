-- 016_repeatable.sql — functions and views are no longer migrations: they
-- live in repeatable files (schemas/functions/NN_name.sql,
-- schemas/views/NN_name.sql), each function and view once, in its current
-- form, and gbetl init re-creates them all when one of the files changed or
-- a migration ran (schemas/README.md). This table records which texts the
-- database has.
--
-- The staging schema, meant for work tables, never held any: the
-- allocation's work tables are temporary tables of its transaction.

CREATE TABLE etl.schema_repeatable (
    name       text PRIMARY KEY,
    checksum   text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    applied_by text NOT NULL DEFAULT CURRENT_USER
);
COMMENT ON TABLE etl.schema_repeatable IS 'One row per repeatable schema file (functions and views, schemas/functions and schemas/views) as gbetl init last created them.';
COMMENT ON COLUMN etl.schema_repeatable.name IS 'The file: functions/NN_name.sql or views/NN_name.sql.';
COMMENT ON COLUMN etl.schema_repeatable.checksum IS 'SHA-256 of its text as applied.';
COMMENT ON COLUMN etl.schema_repeatable.applied_at IS 'When gbetl init created its functions or views.';
COMMENT ON COLUMN etl.schema_repeatable.applied_by IS 'Database user that ran it.';
GRANT SELECT ON etl.schema_repeatable TO gbetl_loader, gbetl_finance;

DROP SCHEMA IF EXISTS staging;
