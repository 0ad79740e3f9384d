-- 40_allocate.sql — the allocation of a fiscal year's cost to women and
-- men (docs/method.md) and its breakdowns by age band, district and unit,
-- in named steps:
--
--   prepare  allocate_fold      one pass over the year's service records
--            allocate_maps      the committee and district of each cost
--                               centre, the activity of each service code
--            allocate_weights   each sex's weights per committee and
--                               activity, and per cell of each breakdown
--   allocate allocate_cost      the ledger cost per committee and activity
--            allocate_split     the cost split by the weights, inserted
--            allocate_checks    negative weights refused
--            allocate_derived   per recipient, per unit, per inhabitant,
--                               shares, index, band
--            allocate_key_figures  the welfare accounts' figures by sex
--   detail   allocate_detail    each row split over the cells of each
--                               breakdown, its population, the sums checked
--
-- Every split is result.split_exact() (30_split.sql). The steps hand each
-- other temporary tables of the transaction (alloc_*); result.allocate()
-- and result.allocate_detail() of one year in one transaction (as
-- result.allocate_year() calls them) share the one pass over the records.

-- The lower bounds of the age bands (result.age_band), as width_bucket()
-- takes them.
CREATE FUNCTION result.age_bands() RETURNS smallint[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
    bands smallint[];
BEGIN
    SELECT array_agg(band_from ORDER BY band_from) INTO bands FROM result.age_band;
    IF bands IS NULL OR bands[1] <> 0 THEN
        RAISE EXCEPTION 'the age bands do not start at 0' USING ERRCODE = '22023',
            DETAIL = 'result.age_band must have a band from age 0.',
            HINT = 'INSERT INTO result.age_band VALUES (0, ''0–19'') or similar, then allocate again.';
    END IF;
    RETURN bands;
END
$$;
COMMENT ON FUNCTION result.age_bands() IS 'The lower bounds of the age bands of result.age_band, youngest first; refuses bands that do not start at 0.';

-- Step "fold": the one pass over the year's service records, one row per
-- source, service code, cost centre, age band, district and person (with
-- co-applicant), with the sums and the number of records. People recur
-- every month, so there are far fewer such rows than records (the
-- benchmark's 50 million records of a 1,000,000-inhabitant municipality
-- fold into about 600,000), and every figure is derived from them: sums of
-- exact numerics do not depend on how they are grouped, the household
-- weight is the same for every record of a folded row, and records without
-- a person key still count one recipient each.
--
-- A record's activity depends on its batch only through the batch's
-- source, so monthly files of one source fold together (a record whose
-- batch etl.batch does not know gets no source and counts towards no
-- activity). The source is looked up by batch_id in an array rather than
-- by a join, which keeps the planner's estimate of the groups (from
-- batch_id's statistics) low enough for it to aggregate in each parallel
-- worker first. The estimate is still far above the real number of groups
-- (it cannot know that people recur), so for this one statement sorting is
-- switched off (the groups are hashed, in memory: no sort of every record)
-- and rows passed from the workers are costed as cheap (the workers pass on
-- only their groups), which makes the planner choose the parallel plan.
-- Memory for hashing is raised for the call (SET work_mem; with the
-- default hash_mem_multiplier of 2 a hash table may take 512 MB), so that
-- the fold does not spill to disk. Without p_detail (the allocation
-- alone) the age band and district are left out (NULL): the fold is then
-- as small as the allocation needs.
CREATE FUNCTION result.allocate_fold(p_municipality text, p_year smallint, p_detail boolean) RETURNS void
LANGUAGE plpgsql
SET work_mem = '256MB'
AS $$
DECLARE
    bands smallint[] := CASE WHEN p_detail THEN result.age_bands() END;
    source_of integer[];     -- batch_id -> number of its source in alloc_source
    batch record;
    sort_setting text := current_setting('enable_sort');
    tuple_cost_setting text := current_setting('parallel_tuple_cost');
BEGIN
    CREATE TEMP TABLE alloc_source ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY source)::integer AS source_no, source
        FROM (SELECT DISTINCT source FROM etl.batch) s;
    FOR batch IN SELECT b.batch_id, s.source_no FROM etl.batch b JOIN alloc_source s USING (source)
                 ORDER BY b.batch_id LOOP
        source_of[batch.batch_id::integer] := batch.source_no;
    END LOOP;
    PERFORM set_config('enable_sort', 'off', true), set_config('parallel_tuple_cost', '0.01', true);
    -- (the age band and district keys only with p_detail: even a constant
    -- key costs the hash of every record something)
    EXECUTE format($fold$
        CREATE TEMP TABLE alloc_fold ON COMMIT DROP AS
        SELECT $1[s.batch_id::integer] AS source_no, s.service_code, s.org_code, %s
               s.person_key, s.sex, s.co_person_key, s.co_sex,
               sum(s.quantity) AS quantity, sum(s.amount_ore) AS amount_ore, count(*) AS records
        FROM core.service_record s
        WHERE s.municipality_code = $2 AND s.period_start >= $3 AND s.period_start < $4
        GROUP BY %s$fold$,
        CASE WHEN p_detail THEN 'width_bucket(s.age, $5) AS band, s.district AS district,' ELSE '' END,
        CASE WHEN p_detail THEN '1, 2, 3, 4, 5, 6, 7, 8, 9' ELSE '1, 2, 3, 4, 5, 6, 7' END)
    USING source_of, p_municipality, make_date(p_year, 1, 1), make_date(p_year + 1, 1, 1), bands;
    IF NOT p_detail THEN
        ALTER TABLE alloc_fold ADD COLUMN band integer, ADD COLUMN district text;
    END IF;
    PERFORM set_config('enable_sort', sort_setting, true), set_config('parallel_tuple_cost', tuple_cost_setting, true);
    ANALYZE alloc_fold;  -- statistics for the steps below, which read it several times
