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

CREATE TABLE mapping.committee (
    municipality_code text NOT NULL,
    committee_code    text NOT NULL,
    committee_name    text NOT NULL,
    valid_from        smallint NOT NULL,
    valid_to          smallint,
    PRIMARY KEY (municipality_code, committee_code, valid_from)
);

CREATE TABLE mapping.org_unit (
    municipality_code text NOT NULL,
    org_code_from     text NOT NULL,
    org_code_to       text NOT NULL,
    committee_code    text NOT NULL,
    valid_from        smallint NOT NULL,
    valid_to          smallint,
    PRIMARY KEY (municipality_code, org_code_from, valid_from)
);

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

CREATE TABLE mapping.account (
    municipality_code text NOT NULL,
    account_from      text NOT NULL,
    account_to        text NOT NULL,
    account_type      text NOT NULL CHECK (account_type IN ('cost', 'revenue', 'internal_revenue', 'ignore')),
    PRIMARY KEY (municipality_code, account_from)
);

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

GRANT SELECT ON ALL TABLES IN SCHEMA mapping TO gbetl_loader, gbetl_finance, gbetl_analyst;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA mapping TO gbetl_loader;
