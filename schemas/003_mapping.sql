-- 003_mapping.sql — the municipality's mapping rules, valid by fiscal year.
--
-- Loaded by "gbetl mappings" from mappings/*.csv (validated first). Validity
-- is by fiscal year, inclusive; valid_to NULL means still valid. Committees
-- are merged and split in reorganisations, so history must stay right: a
-- cost centre maps to the committee valid in the year of the cost.
--
-- Since 016 this file keeps its tables and data only; its functions and
-- views, in their current form, are in schemas/functions and schemas/views
-- (schemas/README.md).

CREATE TABLE mapping.mapping_set (
    set_id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_code text NOT NULL,
    sha256            text NOT NULL,
    directory         text NOT NULL,
    loaded_at         timestamptz NOT NULL DEFAULT pg_catalog.now(),
    loaded_by         text NOT NULL DEFAULT CURRENT_USER
);
COMMENT ON TABLE mapping.mapping_set IS 'Each load of the mapping files: when, by whom, and the SHA-256 over all of them.';
COMMENT ON COLUMN mapping.mapping_set.set_id IS 'Identifies the load.';
COMMENT ON COLUMN mapping.mapping_set.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN mapping.mapping_set.sha256 IS 'SHA-256 over the mapping files as loaded.';
COMMENT ON COLUMN mapping.mapping_set.directory IS 'Directory the files were read from.';
COMMENT ON COLUMN mapping.mapping_set.loaded_at IS 'When they were loaded.';
COMMENT ON COLUMN mapping.mapping_set.loaded_by IS 'Database user that loaded them.';

CREATE TABLE mapping.committee (
    municipality_code text NOT NULL,
    committee_code    text NOT NULL,
    committee_name    text NOT NULL,
    valid_from        smallint NOT NULL,
    valid_to          smallint,
    PRIMARY KEY (municipality_code, committee_code, valid_from)
);
COMMENT ON TABLE mapping.committee IS 'Committees (nämnder), the political boards that own budgets.';
COMMENT ON COLUMN mapping.committee.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN mapping.committee.committee_code IS 'Short code of the committee, e.g. SOC.';
COMMENT ON COLUMN mapping.committee.committee_name IS 'Name of the committee.';
COMMENT ON COLUMN mapping.committee.valid_from IS 'First fiscal year the row is valid.';
COMMENT ON COLUMN mapping.committee.valid_to IS 'Last fiscal year the row is valid; NULL = still valid.';

CREATE TABLE mapping.org_unit (
    municipality_code text NOT NULL,
    org_code_from     text NOT NULL,
    org_code_to       text NOT NULL,
    committee_code    text NOT NULL,
    valid_from        smallint NOT NULL,
    valid_to          smallint,
    PRIMARY KEY (municipality_code, org_code_from, valid_from)
);
COMMENT ON TABLE mapping.org_unit IS 'Cost centres (ansvar), or ranges of them, and the committee they belong to in each fiscal year.';
COMMENT ON COLUMN mapping.org_unit.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN mapping.org_unit.org_code_from IS 'First cost centre of the range.';
COMMENT ON COLUMN mapping.org_unit.org_code_to IS 'Last cost centre of the range (inclusive).';
COMMENT ON COLUMN mapping.org_unit.committee_code IS 'The committee the cost centres belong to.';
COMMENT ON COLUMN mapping.org_unit.valid_from IS 'First fiscal year the row is valid.';
COMMENT ON COLUMN mapping.org_unit.valid_to IS 'Last fiscal year the row is valid; NULL = still valid.';

CREATE TABLE mapping.activity (
    municipality_code text NOT NULL,
    activity_code     text NOT NULL,
    activity_name     text NOT NULL,
    method            text NOT NULL CHECK (method IN ('volume', 'headcount', 'direct', 'aggregate', 'none')),
    volume_unit       text,
    age_from          smallint,
    age_to            smallint,
    household_split   text CHECK (household_split IN ('equal', 'applicant')),
    PRIMARY KEY (municipality_code, activity_code)
);
COMMENT ON TABLE mapping.activity IS 'Activities (verksamheter, SCB RS codes and sub-codes) and how their cost is split by sex.';
COMMENT ON COLUMN mapping.activity.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN mapping.activity.activity_code IS 'Activity code.';
COMMENT ON COLUMN mapping.activity.activity_name IS 'Name of the activity.';
COMMENT ON COLUMN mapping.activity.method IS 'volume (by quantity per sex), headcount (by distinct recipients), direct (by amounts paid), aggregate (by counts that arrive aggregated), none (not individual-based).';
COMMENT ON COLUMN mapping.activity.volume_unit IS 'Unit of the volume (hours, days, visits).';
COMMENT ON COLUMN mapping.activity.age_from IS 'Youngest age of the population the activity serves (per-capita figures).';
COMMENT ON COLUMN mapping.activity.age_to IS 'Oldest age of that population; NULL = no upper limit.';
COMMENT ON COLUMN mapping.activity.household_split IS 'Household-level records: equal (half to each person''s sex) or applicant (all to the applicant).';

CREATE TABLE mapping.account (
    municipality_code text NOT NULL,
    account_from      text NOT NULL,
    account_to        text NOT NULL,
    account_type      text NOT NULL CHECK (account_type IN ('cost', 'revenue', 'internal_revenue', 'ignore')),
    PRIMARY KEY (municipality_code, account_from)
);
COMMENT ON TABLE mapping.account IS 'Ledger accounts (ranges) and what they are: cost, revenue, internal revenue, or ignored (balance sheet, financial items).';
COMMENT ON COLUMN mapping.account.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN mapping.account.account_from IS 'First account of the range.';
COMMENT ON COLUMN mapping.account.account_to IS 'Last account of the range (inclusive).';
COMMENT ON COLUMN mapping.account.account_type IS 'cost, revenue, internal_revenue or ignore.';

CREATE TABLE mapping.service_code (
    municipality_code text NOT NULL,
    source            text NOT NULL,
    service_code      text NOT NULL,
    activity_code     text NOT NULL,
    unit              text,
    valid_from        smallint NOT NULL,
    valid_to          smallint,
    PRIMARY KEY (municipality_code, source, service_code, valid_from)
);
COMMENT ON TABLE mapping.service_code IS 'Service codes of each source system and the activity they belong to.';
COMMENT ON COLUMN mapping.service_code.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN mapping.service_code.source IS 'The source definition the code comes from.';
COMMENT ON COLUMN mapping.service_code.service_code IS 'The code as the source writes it.';
COMMENT ON COLUMN mapping.service_code.activity_code IS 'The activity it belongs to.';
COMMENT ON COLUMN mapping.service_code.unit IS 'Unit of the quantity the source gives with it.';
COMMENT ON COLUMN mapping.service_code.valid_from IS 'First fiscal year the row is valid.';
COMMENT ON COLUMN mapping.service_code.valid_to IS 'Last fiscal year the row is valid; NULL = still valid.';

GRANT SELECT ON ALL TABLES IN SCHEMA mapping TO gbetl_loader, gbetl_finance, gbetl_analyst;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA mapping TO gbetl_loader;
