-- 004_result.sql — the allocation of cost to women and men, key figures,
-- and closed fiscal years.
--
-- The method is docs/method.md. Money is öre (bigint); every row satisfies
-- women + men + unknown + not individual-based + unallocated = ledger cost,
-- enforced by a CHECK constraint, with largest-remainder rounding.

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
COMMENT ON TABLE result.allocation IS 'The gender-budget allocation: per fiscal year, committee and activity, the ledger cost split into women, men, unknown sex, not individual-based and unallocated, exact to the öre.';
COMMENT ON COLUMN result.allocation.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN result.allocation.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN result.allocation.committee_code IS 'Committee, or ''unmapped'' for cost centres no rule maps.';
COMMENT ON COLUMN result.allocation.activity_code IS 'Activity, or ''unmapped'' for codes no rule maps.';
COMMENT ON COLUMN result.allocation.method IS 'How the cost was split: volume, headcount, direct, aggregate, none, or unmapped.';
COMMENT ON COLUMN result.allocation.cost_basis IS 'gross (cost accounts) or own (SCB''s kostnad för det egna åtagandet: cost net of internal revenue).';
COMMENT ON COLUMN result.allocation.ledger_cost_ore IS 'Ledger cost of the committee and activity in the year, öre.';
COMMENT ON COLUMN result.allocation.women_ore IS 'Cost allocated to women, öre.';
COMMENT ON COLUMN result.allocation.men_ore IS 'Cost allocated to men, öre.';
COMMENT ON COLUMN result.allocation.unknown_ore IS 'Cost allocated to recipients of unknown sex, öre (never spread over women and men).';
COMMENT ON COLUMN result.allocation.not_individual_ore IS 'Cost of activities that are not individual-based (and, with direct remainder apart, administration), öre.';
COMMENT ON COLUMN result.allocation.unallocated_ore IS 'Cost with no recipients recorded, or on unmapped codes, öre.';
COMMENT ON COLUMN result.allocation.recipients_women IS 'Distinct women who received the activity.';
COMMENT ON COLUMN result.allocation.recipients_men IS 'Distinct men who received the activity.';
COMMENT ON COLUMN result.allocation.recipients_unknown IS 'Recipients of unknown sex.';
COMMENT ON COLUMN result.allocation.volume_women IS 'Volume to women (hours, days, visits, or kronor for direct).';
COMMENT ON COLUMN result.allocation.volume_men IS 'Volume to men.';
COMMENT ON COLUMN result.allocation.volume_unknown IS 'Volume to recipients of unknown sex.';
COMMENT ON COLUMN result.allocation.volume_unit IS 'Unit of the volume.';
COMMENT ON COLUMN result.allocation.population_women IS 'Women in the activity''s age band in the year''s population.';
COMMENT ON COLUMN result.allocation.population_men IS 'Men in the age band.';
COMMENT ON COLUMN result.allocation.cost_per_recipient_women_ore IS 'Cost to women per woman recipient, öre.';
COMMENT ON COLUMN result.allocation.cost_per_recipient_men_ore IS 'Cost to men per man recipient, öre.';
COMMENT ON COLUMN result.allocation.cost_per_unit_women_ore IS 'Cost to women per unit of volume, öre.';
COMMENT ON COLUMN result.allocation.cost_per_unit_men_ore IS 'Cost to men per unit of volume, öre.';
COMMENT ON COLUMN result.allocation.cost_per_inhabitant_women_ore IS 'Cost to women per woman in the age band, öre.';
COMMENT ON COLUMN result.allocation.cost_per_inhabitant_men_ore IS 'Cost to men per man in the age band, öre.';
COMMENT ON COLUMN result.allocation.share_cost_women IS 'Women''s share of the cost allocated to women and men (0–1).';
COMMENT ON COLUMN result.allocation.share_recipients_women IS 'Women''s share of women and men recipients (0–1).';
COMMENT ON COLUMN result.allocation.share_population_women IS 'Women''s share of the age band''s population (0–1).';
COMMENT ON COLUMN result.allocation.representation_index_women IS 'Women''s share of cost divided by their share of the population: 1 = in proportion.';
COMMENT ON COLUMN result.allocation.representation_index_men IS 'Men''s share of cost divided by their share of the population.';
COMMENT ON COLUMN result.allocation.balance_band IS 'balanced (women''s share of cost 40–60 %), women (over 60 %), men (under 40 %), or NULL when nothing was allocated by sex.';
COMMENT ON COLUMN result.allocation.records IS 'Individual-based records behind the row.';
COMMENT ON COLUMN result.allocation.records_sex_known IS 'Of those, with a known sex.';
COMMENT ON COLUMN result.allocation.computed_at IS 'When the allocation was computed.';

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
COMMENT ON TABLE result.key_figure IS 'Key figures for the welfare accounts (välfärdsbokslut), by sex: recipients, volume, cost per recipient and per unit, change since the year before.';
COMMENT ON COLUMN result.key_figure.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN result.key_figure.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN result.key_figure.committee_code IS 'Committee.';
COMMENT ON COLUMN result.key_figure.activity_code IS 'Activity.';
COMMENT ON COLUMN result.key_figure.sex IS 'ISO/IEC 5218: 2 women, 1 men, 0 not known.';
COMMENT ON COLUMN result.key_figure.recipients IS 'Distinct recipients.';
COMMENT ON COLUMN result.key_figure.volume IS 'Volume received.';
COMMENT ON COLUMN result.key_figure.volume_per_recipient IS 'Volume per recipient.';
COMMENT ON COLUMN result.key_figure.cost_ore IS 'Cost allocated to the sex, öre.';
COMMENT ON COLUMN result.key_figure.cost_per_recipient_ore IS 'Cost per recipient, öre.';
COMMENT ON COLUMN result.key_figure.cost_per_unit_ore IS 'Cost per unit of volume, öre.';
COMMENT ON COLUMN result.key_figure.recipients_change_pct IS 'Change in recipients since the year before, per cent.';
COMMENT ON COLUMN result.key_figure.cost_per_recipient_change_pct IS 'Change in cost per recipient since the year before, per cent.';
COMMENT ON COLUMN result.key_figure.coverage_pct IS 'Share of the activity''s records with a known sex, per cent.';