END
$$;
COMMENT ON FUNCTION result.allocate_fold(text, smallint, boolean) IS 'Allocation step: fold the year''s service records into temporary table alloc_fold (one row per source, code, cost centre, age band, district and person).';

-- Step "maps": every code that occurs in the year, mapped once: the
-- committee and the district of each cost centre (of the ledger, the
-- records and the aggregate counts), the activity, method and household rule of each
-- source's service code.
CREATE FUNCTION result.allocate_maps(p_municipality text, p_year smallint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    CREATE TEMP TABLE alloc_org ON COMMIT DROP AS
        SELECT o.org_code, coalesce(u.committee_code, result.c_unmapped()) AS committee_code, u.district
        FROM (SELECT DISTINCT org_code FROM core.ledger_entry WHERE municipality_code = p_municipality AND fiscal_year = p_year
              UNION SELECT DISTINCT org_code FROM alloc_fold
              UNION SELECT DISTINCT org_code FROM core.aggregate_count WHERE municipality_code = p_municipality
                    AND period_start >= make_date(p_year, 1, 1) AND period_start < make_date(p_year + 1, 1, 1)) o
        CROSS JOIN LATERAL result.org_unit_of(p_municipality, o.org_code, p_year) u
        WHERE o.org_code IS NOT NULL;
    CREATE TEMP TABLE alloc_service ON COMMIT DROP AS
        SELECT c.source_no, c.service_code, coalesce(a.activity_code, result.c_unmapped()) AS activity_code,
               a.method, a.household_split
        FROM (SELECT DISTINCT source_no, service_code FROM alloc_fold) c
        LEFT JOIN alloc_source src ON src.source_no = c.source_no
        LEFT JOIN LATERAL (SELECT sc.activity_code FROM mapping.service_code sc
                           WHERE sc.municipality_code = p_municipality AND sc.source = src.source
                             AND sc.service_code = c.service_code
                             AND p_year BETWEEN sc.valid_from AND coalesce(sc.valid_to, result.c_open_year())
                           ORDER BY sc.valid_from DESC LIMIT 1) m ON true
        LEFT JOIN mapping.activity a ON a.municipality_code = p_municipality AND a.activity_code = m.activity_code;
END
$$;
COMMENT ON FUNCTION result.allocate_maps(text, smallint) IS 'Allocation step: map every cost centre and service code of the year once (temporary tables alloc_org, alloc_service).';

-- Step "weights": each person of each folded row, with the weight the
-- household rule gives and the number of records behind it (a row without
-- a person key stands for that many recipients, one per record), summed by
-- committee, activity and sex for the whole row (dimension 'row') and for
-- each cell of each breakdown, with the aggregate counts beside them (their
-- cells are the breakdowns' unknown ones, but for the unit and the district
-- of their cost centre); a record without a district of its own is in its
-- cost centre's district (org_units.csv), if it has one; then one row
-- per committee, activity and cell with each sex's recipients, volume and
-- payments side by side. Distinct recipients are counted per cell: a woman
-- whose records fall in two cells counts in both. Without p_detail only
-- the whole row is measured (the statement is put together for the case:
-- grouping sets, even of constant keys, cost a pass over the rows each).
CREATE FUNCTION result.allocate_weights(p_municipality text, p_year smallint, p_detail boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    labels text[];
BEGIN
    SELECT array_agg(label ORDER BY band_from) INTO labels FROM result.age_band;
    EXECUTE format($measure$
        CREATE TEMP TABLE alloc_measure ON COMMIT DROP AS
        WITH folded AS (
            SELECT coalesce(o.committee_code, result.c_unmapped()) AS committee_code, m.activity_code,
                   CASE WHEN f.band >= 1 THEN f.band END AS band,
                   coalesce(nullif(btrim(f.district), ''), CASE WHEN $2 THEN o.district END,
                            result.c_unknown_cell('district')) AS district,
                   CASE WHEN $2 THEN f.org_code END AS org_code,
                   f.person_key, f.sex, f.co_person_key, f.co_sex,
                   coalesce(m.household_split = 'equal' AND f.co_sex IS NOT NULL, false) AS halved,
                   coalesce(f.quantity, 0) AS quantity, coalesce(f.amount_ore, 0) AS amount_ore, f.records
            FROM alloc_fold f
            JOIN alloc_service m ON m.source_no = f.source_no AND m.service_code = f.service_code
            LEFT JOIN alloc_org o ON o.org_code = f.org_code
        ), people AS (
            SELECT committee_code, activity_code, band, district, org_code, person_key AS person,
                   CASE WHEN sex IN (1, 2) THEN sex ELSE 0 END AS sex,
                   CASE WHEN halved THEN 0.5 ELSE 1 END AS weight,
                   quantity, amount_ore, records, sex IN (1, 2) AS known, true AS is_record
            FROM folded
            UNION ALL
            SELECT committee_code, activity_code, band, district, org_code, co_person_key,
                   CASE WHEN co_sex IN (1, 2) THEN co_sex ELSE 0 END,
                   0.5, quantity, amount_ore, records, co_sex IN (1, 2), false
            FROM folded
            WHERE halved
        ), by_sex AS (
        SELECT committee_code, activity_code,
               %s,
               sex,
               (count(DISTINCT person) + coalesce(sum(records) FILTER (WHERE person IS NULL), 0))::bigint AS heads,
               sum(quantity * weight) AS volume,
               sum(amount_ore * weight) AS paid,
               coalesce(sum(records) FILTER (WHERE is_record), 0)::bigint AS records,
               coalesce(sum(records) FILTER (WHERE is_record AND known), 0)::bigint AS known
        FROM people
        GROUP BY committee_code, activity_code, sex%s
        UNION ALL
        SELECT coalesce(o.committee_code, result.c_unmapped()), coalesce(a.activity_code, result.c_unmapped()), d.dimension,
               CASE d.dimension WHEN 'row' THEN NULL WHEN 'unit' THEN g.org_code
                    WHEN 'district' THEN coalesce(CASE WHEN $2 THEN o.district END, result.c_unknown_cell('district'))
                    ELSE result.c_unknown_cell(d.dimension) END,
               NULL::integer, CASE WHEN g.sex IN (1, 2) THEN g.sex ELSE 0 END, 0, sum(g.count), 0, 0, 0
        FROM core.aggregate_count g
        CROSS JOIN (VALUES ('row'), ('age_band'), ('district'), ('unit')) d(dimension)
        LEFT JOIN alloc_org o ON o.org_code = g.org_code
        LEFT JOIN mapping.activity a ON a.municipality_code = $3 AND a.activity_code = g.activity_code
        WHERE g.municipality_code = $3
          AND g.period_start >= make_date($4, 1, 1) AND g.period_start < make_date($4 + 1, 1, 1)
        GROUP BY 1, 2, 3, 4, 5, 6
        )
        SELECT committee_code, activity_code, dimension, cell, min(cell_order) AS cell_order,
               coalesce(sum(heads) FILTER (WHERE sex = 2), 0) AS heads_w, coalesce(sum(heads) FILTER (WHERE sex = 1), 0) AS heads_m,
               coalesce(sum(heads) FILTER (WHERE sex = 0), 0) AS heads_u,
               coalesce(sum(volume) FILTER (WHERE sex = 2), 0) AS vol_w, coalesce(sum(volume) FILTER (WHERE sex = 1), 0) AS vol_m,
               coalesce(sum(volume) FILTER (WHERE sex = 0), 0) AS vol_u,
               coalesce(sum(paid) FILTER (WHERE sex = 2), 0) AS paid_w, coalesce(sum(paid) FILTER (WHERE sex = 1), 0) AS paid_m,
               coalesce(sum(paid) FILTER (WHERE sex = 0), 0) AS paid_u,
               sum(records)::bigint AS records, sum(known)::bigint AS known
        FROM by_sex GROUP BY 1, 2, 3, 4$measure$,
        CASE WHEN p_detail THEN
            $cells$CASE WHEN GROUPING(band, district, org_code) = 7 THEN 'row' WHEN GROUPING(band) = 0 THEN 'age_band'
                    WHEN GROUPING(district) = 0 THEN 'district' ELSE 'unit' END AS dimension,
               CASE WHEN GROUPING(band, district, org_code) = 7 THEN NULL
                    WHEN GROUPING(band) = 0 THEN coalesce($1[band], result.c_unknown_cell('age_band'))
                    WHEN GROUPING(district) = 0 THEN district ELSE org_code END AS cell,
               CASE WHEN GROUPING(band) = 0 THEN band END AS cell_order$cells$
        ELSE $row$'row' AS dimension, NULL::text AS cell, NULL::integer AS cell_order$row$ END,
        CASE WHEN p_detail THEN ', GROUPING SETS ((), (band), (district), (org_code))' ELSE '' END)
    USING labels, p_detail, p_municipality, p_year;
END
$$;
COMMENT ON FUNCTION result.allocate_weights(text, smallint, boolean) IS 'Allocation step: recipients, volume, payments and records by committee, activity and sex, for the row and each cell of each breakdown (temporary table alloc_measure).';

-- The steps the allocation and its breakdowns share, once per transaction
-- and year: fold, maps, weights — with the breakdowns' cells (p_detail)
-- or without. p_again makes them anew (result.allocate() does: the data
-- may have changed since).
CREATE FUNCTION result.allocate_prepare(p_municipality text, p_year smallint, p_again boolean,
                                        p_detail boolean) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass('pg_temp.alloc_prepared') IS NOT NULL THEN
        IF NOT p_again AND EXISTS (SELECT 1 FROM alloc_prepared
                                   WHERE municipality_code = p_municipality AND fiscal_year = p_year
                                     AND (detail OR NOT p_detail)) THEN
            RETURN;
        END IF;
        DROP TABLE alloc_prepared, alloc_source, alloc_fold, alloc_org, alloc_service, alloc_measure;
    END IF;
    PERFORM result.allocate_fold(p_municipality, p_year, p_detail);
    PERFORM result.allocate_maps(p_municipality, p_year);
    PERFORM result.allocate_weights(p_municipality, p_year, p_detail);
    CREATE TEMP TABLE alloc_prepared ON COMMIT DROP AS
        SELECT p_municipality AS municipality_code, p_year AS fiscal_year, p_detail AS detail;
END
$$;
COMMENT ON FUNCTION result.allocate_prepare(text, smallint, boolean, boolean) IS 'The allocation steps fold, maps and weights of a year (with the breakdowns'' cells or without), done once per transaction (or again with p_again).';

-- Step "cost": the ledger cost per committee and activity; the type of
-- each account is looked up once, not once per ledger row.
CREATE FUNCTION result.allocate_cost(p_municipality text, p_year smallint, p_cost_basis text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass('pg_temp.alloc_cost') IS NOT NULL THEN
        DROP TABLE alloc_cost;  -- an earlier allocation in this transaction
    END IF;
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
        SELECT coalesce(o.committee_code, result.c_unmapped()) AS committee_code,
               coalesce(a.activity_code, result.c_unmapped()) AS activity_code,
               sum(l.amount_ore) AS cost
        FROM l
        JOIN t ON t.account = l.account
        LEFT JOIN alloc_org o ON o.org_code = l.org_code
        LEFT JOIN mapping.activity a ON a.municipality_code = p_municipality AND a.activity_code = l.activity_code
        WHERE t.account_type = ANY (
              CASE WHEN p_cost_basis = 'own' THEN ARRAY['cost', 'internal_revenue'] ELSE ARRAY['cost'] END)
        GROUP BY 1, 2;
END
$$;
COMMENT ON FUNCTION result.allocate_cost(text, smallint, text) IS 'Allocation step: the year''s ledger cost per committee and activity on the cost basis (temporary table alloc_cost).';

-- Step "split": each committee and activity's cost split by its method's
-- weights (volume and aggregate: the volumes; headcount: the recipients;
-- direct: the amounts paid) into result.allocation, with the population of
-- the activity's ages. Direct activities with the remainder apart split the
-- amounts paid and show the rest of the cost as not individual-based; a
-- row without weights is unallocated; 'none' is not individual-based.
-- Unallocated is what remains, so every row reconciles by construction.
CREATE FUNCTION result.allocate_split(p_municipality text, p_year smallint, p_cost_basis text,
                                      p_direct_remainder text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    INSERT INTO result.allocation (municipality_code, fiscal_year, committee_code, activity_code, method,
        cost_basis, ledger_cost_ore, women_ore, men_ore, unknown_ore, not_individual_ore, unallocated_ore,
        recipients_women, recipients_men, recipients_unknown, volume_women, volume_men, volume_unknown,
        volume_unit, population_women, population_men, records, records_sex_known)
    WITH m AS (
        SELECT * FROM alloc_measure WHERE dimension = 'row'
    ), keys AS (
        SELECT committee_code, activity_code FROM alloc_cost
        UNION SELECT committee_code, activity_code FROM m
    ), base AS (
        SELECT k.committee_code, k.activity_code,
               CASE WHEN result.c_unmapped() IN (k.committee_code, k.activity_code) OR a.method IS NULL
                    THEN result.c_unmapped() ELSE a.method END AS method,
               coalesce(c.cost, 0) AS cost, a.volume_unit, a.age_from, a.age_to,
               coalesce(m.heads_w, 0) AS heads_w, coalesce(m.heads_m, 0) AS heads_m, coalesce(m.heads_u, 0) AS heads_u,
               coalesce(m.vol_w, 0) AS vol_w, coalesce(m.vol_m, 0) AS vol_m, coalesce(m.vol_u, 0) AS vol_u,
               coalesce(m.paid_w, 0) AS paid_w, coalesce(m.paid_m, 0) AS paid_m, coalesce(m.paid_u, 0) AS paid_u,
               coalesce(m.records, 0) AS records, coalesce(m.known, 0) AS known
        FROM keys k
        LEFT JOIN alloc_cost c USING (committee_code, activity_code)
        LEFT JOIN m USING (committee_code, activity_code)
        LEFT JOIN mapping.activity a ON a.municipality_code = p_municipality AND a.activity_code = k.activity_code
    ), weighed AS (
        SELECT b.*, b.method = 'direct' AND p_direct_remainder = 'apart' AS apart,
               CASE b.method WHEN 'volume' THEN ARRAY[b.vol_w, b.vol_m, b.vol_u]
                             WHEN 'aggregate' THEN ARRAY[b.vol_w, b.vol_m, b.vol_u]
                             WHEN 'headcount' THEN ARRAY[b.heads_w, b.heads_m, b.heads_u]::numeric[]
                             WHEN 'direct' THEN ARRAY[b.paid_w, b.paid_m, b.paid_u] END AS weights
        FROM base b
    ), split AS (
        SELECT w.*,
               result.split_exact(CASE WHEN w.apart THEN round(w.paid_w + w.paid_m + w.paid_u) ELSE w.cost END,
                                  w.weights) AS parts
        FROM weighed w
    ), parts AS (
        SELECT s.*, coalesce(s.parts[1], 0) AS women, coalesce(s.parts[2], 0) AS men, coalesce(s.parts[3], 0) AS unknown,
               CASE WHEN s.method = 'none' THEN s.cost
                    WHEN s.apart AND s.parts IS NOT NULL THEN s.cost - (s.parts[1] + s.parts[2] + s.parts[3])
                    ELSE 0 END AS not_individual
        FROM split s
    )
    SELECT p_municipality, p_year, p.committee_code, p.activity_code, p.method, p_cost_basis, p.cost,
           p.women, p.men, p.unknown, p.not_individual, p.cost - p.women - p.men - p.unknown - p.not_individual,
           p.heads_w, p.heads_m, p.heads_u,
           CASE WHEN p.method = 'direct' THEN p.paid_w / 100 ELSE p.vol_w END,
           CASE WHEN p.method = 'direct' THEN p.paid_m / 100 ELSE p.vol_m END,
           CASE WHEN p.method = 'direct' THEN p.paid_u / 100 ELSE p.vol_u END,
           CASE WHEN p.method = 'direct' THEN 'kronor' ELSE p.volume_unit END,
           pop.women, pop.men, p.records, p.known
    FROM parts p
    LEFT JOIN LATERAL (SELECT sum(x.count) FILTER (WHERE x.sex = 2) AS women, sum(x.count) FILTER (WHERE x.sex = 1) AS men
                       FROM core.population x
                       WHERE x.municipality_code = p_municipality AND x.year = p_year
                         AND result.within_ages(x.age_from, x.age_to, p.age_from, p.age_to)) pop ON true;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION result.allocate_split(text, smallint, text, text) IS 'Allocation step: split each committee and activity''s cost by its method''s weights into result.allocation.';

-- Step "checks": result.split_exact() counts a negative weight as zero, so
-- corrections (negative quantities, counts or payments that a source with
-- allow_negative = yes may send) that make the volume of one sex negative
-- would give all of an activity's cost to the other sex. An activity split
-- by volume, aggregate counts or payments whose weight for women, men or
-- unknown sex is negative is refused.
CREATE FUNCTION result.allocate_checks(p_municipality text, p_year smallint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    SELECT a.committee_code, a.activity_code, a.method,
           CASE WHEN a.volume_women < 0 THEN 'women' WHEN a.volume_men < 0 THEN 'men' ELSE 'unknown sex' END AS sex
    INTO bad
    FROM result.allocation a
    WHERE a.municipality_code = p_municipality AND a.fiscal_year = p_year
      AND a.method IN ('volume', 'aggregate', 'direct')
      AND least(a.volume_women, a.volume_men, a.volume_unknown) < 0
    ORDER BY a.committee_code, a.activity_code
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the weight of % in committee "%", activity "%" in % is negative',
            bad.sex, bad.committee_code, bad.activity_code, p_year
            USING ERRCODE = '22023',
            DETAIL = format('The activity is split by %s; corrections (negative quantities, counts or payments) make the total of %s below zero.', bad.method, bad.sex),
            HINT = 'Correct or remove the correction rows of the year''s files and load them again.';
    END IF;
END
$$;
COMMENT ON FUNCTION result.allocate_checks(text, smallint) IS 'Allocation step: refuse an activity whose weight for a sex is negative, naming committee, activity and year.';

-- Step "derived figures": per recipient, per unit, per inhabitant, shares,
-- representation index, balance band.
CREATE FUNCTION result.allocate_derived(p_municipality text, p_year smallint) RETURNS void
LANGUAGE sql AS $$
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
$$;
COMMENT ON FUNCTION result.allocate_derived(text, smallint) IS 'Allocation step: the figures derived from each row of result.allocation (per recipient, unit and inhabitant, shares, index, band).';

-- Step "key figures": the welfare accounts' figures by sex, with the change
-- since the year before.
CREATE FUNCTION result.allocate_key_figures(p_municipality text, p_year smallint) RETURNS void
LANGUAGE sql AS $$
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
$$;
COMMENT ON FUNCTION result.allocate_key_figures(text, smallint) IS 'Allocation step: the key figures of a year by sex (result.key_figure), with the change since the year before.';

-- The cost basis of an allocation, and of the budget split by it: gross
-- (cost accounts) or own (net of internal revenue).
CREATE FUNCTION result.check_cost_basis(p_cost_basis text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF p_cost_basis NOT IN ('gross', 'own') THEN
        RAISE EXCEPTION 'unknown cost basis "%"', p_cost_basis USING ERRCODE = '22023',
            HINT = 'Use gross or own.';
    END IF;
END
$$;
COMMENT ON FUNCTION result.check_cost_basis(text) IS 'Refuse (22023) a cost basis other than gross or own.';

-- The allocation of a year: the steps above in order, in the caller's
-- transaction, replacing the year's earlier results; refuses a closed year.
-- p_breakdowns measures the breakdowns' cells in the same pass, for
-- result.allocate_detail() after it (result.allocate_year() does).
CREATE FUNCTION result.allocate(p_municipality text, p_year smallint,
                                p_cost_basis text DEFAULT 'gross',
                                p_direct_remainder text DEFAULT 'share',
                                p_breakdowns boolean DEFAULT false)
RETURNS integer
LANGUAGE plpgsql
SET work_mem = '256MB'
AS $$
DECLARE
    n integer;
BEGIN
    PERFORM result.check_cost_basis(p_cost_basis);
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
    PERFORM result.allocate_prepare(p_municipality, p_year, true, p_breakdowns);
    PERFORM result.allocate_cost(p_municipality, p_year, p_cost_basis);
    n := result.allocate_split(p_municipality, p_year, p_cost_basis, p_direct_remainder);
    PERFORM result.allocate_checks(p_municipality, p_year);
    PERFORM result.allocate_derived(p_municipality, p_year);
    PERFORM result.allocate_key_figures(p_municipality, p_year);
    RETURN n;
END
$$;
COMMENT ON FUNCTION result.allocate(text, smallint, text, text, boolean) IS 'Compute the allocation and key figures of a fiscal year (replacing the year''s earlier results) from one pass over its service records; refuses a closed year and negative weights, naming committee, activity and year.';

-- The breakdowns: each row of the year's result.allocation split over the
-- cells of each breakdown — each sex's part (women, men, unknown) by that
-- sex's weight in the cell under the row's method, not individual-based
-- and unallocated by the weight of all sexes, each by largest remainder —
-- so that the cells of every breakdown sum to the row exactly. A part no
-- cell has a weight for (cost without recipients, not individual-based
-- activities) goes to the breakdown's unknown cell. Then the population of
-- each age band and district within the activity's ages, and a check that
-- every breakdown sums to its row.
CREATE FUNCTION result.allocate_detail(p_municipality text, p_year smallint) RETURNS integer
LANGUAGE plpgsql
SET work_mem = '256MB'
AS $$
DECLARE
    bad record;
    n integer;
BEGIN
    DELETE FROM result.allocation_detail WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    PERFORM result.allocate_prepare(p_municipality, p_year, false, true);

    -- The cells of every row and breakdown (with the breakdown's unknown
    -- cell always among them), their weights under the row's method, and
    -- each part of the row split over them.
    INSERT INTO result.allocation_detail (municipality_code, fiscal_year, committee_code, activity_code, dimension,
        cell, cell_order, method, ledger_cost_ore, women_ore, men_ore, unknown_ore, not_individual_ore,
        unallocated_ore, recipients_women, recipients_men, recipients_unknown, volume_women, volume_men,
        volume_unknown, records)
    WITH measured AS (
        SELECT * FROM alloc_measure WHERE dimension <> 'row'
    ), rows AS (
        SELECT a.committee_code, a.activity_code, a.method, a.women_ore, a.men_ore, a.unknown_ore,
               a.not_individual_ore, a.unallocated_ore, d.dimension, result.c_unknown_cell(d.dimension) AS unknown_cell
        FROM result.allocation a
        CROSS JOIN (VALUES ('age_band'), ('district'), ('unit')) AS d(dimension)
        WHERE a.municipality_code = p_municipality AND a.fiscal_year = p_year
    ), cells AS (
        SELECT r.*, m.cell, m.cell_order, m.heads_w, m.heads_m, m.heads_u, m.paid_w, m.paid_m, m.paid_u,
               m.records,
               CASE WHEN r.method = 'direct' THEN m.paid_w / 100 ELSE m.vol_w END AS vol_w,
               CASE WHEN r.method = 'direct' THEN m.paid_m / 100 ELSE m.vol_m END AS vol_m,
               CASE WHEN r.method = 'direct' THEN m.paid_u / 100 ELSE m.vol_u END AS vol_u,
               CASE r.method WHEN 'volume' THEN m.vol_w WHEN 'aggregate' THEN m.vol_w
                             WHEN 'headcount' THEN m.heads_w WHEN 'direct' THEN m.paid_w ELSE 0 END AS w_w,
               CASE r.method WHEN 'volume' THEN m.vol_m WHEN 'aggregate' THEN m.vol_m
                             WHEN 'headcount' THEN m.heads_m WHEN 'direct' THEN m.paid_m ELSE 0 END AS w_m,
               CASE r.method WHEN 'volume' THEN m.vol_u WHEN 'aggregate' THEN m.vol_u
                             WHEN 'headcount' THEN m.heads_u WHEN 'direct' THEN m.paid_u ELSE 0 END AS w_u
        FROM rows r
        JOIN measured m USING (committee_code, activity_code, dimension)
        UNION ALL
        SELECT r.*, r.unknown_cell, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        FROM rows r
        WHERE NOT EXISTS (SELECT 1 FROM measured m WHERE m.committee_code = r.committee_code
                          AND m.activity_code = r.activity_code AND m.dimension = r.dimension AND m.cell = r.unknown_cell)
    ), grouped AS (
        SELECT committee_code, activity_code, method, dimension,
               min(women_ore) AS women_ore, min(men_ore) AS men_ore, min(unknown_ore) AS unknown_ore,
               min(not_individual_ore) AS not_individual_ore, min(unallocated_ore) AS unallocated_ore,
               array_agg(cell ORDER BY cell) AS cell, array_agg(cell_order ORDER BY cell) AS cell_order,
               array_position(array_agg(cell ORDER BY cell), min(unknown_cell)) AS fallback,
               array_agg(w_w ORDER BY cell) AS w_w, array_agg(w_m ORDER BY cell) AS w_m, array_agg(w_u ORDER BY cell) AS w_u,
               array_agg(greatest(w_w, 0) + greatest(w_m, 0) + greatest(w_u, 0) ORDER BY cell) AS w_all,
               array_agg(heads_w ORDER BY cell) AS heads_w, array_agg(heads_m ORDER BY cell) AS heads_m,
               array_agg(heads_u ORDER BY cell) AS heads_u,
               array_agg(vol_w ORDER BY cell) AS vol_w, array_agg(vol_m ORDER BY cell) AS vol_m,
               array_agg(vol_u ORDER BY cell) AS vol_u, array_agg(records ORDER BY cell) AS records
        FROM cells
        GROUP BY committee_code, activity_code, method, dimension
    ), split AS (
        SELECT g.*,
               result.split_exact(g.women_ore, g.w_w, g.fallback) AS w,
               result.split_exact(g.men_ore, g.w_m, g.fallback) AS m,
               result.split_exact(g.unknown_ore, g.w_u, g.fallback) AS u,
               result.split_exact(g.not_individual_ore, g.w_all, g.fallback) AS ni,
               result.split_exact(g.unallocated_ore, g.w_all, g.fallback) AS un
        FROM grouped g
    )
    SELECT p_municipality, p_year, g.committee_code, g.activity_code, g.dimension, g.cell[i], g.cell_order[i], g.method,
           g.w[i] + g.m[i] + g.u[i] + g.ni[i] + g.un[i], g.w[i], g.m[i], g.u[i], g.ni[i], g.un[i],
           g.heads_w[i], g.heads_m[i], g.heads_u[i], g.vol_w[i], g.vol_m[i], g.vol_u[i], g.records[i]
    FROM split g
    CROSS JOIN LATERAL generate_subscripts(g.cell, 1) AS i
    WHERE g.w[i] <> 0 OR g.m[i] <> 0 OR g.u[i] <> 0 OR g.ni[i] <> 0 OR g.un[i] <> 0 OR g.records[i] <> 0
       OR g.heads_w[i] + g.heads_m[i] + g.heads_u[i] <> 0 OR g.vol_w[i] <> 0 OR g.vol_m[i] <> 0 OR g.vol_u[i] <> 0;
    GET DIAGNOSTICS n = ROW_COUNT;

    -- The population of each age band and district within the activity's
    -- ages (as a row's population: result.within_ages). The year's
    -- population is summed by age band, district, ages and sex first: a few
    -- thousand rows, joined by equality.
    CREATE TEMP TABLE detail_population ON COMMIT DROP AS
        SELECT width_bucket(pop.age_from, result.age_bands()) AS band,
               coalesce(nullif(btrim(pop.area), ''), result.c_unknown_cell('district')) AS area,
               pop.age_from, pop.age_to, pop.sex, sum(pop.count) AS count
        FROM core.population pop
        WHERE pop.municipality_code = p_municipality AND pop.year = p_year AND pop.sex IN (1, 2)
        GROUP BY 1, 2, 3, 4, 5;
    CREATE TEMP TABLE detail_cell ON COMMIT DROP AS
        SELECT DISTINCT d.activity_code, d.dimension, d.cell, d.cell_order, a.age_from, a.age_to
        FROM result.allocation_detail d
        LEFT JOIN mapping.activity a ON a.municipality_code = p_municipality AND a.activity_code = d.activity_code
        WHERE d.municipality_code = p_municipality AND d.fiscal_year = p_year AND d.dimension IN ('age_band', 'district');
    ANALYZE detail_population;
    ANALYZE detail_cell;
    UPDATE result.allocation_detail d SET population_women = p.women, population_men = p.men
    FROM (SELECT x.activity_code, x.dimension, x.cell,
                 sum(pop.count) FILTER (WHERE pop.sex = 2) AS women, sum(pop.count) FILTER (WHERE pop.sex = 1) AS men
          FROM detail_cell x
          JOIN detail_population pop ON pop.band = x.cell_order
          WHERE x.dimension = 'age_band' AND result.within_ages(pop.age_from, pop.age_to, x.age_from, x.age_to)
          GROUP BY 1, 2, 3
          UNION ALL
          SELECT x.activity_code, x.dimension, x.cell,
                 sum(pop.count) FILTER (WHERE pop.sex = 2), sum(pop.count) FILTER (WHERE pop.sex = 1)
          FROM detail_cell x
          JOIN detail_population pop ON pop.area = x.cell
          WHERE x.dimension = 'district' AND result.within_ages(pop.age_from, pop.age_to, x.age_from, x.age_to)
          GROUP BY 1, 2, 3) p
    WHERE d.municipality_code = p_municipality AND d.fiscal_year = p_year
      AND d.activity_code = p.activity_code AND d.dimension = p.dimension AND d.cell = p.cell;
    DROP TABLE detail_population, detail_cell;

    -- Every breakdown sums to its row, part for part: a failure here is a
    -- fault in gbetl, and nothing of the allocation is kept.
    SELECT a.committee_code, a.activity_code, x.dimension INTO bad
    FROM result.allocation a
    CROSS JOIN (VALUES ('age_band'), ('district'), ('unit')) x(dimension)
    LEFT JOIN LATERAL (SELECT sum(d.ledger_cost_ore) AS cost, sum(d.women_ore) AS w, sum(d.men_ore) AS m,
                              sum(d.unknown_ore) AS u, sum(d.not_individual_ore) AS ni, sum(d.unallocated_ore) AS un
                       FROM result.allocation_detail d
                       WHERE d.municipality_code = a.municipality_code AND d.fiscal_year = a.fiscal_year
                         AND d.committee_code = a.committee_code AND d.activity_code = a.activity_code
                         AND d.dimension = x.dimension) s ON true
    WHERE a.municipality_code = p_municipality AND a.fiscal_year = p_year
      AND (s.cost, s.w, s.m, s.u, s.ni, s.un) IS DISTINCT FROM
          (a.ledger_cost_ore::numeric, a.women_ore::numeric, a.men_ore::numeric, a.unknown_ore::numeric,
           a.not_individual_ore::numeric, a.unallocated_ore::numeric)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the % breakdown of committee "%", activity "%" in % does not sum to its allocation',
            bad.dimension, bad.committee_code, bad.activity_code, p_year
            USING ERRCODE = 'XX000', HINT = 'This is a fault in gbetl; please report it. Nothing was changed.';
    END IF;
    RETURN n;
END
$$;
COMMENT ON FUNCTION result.allocate_detail(text, smallint) IS 'Break down each row of a year''s result.allocation by age band, district and unit into result.allocation_detail, exact to the öre, and check that every breakdown sums to its row.';

-- Allocate a year and record it: the allocation, its rule for direct
-- activities, the breakdowns (sharing the allocation's one pass over the
-- records) and the year's state, in one transaction under gbetl's lock.
CREATE FUNCTION result.allocate_year(p_municipality text, p_year smallint, p_cost_basis text,
                                     p_direct_remainder text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(etl.c_lock_key());
    n := result.allocate(p_municipality, p_year, p_cost_basis, p_direct_remainder, true);
    UPDATE result.allocation SET direct_remainder = p_direct_remainder
    WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    PERFORM result.allocate_detail(p_municipality, p_year);
    PERFORM etl.year_mark(p_municipality, p_year, 'allocated');
    RETURN n;
END
$$;
COMMENT ON FUNCTION result.allocate_year(text, smallint, text, text) IS 'result.allocate and its breakdowns (result.allocate_detail), recording the rule for direct activities and the year''s state (etl.year_state), under gbetl''s lock.';
