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
COMMENT ON COLUMN etl.batch.kind IS 'Record kind: service, ledger, population, aggregate or budget.';
COMMENT ON TABLE etl.supersession IS 'Rows of an earlier batch replaced by a later batch of the same source: in the months the later one has records in (replace = period), or, for budgets, of the budget versions and fiscal years it has (the years as the period).';

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
COMMENT ON TABLE core.budget IS 'Budget rows from the finance system (SIE 4 #PBUDGET or a budget file): per fiscal year, optional month, cost centre or committee, activity, optional account and version. Loading a version of a year again replaces that version of that year only.';
COMMENT ON COLUMN core.budget.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN core.budget.batch_id IS 'The batch (file) the row came from.';
COMMENT ON COLUMN core.budget.source_line IS 'Line of the row in its file.';
COMMENT ON COLUMN core.budget.fiscal_year IS 'Fiscal year the budget is for.';
COMMENT ON COLUMN core.budget.period IS 'Month YYYYMM of a period budget; NULL for a budget of the whole year.';
COMMENT ON COLUMN core.budget.org_code IS 'Cost centre (ansvar); org_units.csv maps it to a committee when committee_code is not given.';
COMMENT ON COLUMN core.budget.committee_code IS 'Committee, when the budget names it directly.';
COMMENT ON COLUMN core.budget.activity_code IS 'Activity (verksamhet).';
COMMENT ON COLUMN core.budget.account IS 'Account; accounts.csv gives its type. NULL: a net budget, counted as cost.';
COMMENT ON COLUMN core.budget.amount_ore IS 'Budgeted amount in öre; cost positive, revenue negative (as in the ledger).';
COMMENT ON COLUMN core.budget.budget_version IS 'Version name: "Budget 2025", "Tilläggsbudget 1".';
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
COMMENT ON TABLE result.budget_allocation IS 'The budget by sex: per fiscal year, budget version, committee and activity, the budget split into women, men, unknown sex, not individual-based and unallocated by the shares of the reference year''s outcome, exact to the öre.';
COMMENT ON COLUMN result.budget_allocation.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN result.budget_allocation.fiscal_year IS 'Fiscal year of the budget.';
COMMENT ON COLUMN result.budget_allocation.budget_version IS 'Budget version.';
COMMENT ON COLUMN result.budget_allocation.committee_code IS 'Committee (from the budget, else its cost centre), or ''unmapped''.';
COMMENT ON COLUMN result.budget_allocation.activity_code IS 'Activity, or ''unmapped''.';
COMMENT ON COLUMN result.budget_allocation.cost_basis IS 'gross (cost accounts) or own (cost net of internal revenue), as the allocation it was made with.';
COMMENT ON COLUMN result.budget_allocation.reference_year IS 'The outcome whose shares were used: the latest closed year before the budget year, else the latest allocated one; NULL when there is none.';
COMMENT ON COLUMN result.budget_allocation.reference IS 'Whose shares: committee (the same committee and activity), activity (the activity across the municipality: a committee new since the reference year), none (unallocated).';
COMMENT ON COLUMN result.budget_allocation.budget_ore IS 'The budget of the committee and activity, öre (cost accounts, and rows without an account).';
COMMENT ON COLUMN result.budget_allocation.women_ore IS 'Budget to women, öre.';
COMMENT ON COLUMN result.budget_allocation.men_ore IS 'Budget to men, öre.';
COMMENT ON COLUMN result.budget_allocation.unknown_ore IS 'Budget to recipients of unknown sex, öre.';
COMMENT ON COLUMN result.budget_allocation.not_individual_ore IS 'Budget of what is not individual-based, öre.';
COMMENT ON COLUMN result.budget_allocation.unallocated_ore IS 'Budget with no outcome to split it by, öre.';
COMMENT ON COLUMN result.budget_allocation.months IS 'Distinct months of the budget''s period rows (0: a budget for the whole year only).';
COMMENT ON COLUMN result.budget_allocation.computed_at IS 'When the split was computed.';

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
COMMENT ON TABLE result.budget_snapshot IS 'Frozen interim follow-ups (delårsuppföljning): the budget through a month against the outcome through it, by sex, as it stood when the snapshot was taken (gbetl snapshot). Never changed afterwards.';
COMMENT ON COLUMN result.budget_snapshot.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN result.budget_snapshot.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN result.budget_snapshot.name IS 'The snapshot''s name: T1, T2, Delår augusti.';
COMMENT ON COLUMN result.budget_snapshot.through_month IS 'The comparison covers months 1 to this.';
COMMENT ON COLUMN result.budget_snapshot.taken_at IS 'When it was taken.';
COMMENT ON COLUMN result.budget_snapshot.taken_by IS 'Database user that took it.';
COMMENT ON COLUMN result.budget_snapshot.budget_version IS 'Budget version.';
COMMENT ON COLUMN result.budget_snapshot.committee_code IS 'Committee.';
COMMENT ON COLUMN result.budget_snapshot.activity_code IS 'Activity.';
COMMENT ON COLUMN result.budget_snapshot.reference_year IS 'The outcome year whose shares split the budget.';
COMMENT ON COLUMN result.budget_snapshot.reference IS 'committee, activity or none (as result.budget_allocation).';
COMMENT ON COLUMN result.budget_snapshot.budget_ore IS 'Budget through the month, öre.';
COMMENT ON COLUMN result.budget_snapshot.budget_women_ore IS 'Of it to women, öre.';
COMMENT ON COLUMN result.budget_snapshot.budget_men_ore IS 'To men, öre.';
COMMENT ON COLUMN result.budget_snapshot.budget_unknown_ore IS 'To unknown sex, öre.';
COMMENT ON COLUMN result.budget_snapshot.budget_not_individual_ore IS 'Not individual-based, öre.';
COMMENT ON COLUMN result.budget_snapshot.budget_unallocated_ore IS 'Unallocated, öre.';
COMMENT ON COLUMN result.budget_snapshot.cost_ore IS 'Outcome through the month (the year''s allocation then), öre.';
COMMENT ON COLUMN result.budget_snapshot.cost_women_ore IS 'Of it to women, öre.';
COMMENT ON COLUMN result.budget_snapshot.cost_men_ore IS 'To men, öre.';
COMMENT ON COLUMN result.budget_snapshot.cost_unknown_ore IS 'To unknown sex, öre.';

GRANT SELECT, INSERT ON result.budget_snapshot TO gbetl_loader, gbetl_finance;
