-- 006_allocate_one_pass.sql — result.allocate() reads the year's service
-- records once.
--
-- The function of 004_result.sql scanned the year's service records four
-- times (the cost centres, the service codes, and the people twice) and
-- counted distinct recipients by sorting every record. Here one parallel
-- pass folds the records into one row per source, service code, cost
-- centre, person, sex, co-applicant and co-applicant's sex (people recur
-- every month, so there are far fewer such rows than records), and every
-- figure is derived from that small table. The results are the same, column
-- for column and öre for öre: sums of exact numerics do not depend on how
-- they are grouped, the household weight is the same for every record of a
-- folded row, and records without a person key still count one recipient
-- each. Memory for hashing is raised for the call only (SET work_mem; with
-- the default hash_mem_multiplier of 2 a hash table may take 512 MB), so
-- that the fold does not spill to disk: the benchmark's year of a
-- 1,000,000-inhabitant municipality (50 million records) folds into 600,000
-- rows, about 400 MB of hash table in each process. The ledger's account
-- types are looked up once per account, not once per ledger row. The method
-- is docs/method.md.

CREATE OR REPLACE FUNCTION result.allocate(p_municipality text, p_year smallint,
                                           p_cost_basis text DEFAULT 'gross',
                                           p_direct_remainder text DEFAULT 'share')
