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
GRANT SELECT ON etl.schema_repeatable TO gbetl_loader, gbetl_finance;

DROP SCHEMA IF EXISTS staging;
