-- 013_allocation_detail.sql — always sex, never only sex: each committee ×
-- activity × year of result.allocation broken down by age band, district and
-- unit (cost centre), exact to the öre; the age-standardised women's share
-- beside the crude one; and a target per kind of activity.
--
-- The method is docs/method.md ("Breakdowns", "Age standardisation",
-- "Targets"); what analysts see is docs/analysts.md.
--
-- * result.allocate_detail(municipality, year) splits each row of the
--   year's result.allocation over the cells of each breakdown: each sex's
--   part (women, men, unknown) by that sex's weight in the cell under the
--   row's method (volume, distinct recipients, amounts paid or aggregate
--   counts), not individual-based and unallocated by the weight of all
--   sexes, each by largest remainder (result.split_exact), so that the cells
--   of every breakdown sum to the row exactly. A part no cell has a weight
--   for (cost without recipients, not individual-based activities) goes to
--   the breakdown's "unknown" cell (okänd ålder, okänt område, okänd enhet).
--   The function checks every breakdown against its row before it returns.
-- * result.allocate_year() (007) is replaced by one that does what it did and
--   then calls result.allocate_detail(), in the same transaction; neither
--   result.allocate() nor its checks (010) change.
-- * A close of a year (result.year_close) copies the year's cells into
--   result.closed_allocation_detail, by trigger, with the close's version.