RETURNS integer
LANGUAGE plpgsql
SET work_mem = '256MB'
AS $$
DECLARE
    y_start date := make_date(p_year, 1, 1);
    y_end   date := make_date(p_year + 1, 1, 1);
    n integer;
    sources text[];          -- the sources of all batches, numbered
    source_of integer[];     -- batch_id -> number of its source in sources
    batch record;
    sort_setting text := current_setting('enable_sort');
    tuple_cost_setting text := current_setting('parallel_tuple_cost');
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

    -- The one pass over the year's service records: one row per source,
    -- code, cost centre and person (with co-applicant), with the sums and the
    -- number of records. A record's activity depends on its batch only through
    -- the batch's source, so monthly files of one source fold together (a
    -- record whose batch etl.batch does not know gets no source and, as in
    -- 004, counts towards no activity). The source is looked up by batch_id in
    -- an array rather than by a join, which keeps the planner's estimate of
    -- the groups (from batch_id's statistics) low enough for it to aggregate
    -- in each parallel worker first. The estimate is still far above the real
    -- number of groups (it cannot know that people recur), so for this one
    -- statement sorting is switched off (the groups are hashed, in memory: no
    -- sort of every record) and rows passed from the workers are costed as
    -- cheap (the workers pass on only their groups), which makes the planner
    -- choose the parallel plan.
    SELECT array_agg(DISTINCT source ORDER BY source) INTO sources FROM etl.batch;
    FOR batch IN SELECT batch_id, source FROM etl.batch ORDER BY batch_id LOOP
        source_of[batch.batch_id::integer] := array_position(sources, batch.source);
    END LOOP;
    PERFORM set_config('enable_sort', 'off', true), set_config('parallel_tuple_cost', '0.01', true);
    CREATE TEMP TABLE alloc_fold ON COMMIT DROP AS
        SELECT source_of[s.batch_id::integer] AS source_no, s.service_code, s.org_code,
               s.person_key, s.sex, s.co_person_key, s.co_sex,
               sum(s.quantity) AS quantity, sum(s.amount_ore) AS amount_ore, count(*) AS records
        FROM core.service_record s
        WHERE s.municipality_code = p_municipality AND s.period_start >= y_start AND s.period_start < y_end
        GROUP BY 1, 2, 3, 4, 5, 6, 7;
    PERFORM set_config('enable_sort', sort_setting, true), set_config('parallel_tuple_cost', tuple_cost_setting, true);
    ANALYZE alloc_fold;  -- statistics for the statements below, which read it three times

    -- The small maps: every code that occurs in the year, mapped once.
    CREATE TEMP TABLE alloc_org ON COMMIT DROP AS
        SELECT o.org_code, coalesce(result.committee_of(p_municipality, o.org_code, p_year), 'unmapped') AS committee_code
        FROM (SELECT DISTINCT org_code FROM core.ledger_entry WHERE municipality_code = p_municipality AND fiscal_year = p_year
              UNION SELECT DISTINCT org_code FROM alloc_fold
              UNION SELECT DISTINCT org_code FROM core.aggregate_count WHERE municipality_code = p_municipality AND period_start >= y_start AND period_start < y_end) o
        WHERE o.org_code IS NOT NULL;
    CREATE TEMP TABLE alloc_service ON COMMIT DROP AS
        SELECT c.source_no, c.service_code, coalesce(a.activity_code, 'unmapped') AS activity_code,
               a.method, a.household_split
        FROM (SELECT DISTINCT source_no, service_code FROM alloc_fold) c
        LEFT JOIN LATERAL (SELECT sc.activity_code FROM mapping.service_code sc
                           WHERE sc.municipality_code = p_municipality AND sc.source = sources[c.source_no]
                             AND sc.service_code = c.service_code
                             AND p_year BETWEEN sc.valid_from AND coalesce(sc.valid_to, 32767)
                           ORDER BY sc.valid_from DESC LIMIT 1) m ON true
        LEFT JOIN mapping.activity a ON a.municipality_code = p_municipality AND a.activity_code = m.activity_code;

    -- Ledger cost per committee and activity; the type of each account is
    -- looked up once, not once per ledger row.
    CREATE TEMP TABLE alloc_cost ON COMMIT DROP AS
        WITH l AS (
            SELECT org_code, activity_code, account, sum(amount_ore) AS amount_ore
            FROM core.ledger_entry
            WHERE municipality_code = p_municipality AND fiscal_year = p_year
            GROUP BY 1, 2, 3
        ), t AS (
            SELECT x.account, result.account_type_of(p_municipality, x.account) AS account_type
            FROM (SELECT DISTINCT account FROM l) x
        )
        SELECT coalesce(o.committee_code, 'unmapped') AS committee_code,
               CASE WHEN a.activity_code IS NULL THEN 'unmapped' ELSE a.activity_code END AS activity_code,
               sum(l.amount_ore)::bigint AS cost
        FROM l
        JOIN t ON t.account = l.account
        LEFT JOIN alloc_org o ON o.org_code = l.org_code
        LEFT JOIN mapping.activity a ON a.municipality_code = p_municipality AND a.activity_code = l.activity_code
        WHERE t.account_type = ANY (
              CASE WHEN p_cost_basis = 'own' THEN ARRAY['cost', 'internal_revenue'] ELSE ARRAY['cost'] END)
        GROUP BY 1, 2;

    -- Each person of each folded row, with the weight the household rule
    -- gives and the number of records behind it. A row without a person key
    -- stands for that many recipients, one per record.
    CREATE TEMP TABLE alloc_measure ON COMMIT DROP AS
        WITH folded AS (
            SELECT coalesce(o.committee_code, 'unmapped') AS committee_code, m.activity_code,
                   f.person_key, f.sex, f.co_person_key, f.co_sex,
                   coalesce(m.household_split = 'equal' AND f.co_sex IS NOT NULL, false) AS halved,
                   coalesce(f.quantity, 0) AS quantity, coalesce(f.amount_ore, 0) AS amount_ore, f.records
            FROM alloc_fold f
            JOIN alloc_service m ON m.source_no = f.source_no AND m.service_code = f.service_code
            LEFT JOIN alloc_org o ON o.org_code = f.org_code
        ), people AS (
            SELECT committee_code, activity_code, person_key AS person,
                   CASE WHEN sex IN (1, 2) THEN sex ELSE 0 END AS sex,
                   CASE WHEN halved THEN 0.5 ELSE 1 END AS weight,
                   quantity, amount_ore, records, sex IN (1, 2) AS known, true AS is_record
            FROM folded
            UNION ALL
            SELECT committee_code, activity_code, co_person_key,
                   CASE WHEN co_sex IN (1, 2) THEN co_sex ELSE 0 END,
                   0.5, quantity, amount_ore, records, co_sex IN (1, 2), false
            FROM folded
            WHERE halved
        )
        SELECT committee_code, activity_code, sex,
               (count(DISTINCT person) + coalesce(sum(records) FILTER (WHERE person IS NULL), 0))::bigint AS heads,
               sum(quantity * weight) AS volume,
               sum(amount_ore * weight) AS paid,
               coalesce(sum(records) FILTER (WHERE is_record), 0)::bigint AS records,
               coalesce(sum(records) FILTER (WHERE is_record AND known), 0)::bigint AS known
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
COMMENT ON FUNCTION result.allocate(text, smallint, text, text) IS 'Compute the allocation and key figures of a fiscal year (replacing the year''s earlier results) from one pass over its service records; refuses a closed year.';
