-- 014_budget.sql — budgets: the rows finance exports (SIE 4 #PBUDGET or a
-- budget CSV), their split by sex at a reference year's outcome, and the
-- budget against the outcome.
--
-- The method is docs/method.md ("The budget by sex"). Money is öre (bigint);
-- every row of result.budget_allocation satisfies women + men + unknown +
-- not individual-based + unallocated = budget, enforced by a CHECK
-- constraint, with largest-remainder rounding (result.split_exact).
--
-- Since 016 this file keeps its tables and data only; its functions and
-- views, in their current form, are in schemas/functions and schemas/views
-- (schemas/README.md).

ALTER TABLE etl.batch DROP CONSTRAINT batch_kind_check;
ALTER TABLE etl.batch ADD CONSTRAINT batch_kind_check
    CHECK (kind IN ('service', 'ledger', 'population', 'aggregate', 'budget'));

CREATE TABLE core.budget (
    municipality_code text NOT NULL,
    batch_id       bigint NOT NULL,
    source_line    bigint NOT NULL,
    fiscal_year    smallint NOT NULL,
    period         integer CHECK (period % 100 BETWEEN 1 AND 12),
    org_code       text,
    committee_code text,
    activity_code  text,
    account        text,
    amount_ore     bigint NOT NULL,
    budget_version text NOT NULL
);
CREATE INDEX budget_year ON core.budget (municipality_code, fiscal_year);
CREATE INDEX budget_batch ON core.budget (batch_id);

CREATE TABLE result.budget_allocation (
    municipality_code  text NOT NULL,
    fiscal_year        smallint NOT NULL,
    budget_version     text NOT NULL,
    committee_code     text NOT NULL,
    activity_code      text NOT NULL,
    cost_basis         text NOT NULL,
    reference_year     smallint,
    reference          text NOT NULL CHECK (reference IN ('committee', 'activity', 'none')),
    budget_ore         bigint NOT NULL,
    women_ore          bigint NOT NULL,
    men_ore            bigint NOT NULL,
    unknown_ore        bigint NOT NULL,
    not_individual_ore bigint NOT NULL,
    unallocated_ore    bigint NOT NULL,
    months             integer NOT NULL,
    computed_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (municipality_code, fiscal_year, budget_version, committee_code, activity_code),
    CONSTRAINT budget_allocation_reconciles
        CHECK (women_ore + men_ore + unknown_ore + not_individual_ore + unallocated_ore = budget_ore)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON core.budget TO gbetl_loader;
GRANT SELECT ON core.budget TO gbetl_finance;
GRANT SELECT, INSERT, UPDATE, DELETE ON result.budget_allocation TO gbetl_loader, gbetl_finance;

-- Frozen interim comparisons (gbetl snapshot --year Y --name T2
-- --through-month 8), as close-year freezes a year.
CREATE TABLE result.budget_snapshot (
    municipality_code  text NOT NULL,
    fiscal_year        smallint NOT NULL,
    name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    through_month      integer NOT NULL CHECK (through_month BETWEEN 1 AND 12),
    taken_at           timestamptz NOT NULL DEFAULT pg_catalog.now(),
    taken_by           text NOT NULL DEFAULT CURRENT_USER,
    budget_version     text NOT NULL,
    committee_code     text NOT NULL,
    activity_code      text NOT NULL,
    reference_year     smallint,
    reference          text NOT NULL,
    budget_ore         bigint NOT NULL,
    budget_women_ore   bigint NOT NULL,
    budget_men_ore     bigint NOT NULL,
    budget_unknown_ore bigint NOT NULL,
    budget_not_individual_ore bigint NOT NULL,
    budget_unallocated_ore    bigint NOT NULL,
    cost_ore           bigint,
    cost_women_ore     bigint,
    cost_men_ore       bigint,
    cost_unknown_ore   bigint,
    PRIMARY KEY (municipality_code, fiscal_year, name, budget_version, committee_code, activity_code)
);

GRANT SELECT, INSERT ON result.budget_snapshot TO gbetl_loader, gbetl_finance;
