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
--
-- Since 016 this file keeps its tables and data only; its functions and
-- views, in their current form, are in schemas/functions and schemas/views
-- (schemas/README.md).

-- The target of an activity (activities.csv's optional eighth column).
ALTER TABLE mapping.activity ADD COLUMN target text CHECK (target IN ('balance', 'need'));

-- The age bands of the breakdown: each band runs from its band_from to the
-- next band's band_from minus one; the last has no upper limit.
CREATE TABLE result.age_band (
    band_from smallint PRIMARY KEY CHECK (band_from >= 0 AND band_from <= 150),
    label     text NOT NULL UNIQUE CHECK (length(trim(label)) > 0)
);
INSERT INTO result.age_band VALUES (0, '0–19'), (20, '20–64'), (65, '65–79'), (80, '80–89'), (90, '90+');

-- A cell is split as an allocation row is: its columns from ledger_cost_ore
-- to volume_unknown (the cost, its five parts, the recipients and the volumes
-- of each sex) are result.allocation's, with their types, NOT NULLs and
-- defaults, read from the catalog into a template dropped again below.
DO $$
DECLARE
    allocation constant regclass := 'result.allocation';
    first_column smallint;
    last_column smallint;
    columns text;
    n integer;
BEGIN
    SELECT min(attnum) FILTER (WHERE attname = 'ledger_cost_ore'),
           min(attnum) FILTER (WHERE attname = 'volume_unknown')
      INTO first_column, last_column
      FROM pg_catalog.pg_attribute WHERE attrelid = allocation;
    SELECT string_agg(pg_catalog.format('%I %s%s%s', a.attname,
                          pg_catalog.format_type(a.atttypid, a.atttypmod),
                          CASE WHEN a.attnotnull THEN ' NOT NULL' END,
                          ' DEFAULT ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid)),
                      ', ' ORDER BY a.attnum), count(*)
      INTO columns, n
      FROM pg_catalog.pg_attribute a
      LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attrelid = allocation AND a.attnum BETWEEN first_column AND last_column
       AND NOT a.attisdropped;
    IF n <> 12 THEN
        RAISE EXCEPTION 'result.allocation has % of the 12 split columns, ledger_cost_ore to volume_unknown', n;
    END IF;
    EXECUTE pg_catalog.format('CREATE TEMPORARY TABLE split (%s)', columns);
END
$$;

CREATE TABLE result.allocation_detail (
    municipality_code  text NOT NULL,
    fiscal_year        smallint NOT NULL,
    committee_code     text NOT NULL,
    activity_code      text NOT NULL,
    dimension          text NOT NULL CHECK (dimension IN ('age_band', 'district', 'unit')),
    cell               text NOT NULL,
    cell_order         integer,
    method             text NOT NULL,
    LIKE pg_temp.split INCLUDING DEFAULTS,
    records            bigint NOT NULL DEFAULT 0,
    population_women   bigint,
    population_men     bigint,
    PRIMARY KEY (municipality_code, fiscal_year, committee_code, activity_code, dimension, cell),
    CONSTRAINT allocation_detail_reconciles
        CHECK (women_ore + men_ore + unknown_ore + not_individual_ore + unallocated_ore = ledger_cost_ore)
);

CREATE TABLE result.closed_allocation_detail (
    version integer NOT NULL,
    LIKE result.allocation_detail INCLUDING CONSTRAINTS
);
ALTER TABLE result.closed_allocation_detail
    ADD PRIMARY KEY (municipality_code, fiscal_year, version, committee_code, activity_code, dimension, cell);

DROP TABLE pg_temp.split;

GRANT SELECT ON result.age_band, result.allocation_detail, result.closed_allocation_detail
    TO gbetl_loader, gbetl_finance;
GRANT INSERT, UPDATE, DELETE ON result.age_band, result.allocation_detail TO gbetl_loader, gbetl_finance;
GRANT INSERT ON result.closed_allocation_detail TO gbetl_finance;
