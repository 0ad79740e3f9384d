-- 95_budget.sql — the budget by sex (docs/method.md, "The budget by sex"):
-- the split of each budget row at a reference year's outcome, the interim
-- follow-up through a month and its frozen snapshots, and the estimated
-- effect of a change (gbetl impact). After the views: these read
-- result.published_allocation.

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
          AND activity_code = p_activity AND activity_code <> result.c_unmapped()
    )
    SELECT CASE WHEN result.usable_weights(c.w) THEN 'committee'
                WHEN result.usable_weights(a.w) THEN 'activity' ELSE 'none' END,
           CASE WHEN result.usable_weights(c.w) THEN c.w
                WHEN result.usable_weights(a.w) THEN a.w END
    FROM c, a
$$;
COMMENT ON FUNCTION result.budget_weights(text, smallint, text, text) IS 'The weights a committee and activity''s budget is split by: the reference year''s outcome of the committee and activity, else of the activity across the municipality.';

-- The budget of each version, committee and activity of a year through
-- month p_through (12: the year's): the period rows of months 1 to M, and M
-- twelfths of the rows for the whole year (largest remainder); cost
-- accounts (and internal revenue on the own basis) and rows without an
-- account. Split by the reference year's shares (result.budget_weights);
-- what has no shares to split by is unallocated.
CREATE FUNCTION result.budget_split(p_municipality text, p_year smallint, p_cost_basis text, p_through integer)
RETURNS TABLE (budget_version text, committee_code text, activity_code text, reference_year smallint,
               reference text, budget_ore numeric, women_ore numeric, men_ore numeric, unknown_ore numeric,
               not_individual_ore numeric, unallocated_ore numeric, months integer)
LANGUAGE sql STABLE AS $$
    WITH t AS (
        SELECT x.account, result.account_type_of(p_municipality, x.account) AS account_type
        FROM (SELECT DISTINCT b.account FROM core.budget b
              WHERE b.municipality_code = p_municipality AND b.fiscal_year = p_year AND b.account IS NOT NULL) x
    ), b AS (
        SELECT b.budget_version AS v,
               coalesce(b.committee_code, result.committee_of(p_municipality, b.org_code, p_year), result.c_unmapped()) AS c,
               coalesce(a.activity_code, result.c_unmapped()) AS act,
               sum(CASE WHEN b.period IS NULL THEN (result.split_exact(b.amount_ore, ARRAY[p_through, 12 - p_through]::numeric[]))[1]
                        WHEN b.period % 100 <= p_through THEN b.amount_ore ELSE 0 END) AS budget,
               count(DISTINCT b.period)::integer AS months
        FROM core.budget b
        LEFT JOIN t ON t.account = b.account
        LEFT JOIN mapping.activity a ON a.municipality_code = p_municipality AND a.activity_code = b.activity_code
        WHERE b.municipality_code = p_municipality AND b.fiscal_year = p_year
          AND (b.account IS NULL OR t.account_type = ANY (
               CASE WHEN p_cost_basis = 'own' THEN ARRAY['cost', 'internal_revenue'] ELSE ARRAY['cost'] END))
        GROUP BY 1, 2, 3
    ), w AS (
        SELECT b.*, r.reference AS r, result.split_exact(b.budget, r.weights) AS parts,
               result.budget_reference_year(p_municipality, p_year) AS ref
        FROM b CROSS JOIN LATERAL result.budget_weights(p_municipality, result.budget_reference_year(p_municipality, p_year),
                                                        b.c, b.act) r
    )
    SELECT w.v, w.c, w.act, w.ref, CASE WHEN w.parts IS NULL THEN 'none' ELSE w.r END, w.budget,
           coalesce(w.parts[1], 0), coalesce(w.parts[2], 0), coalesce(w.parts[3], 0), coalesce(w.parts[4], 0),
           w.budget - coalesce(w.parts[1] + w.parts[2] + w.parts[3] + w.parts[4], 0), w.months
    FROM w
$$;
COMMENT ON FUNCTION result.budget_split(text, smallint, text, integer) IS 'The budget of each version, committee and activity of a year through a month, split by sex at the reference year''s shares.';

-- Split each committee and activity's budget of a year (every version) by
-- the reference year's shares; replaces the year's earlier split. Called by
-- gbetl allocate and gbetl run in the statement that allocates the year.
CREATE FUNCTION result.allocate_budget(p_municipality text, p_year smallint,
                                       p_cost_basis text DEFAULT 'gross') RETURNS integer
LANGUAGE sql AS $$
    SELECT pg_catalog.pg_advisory_xact_lock(etl.c_lock_key()), result.check_cost_basis(p_cost_basis);
    DELETE FROM result.budget_allocation WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    WITH ins AS (
        INSERT INTO result.budget_allocation (municipality_code, fiscal_year, budget_version, committee_code,
            activity_code, cost_basis, reference_year, reference, budget_ore, women_ore, men_ore, unknown_ore,
            not_individual_ore, unallocated_ore, months)
        SELECT p_municipality, p_year, s.budget_version, s.committee_code, s.activity_code, p_cost_basis,
               s.reference_year, s.reference, s.budget_ore, s.women_ore, s.men_ore, s.unknown_ore,
               s.not_individual_ore, s.unallocated_ore, s.months
        FROM result.budget_split(p_municipality, p_year, p_cost_basis, 12) s
        RETURNING 1)
    SELECT count(*)::integer FROM ins;
$$;
COMMENT ON FUNCTION result.allocate_budget(text, smallint, text) IS 'Split each committee and activity''s budget of a fiscal year (every version) into women, men, unknown, not individual-based and unallocated by the shares of the reference year''s outcome (result.budget_reference_year), largest remainder; replaces the year''s earlier split.';

-- Interim follow-up: the budget through month M against the outcome
-- through month M, by sex: the budget through M split as the year's
-- budget. The outcome through M is the year's allocation as it stands,
-- which is the outcome through M only when the ledger has nothing after
-- month M: otherwise the comparison is refused.
CREATE FUNCTION result.budget_outcome_through(p_municipality text, p_year smallint, p_month integer,
                                              p_cost_basis text DEFAULT 'gross')
RETURNS TABLE (budget_version text, committee_code text, activity_code text, reference_year smallint,
               reference text, budget_ore numeric, budget_women_ore numeric, budget_men_ore numeric,
               budget_unknown_ore numeric, budget_not_individual_ore numeric, budget_unallocated_ore numeric,
               cost_ore numeric, cost_women_ore numeric, cost_men_ore numeric, cost_unknown_ore numeric)
LANGUAGE plpgsql STABLE AS $$
DECLARE
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
    SELECT s.budget_version, s.committee_code, s.activity_code, s.reference_year, s.reference,
           s.budget_ore, s.women_ore, s.men_ore, s.unknown_ore, s.not_individual_ore, s.unallocated_ore,
           al.ledger_cost_ore, al.women_ore, al.men_ore, al.unknown_ore
    FROM result.budget_split(p_municipality, p_year, p_cost_basis, p_month) s
    LEFT JOIN result.allocation al ON al.municipality_code = p_municipality AND al.fiscal_year = p_year
         AND al.committee_code = s.committee_code AND al.activity_code = s.activity_code
    ORDER BY 1, 2, 3;
END
$$;
COMMENT ON FUNCTION result.budget_outcome_through(text, smallint, integer, text) IS 'Interim follow-up: the budget through month M (period rows of months 1 to M, M twelfths of whole-year rows) split by sex at the reference year''s shares, against the year''s allocation; refused when the ledger has rows after month M.';
GRANT EXECUTE ON FUNCTION result.budget_outcome_through(text, smallint, integer, text) TO gbetl_loader, gbetl_finance;

-- Freeze the interim follow-up through a month under a name (gbetl snapshot
-- --year Y --name T2 --through-month 8), as close-year freezes a year.
CREATE FUNCTION result.snapshot_budget(p_municipality text, p_year smallint, p_month integer, p_name text,
                                       p_cost_basis text DEFAULT 'gross') RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(etl.c_lock_key());
    IF EXISTS (SELECT 1 FROM result.budget_snapshot WHERE municipality_code = p_municipality
               AND fiscal_year = p_year AND name = p_name) THEN
        RAISE EXCEPTION 'fiscal year % already has a snapshot "%"', p_year, p_name USING ERRCODE = '55000',
            HINT = 'A snapshot is never replaced: give the new one another name.';
    END IF;
    PERFORM etl.check_allocated(p_municipality, p_year, 'Run "gbetl allocate --year YEAR" (or "gbetl run") first.');
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
GRANT EXECUTE ON FUNCTION result.snapshot_budget(text, smallint, integer, text, text) TO gbetl_loader, gbetl_finance;

-- The published outcome of an activity in a year that result.impact
-- estimates from: of one committee, or with p_committee NULL of every
-- committee (the activity across the municipality); rows is 0 when there
-- is none.
CREATE FUNCTION result.impact_outcome(p_municipality text, p_year smallint, p_committee text, p_activity text,
                                      OUT cost numeric, OUT w numeric, OUT m numeric, OUT u numeric,
                                      OUT n numeric, OUT rw numeric, OUT rm numeric, OUT ru numeric,
                                      OUT vw numeric, OUT vm numeric, OUT unit text, OUT pw bigint,
                                      OUT pm bigint, OUT rows bigint)
LANGUAGE sql STABLE AS $$
    SELECT sum(a.ledger_cost_ore), sum(a.women_ore), sum(a.men_ore), sum(a.unknown_ore), sum(a.not_individual_ore),
           sum(a.recipients_women), sum(a.recipients_men), sum(a.recipients_unknown),
           sum(a.volume_women), sum(a.volume_men), max(a.volume_unit),
           max(a.population_women), max(a.population_men), count(*)
    FROM result.published_allocation a
    WHERE a.municipality_code = p_municipality AND a.fiscal_year = p_year AND a.activity_code = p_activity
      AND (p_committee IS NULL OR a.committee_code = p_committee)
$$;
COMMENT ON FUNCTION result.impact_outcome(text, smallint, text, text) IS 'The published outcome (cost, recipients, volume, population by sex) of an activity in a year, of one committee or of all: what result.impact estimates from.';

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
               volume_unit text, cost_ore numeric, women_ore numeric, men_ore numeric,
               change_women_ore numeric, change_men_ore numeric, change_unknown_ore numeric,
               change_not_individual_ore numeric, change_unallocated_ore numeric,
               volume_change_women numeric, volume_change_men numeric,
               recipients_change_women numeric, recipients_change_men numeric,
               share_women_before numeric, share_women_after numeric,
               committee_share_women_before numeric, committee_share_women_after numeric,
               per_inhabitant_women_before_ore numeric, per_inhabitant_women_after_ore numeric,
               per_inhabitant_men_before_ore numeric, per_inhabitant_men_after_ore numeric,
               municipality_women_ore numeric, municipality_men_ore numeric)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    ref smallint := result.budget_reference_year(p_municipality, p_year);
    basis text := 'committee';
    c record;
    cw record;
    parts numeric[];
    hidden boolean;
