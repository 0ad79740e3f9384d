-- 001_base.sql — schemas, roles and the migration record.
--
-- Schemas each have one purpose (docs/design.md): etl (batches, rejects,
-- versions), core (canonical records), mapping (the municipality's rules),
-- result (allocations, key figures, closed years), reporting (views for
-- analysts). (A staging schema for work tables, created here before 016,
-- never held any; 016 drops it.)
--
-- Roles are group roles without login; grant them to real users:
--   gbetl_loader  runs the pipeline
--   gbetl_finance closes and reopens years, reads core
--   gbetl_analyst reads reporting and mapping only

CREATE SCHEMA IF NOT EXISTS etl;
CREATE SCHEMA IF NOT EXISTS core;
CREATE SCHEMA IF NOT EXISTS mapping;
CREATE SCHEMA IF NOT EXISTS result;
CREATE SCHEMA IF NOT EXISTS reporting;

COMMENT ON SCHEMA etl IS 'gbetl bookkeeping: schema versions, batches (one per imported file), rejects, runs.';
COMMENT ON SCHEMA core IS 'Canonical records loaded by gbetl: service records, ledger entries, population, aggregate counts. Persons appear only as pseudonyms.';
COMMENT ON SCHEMA mapping IS 'The municipality''s mapping rules by fiscal year: committees, cost centres, activities, accounts, service codes.';
COMMENT ON SCHEMA result IS 'Allocations of cost to women and men, key figures, and snapshots of closed fiscal years.';
COMMENT ON SCHEMA reporting IS 'Documented views for analysts: no pseudonyms, no row-level records, small counts suppressed.';

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'gbetl_loader') THEN
        CREATE ROLE gbetl_loader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'gbetl_finance') THEN
        CREATE ROLE gbetl_finance NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'gbetl_analyst') THEN
        CREATE ROLE gbetl_analyst NOLOGIN;
    END IF;
END
$$;

COMMENT ON ROLE gbetl_loader IS 'gbetl: runs the pipeline (import, allocate, report).';
COMMENT ON ROLE gbetl_finance IS 'gbetl: finance; closes and reopens fiscal years, reads core and result.';
COMMENT ON ROLE gbetl_analyst IS 'gbetl: analysts; reads the reporting and mapping schemas only.';

-- Nobody but the owner and the roles granted below sees anything.
REVOKE ALL ON SCHEMA etl, core, mapping, result, reporting FROM PUBLIC;
GRANT USAGE ON SCHEMA etl, core, mapping, result, reporting TO gbetl_loader;
GRANT USAGE ON SCHEMA etl, core, mapping, result, reporting TO gbetl_finance;
GRANT USAGE ON SCHEMA mapping, reporting TO gbetl_analyst;

CREATE TABLE etl.schema_version (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    checksum   text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    applied_by text NOT NULL DEFAULT CURRENT_USER
);

GRANT SELECT ON etl.schema_version TO gbetl_loader, gbetl_finance;
