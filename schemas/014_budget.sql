-- 014_budget.sql — budgets: the rows finance exports (SIE 4 #PBUDGET or a
-- budget CSV), their split by sex at a reference year's outcome, and the
-- budget against the outcome.
--
-- The method is docs/method.md ("The budget by sex"). Money is öre (bigint);
-- every row of result.budget_allocation satisfies women + men + unknown +
-- not individual-based + unallocated = budget, enforced by a CHECK
-- constraint, with largest-remainder rounding (result.split_exact).

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

-- The reference year of a budget year: the latest closed year before it,
-- else the latest allocated year before it; NULL when there is none.
CREATE FUNCTION result.budget_reference_year(p_municipality text, p_year smallint) RETURNS smallint
LANGUAGE sql STABLE
RETURN coalesce((SELECT max(fiscal_year) FROM etl.closed_year
                 WHERE municipality_code = p_municipality AND fiscal_year < p_year),
                (SELECT max(fiscal_year) FROM result.allocation
                 WHERE municipality_code = p_municipality AND fiscal_year < p_year));
COMMENT ON FUNCTION result.budget_reference_year(text, smallint) IS 'The outcome a budget year is split by: the latest closed year before it, else the latest allocated year before it.';

-- Weights a budget can be split by: none negative, their sum above zero.
CREATE FUNCTION result.usable_weights(w numeric[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(w[1] >= 0 AND w[2] >= 0 AND w[3] >= 0 AND w[4] >= 0 AND w[1] + w[2] + w[3] + w[4] > 0, false);
COMMENT ON FUNCTION result.usable_weights(numeric[]) IS 'True when the weights (women, men, unknown, not individual-based) are none negative and sum above zero.';
-- The shares (women, men, unknown, not individual-based) of the reference
-- year's published outcome: of the committee and activity when it has any,
-- else of the activity across the municipality; NULL weights when neither.
CREATE FUNCTION result.budget_weights(p_municipality text, p_reference smallint,
                                      p_committee text, p_activity text,
                                      OUT reference text, OUT weights numeric[])
LANGUAGE sql STABLE AS $$
    WITH c AS (
        SELECT ARRAY[sum(women_ore), sum(men_ore), sum(unknown_ore), sum(not_individual_ore)]::numeric[] AS w
        FROM result.published_allocation
        WHERE municipality_code = p_municipality AND fiscal_year = p_reference
          AND committee_code = p_committee AND activity_code = p_activity
    ), a AS (
        SELECT ARRAY[sum(women_ore), sum(men_ore), sum(unknown_ore), sum(not_individual_ore)]::numeric[] AS w
        FROM result.published_allocation
        WHERE municipality_code = p_municipality AND fiscal_year = p_reference
          AND activity_code = p_activity AND activity_code <> 'unmapped'
    )
    SELECT CASE WHEN result.usable_weights(c.w) THEN 'committee'
                WHEN result.usable_weights(a.w) THEN 'activity' ELSE 'none' END,
           CASE WHEN result.usable_weights(c.w) THEN c.w
                WHEN result.usable_weights(a.w) THEN a.w END
    FROM c, a
$$;

COMMENT ON FUNCTION result.budget_weights(text, smallint, text, text) IS 'The weights a committee and activity''s budget is split by: the reference year''s outcome of the committee and activity, else of the activity across the municipality.';

-- Split each committee and activity's budget of a year (every version) by
-- the reference year's shares; replaces the year's earlier split. Called by
-- gbetl allocate and gbetl run in the statement that allocates the year.
CREATE FUNCTION result.allocate_budget(p_municipality text, p_year smallint,
                                       p_cost_basis text DEFAULT 'gross') RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    ref smallint := result.budget_reference_year(p_municipality, p_year);
    n integer;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(4711002);
    IF p_cost_basis NOT IN ('gross', 'own') THEN
        RAISE EXCEPTION 'unknown cost basis "%"', p_cost_basis USING ERRCODE = '22023';
    END IF;
    DELETE FROM result.budget_allocation WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    INSERT INTO result.budget_allocation (municipality_code, fiscal_year, budget_version, committee_code,
        activity_code, cost_basis, reference_year, reference, budget_ore, women_ore, men_ore, unknown_ore,
        not_individual_ore, unallocated_ore, months)
    WITH t AS (
        SELECT x.account, result.account_type_of(p_municipality, x.account) AS account_type
        FROM (SELECT DISTINCT account FROM core.budget
              WHERE municipality_code = p_municipality AND fiscal_year = p_year AND account IS NOT NULL) x
    ), b AS (
        SELECT b.budget_version,
               coalesce(b.committee_code, result.committee_of(p_municipality, b.org_code, p_year), 'unmapped') AS committee_code,
               coalesce(a.activity_code, 'unmapped') AS activity_code,
               sum(b.amount_ore)::bigint AS budget,
               count(DISTINCT b.period)::integer AS months
        FROM core.budget b
        LEFT JOIN t ON t.account = b.account
        LEFT JOIN mapping.activity a ON a.municipality_code = p_municipality AND a.activity_code = b.activity_code
        WHERE b.municipality_code = p_municipality AND b.fiscal_year = p_year
          AND (b.account IS NULL OR t.account_type = ANY (
               CASE WHEN p_cost_basis = 'own' THEN ARRAY['cost', 'internal_revenue'] ELSE ARRAY['cost'] END))
        GROUP BY 1, 2, 3
    ), w AS (
        SELECT b.*, r.reference, result.split_exact(b.budget, r.weights) AS parts
        FROM b CROSS JOIN LATERAL result.budget_weights(p_municipality, ref, b.committee_code, b.activity_code) r
    )
    SELECT p_municipality, p_year, budget_version, committee_code, activity_code, p_cost_basis,
           ref, CASE WHEN parts IS NULL THEN 'none' ELSE reference END, budget,
           coalesce(parts[1], 0), coalesce(parts[2], 0), coalesce(parts[3], 0), coalesce(parts[4], 0),
           CASE WHEN parts IS NULL THEN budget ELSE 0 END, months
    FROM w;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION result.allocate_budget(text, smallint, text) IS 'Split each committee and activity''s budget of a fiscal year (every version) into women, men, unknown, not individual-based and unallocated by the shares of the reference year''s outcome (result.budget_reference_year), largest remainder; replaces the year''s earlier split.';

GRANT SELECT, INSERT, UPDATE, DELETE ON core.budget TO gbetl_loader;
GRANT SELECT ON core.budget TO gbetl_finance;
GRANT SELECT, INSERT, UPDATE, DELETE ON result.budget_allocation TO gbetl_loader, gbetl_finance;

-- Budget against outcome, per fiscal year, committee, activity and budget
-- version. Money only: no recipient counts, so nothing here is a small
-- count to hide (the outcome's counts are in reporting.allocation, with the
-- disclosure rule).
CREATE VIEW reporting.budget_outcome AS
    SELECT b.fiscal_year, b.committee_code,
           coalesce((SELECT c.committee_name FROM mapping.committee c WHERE c.municipality_code = b.municipality_code
                     AND c.committee_code = b.committee_code AND b.fiscal_year BETWEEN c.valid_from AND coalesce(c.valid_to, 32767)
                     LIMIT 1), 'Ej mappat / unmapped') AS committee_name,
           b.activity_code,
           coalesce((SELECT t.activity_name FROM mapping.activity t WHERE t.municipality_code = b.municipality_code
                     AND t.activity_code = b.activity_code), 'Ej mappat / unmapped') AS activity_name,
           b.budget_version,
           round(b.budget_ore / 100.0, 2) AS budget_total_sek,
           round(b.women_ore / 100.0, 2) AS budget_women_sek,
           round(b.men_ore / 100.0, 2) AS budget_men_sek,
           round(b.unknown_ore / 100.0, 2) AS budget_unknown_sek,
           round(b.not_individual_ore / 100.0, 2) AS budget_not_individual_sek,
           round(b.unallocated_ore / 100.0, 2) AS budget_unallocated_sek,
           round(a.ledger_cost_ore / 100.0, 2) AS cost_total_sek,
           round(a.women_ore / 100.0, 2) AS cost_women_sek,
           round(a.men_ore / 100.0, 2) AS cost_men_sek,
           round(a.unknown_ore / 100.0, 2) AS cost_unknown_sek,
           round((b.budget_ore - coalesce(a.ledger_cost_ore, 0)) / 100.0, 2) AS deviation_total_sek,
           round((b.women_ore - coalesce(a.women_ore, 0)) / 100.0, 2) AS deviation_women_sek,
           round((b.men_ore - coalesce(a.men_ore, 0)) / 100.0, 2) AS deviation_men_sek,
           round((b.unknown_ore - coalesce(a.unknown_ore, 0)) / 100.0, 2) AS deviation_unknown_sek,
           b.reference_year,
           b.reference,
           b.months AS budget_months,
           CASE WHEN a.fiscal_year IS NULL THEN 0 ELSE 12 END AS months_covered,
           coalesce(a.closed, false) AS closed
    FROM result.budget_allocation b
    LEFT JOIN result.published_allocation a ON a.municipality_code = b.municipality_code AND a.fiscal_year = b.fiscal_year
         AND a.committee_code = b.committee_code AND a.activity_code = b.activity_code;
COMMENT ON VIEW reporting.budget_outcome IS 'Budget against outcome per fiscal year, committee, activity and budget version, by sex (SEK): the budget split at the reference year''s shares (docs/method.md) beside the year''s allocated cost. Deviation = budget minus outcome: positive when less was spent than budgeted. Money only, no recipient counts.';
COMMENT ON COLUMN reporting.budget_outcome.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.budget_outcome.committee_code IS 'Committee code (unmapped for codes no rule maps).';
COMMENT ON COLUMN reporting.budget_outcome.committee_name IS 'Committee name.';
COMMENT ON COLUMN reporting.budget_outcome.activity_code IS 'Activity code.';
COMMENT ON COLUMN reporting.budget_outcome.activity_name IS 'Activity name.';
COMMENT ON COLUMN reporting.budget_outcome.budget_version IS 'Budget version ("Budget 2025", "Tilläggsbudget 1").';
COMMENT ON COLUMN reporting.budget_outcome.budget_total_sek IS 'The budget, SEK (cost accounts and rows without an account).';
COMMENT ON COLUMN reporting.budget_outcome.budget_women_sek IS 'Budget to women at the reference year''s shares, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.budget_men_sek IS 'Budget to men, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.budget_unknown_sek IS 'Budget to recipients of unknown sex, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.budget_not_individual_sek IS 'Budget of what is not individual-based, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.budget_unallocated_sek IS 'Budget with no reference outcome to split it by, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.cost_total_sek IS 'The year''s ledger cost (the allocation), SEK; NULL when the year has no outcome for it yet.';
COMMENT ON COLUMN reporting.budget_outcome.cost_women_sek IS 'Cost allocated to women, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.cost_men_sek IS 'Cost allocated to men, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.cost_unknown_sek IS 'Cost allocated to recipients of unknown sex, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.deviation_total_sek IS 'Budget minus cost, SEK: positive when less was spent than budgeted.';
COMMENT ON COLUMN reporting.budget_outcome.deviation_women_sek IS 'Budget to women minus cost to women, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.deviation_men_sek IS 'Budget to men minus cost to men, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.deviation_unknown_sek IS 'Budget minus cost for unknown sex, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.reference_year IS 'The outcome year whose shares split the budget.';
COMMENT ON COLUMN reporting.budget_outcome.reference IS 'committee (its own shares), activity (the activity''s across the municipality: a new committee), none (unallocated).';
COMMENT ON COLUMN reporting.budget_outcome.budget_months IS 'Months of the budget''s period rows (0: a budget for the whole year only).';
COMMENT ON COLUMN reporting.budget_outcome.months_covered IS 'Months of the year the outcome covers: 12 for the year''s allocation, 0 when the year has none yet.';
COMMENT ON COLUMN reporting.budget_outcome.closed IS 'True when the year is closed and the outcome is the frozen one.';
GRANT SELECT ON reporting.budget_outcome TO gbetl_analyst, gbetl_finance, gbetl_loader;

-- The estimated effect of a change to a committee and activity's money in a
-- budget year (a könskonsekvensanalys, gbetl impact): the change split by
-- the reference year's shares (result.budget_reference_year, the same rule
-- as the budget split: the committee and activity's own outcome, else the
-- activity's across the municipality), and what it means at the reference
-- year's cost per unit, cost per recipient and population. Refuses a change
-- larger than the cost it changes, and a committee and activity without an
-- outcome. Recipients are NULL when the group's counts are hidden in the
-- reporting views.
CREATE FUNCTION result.impact(p_municipality text, p_year smallint, p_committee text,
                              p_activity text, p_change_ore bigint)
RETURNS TABLE (reference_year smallint, reference text, committee_name text, activity_name text,
               volume_unit text, cost_ore bigint, women_ore bigint, men_ore bigint,
               change_women_ore bigint, change_men_ore bigint, change_unknown_ore bigint,
               change_not_individual_ore bigint, change_unallocated_ore bigint,
               volume_change_women numeric, volume_change_men numeric,
               recipients_change_women numeric, recipients_change_men numeric,
               share_women_before numeric, share_women_after numeric,
               committee_share_women_before numeric, committee_share_women_after numeric,
               per_inhabitant_women_before_ore numeric, per_inhabitant_women_after_ore numeric,
               per_inhabitant_men_before_ore numeric, per_inhabitant_men_after_ore numeric,
               municipality_women_ore bigint, municipality_men_ore bigint)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    ref smallint := result.budget_reference_year(p_municipality, p_year);
    basis text := 'committee';
    c record;
    cw record;
    parts bigint[];
    hidden boolean;
BEGIN
    IF ref IS NULL THEN
        RAISE EXCEPTION 'no outcome before % to estimate from', p_year USING ERRCODE = '22023',
            HINT = 'Allocate (and preferably close) the year before first.';
    END IF;
    SELECT sum(a.ledger_cost_ore)::bigint AS cost, sum(a.women_ore)::bigint AS w, sum(a.men_ore)::bigint AS m,
           sum(a.unknown_ore)::bigint AS u, sum(a.not_individual_ore)::bigint AS n,
           sum(a.recipients_women) AS rw, sum(a.recipients_men) AS rm, sum(a.recipients_unknown) AS ru,
           sum(a.volume_women) AS vw, sum(a.volume_men) AS vm, max(a.volume_unit) AS unit,
           max(a.population_women) AS pw, max(a.population_men) AS pm, count(*) AS rows
    INTO c FROM result.published_allocation a
    WHERE a.municipality_code = p_municipality AND a.fiscal_year = ref
      AND a.committee_code = p_committee AND a.activity_code = p_activity;
    IF c.rows = 0 OR NOT result.usable_weights(ARRAY[c.w, c.m, c.u, c.n]::numeric[]) THEN
        basis := 'activity';
        SELECT sum(a.ledger_cost_ore)::bigint AS cost, sum(a.women_ore)::bigint AS w, sum(a.men_ore)::bigint AS m,
               sum(a.unknown_ore)::bigint AS u, sum(a.not_individual_ore)::bigint AS n,
               sum(a.recipients_women) AS rw, sum(a.recipients_men) AS rm, sum(a.recipients_unknown) AS ru,
               sum(a.volume_women) AS vw, sum(a.volume_men) AS vm, max(a.volume_unit) AS unit,
               max(a.population_women) AS pw, max(a.population_men) AS pm, count(*) AS rows
        INTO c FROM result.published_allocation a
        WHERE a.municipality_code = p_municipality AND a.fiscal_year = ref AND a.activity_code = p_activity;
        IF c.rows = 0 OR NOT result.usable_weights(ARRAY[c.w, c.m, c.u, c.n]::numeric[]) THEN
            RAISE EXCEPTION 'activity "%" has no outcome in % to estimate from', p_activity, ref
                USING ERRCODE = '22023',
                HINT = 'Check the committee and activity codes (reporting.allocation lists those of the year).';
        END IF;
    END IF;
    IF abs(p_change_ore) > c.cost THEN
        RAISE EXCEPTION 'a change of % kr is larger than the cost of committee "%" activity "%" in % (% kr)',
            to_char(p_change_ore / 100.0, 'FM999999999999990.00'), p_committee, p_activity, ref,
            to_char(c.cost / 100.0, 'FM999999999999990.00')
            USING ERRCODE = '22023',
            DETAIL = 'An estimate at last year''s shares and unit costs means nothing beyond the whole activity.';
    END IF;
    parts := result.split_exact(p_change_ore, ARRAY[c.w, c.m, c.u, c.n]::numeric[]);
    hidden := result.small_count(result.suppress_below(), c.rw, c.rm, c.ru);
    SELECT sum(a.women_ore)::bigint AS w, sum(a.men_ore)::bigint AS m INTO cw
    FROM result.published_allocation a
    WHERE a.municipality_code = p_municipality AND a.fiscal_year = ref AND a.committee_code = p_committee;
    reference_year := ref;
    reference := basis;
    committee_name := (SELECT k.committee_name FROM mapping.committee k WHERE k.municipality_code = p_municipality
                       AND k.committee_code = p_committee AND p_year BETWEEN k.valid_from AND coalesce(k.valid_to, 32767) LIMIT 1);
    activity_name := (SELECT t.activity_name FROM mapping.activity t WHERE t.municipality_code = p_municipality
                      AND t.activity_code = p_activity);
    volume_unit := c.unit;
    cost_ore := c.cost;
    women_ore := c.w;
    men_ore := c.m;
    change_women_ore := parts[1];
    change_men_ore := parts[2];
    change_unknown_ore := parts[3];
    change_not_individual_ore := parts[4];
    change_unallocated_ore := p_change_ore - parts[1] - parts[2] - parts[3] - parts[4];
    volume_change_women := CASE WHEN c.w > 0 AND c.vw > 0 THEN round(parts[1] * c.vw / c.w, 1) END;
    volume_change_men := CASE WHEN c.m > 0 AND c.vm > 0 THEN round(parts[2] * c.vm / c.m, 1) END;
    recipients_change_women := CASE WHEN NOT hidden AND c.w > 0 AND c.rw > 0 THEN round(parts[1] * c.rw / c.w, 1) END;
    recipients_change_men := CASE WHEN NOT hidden AND c.m > 0 AND c.rm > 0 THEN round(parts[2] * c.rm / c.m, 1) END;
    share_women_before := CASE WHEN c.w + c.m > 0 THEN round(100.0 * c.w / (c.w + c.m), 1) END;
    share_women_after := CASE WHEN c.w + c.m + parts[1] + parts[2] > 0
                              THEN round(100.0 * (c.w + parts[1]) / (c.w + c.m + parts[1] + parts[2]), 1) END;
    committee_share_women_before := CASE WHEN basis = 'committee' AND cw.w + cw.m > 0 THEN round(100.0 * cw.w / (cw.w + cw.m), 1) END;
    committee_share_women_after := CASE WHEN basis = 'committee' AND cw.w + cw.m + parts[1] + parts[2] > 0
                                        THEN round(100.0 * (cw.w + parts[1]) / (cw.w + cw.m + parts[1] + parts[2]), 1) END;
    per_inhabitant_women_before_ore := CASE WHEN c.pw > 0 THEN round(c.w::numeric / c.pw, 0) END;
    per_inhabitant_women_after_ore := CASE WHEN c.pw > 0 THEN round((c.w + parts[1])::numeric / c.pw, 0) END;
    per_inhabitant_men_before_ore := CASE WHEN c.pm > 0 THEN round(c.m::numeric / c.pm, 0) END;
    per_inhabitant_men_after_ore := CASE WHEN c.pm > 0 THEN round((c.m + parts[2])::numeric / c.pm, 0) END;
    SELECT sum(a.women_ore)::bigint, sum(a.men_ore)::bigint INTO municipality_women_ore, municipality_men_ore
    FROM result.published_allocation a WHERE a.municipality_code = p_municipality AND a.fiscal_year = ref;
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION result.impact(text, smallint, text, text, bigint) IS 'The estimated effect by sex of a change to a committee and activity''s money in a budget year, at the reference year''s shares, unit costs and population (gbetl impact; docs/method.md).';
GRANT EXECUTE ON FUNCTION result.impact(text, smallint, text, text, bigint) TO gbetl_loader, gbetl_finance;

-- Interim follow-up: the budget through month M against the outcome
-- through month M, by sex. The budget through M: the period rows of months
-- 1 to M, and M twelfths of the rows for the whole year (largest
-- remainder); split by the reference year's shares as the year's budget.
-- The outcome through M is the year's allocation as it stands, which is
-- the outcome through M only when the ledger has nothing after month M:
-- otherwise the comparison is refused.
CREATE FUNCTION result.budget_outcome_through(p_municipality text, p_year smallint, p_month integer,
                                              p_cost_basis text DEFAULT 'gross')
RETURNS TABLE (budget_version text, committee_code text, activity_code text, reference_year smallint,
               reference text, budget_ore bigint, budget_women_ore bigint, budget_men_ore bigint,
               budget_unknown_ore bigint, budget_not_individual_ore bigint, budget_unallocated_ore bigint,
               cost_ore bigint, cost_women_ore bigint, cost_men_ore bigint, cost_unknown_ore bigint)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    ref smallint := result.budget_reference_year(p_municipality, p_year);
    last integer;
BEGIN
    IF p_month NOT BETWEEN 1 AND 12 THEN
        RAISE EXCEPTION 'month % is not a month from 1 to 12', p_month USING ERRCODE = '22023';
    END IF;
    SELECT max(l.period % 100) INTO last FROM core.ledger_entry l
    WHERE l.municipality_code = p_municipality AND l.fiscal_year = p_year;
    IF last > p_month THEN
        RAISE EXCEPTION 'the ledger of % has rows after month % (through month %)', p_year, p_month, last
            USING ERRCODE = '22023',
            DETAIL = 'The outcome through a month is the year''s allocation while the ledger reaches no further.';
    END IF;
    RETURN QUERY
    WITH t AS (
        SELECT x.account, result.account_type_of(p_municipality, x.account) AS account_type
        FROM (SELECT DISTINCT b.account FROM core.budget b
              WHERE b.municipality_code = p_municipality AND b.fiscal_year = p_year AND b.account IS NOT NULL) x
    ), b AS (
        SELECT b.budget_version AS v,
               coalesce(b.committee_code, result.committee_of(p_municipality, b.org_code, p_year), 'unmapped') AS c,
               coalesce(a.activity_code, 'unmapped') AS act,
               sum(CASE WHEN b.period IS NULL THEN (result.split_exact(b.amount_ore, ARRAY[p_month, 12 - p_month]::numeric[]))[1]
                        WHEN b.period % 100 <= p_month THEN b.amount_ore ELSE 0 END)::bigint AS budget
        FROM core.budget b
        LEFT JOIN t ON t.account = b.account
        LEFT JOIN mapping.activity a ON a.municipality_code = p_municipality AND a.activity_code = b.activity_code
        WHERE b.municipality_code = p_municipality AND b.fiscal_year = p_year
          AND (b.account IS NULL OR t.account_type = ANY (
               CASE WHEN p_cost_basis = 'own' THEN ARRAY['cost', 'internal_revenue'] ELSE ARRAY['cost'] END))
        GROUP BY 1, 2, 3
    ), w AS (
        SELECT b.*, r.reference AS r, result.split_exact(b.budget, r.weights) AS parts
        FROM b CROSS JOIN LATERAL result.budget_weights(p_municipality, ref, b.c, b.act) r
    )
    SELECT w.v, w.c, w.act, ref, CASE WHEN w.parts IS NULL THEN 'none' ELSE w.r END, w.budget,
           coalesce(w.parts[1], 0), coalesce(w.parts[2], 0), coalesce(w.parts[3], 0), coalesce(w.parts[4], 0),
           CASE WHEN w.parts IS NULL THEN w.budget ELSE 0 END,
           al.ledger_cost_ore, al.women_ore, al.men_ore, al.unknown_ore
    FROM w
    LEFT JOIN result.allocation al ON al.municipality_code = p_municipality AND al.fiscal_year = p_year
         AND al.committee_code = w.c AND al.activity_code = w.act
    ORDER BY 1, 2, 3;
END
$$;
COMMENT ON FUNCTION result.budget_outcome_through(text, smallint, integer, text) IS 'Interim follow-up: the budget through month M (period rows of months 1 to M, M twelfths of whole-year rows) split by sex at the reference year''s shares, against the year''s allocation; refused when the ledger has rows after month M.';
GRANT EXECUTE ON FUNCTION result.budget_outcome_through(text, smallint, integer, text) TO gbetl_loader, gbetl_finance;

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

CREATE FUNCTION result.snapshot_budget(p_municipality text, p_year smallint, p_month integer, p_name text,
                                       p_cost_basis text DEFAULT 'gross') RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(4711002);
    IF EXISTS (SELECT 1 FROM result.budget_snapshot WHERE municipality_code = p_municipality
               AND fiscal_year = p_year AND name = p_name) THEN
        RAISE EXCEPTION 'fiscal year % already has a snapshot "%"', p_year, p_name USING ERRCODE = '55000',
            HINT = 'A snapshot is never replaced: give the new one another name.';
    END IF;
    IF EXISTS (SELECT 1 FROM etl.year_state WHERE municipality_code = p_municipality AND fiscal_year = p_year
               AND changed_at > coalesce(allocated_at, '-infinity')) THEN
        RAISE EXCEPTION 'fiscal year % changed since it was last allocated', p_year USING ERRCODE = '55000',
            HINT = 'Run "gbetl allocate --year YEAR" (or "gbetl run") first.';
    END IF;
    INSERT INTO result.budget_snapshot (municipality_code, fiscal_year, name, through_month, budget_version,
        committee_code, activity_code, reference_year, reference, budget_ore, budget_women_ore, budget_men_ore,
        budget_unknown_ore, budget_not_individual_ore, budget_unallocated_ore, cost_ore, cost_women_ore,
        cost_men_ore, cost_unknown_ore)
    SELECT p_municipality, p_year, p_name, p_month, t.*
    FROM result.budget_outcome_through(p_municipality, p_year, p_month, p_cost_basis) t;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n = 0 THEN
        RAISE EXCEPTION 'fiscal year % has no budget to follow up', p_year USING ERRCODE = '55000';
    END IF;
    RETURN n;
END
$$;
COMMENT ON FUNCTION result.snapshot_budget(text, smallint, integer, text, text) IS 'Freeze the interim follow-up through a month under a name (gbetl snapshot); refuses a name already taken and a year changed since its allocation.';
GRANT SELECT, INSERT ON result.budget_snapshot TO gbetl_loader, gbetl_finance;
GRANT EXECUTE ON FUNCTION result.snapshot_budget(text, smallint, integer, text, text) TO gbetl_loader, gbetl_finance;