BEGIN
    IF ref IS NULL THEN
        RAISE EXCEPTION 'no outcome before % to estimate from', p_year USING ERRCODE = '22023',
            HINT = 'Allocate (and preferably close) the year before first.';
    END IF;
    SELECT * INTO c FROM result.impact_outcome(p_municipality, ref, p_committee, p_activity);
    IF c.rows = 0 OR NOT result.usable_weights(ARRAY[c.w, c.m, c.u, c.n]::numeric[]) THEN
        basis := 'activity';
        SELECT * INTO c FROM result.impact_outcome(p_municipality, ref, NULL, p_activity);
        IF c.rows = 0 OR NOT result.usable_weights(ARRAY[c.w, c.m, c.u, c.n]::numeric[]) THEN
            RAISE EXCEPTION 'activity "%" has no outcome in % to estimate from', p_activity, ref
                USING ERRCODE = '22023',
                HINT = 'Check the committee and activity codes (reporting.allocation lists those of the year).';
        END IF;
    END IF;
    IF abs(p_change_ore) > c.cost THEN
        RAISE EXCEPTION 'a change of % kr is larger than the cost of committee "%" activity "%" in % (% kr)',
            to_char(p_change_ore / 100.0, 'FM999999999999990.00'), p_committee, p_activity, ref,
            result.sek(c.cost)
            USING ERRCODE = '22023',
            DETAIL = 'An estimate at last year''s shares and unit costs means nothing beyond the whole activity.';
    END IF;
    parts := result.split_exact(p_change_ore, ARRAY[c.w, c.m, c.u, c.n]::numeric[]);
    hidden := result.small_count(result.suppress_below(), c.rw, c.rm, c.ru);
    SELECT sum(a.women_ore) AS w, sum(a.men_ore) AS m INTO cw
    FROM result.published_allocation a
    WHERE a.municipality_code = p_municipality AND a.fiscal_year = ref AND a.committee_code = p_committee;
    reference_year := ref;
    reference := basis;
    committee_name := (SELECT k.committee_name FROM mapping.committee k WHERE k.municipality_code = p_municipality
                       AND k.committee_code = p_committee AND p_year BETWEEN k.valid_from AND coalesce(k.valid_to, result.c_open_year()) LIMIT 1);
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
    SELECT sum(a.women_ore), sum(a.men_ore) INTO municipality_women_ore, municipality_men_ore
    FROM result.published_allocation a WHERE a.municipality_code = p_municipality AND a.fiscal_year = ref;
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION result.impact(text, smallint, text, text, bigint) IS 'The estimated effect by sex of a change to a committee and activity''s money in a budget year, at the reference year''s shares, unit costs and population (gbetl impact; docs/method.md).';
GRANT EXECUTE ON FUNCTION result.impact(text, smallint, text, text, bigint) TO gbetl_loader, gbetl_finance;