CREATE TABLE result.year_close (
    municipality_code text NOT NULL,
    fiscal_year       smallint NOT NULL,
    version           integer NOT NULL,
    closed_at         timestamptz NOT NULL DEFAULT pg_catalog.now(),
    closed_by         text NOT NULL DEFAULT CURRENT_USER,
    batches           jsonb NOT NULL,
    PRIMARY KEY (municipality_code, fiscal_year, version)
);
COMMENT ON TABLE result.year_close IS 'Each close of a fiscal year: who, when, and the batches (ids and SHA-256) the frozen figures rest on.';
COMMENT ON COLUMN result.year_close.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN result.year_close.fiscal_year IS 'The closed year.';
COMMENT ON COLUMN result.year_close.version IS '1 for the first close; a close after a reopen makes a new version and keeps the old.';
COMMENT ON COLUMN result.year_close.closed_at IS 'When.';
COMMENT ON COLUMN result.year_close.closed_by IS 'Who.';
COMMENT ON COLUMN result.year_close.batches IS 'The loaded batches covering the year: [{batch_id, source, file_name, sha256}].';

CREATE TABLE result.closed_allocation (
    version integer NOT NULL,
    LIKE result.allocation INCLUDING CONSTRAINTS
);
ALTER TABLE result.closed_allocation ADD PRIMARY KEY (municipality_code, fiscal_year, version, committee_code, activity_code);
COMMENT ON TABLE result.closed_allocation IS 'Frozen copies of result.allocation, one per close of a year (version); reports of a closed year read the latest.';
COMMENT ON COLUMN result.closed_allocation.version IS 'The close (result.year_close.version) the copy belongs to.';

