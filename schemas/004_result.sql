-- 004_result.sql — the allocation of cost to women and men, key figures,
-- and closed fiscal years.
--
-- The method is docs/method.md. Money is öre (bigint); every row satisfies
-- women + men + unknown + not individual-based + unallocated = ledger cost,
-- enforced by a CHECK constraint, with largest-remainder rounding.
--
-- Since 016 this file keeps its tables and data only; its functions and
-- views, in their current form, are in schemas/functions and schemas/views
-- (schemas/README.md).

CREATE TABLE result.allocation (
    municipality_code     text NOT NULL,
    fiscal_year           smallint NOT NULL,
    committee_code        text NOT NULL,
    activity_code         text NOT NULL,
    method                text NOT NULL,
    cost_basis            text NOT NULL,
    ledger_cost_ore       bigint NOT NULL,
    women_ore             bigint NOT NULL,
    men_ore               bigint NOT NULL,
    unknown_ore           bigint NOT NULL,
    not_individual_ore    bigint NOT NULL,
    unallocated_ore       bigint NOT NULL,
    recipients_women      bigint NOT NULL DEFAULT 0,
    recipients_men        bigint NOT NULL DEFAULT 0,
    recipients_unknown    bigint NOT NULL DEFAULT 0,
    volume_women          numeric,
    volume_men            numeric,
    volume_unknown        numeric,
    volume_unit           text,
    population_women      bigint,
    population_men        bigint,
    cost_per_recipient_women_ore numeric,
    cost_per_recipient_men_ore   numeric,
    cost_per_unit_women_ore      numeric,
    cost_per_unit_men_ore        numeric,
    cost_per_inhabitant_women_ore numeric,
    cost_per_inhabitant_men_ore   numeric,
    share_cost_women      numeric,
    share_recipients_women numeric,
    share_population_women numeric,
    representation_index_women numeric,
    representation_index_men   numeric,
    balance_band          text,
    records               bigint NOT NULL DEFAULT 0,
    records_sex_known     bigint NOT NULL DEFAULT 0,
    computed_at           timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (municipality_code, fiscal_year, committee_code, activity_code),
    CONSTRAINT allocation_reconciles CHECK (women_ore + men_ore + unknown_ore + not_individual_ore + unallocated_ore = ledger_cost_ore)
);

CREATE TABLE result.key_figure (
    municipality_code text NOT NULL,
    fiscal_year       smallint NOT NULL,
    committee_code    text NOT NULL,
    activity_code     text NOT NULL,
    sex               smallint NOT NULL,
    recipients        bigint NOT NULL,
    volume            numeric,
    volume_per_recipient numeric,
    cost_ore          bigint NOT NULL,
    cost_per_recipient_ore numeric,
    cost_per_unit_ore numeric,
    recipients_change_pct numeric,
    cost_per_recipient_change_pct numeric,
    coverage_pct      numeric,
    PRIMARY KEY (municipality_code, fiscal_year, committee_code, activity_code, sex)
);

CREATE TABLE result.year_close (
    municipality_code text NOT NULL,
    fiscal_year       smallint NOT NULL,
    version           integer NOT NULL,
    closed_at         timestamptz NOT NULL DEFAULT pg_catalog.now(),
    closed_by         text NOT NULL DEFAULT CURRENT_USER,
    batches           jsonb NOT NULL,
    PRIMARY KEY (municipality_code, fiscal_year, version)
);

CREATE TABLE result.closed_allocation (
    version integer NOT NULL,
    LIKE result.allocation INCLUDING CONSTRAINTS
);
ALTER TABLE result.closed_allocation ADD PRIMARY KEY (municipality_code, fiscal_year, version, committee_code, activity_code);

CREATE TABLE result.year_reopen (
    municipality_code text NOT NULL,
    fiscal_year       smallint NOT NULL,
    reopened_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
    reopened_by       text NOT NULL DEFAULT CURRENT_USER,
    reason            text NOT NULL CHECK (length(trim(reason)) > 0)
);

GRANT SELECT ON ALL TABLES IN SCHEMA result TO gbetl_loader, gbetl_finance;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA result TO gbetl_loader;
GRANT INSERT ON result.year_close, result.closed_allocation, result.year_reopen TO gbetl_finance;