-- The target of an activity (activities.csv's optional eighth column).
ALTER TABLE mapping.activity ADD COLUMN target text CHECK (target IN ('balance', 'need'));
COMMENT ON COLUMN mapping.activity.target IS 'What the women''s share is judged against: balance (40–60 %: participation, grants, leisure), need (the age-standardised share within the need tolerance of 50 %), or NULL (no judgement).';

-- The age bands of the breakdown: each band runs from its band_from to the
-- next band's band_from minus one; the last has no upper limit.
CREATE TABLE result.age_band (
    band_from smallint PRIMARY KEY CHECK (band_from >= 0 AND band_from <= 150),
    label     text NOT NULL UNIQUE CHECK (length(trim(label)) > 0)
);
COMMENT ON TABLE result.age_band IS 'The age bands of the age breakdown (result.allocation_detail) and of the age standardisation: a band from each band_from to the next one; the first must start at 0. Change them with INSERT, UPDATE and DELETE and allocate again.';
COMMENT ON COLUMN result.age_band.band_from IS 'Youngest age of the band.';
COMMENT ON COLUMN result.age_band.label IS 'Name of the band in the reports, such as 65–79.';
INSERT INTO result.age_band VALUES (0, '0–19'), (20, '20–64'), (65, '65–79'), (80, '80–89'), (90, '90+');

CREATE TABLE result.allocation_detail (
    municipality_code  text NOT NULL,
    fiscal_year        smallint NOT NULL,
    committee_code     text NOT NULL,
    activity_code      text NOT NULL,
    dimension          text NOT NULL CHECK (dimension IN ('age_band', 'district', 'unit')),
    cell               text NOT NULL,
    cell_order         integer,
    method             text NOT NULL,
    ledger_cost_ore    bigint NOT NULL,
    women_ore          bigint NOT NULL,
    men_ore            bigint NOT NULL,
    unknown_ore        bigint NOT NULL,
    not_individual_ore bigint NOT NULL,
    unallocated_ore    bigint NOT NULL,
    recipients_women   bigint NOT NULL DEFAULT 0,
    recipients_men     bigint NOT NULL DEFAULT 0,
    recipients_unknown bigint NOT NULL DEFAULT 0,
    volume_women       numeric,
    volume_men         numeric,
    volume_unknown     numeric,
    records            bigint NOT NULL DEFAULT 0,
    population_women   bigint,
    population_men     bigint,
    PRIMARY KEY (municipality_code, fiscal_year, committee_code, activity_code, dimension, cell),
    CONSTRAINT allocation_detail_reconciles
        CHECK (women_ore + men_ore + unknown_ore + not_individual_ore + unallocated_ore = ledger_cost_ore)
);
COMMENT ON TABLE result.allocation_detail IS 'Each row of result.allocation broken down by age band, district and unit (cost centre): per breakdown the cells sum exactly, öre for öre, to the row.';
COMMENT ON COLUMN result.allocation_detail.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN result.allocation_detail.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN result.allocation_detail.committee_code IS 'Committee (as in result.allocation).';
COMMENT ON COLUMN result.allocation_detail.activity_code IS 'Activity (as in result.allocation).';
COMMENT ON COLUMN result.allocation_detail.dimension IS 'The breakdown: age_band (the recipient''s age at the record''s start), district (the service record''s district) or unit (the record''s cost centre).';
COMMENT ON COLUMN result.allocation_detail.cell IS 'The cell: an age band of result.age_band, a district, or a cost centre; okänd ålder, okänt område and okänd enhet for records without one and for cost no cell has a weight for.';
COMMENT ON COLUMN result.allocation_detail.cell_order IS 'Order of the age bands (1 the youngest); NULL for the other breakdowns and the unknown cells.';
COMMENT ON COLUMN result.allocation_detail.method IS 'The row''s method (result.allocation.method): what the cells'' weights are.';
COMMENT ON COLUMN result.allocation_detail.ledger_cost_ore IS 'The cell''s share of the row''s ledger cost, öre.';
COMMENT ON COLUMN result.allocation_detail.women_ore IS 'Cost allocated to women in the cell, öre.';
COMMENT ON COLUMN result.allocation_detail.men_ore IS 'Cost allocated to men in the cell, öre.';
COMMENT ON COLUMN result.allocation_detail.unknown_ore IS 'Cost allocated to recipients of unknown sex in the cell, öre.';
COMMENT ON COLUMN result.allocation_detail.not_individual_ore IS 'The cell''s share of the not individual-based cost, öre.';
COMMENT ON COLUMN result.allocation_detail.unallocated_ore IS 'The cell''s share of the unallocated cost, öre.';
COMMENT ON COLUMN result.allocation_detail.recipients_women IS 'Distinct women in the cell (a woman whose records fall in two cells counts in both).';
COMMENT ON COLUMN result.allocation_detail.recipients_men IS 'Distinct men in the cell.';
COMMENT ON COLUMN result.allocation_detail.recipients_unknown IS 'Recipients of unknown sex in the cell.';
COMMENT ON COLUMN result.allocation_detail.volume_women IS 'Volume to women in the cell (kronor for direct, people for aggregate).';
COMMENT ON COLUMN result.allocation_detail.volume_men IS 'Volume to men in the cell.';
COMMENT ON COLUMN result.allocation_detail.volume_unknown IS 'Volume to recipients of unknown sex in the cell.';
COMMENT ON COLUMN result.allocation_detail.records IS 'Records behind the cell.';
COMMENT ON COLUMN result.allocation_detail.population_women IS 'Women of the cell''s age band or district within the activity''s age band, from the year''s population; NULL for units.';
COMMENT ON COLUMN result.allocation_detail.population_men IS 'Men of the cell''s age band or district within the activity''s age band.';

CREATE TABLE result.closed_allocation_detail (
    version integer NOT NULL,
    LIKE result.allocation_detail INCLUDING CONSTRAINTS
);
ALTER TABLE result.closed_allocation_detail
    ADD PRIMARY KEY (municipality_code, fiscal_year, version, committee_code, activity_code, dimension, cell);
COMMENT ON TABLE result.closed_allocation_detail IS 'Frozen copies of result.allocation_detail, one per close of a year (version, as in result.closed_allocation).';
COMMENT ON COLUMN result.closed_allocation_detail.version IS 'The close (result.year_close.version) the copy belongs to.';

-- Split an amount over cells by weights (largest remainder); when no cell
-- has a positive weight the whole amount goes to the cell p_fallback.
CREATE FUNCTION result.split_cells(p_amount bigint, p_weights numeric[], p_fallback integer) RETURNS bigint[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    parts bigint[];
BEGIN
    IF p_amount = 0 THEN
        RETURN array_fill(0::bigint, ARRAY[array_length(p_weights, 1)]);
    END IF;
    parts := result.split_exact(p_amount, p_weights);
    IF parts IS NULL THEN
        parts := array_fill(0::bigint, ARRAY[array_length(p_weights, 1)]);
        parts[p_fallback] := p_amount;
    END IF;
    RETURN parts;
END
$$;
COMMENT ON FUNCTION result.split_cells(bigint, numeric[], integer) IS 'Largest-remainder split of an amount in öre over the cells of a breakdown; with no positive weight the whole amount goes to the fallback cell.';

CREATE FUNCTION result.allocate_detail(p_municipality text, p_year smallint) RETURNS integer
LANGUAGE plpgsql
SET work_mem = '256MB'
AS $$
DECLARE
    y_start date := make_date(p_year, 1, 1);
    y_end   date := make_date(p_year + 1, 1, 1);
    bands smallint[];
    labels text[];
    sources text[];
    source_of integer[];
    batch record;
    bad record;
    n integer;
    sort_setting text := current_setting('enable_sort');
    tuple_cost_setting text := current_setting('parallel_tuple_cost');
BEGIN
    DELETE FROM result.allocation_detail WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    SELECT array_agg(band_from ORDER BY band_from), array_agg(label ORDER BY band_from) INTO bands, labels
    FROM result.age_band;
    IF bands IS NULL OR bands[1] <> 0 THEN
        RAISE EXCEPTION 'the age bands do not start at 0' USING ERRCODE = '22023',
            DETAIL = 'result.age_band must have a band from age 0.',
            HINT = 'INSERT INTO result.age_band VALUES (0, ''0–19'') or similar, then allocate again.';
    END IF;

    -- One pass over the year's records, as in result.allocate(), folded by
    -- age band and district as well (see 006 for the planner settings).
    SELECT array_agg(DISTINCT source ORDER BY source) INTO sources FROM etl.batch;
    FOR batch IN SELECT batch_id, source FROM etl.batch ORDER BY batch_id LOOP
        source_of[batch.batch_id::integer] := array_position(sources, batch.source);
    END LOOP;
    PERFORM set_config('enable_sort', 'off', true), set_config('parallel_tuple_cost', '0.01', true);
    CREATE TEMP TABLE detail_fold ON COMMIT DROP AS
        SELECT source_of[s.batch_id::integer] AS source_no, s.service_code, s.org_code,
               width_bucket(s.age, bands) AS band, s.district,
               s.person_key, s.sex, s.co_person_key, s.co_sex,
               sum(s.quantity) AS quantity, sum(s.amount_ore) AS amount_ore, count(*) AS records
        FROM core.service_record s
        WHERE s.municipality_code = p_municipality AND s.period_start >= y_start AND s.period_start < y_end
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
    PERFORM set_config('enable_sort', sort_setting, true), set_config('parallel_tuple_cost', tuple_cost_setting, true);

    CREATE TEMP TABLE detail_org ON COMMIT DROP AS
        SELECT o.org_code, coalesce(result.committee_of(p_municipality, o.org_code, p_year), 'unmapped') AS committee_code
        FROM (SELECT DISTINCT org_code FROM detail_fold
              UNION SELECT DISTINCT org_code FROM core.aggregate_count
              WHERE municipality_code = p_municipality AND period_start >= y_start AND period_start < y_end) o;
    CREATE TEMP TABLE detail_service ON COMMIT DROP AS
        SELECT c.source_no, c.service_code, coalesce(a.activity_code, 'unmapped') AS activity_code, a.household_split
        FROM (SELECT DISTINCT source_no, service_code FROM detail_fold) c
        LEFT JOIN LATERAL (SELECT sc.activity_code FROM mapping.service_code sc
                           WHERE sc.municipality_code = p_municipality AND sc.source = sources[c.source_no]
                             AND sc.service_code = c.service_code
                             AND p_year BETWEEN sc.valid_from AND coalesce(sc.valid_to, 32767)
                           ORDER BY sc.valid_from DESC LIMIT 1) m ON true
        LEFT JOIN mapping.activity a ON a.municipality_code = p_municipality AND a.activity_code = m.activity_code;

    -- Each cell's measures by sex, as result.allocate() measures a row.
    CREATE TEMP TABLE detail_measure ON COMMIT DROP AS
        WITH folded AS (
            SELECT coalesce(o.committee_code, 'unmapped') AS committee_code, m.activity_code,
                   CASE WHEN f.band >= 1 THEN f.band END AS band,
                   coalesce(nullif(btrim(f.district), ''), 'okänt område') AS district, f.org_code,
                   f.person_key, f.sex, f.co_person_key, f.co_sex,
                   coalesce(m.household_split = 'equal' AND f.co_sex IS NOT NULL, false) AS halved,
                   coalesce(f.quantity, 0) AS quantity, coalesce(f.amount_ore, 0) AS amount_ore, f.records
            FROM detail_fold f
            JOIN detail_service m ON m.source_no = f.source_no AND m.service_code = f.service_code
            LEFT JOIN detail_org o ON o.org_code = f.org_code
        ), people AS (
            SELECT committee_code, activity_code, band, district, org_code, person_key AS person,
                   CASE WHEN sex IN (1, 2) THEN sex ELSE 0 END AS sex,
                   CASE WHEN halved THEN 0.5 ELSE 1 END AS weight, quantity, amount_ore, records, true AS is_record
            FROM folded
            UNION ALL
            SELECT committee_code, activity_code, band, district, org_code, co_person_key,
                   CASE WHEN co_sex IN (1, 2) THEN co_sex ELSE 0 END, 0.5, quantity, amount_ore, records, false
            FROM folded
            WHERE halved
        )
        SELECT committee_code, activity_code,
               CASE WHEN GROUPING(band) = 0 THEN 'age_band' WHEN GROUPING(district) = 0 THEN 'district' ELSE 'unit' END AS dimension,
               CASE WHEN GROUPING(band) = 0 THEN coalesce(labels[band], 'okänd ålder')
                    WHEN GROUPING(district) = 0 THEN district ELSE org_code END AS cell,
               CASE WHEN GROUPING(band) = 0 THEN band END AS cell_order,
               sex,
               (count(DISTINCT person) + coalesce(sum(records) FILTER (WHERE person IS NULL), 0))::bigint AS heads,
               sum(quantity * weight) AS volume,
               sum(amount_ore * weight) AS paid,
               coalesce(sum(records) FILTER (WHERE is_record), 0)::bigint AS records
        FROM people
        GROUP BY committee_code, activity_code, sex, GROUPING SETS ((band), (district), (org_code))
        UNION ALL
        SELECT coalesce(o.committee_code, 'unmapped'), coalesce(a.activity_code, 'unmapped'), d.dimension,
               CASE d.dimension WHEN 'unit' THEN g.org_code WHEN 'district' THEN 'okänt område' ELSE 'okänd ålder' END,
               NULL::integer, CASE WHEN g.sex IN (1, 2) THEN g.sex ELSE 0 END, 0, sum(g.count), 0, 0
        FROM core.aggregate_count g
        CROSS JOIN (VALUES ('age_band'), ('district'), ('unit')) d(dimension)
        LEFT JOIN detail_org o ON o.org_code = g.org_code
        LEFT JOIN mapping.activity a ON a.municipality_code = p_municipality AND a.activity_code = g.activity_code
        WHERE g.municipality_code = p_municipality AND g.period_start >= y_start AND g.period_start < y_end
        GROUP BY 1, 2, 3, 4, 5, 6;

    -- The cells of every row and breakdown (with the breakdown's unknown
    -- cell always among them), their weights under the row's method, and
    -- each part of the row split over them.
    INSERT INTO result.allocation_detail (municipality_code, fiscal_year, committee_code, activity_code, dimension,
        cell, cell_order, method, ledger_cost_ore, women_ore, men_ore, unknown_ore, not_individual_ore,
        unallocated_ore, recipients_women, recipients_men, recipients_unknown, volume_women, volume_men,
        volume_unknown, records)
    WITH measured AS (
        SELECT committee_code, activity_code, dimension, cell, min(cell_order) AS cell_order,
               coalesce(sum(heads) FILTER (WHERE sex = 2), 0) AS heads_w, coalesce(sum(heads) FILTER (WHERE sex = 1), 0) AS heads_m,
               coalesce(sum(heads) FILTER (WHERE sex = 0), 0) AS heads_u,
               coalesce(sum(volume) FILTER (WHERE sex = 2), 0) AS vol_w, coalesce(sum(volume) FILTER (WHERE sex = 1), 0) AS vol_m,
               coalesce(sum(volume) FILTER (WHERE sex = 0), 0) AS vol_u,
               coalesce(sum(paid) FILTER (WHERE sex = 2), 0) AS paid_w, coalesce(sum(paid) FILTER (WHERE sex = 1), 0) AS paid_m,
               coalesce(sum(paid) FILTER (WHERE sex = 0), 0) AS paid_u,
               sum(records)::bigint AS records
        FROM detail_measure GROUP BY 1, 2, 3, 4
    ), rows AS (
        SELECT a.committee_code, a.activity_code, a.method, a.women_ore, a.men_ore, a.unknown_ore,
               a.not_individual_ore, a.unallocated_ore, d.dimension, d.unknown_cell
        FROM result.allocation a
        CROSS JOIN (VALUES ('age_band', 'okänd ålder'), ('district', 'okänt område'), ('unit', 'okänd enhet'))
            AS d(dimension, unknown_cell)
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
               array_agg(cell ORDER BY cell) AS cell, array_agg(cell_order ORDER BY cell) AS cell_order,
               array_position(array_agg(cell ORDER BY cell), min(unknown_cell)) AS fallback,
               result.split_cells(min(women_ore), array_agg(w_w ORDER BY cell), array_position(array_agg(cell ORDER BY cell), min(unknown_cell))) AS w,
               result.split_cells(min(men_ore), array_agg(w_m ORDER BY cell), array_position(array_agg(cell ORDER BY cell), min(unknown_cell))) AS m,
               result.split_cells(min(unknown_ore), array_agg(w_u ORDER BY cell), array_position(array_agg(cell ORDER BY cell), min(unknown_cell))) AS u,
               result.split_cells(min(not_individual_ore), array_agg(greatest(w_w, 0) + greatest(w_m, 0) + greatest(w_u, 0) ORDER BY cell),
                                  array_position(array_agg(cell ORDER BY cell), min(unknown_cell))) AS ni,
               result.split_cells(min(unallocated_ore), array_agg(greatest(w_w, 0) + greatest(w_m, 0) + greatest(w_u, 0) ORDER BY cell),
                                  array_position(array_agg(cell ORDER BY cell), min(unknown_cell))) AS un,
               array_agg(heads_w ORDER BY cell) AS heads_w, array_agg(heads_m ORDER BY cell) AS heads_m,
               array_agg(heads_u ORDER BY cell) AS heads_u,
               array_agg(vol_w ORDER BY cell) AS vol_w, array_agg(vol_m ORDER BY cell) AS vol_m,
               array_agg(vol_u ORDER BY cell) AS vol_u, array_agg(records ORDER BY cell) AS records
        FROM cells
        GROUP BY committee_code, activity_code, method, dimension
    )
    SELECT p_municipality, p_year, g.committee_code, g.activity_code, g.dimension, g.cell[i], g.cell_order[i], g.method,
           g.w[i] + g.m[i] + g.u[i] + g.ni[i] + g.un[i], g.w[i], g.m[i], g.u[i], g.ni[i], g.un[i],
           g.heads_w[i], g.heads_m[i], g.heads_u[i], g.vol_w[i], g.vol_m[i], g.vol_u[i], g.records[i]
    FROM grouped g
    CROSS JOIN LATERAL generate_subscripts(g.cell, 1) AS i
    WHERE g.w[i] <> 0 OR g.m[i] <> 0 OR g.u[i] <> 0 OR g.ni[i] <> 0 OR g.un[i] <> 0 OR g.records[i] <> 0
       OR g.heads_w[i] + g.heads_m[i] + g.heads_u[i] <> 0 OR g.vol_w[i] <> 0 OR g.vol_m[i] <> 0 OR g.vol_u[i] <> 0;
    GET DIAGNOSTICS n = ROW_COUNT;

    -- The population of each age band and district within the activity's
    -- age band (as result.allocate() counts a row's population).
    -- (The year's population, summed by age band, district, ages and sex
    -- first: a few thousand rows, joined by equality.)
    CREATE TEMP TABLE detail_population ON COMMIT DROP AS
        SELECT width_bucket(pop.age_from, bands) AS band, coalesce(nullif(btrim(pop.area), ''), 'okänt område') AS area,
               pop.age_from, pop.age_to, pop.sex, sum(pop.count) AS count
        FROM core.population pop
        WHERE pop.municipality_code = p_municipality AND pop.year = p_year AND pop.sex IN (1, 2)
        GROUP BY 1, 2, 3, 4, 5;
    CREATE TEMP TABLE detail_cell ON COMMIT DROP AS
        SELECT DISTINCT d.activity_code, d.dimension, d.cell, d.cell_order,
               coalesce(a.age_from, 0) AS age_from, coalesce(a.age_to, 200) AS age_to
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
          WHERE x.dimension = 'age_band' AND pop.age_from >= x.age_from AND pop.age_to <= x.age_to
          GROUP BY 1, 2, 3
          UNION ALL
          SELECT x.activity_code, x.dimension, x.cell,
                 sum(pop.count) FILTER (WHERE pop.sex = 2), sum(pop.count) FILTER (WHERE pop.sex = 1)
          FROM detail_cell x
          JOIN detail_population pop ON pop.area = x.cell
          WHERE x.dimension = 'district' AND pop.age_from >= x.age_from AND pop.age_to <= x.age_to
          GROUP BY 1, 2, 3) p
    WHERE d.municipality_code = p_municipality AND d.fiscal_year = p_year
      AND d.activity_code = p.activity_code AND d.dimension = p.dimension AND d.cell = p.cell;

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

-- 007's result.allocate_year(), then the breakdowns, in one transaction.
CREATE OR REPLACE FUNCTION result.allocate_year(p_municipality text, p_year smallint, p_cost_basis text,
                                                p_direct_remainder text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(4711002);
    n := result.allocate(p_municipality, p_year, p_cost_basis, p_direct_remainder);
    UPDATE result.allocation SET direct_remainder = p_direct_remainder
    WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    PERFORM result.allocate_detail(p_municipality, p_year);
    PERFORM etl.year_mark(p_municipality, p_year, 'allocated');
    RETURN n;
END
$$;
COMMENT ON FUNCTION result.allocate_year(text, smallint, text, text) IS 'result.allocate and its breakdowns (result.allocate_detail), recording the rule for direct activities and the year''s state (etl.year_state), under gbetl''s lock.';

-- A close freezes the breakdowns with the allocation.
CREATE FUNCTION result.freeze_allocation_detail() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO result.closed_allocation_detail
    SELECT NEW.version, d.* FROM result.allocation_detail d
    WHERE d.municipality_code = NEW.municipality_code AND d.fiscal_year = NEW.fiscal_year;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION result.freeze_allocation_detail() IS 'Copy a closed year''s breakdowns into result.closed_allocation_detail with the close''s version.';
CREATE TRIGGER freeze_allocation_detail AFTER INSERT ON result.year_close
    FOR EACH ROW EXECUTE FUNCTION result.freeze_allocation_detail();

CREATE VIEW result.published_allocation_detail AS
    SELECT d.*, false AS closed FROM result.allocation_detail d
    WHERE NOT EXISTS (SELECT 1 FROM etl.closed_year c WHERE c.municipality_code = d.municipality_code AND c.fiscal_year = d.fiscal_year)
    UNION ALL
    SELECT c.municipality_code, c.fiscal_year, c.committee_code, c.activity_code, c.dimension, c.cell, c.cell_order,
           c.method, c.ledger_cost_ore, c.women_ore, c.men_ore, c.unknown_ore, c.not_individual_ore, c.unallocated_ore,
           c.recipients_women, c.recipients_men, c.recipients_unknown, c.volume_women, c.volume_men, c.volume_unknown,
           c.records, c.population_women, c.population_men, true
    FROM result.closed_allocation_detail c
    WHERE EXISTS (SELECT 1 FROM etl.closed_year y WHERE y.municipality_code = c.municipality_code AND y.fiscal_year = c.fiscal_year)
      AND c.version = (SELECT max(version) FROM result.year_close v
                       WHERE v.municipality_code = c.municipality_code AND v.fiscal_year = c.fiscal_year);
COMMENT ON VIEW result.published_allocation_detail IS 'The breakdowns as published: frozen for closed years, current for open ones.';

-- Which cells are hidden. Primary: the cell has a small count (from 1 to
-- the threshold minus 1: recipients of a sex, or people counted by an
-- aggregate activity), or its whole row is hidden (result.suppressed_group).
-- Secondary: when only one cell of a breakdown is hidden, the row's total
-- less the other cells would give it back, so the cell with the fewest
-- people (more than none) among the others is hidden too.
CREATE VIEW result.suppressed_cell AS
    WITH t AS (SELECT result.suppress_below() AS t),
    d AS (
        SELECT d.municipality_code, d.fiscal_year, d.committee_code, d.activity_code, d.dimension, d.cell,
               coalesce(g.hidden, false)
               OR result.small_count(t.t, d.recipients_women, d.recipients_men, d.recipients_unknown)
               OR (d.method = 'aggregate' AND result.small_count(t.t, d.volume_women, d.volume_men, d.volume_unknown))
                   AS primary_hidden,
               CASE WHEN d.method = 'aggregate' THEN coalesce(d.volume_women, 0) + coalesce(d.volume_men, 0) + coalesce(d.volume_unknown, 0)
                    ELSE d.recipients_women + d.recipients_men + d.recipients_unknown END AS people
        FROM result.published_allocation_detail d CROSS JOIN t
        LEFT JOIN result.suppressed_group g ON g.municipality_code = d.municipality_code AND g.fiscal_year = d.fiscal_year
             AND g.committee_code = d.committee_code AND g.activity_code = d.activity_code
    ), r AS (
        SELECT d.*,
               count(*) FILTER (WHERE primary_hidden)
                   OVER (PARTITION BY municipality_code, fiscal_year, committee_code, activity_code, dimension) AS n_hidden,
               row_number() OVER (PARTITION BY municipality_code, fiscal_year, committee_code, activity_code, dimension, primary_hidden
                                  ORDER BY people = 0, people, cell) AS rank_shown
        FROM d
    )
    SELECT municipality_code, fiscal_year, committee_code, activity_code, dimension, cell,
           primary_hidden OR (n_hidden = 1 AND rank_shown = 1) AS hidden,
           NOT primary_hidden AND n_hidden = 1 AND rank_shown = 1 AS secondary
    FROM r;
COMMENT ON VIEW result.suppressed_cell IS 'Per cell of a breakdown: whether its counts are hidden (a small count, its row hidden, or hidden beside the only other hidden cell of the breakdown).';

CREATE VIEW reporting.allocation_detail AS
    SELECT d.fiscal_year, d.committee_code, d.activity_code,
           coalesce((SELECT t.activity_name FROM mapping.activity t WHERE t.municipality_code = d.municipality_code
                     AND t.activity_code = d.activity_code), 'Ej mappat / unmapped') AS activity_name,
           d.dimension, d.cell, d.cell_order, d.method,
           (SELECT t.target FROM mapping.activity t WHERE t.municipality_code = d.municipality_code
                   AND t.activity_code = d.activity_code) AS target,
           CASE WHEN NOT s.hidden THEN round(d.ledger_cost_ore / 100.0, 2) END AS cost_total_sek,
           CASE WHEN NOT s.hidden THEN round(d.women_ore / 100.0, 2) END AS cost_women_sek,
           CASE WHEN NOT s.hidden THEN round(d.men_ore / 100.0, 2) END AS cost_men_sek,
           CASE WHEN NOT s.hidden THEN round(d.unknown_ore / 100.0, 2) END AS cost_unknown_sek,
           CASE WHEN NOT s.hidden THEN round(d.not_individual_ore / 100.0, 2) END AS cost_not_individual_sek,
           CASE WHEN NOT s.hidden THEN round(d.unallocated_ore / 100.0, 2) END AS cost_unallocated_sek,
           CASE WHEN NOT s.hidden THEN d.recipients_women END AS recipients_women,
           CASE WHEN NOT s.hidden THEN d.recipients_men END AS recipients_men,
           s.hidden AS recipients_suppressed,
           CASE WHEN NOT s.hidden THEN round(100.0 * d.women_ore / nullif(d.women_ore + d.men_ore, 0), 1) END AS share_women_pct,
           d.population_women, d.population_men,
           CASE WHEN NOT s.hidden THEN round(d.women_ore / 100.0 / nullif(d.population_women, 0), 2) END AS cost_per_inhabitant_women_sek,
           CASE WHEN NOT s.hidden THEN round(d.men_ore / 100.0 / nullif(d.population_men, 0), 2) END AS cost_per_inhabitant_men_sek,
           d.closed
    FROM result.published_allocation_detail d
    JOIN result.suppressed_cell s USING (municipality_code, fiscal_year, committee_code, activity_code, dimension, cell)
    UNION ALL
    SELECT d.fiscal_year, d.committee_code, d.activity_code,
           coalesce((SELECT t.activity_name FROM mapping.activity t WHERE t.municipality_code = d.municipality_code
                     AND t.activity_code = d.activity_code), 'Ej mappat / unmapped'),
           d.dimension, 'övriga (dolda)', NULL, d.method,
           (SELECT t.target FROM mapping.activity t WHERE t.municipality_code = d.municipality_code
                   AND t.activity_code = d.activity_code),
           round(sum(d.ledger_cost_ore) / 100.0, 2), round(sum(d.women_ore) / 100.0, 2), round(sum(d.men_ore) / 100.0, 2),
           round(sum(d.unknown_ore) / 100.0, 2), round(sum(d.not_individual_ore) / 100.0, 2),
           round(sum(d.unallocated_ore) / 100.0, 2), NULL, NULL, true, NULL, NULL, NULL, NULL, NULL, d.closed
    FROM result.published_allocation_detail d
    JOIN result.suppressed_cell s USING (municipality_code, fiscal_year, committee_code, activity_code, dimension, cell)
    WHERE s.hidden
    GROUP BY d.municipality_code, d.fiscal_year, d.committee_code, d.activity_code, d.dimension, d.method, d.closed;
COMMENT ON VIEW reporting.allocation_detail IS 'Each committee and activity of reporting.allocation broken down by age band, district and unit (cost centre), SEK: the cells of a breakdown sum to the row exactly. A cell with a small count (from 1 to the suppression threshold minus 1), every cell of a hidden row, and the cell hidden beside a single hidden one show nothing but their name and population; their cost is shown together in the row "övriga (dolda)" of the breakdown.';
COMMENT ON COLUMN reporting.allocation_detail.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.allocation_detail.committee_code IS 'Committee code (unmapped for cost centres no rule maps).';
COMMENT ON COLUMN reporting.allocation_detail.activity_code IS 'Activity code.';
COMMENT ON COLUMN reporting.allocation_detail.activity_name IS 'Activity name.';
COMMENT ON COLUMN reporting.allocation_detail.dimension IS 'The breakdown: age_band, district or unit (cost centre).';
COMMENT ON COLUMN reporting.allocation_detail.cell IS 'Age band, district or cost centre; okänd ålder, okänt område, okänd enhet where unknown; övriga (dolda) for the hidden cells together.';
COMMENT ON COLUMN reporting.allocation_detail.cell_order IS 'Order of the age bands, youngest first; NULL otherwise.';
COMMENT ON COLUMN reporting.allocation_detail.method IS 'How cost was split: volume, headcount, direct, aggregate, none, unmapped.';
COMMENT ON COLUMN reporting.allocation_detail.target IS 'The activity''s target: balance (40–60 % to women), need (the age-standardised share near 50 %), or NULL (no judgement).';
COMMENT ON COLUMN reporting.allocation_detail.cost_total_sek IS 'The cell''s cost, SEK; NULL when hidden.';
COMMENT ON COLUMN reporting.allocation_detail.cost_women_sek IS 'Cost allocated to women in the cell, SEK; NULL when hidden.';
COMMENT ON COLUMN reporting.allocation_detail.cost_men_sek IS 'Cost allocated to men in the cell, SEK; NULL when hidden.';
COMMENT ON COLUMN reporting.allocation_detail.cost_unknown_sek IS 'Cost allocated to recipients of unknown sex in the cell, SEK; NULL when hidden.';
COMMENT ON COLUMN reporting.allocation_detail.cost_not_individual_sek IS 'The cell''s share of the not individual-based cost, SEK; NULL when hidden.';
COMMENT ON COLUMN reporting.allocation_detail.cost_unallocated_sek IS 'The cell''s share of the unallocated cost, SEK; NULL when hidden.';
COMMENT ON COLUMN reporting.allocation_detail.recipients_women IS 'Women recipients in the cell; NULL when hidden.';
COMMENT ON COLUMN reporting.allocation_detail.recipients_men IS 'Men recipients in the cell; NULL when hidden.';
COMMENT ON COLUMN reporting.allocation_detail.recipients_suppressed IS 'True when the cell is hidden, and in the row övriga (dolda).';
COMMENT ON COLUMN reporting.allocation_detail.share_women_pct IS 'Women''s share of the cell''s cost allocated to women and men, per cent; NULL when hidden.';
COMMENT ON COLUMN reporting.allocation_detail.population_women IS 'Women of the age band or district within the activity''s age band; NULL for units.';
COMMENT ON COLUMN reporting.allocation_detail.population_men IS 'Men of the age band or district within the activity''s age band; NULL for units.';
COMMENT ON COLUMN reporting.allocation_detail.cost_per_inhabitant_women_sek IS 'Cost to women per woman of the cell''s population, SEK; NULL when hidden.';
COMMENT ON COLUMN reporting.allocation_detail.cost_per_inhabitant_men_sek IS 'Cost to men per man of the cell''s population, SEK; NULL when hidden.';
COMMENT ON COLUMN reporting.allocation_detail.closed IS 'True when the year is closed and the figures are the frozen ones.';

-- How far (percentage points) the age-standardised women's share of an
-- activity with the target "need" may lie from 50 %.
CREATE FUNCTION result.need_tolerance_pp() RETURNS numeric
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$
    SELECT coalesce((SELECT s.value::numeric FROM result.setting s WHERE s.key = 'need_tolerance_pp'), 10)
$$;
COMMENT ON FUNCTION result.need_tolerance_pp() IS 'The need tolerance: how many percentage points the age-standardised women''s share of an activity with the target need may lie from 50 % (default 10).';
REVOKE ALL ON FUNCTION result.need_tolerance_pp() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION result.need_tolerance_pp() TO gbetl_analyst, gbetl_finance, gbetl_loader;

CREATE FUNCTION result.set_need_tolerance_pp(p_points numeric) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
AS $$
BEGIN
    IF p_points IS NULL OR p_points < 0 OR p_points > 50 THEN
        RAISE EXCEPTION 'a need tolerance of % percentage points is out of range', p_points USING ERRCODE = '22023',
            HINT = 'Use 0 to 50 (the default is 10).';
    END IF;
    INSERT INTO result.setting (key, value) VALUES ('need_tolerance_pp', p_points::text)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
END
$$;
COMMENT ON FUNCTION result.set_need_tolerance_pp(numeric) IS 'Set the need tolerance in percentage points (0 to 50).';
REVOKE ALL ON FUNCTION result.set_need_tolerance_pp(numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION result.set_need_tolerance_pp(numeric) TO gbetl_loader, gbetl_finance;

-- Direct age standardisation (docs/method.md, "Age standardisation"): each
-- sex's cost per inhabitant in each age band of the activity, applied to
-- the band's population of both sexes together; the women's share of the
-- two standardised costs is the share women would have if they had the
-- men's ages. Bands where a sex has no population, and cost of unknown
-- age, are left out.
CREATE VIEW result.allocation_standardised AS
    SELECT d.municipality_code, d.fiscal_year, d.committee_code, d.activity_code,
           sum(d.women_ore::numeric * (d.population_women + d.population_men) / d.population_women) AS standard_women,
           sum(d.men_ore::numeric * (d.population_women + d.population_men) / d.population_men) AS standard_men,
           count(*) AS bands
    FROM result.published_allocation_detail d
    WHERE d.dimension = 'age_band' AND d.cell_order IS NOT NULL
      AND d.population_women > 0 AND d.population_men > 0
    GROUP BY 1, 2, 3, 4;
COMMENT ON VIEW result.allocation_standardised IS 'Per published committee, activity and year: the cost to women and to men directly standardised to the population of both sexes of each age band of the activity, öre.';

CREATE VIEW reporting.allocation_need AS
    SELECT a.fiscal_year, a.committee_code, a.activity_code,
           coalesce(t.activity_name, 'Ej mappat / unmapped') AS activity_name,
           t.target,
           round(100 * a.share_cost_women, 1) AS share_women_pct,
           round(100 * a.share_population_women, 1) AS share_population_women_pct,
           a.representation_index_women,
           round(100 * s.standard_women / nullif(s.standard_women + s.standard_men, 0), 1) AS share_women_standardised_pct,
           round(2 * s.standard_women / nullif(s.standard_women + s.standard_men, 0), 3) AS representation_index_women_standardised,
           CASE t.target WHEN 'need' THEN result.need_tolerance_pp() END AS need_tolerance_pp,
           CASE t.target
               WHEN 'balance' THEN CASE WHEN a.share_cost_women IS NOT NULL THEN a.share_cost_women BETWEEN 0.4 AND 0.6 END
               WHEN 'need' THEN abs(100 * s.standard_women / nullif(s.standard_women + s.standard_men, 0) - 50)
                                <= result.need_tolerance_pp()
           END AS target_met,
           a.closed
    FROM result.published_allocation a
    LEFT JOIN result.allocation_standardised s USING (municipality_code, fiscal_year, committee_code, activity_code)
    LEFT JOIN mapping.activity t ON t.municipality_code = a.municipality_code AND t.activity_code = a.activity_code
    WHERE a.method IN ('volume', 'headcount', 'direct', 'aggregate');
COMMENT ON VIEW reporting.allocation_need IS 'Per committee, activity and year: the women''s share of cost as allocated (crude) and age-standardised to the population of the activity''s age bands, the representation index of each, and whether the activity''s target (balance or need) is met.';
COMMENT ON COLUMN reporting.allocation_need.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.allocation_need.committee_code IS 'Committee code.';
COMMENT ON COLUMN reporting.allocation_need.activity_code IS 'Activity code.';
COMMENT ON COLUMN reporting.allocation_need.activity_name IS 'Activity name.';
COMMENT ON COLUMN reporting.allocation_need.target IS 'balance (40–60 % to women), need (the age-standardised share within the need tolerance of 50 %), or NULL (no judgement).';
COMMENT ON COLUMN reporting.allocation_need.share_women_pct IS 'Women''s share of the cost allocated to women and men, per cent (crude).';
COMMENT ON COLUMN reporting.allocation_need.share_population_women_pct IS 'Women''s share of the population of the activity''s age band, per cent.';
COMMENT ON COLUMN reporting.allocation_need.representation_index_women IS 'Crude representation index: women''s share of cost divided by their share of the population.';
COMMENT ON COLUMN reporting.allocation_need.share_women_standardised_pct IS 'Age-standardised women''s share, per cent: the share women would have with the same age structure as men (direct standardisation by the age bands of result.age_band); NULL without population by age.';
COMMENT ON COLUMN reporting.allocation_need.representation_index_women_standardised IS 'Age-standardised representation index: the standardised share divided by the standard population''s women''s share (50 %); 1 = in proportion to need by age.';
COMMENT ON COLUMN reporting.allocation_need.need_tolerance_pp IS 'For the target need: how many percentage points the standardised share may lie from 50 %.';
COMMENT ON COLUMN reporting.allocation_need.target_met IS 'balance: the crude share is 40–60 %; need: the standardised share is within the tolerance of 50 %; NULL without a target or without figures.';
COMMENT ON COLUMN reporting.allocation_need.closed IS 'True when the year is closed and the figures are the frozen ones.';

GRANT SELECT ON result.age_band, result.allocation_detail, result.closed_allocation_detail,
    result.published_allocation_detail, result.suppressed_cell TO gbetl_loader, gbetl_finance;
GRANT INSERT, UPDATE, DELETE ON result.age_band, result.allocation_detail TO gbetl_loader, gbetl_finance;
GRANT INSERT ON result.closed_allocation_detail TO gbetl_finance;
GRANT SELECT ON result.allocation_standardised TO gbetl_loader, gbetl_finance;
GRANT SELECT ON reporting.allocation_detail, reporting.allocation_need TO gbetl_analyst, gbetl_finance, gbetl_loader;