CREATE TABLE result.year_reopen (
    municipality_code text NOT NULL,
    fiscal_year       smallint NOT NULL,
    reopened_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
    reopened_by       text NOT NULL DEFAULT CURRENT_USER,
    reason            text NOT NULL CHECK (length(trim(reason)) > 0)
);
COMMENT ON TABLE result.year_reopen IS 'Every reopening of a closed year, with who, when and why.';
COMMENT ON COLUMN result.year_reopen.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN result.year_reopen.fiscal_year IS 'The reopened year.';
COMMENT ON COLUMN result.year_reopen.reopened_at IS 'When.';
COMMENT ON COLUMN result.year_reopen.reopened_by IS 'Who.';
COMMENT ON COLUMN result.year_reopen.reason IS 'Why, in the words of the person who reopened it.';

-- Split total exactly in proportion to weights by the largest-remainder
-- method: integer parts first, then one öre each to the parts with the
-- largest remainders (ties to the earlier part). Exact: numeric div/mod.
CREATE FUNCTION result.split_exact(total bigint, weights numeric[]) RETURNS bigint[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    n     integer := coalesce(array_length(weights, 1), 0);
    s     numeric := 0;
    mag   numeric := abs(total);
    parts bigint[] := array_fill(0::bigint, ARRAY[greatest(n, 1)]);
    rems  numeric[] := array_fill(0::numeric, ARRAY[greatest(n, 1)]);
    given numeric := 0;
    i integer;
    best integer;
BEGIN
    FOR i IN 1..n LOOP
        s := s + greatest(coalesce(weights[i], 0), 0);
    END LOOP;
    IF s = 0 THEN
        RETURN NULL;
    END IF;
    FOR i IN 1..n LOOP
        parts[i] := div(mag * greatest(coalesce(weights[i], 0), 0), s);
        rems[i] := mod(mag * greatest(coalesce(weights[i], 0), 0), s);
        given := given + parts[i];
    END LOOP;
    WHILE given < mag LOOP
        best := 1;
        FOR i IN 2..n LOOP
            IF rems[i] > rems[best] THEN
                best := i;
            END IF;
        END LOOP;
        parts[best] := parts[best] + 1;
        rems[best] := -1;
        given := given + 1;
    END LOOP;
    IF total < 0 THEN
        FOR i IN 1..n LOOP
            parts[i] := -parts[i];
        END LOOP;
    END IF;
    RETURN parts;
END
$$;
COMMENT ON FUNCTION result.split_exact(bigint, numeric[]) IS 'Largest-remainder split of an amount in öre by weights; the parts always sum to the amount.';

-- The committee of a cost centre in a fiscal year, or NULL.
CREATE FUNCTION result.committee_of(p_municipality text, p_org text, p_year smallint) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (SELECT o.committee_code FROM mapping.org_unit o
        WHERE o.municipality_code = p_municipality
          AND mapping.code_key(p_org) BETWEEN mapping.code_key(o.org_code_from) AND mapping.code_key(o.org_code_to)
          AND p_year BETWEEN o.valid_from AND coalesce(o.valid_to, 32767)
        ORDER BY o.valid_from DESC LIMIT 1);

CREATE FUNCTION result.account_type_of(p_municipality text, p_account text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN coalesce((SELECT a.account_type FROM mapping.account a
        WHERE a.municipality_code = p_municipality
          AND mapping.code_key(p_account) BETWEEN mapping.code_key(a.account_from) AND mapping.code_key(a.account_to)
        LIMIT 1), 'ignore');

CREATE FUNCTION result.allocate(p_municipality text, p_year smallint,
                                p_cost_basis text DEFAULT 'gross',
                                p_direct_remainder text DEFAULT 'share')
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    y_start date := make_date(p_year, 1, 1);
    y_end   date := make_date(p_year + 1, 1, 1);
    n integer;
BEGIN
    IF p_cost_basis NOT IN ('gross', 'own') THEN
        RAISE EXCEPTION 'unknown cost basis "%"', p_cost_basis USING ERRCODE = '22023',
            HINT = 'Use gross or own.';
    END IF;
    IF p_direct_remainder NOT IN ('share', 'apart') THEN
        RAISE EXCEPTION 'unknown rule for the remainder of direct activities "%"', p_direct_remainder
            USING ERRCODE = '22023', HINT = 'Use share or apart.';
    END IF;
    IF EXISTS (SELECT 1 FROM etl.closed_year WHERE municipality_code = p_municipality AND fiscal_year = p_year) THEN
        RAISE EXCEPTION 'fiscal year % is closed', p_year USING ERRCODE = '55000',
            HINT = 'Finance can reopen it with "gbetl reopen-year YEAR --reason TEXT".';
    END IF;

    DELETE FROM result.allocation WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    DELETE FROM result.key_figure WHERE municipality_code = p_municipality AND fiscal_year = p_year;

    -- The small maps first: every code that occurs in the year, mapped once.
    CREATE TEMP TABLE alloc_org ON COMMIT DROP AS
        SELECT o.org_code, coalesce(result.committee_of(p_municipality, o.org_code, p_year), 'unmapped') AS committee_code
        FROM (SELECT DISTINCT org_code FROM core.ledger_entry WHERE municipality_code = p_municipality AND fiscal_year = p_year
              UNION SELECT DISTINCT org_code FROM core.service_record WHERE municipality_code = p_municipality AND period_start >= y_start AND period_start < y_end
              UNION SELECT DISTINCT org_code FROM core.aggregate_count WHERE municipality_code = p_municipality AND period_start >= y_start AND period_start < y_end) o
        WHERE o.org_code IS NOT NULL;
    CREATE TEMP TABLE alloc_service ON COMMIT DROP AS
        SELECT c.batch_id, c.service_code, coalesce(a.activity_code, 'unmapped') AS activity_code,
               a.method, a.household_split
        FROM (SELECT DISTINCT batch_id, service_code FROM core.service_record
              WHERE municipality_code = p_municipality AND period_start >= y_start AND period_start < y_end) c
        JOIN etl.batch b ON b.batch_id = c.batch_id
        LEFT JOIN LATERAL (SELECT sc.activity_code FROM mapping.service_code sc
                           WHERE sc.municipality_code = p_municipality AND sc.source = b.source
                             AND sc.service_code = c.service_code
                             AND p_year BETWEEN sc.valid_from AND coalesce(sc.valid_to, 32767)
                           ORDER BY sc.valid_from DESC LIMIT 1) m ON true
        LEFT JOIN mapping.activity a ON a.municipality_code = p_municipality AND a.activity_code = m.activity_code;

    -- Ledger cost per committee and activity.
    CREATE TEMP TABLE alloc_cost ON COMMIT DROP AS
        SELECT coalesce(o.committee_code, 'unmapped') AS committee_code,
               CASE WHEN a.activity_code IS NULL THEN 'unmapped' ELSE a.activity_code END AS activity_code,
               sum(l.amount_ore)::bigint AS cost
        FROM core.ledger_entry l
        LEFT JOIN alloc_org o ON o.org_code = l.org_code
        LEFT JOIN mapping.activity a ON a.municipality_code = p_municipality AND a.activity_code = l.activity_code
        WHERE l.municipality_code = p_municipality AND l.fiscal_year = p_year
          AND result.account_type_of(p_municipality, l.account) = ANY (
              CASE WHEN p_cost_basis = 'own' THEN ARRAY['cost', 'internal_revenue'] ELSE ARRAY['cost'] END)
        GROUP BY 1, 2;

    -- Each person of each record, with the weight the household rule gives.
    CREATE TEMP TABLE alloc_measure ON COMMIT DROP AS
        WITH people AS (
            SELECT coalesce(o.committee_code, 'unmapped') AS committee_code, m.activity_code,
                   s.person_key AS person,
                   CASE WHEN s.sex IN (1, 2) THEN s.sex ELSE 0 END AS sex,
                   CASE WHEN m.household_split = 'equal' AND s.co_sex IS NOT NULL THEN 0.5 ELSE 1 END AS weight,
                   s.quantity, s.amount_ore, s.sex IN (1, 2) AS known, true AS is_record
            FROM core.service_record s
            JOIN alloc_service m ON m.batch_id = s.batch_id AND m.service_code = s.service_code
            LEFT JOIN alloc_org o ON o.org_code = s.org_code
            WHERE s.municipality_code = p_municipality AND s.period_start >= y_start AND s.period_start < y_end
            UNION ALL
            SELECT coalesce(o.committee_code, 'unmapped'), m.activity_code, s.co_person_key,
                   CASE WHEN s.co_sex IN (1, 2) THEN s.co_sex ELSE 0 END,
                   0.5, s.quantity, s.amount_ore, s.co_sex IN (1, 2), false
            FROM core.service_record s
            JOIN alloc_service m ON m.batch_id = s.batch_id AND m.service_code = s.service_code
            LEFT JOIN alloc_org o ON o.org_code = s.org_code
            WHERE s.municipality_code = p_municipality AND s.period_start >= y_start AND s.period_start < y_end
              AND m.household_split = 'equal' AND s.co_sex IS NOT NULL
        )
        SELECT committee_code, activity_code, sex,
               count(DISTINCT person) + count(*) FILTER (WHERE person IS NULL) AS heads,
               sum(coalesce(quantity, 0) * weight) AS volume,
               sum(coalesce(amount_ore, 0) * weight) AS paid,
               count(*) FILTER (WHERE is_record) AS records,
               count(*) FILTER (WHERE is_record AND known) AS known
        FROM people GROUP BY 1, 2, 3
        UNION ALL
        SELECT coalesce(o.committee_code, 'unmapped'), coalesce(a.activity_code, 'unmapped'),
               CASE WHEN g.sex IN (1, 2) THEN g.sex ELSE 0 END, 0, sum(g.count), 0, 0, 0
        FROM core.aggregate_count g
        LEFT JOIN alloc_org o ON o.org_code = g.org_code
        LEFT JOIN mapping.activity a ON a.municipality_code = p_municipality AND a.activity_code = g.activity_code
        WHERE g.municipality_code = p_municipality AND g.period_start >= y_start AND g.period_start < y_end
        GROUP BY 1, 2, 3;

    INSERT INTO result.allocation (municipality_code, fiscal_year, committee_code, activity_code, method,
        cost_basis, ledger_cost_ore, women_ore, men_ore, unknown_ore, not_individual_ore, unallocated_ore,
        recipients_women, recipients_men, recipients_unknown, volume_women, volume_men, volume_unknown,
        volume_unit, population_women, population_men, records, records_sex_known)
    WITH keys AS (
        SELECT committee_code, activity_code FROM alloc_cost
        UNION SELECT committee_code, activity_code FROM alloc_measure
    ), m AS (
        SELECT committee_code, activity_code,
               sum(heads) FILTER (WHERE sex = 2) AS heads_w, sum(heads) FILTER (WHERE sex = 1) AS heads_m,
               sum(heads) FILTER (WHERE sex = 0) AS heads_u,
               sum(volume) FILTER (WHERE sex = 2) AS vol_w, sum(volume) FILTER (WHERE sex = 1) AS vol_m,
               sum(volume) FILTER (WHERE sex = 0) AS vol_u,
               sum(paid) FILTER (WHERE sex = 2) AS paid_w, sum(paid) FILTER (WHERE sex = 1) AS paid_m,
               sum(paid) FILTER (WHERE sex = 0) AS paid_u,
               sum(records) AS records, sum(known) AS known
        FROM alloc_measure GROUP BY 1, 2
    ), base AS (
        SELECT k.committee_code, k.activity_code,
               CASE WHEN k.committee_code = 'unmapped' OR k.activity_code = 'unmapped' OR a.method IS NULL
                    THEN 'unmapped' ELSE a.method END AS method,
               coalesce(c.cost, 0) AS cost, a.volume_unit, a.age_from, a.age_to,
               coalesce(m.heads_w, 0) AS heads_w, coalesce(m.heads_m, 0) AS heads_m, coalesce(m.heads_u, 0) AS heads_u,
               coalesce(m.vol_w, 0) AS vol_w, coalesce(m.vol_m, 0) AS vol_m, coalesce(m.vol_u, 0) AS vol_u,
               coalesce(m.paid_w, 0) AS paid_w, coalesce(m.paid_m, 0) AS paid_m, coalesce(m.paid_u, 0) AS paid_u,
               coalesce(m.records, 0) AS records, coalesce(m.known, 0) AS known
        FROM keys k
        LEFT JOIN alloc_cost c USING (committee_code, activity_code)
        LEFT JOIN m USING (committee_code, activity_code)
        LEFT JOIN mapping.activity a ON a.municipality_code = p_municipality AND a.activity_code = k.activity_code
    ), split AS (
        SELECT b.*,
               CASE b.method
                   WHEN 'volume' THEN result.split_exact(b.cost, ARRAY[b.vol_w, b.vol_m, b.vol_u])
                   WHEN 'headcount' THEN result.split_exact(b.cost, ARRAY[b.heads_w, b.heads_m, b.heads_u]::numeric[])
                   WHEN 'aggregate' THEN result.split_exact(b.cost, ARRAY[b.vol_w, b.vol_m, b.vol_u])
                   WHEN 'direct' THEN
                       CASE WHEN p_direct_remainder = 'apart'
                            THEN result.split_exact(round(b.paid_w + b.paid_m + b.paid_u)::bigint, ARRAY[b.paid_w, b.paid_m, b.paid_u])
                            ELSE result.split_exact(b.cost, ARRAY[b.paid_w, b.paid_m, b.paid_u]) END
               END AS parts
        FROM base b
    )
    SELECT p_municipality, p_year, s.committee_code, s.activity_code, s.method, p_cost_basis, s.cost,
           coalesce(s.parts[1], 0), coalesce(s.parts[2], 0), coalesce(s.parts[3], 0),
           CASE WHEN s.method = 'none' THEN s.cost
                WHEN s.method = 'direct' AND p_direct_remainder = 'apart' AND s.parts IS NOT NULL
                    THEN s.cost - (s.parts[1] + s.parts[2] + s.parts[3])
                ELSE 0 END,
           CASE WHEN s.method = 'none' THEN 0
                WHEN s.parts IS NULL THEN s.cost
                ELSE 0 END,
           s.heads_w, s.heads_m, s.heads_u,
           CASE WHEN s.method = 'direct' THEN s.paid_w / 100 ELSE s.vol_w END,
           CASE WHEN s.method = 'direct' THEN s.paid_m / 100 ELSE s.vol_m END,
           CASE WHEN s.method = 'direct' THEN s.paid_u / 100 ELSE s.vol_u END,
           CASE WHEN s.method = 'direct' THEN 'kronor' ELSE s.volume_unit END,
           (SELECT sum(p.count) FROM core.population p WHERE p.municipality_code = p_municipality AND p.year = p_year
              AND p.sex = 2 AND p.age_from >= coalesce(s.age_from, 0) AND p.age_to <= coalesce(s.age_to, 200)),
           (SELECT sum(p.count) FROM core.population p WHERE p.municipality_code = p_municipality AND p.year = p_year
              AND p.sex = 1 AND p.age_from >= coalesce(s.age_from, 0) AND p.age_to <= coalesce(s.age_to, 200)),
           s.records, s.known
    FROM split s;
    GET DIAGNOSTICS n = ROW_COUNT;

    -- Derived figures: per recipient, per unit, per inhabitant, shares, index, band.
    UPDATE result.allocation r SET
        cost_per_recipient_women_ore = round(women_ore::numeric / nullif(recipients_women, 0), 2),
        cost_per_recipient_men_ore = round(men_ore::numeric / nullif(recipients_men, 0), 2),
        cost_per_unit_women_ore = round(women_ore / nullif(volume_women, 0), 2),
        cost_per_unit_men_ore = round(men_ore / nullif(volume_men, 0), 2),
        cost_per_inhabitant_women_ore = round(women_ore::numeric / nullif(population_women, 0), 2),
        cost_per_inhabitant_men_ore = round(men_ore::numeric / nullif(population_men, 0), 2),
        share_cost_women = round(women_ore::numeric / nullif(women_ore + men_ore, 0), 4),
        share_recipients_women = round(recipients_women::numeric / nullif(recipients_women + recipients_men, 0), 4),
        share_population_women = round(population_women::numeric / nullif(population_women + population_men, 0), 4),
        balance_band = CASE WHEN women_ore + men_ore = 0 THEN NULL
                            WHEN women_ore::numeric / (women_ore + men_ore) > 0.6 THEN 'women'
                            WHEN women_ore::numeric / (women_ore + men_ore) < 0.4 THEN 'men'
                            ELSE 'balanced' END
    WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    UPDATE result.allocation SET
        representation_index_women = round(share_cost_women / nullif(share_population_women, 0), 3),
        representation_index_men = round((1 - share_cost_women) / nullif(1 - share_population_women, 0), 3)
    WHERE municipality_code = p_municipality AND fiscal_year = p_year AND share_cost_women IS NOT NULL;

    -- Key figures for the welfare accounts, by sex, with the change since the year before.
    INSERT INTO result.key_figure (municipality_code, fiscal_year, committee_code, activity_code, sex,
        recipients, volume, volume_per_recipient, cost_ore, cost_per_recipient_ore, cost_per_unit_ore,
        coverage_pct)
    SELECT a.municipality_code, a.fiscal_year, a.committee_code, a.activity_code, x.sex, x.recipients,
           x.volume, round(x.volume / nullif(x.recipients, 0), 2), x.cost,
           round(x.cost::numeric / nullif(x.recipients, 0), 2), round(x.cost / nullif(x.volume, 0), 2),
           round(100.0 * a.records_sex_known / nullif(a.records, 0), 2)
    FROM result.allocation a
    CROSS JOIN LATERAL (VALUES (2::smallint, a.recipients_women, a.volume_women, a.women_ore),
                               (1::smallint, a.recipients_men, a.volume_men, a.men_ore),
                               (0::smallint, a.recipients_unknown, a.volume_unknown, a.unknown_ore))
        AS x(sex, recipients, volume, cost)
    WHERE a.municipality_code = p_municipality AND a.fiscal_year = p_year
      AND a.method IN ('volume', 'headcount', 'direct', 'aggregate');
    UPDATE result.key_figure k SET
        recipients_change_pct = round(100.0 * (k.recipients - prev.recipients) / nullif(prev.recipients, 0), 1),
        cost_per_recipient_change_pct = round(100.0 * (k.cost_per_recipient_ore - prev.cost_per_recipient_ore)
                                              / nullif(prev.cost_per_recipient_ore, 0), 1)
    FROM result.key_figure prev
    WHERE k.municipality_code = p_municipality AND k.fiscal_year = p_year
      AND prev.municipality_code = k.municipality_code AND prev.fiscal_year = p_year - 1
      AND prev.committee_code = k.committee_code AND prev.activity_code = k.activity_code AND prev.sex = k.sex;
    RETURN n;
END
$$;
COMMENT ON FUNCTION result.allocate(text, smallint, text, text) IS 'Compute the allocation and key figures of a fiscal year (replacing the year''s earlier results); refuses a closed year.';

-- What no mapping rule matches, for gbetl status: never dropped, always shown.
CREATE FUNCTION result.unmapped_summary() RETURNS TABLE (year smallint, kind text, code text, amount_sek numeric, records bigint)
LANGUAGE sql STABLE AS $$
    SELECT fiscal_year, 'ledger cost centre', org_code, round(sum(amount_ore) / 100.0, 2), count(*)
    FROM core.ledger_entry l
    WHERE result.account_type_of(l.municipality_code, l.account) = 'cost'
      AND result.committee_of(l.municipality_code, l.org_code, l.fiscal_year) IS NULL
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT extract(year FROM s.period_start)::smallint, 'service code of ' || b.source, s.service_code, NULL, count(*)
    FROM core.service_record s JOIN etl.batch b USING (batch_id)
    WHERE NOT EXISTS (SELECT 1 FROM mapping.service_code sc WHERE sc.municipality_code = s.municipality_code
                      AND sc.source = b.source AND sc.service_code = s.service_code)
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
$$;
COMMENT ON FUNCTION result.unmapped_summary() IS 'Ledger cost on cost centres and service records with codes that no mapping rule matches.';

-- Close a year: freeze its allocation as a new version with the batches it rests on.
CREATE FUNCTION result.close_year(p_municipality text, p_year smallint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v integer;
BEGIN
    IF EXISTS (SELECT 1 FROM etl.closed_year WHERE municipality_code = p_municipality AND fiscal_year = p_year) THEN
        RAISE EXCEPTION 'fiscal year % is already closed', p_year USING ERRCODE = '55000';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM result.allocation WHERE municipality_code = p_municipality AND fiscal_year = p_year) THEN
        RAISE EXCEPTION 'fiscal year % has no allocation to close', p_year USING ERRCODE = '55000',
            HINT = 'Run "gbetl allocate --year YEAR" first.';
    END IF;
    SELECT coalesce(max(version), 0) + 1 INTO v FROM result.year_close
    WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    INSERT INTO etl.closed_year (municipality_code, fiscal_year) VALUES (p_municipality, p_year);
    INSERT INTO result.year_close (municipality_code, fiscal_year, version, batches)
    SELECT p_municipality, p_year, v, coalesce(jsonb_agg(jsonb_build_object('batch_id', batch_id, 'source', source,
               'file_name', file_name, 'sha256', sha256) ORDER BY batch_id), '[]'::jsonb)
    FROM etl.batch
    WHERE municipality_code = p_municipality AND status = 'loaded'
      AND period_min < make_date(p_year + 1, 1, 1) AND period_max >= make_date(p_year, 1, 1);
    INSERT INTO result.closed_allocation SELECT v, a.* FROM result.allocation a
    WHERE a.municipality_code = p_municipality AND a.fiscal_year = p_year;
    RETURN v;
END
$$;
COMMENT ON FUNCTION result.close_year(text, smallint) IS 'Close a fiscal year: freeze its allocation as a new version.';

CREATE FUNCTION result.reopen_year(p_municipality text, p_year smallint, p_reason text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF p_reason IS NULL OR length(trim(p_reason)) = 0 THEN
        RAISE EXCEPTION 'a reason is required to reopen a year' USING ERRCODE = '22023';
    END IF;
    DELETE FROM etl.closed_year WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'fiscal year % is not closed', p_year USING ERRCODE = '55000';
    END IF;
    INSERT INTO result.year_reopen (municipality_code, fiscal_year, reason) VALUES (p_municipality, p_year, p_reason);
END
$$;
COMMENT ON FUNCTION result.reopen_year(text, smallint, text) IS 'Reopen a closed year; logged with who, when and why.';

GRANT SELECT ON ALL TABLES IN SCHEMA result TO gbetl_loader, gbetl_finance;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA result TO gbetl_loader;
GRANT INSERT ON result.year_close, result.closed_allocation, result.year_reopen TO gbetl_finance;
