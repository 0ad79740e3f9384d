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

GRANT SELECT ON result.age_band, result.allocation_detail, result.closed_allocation_detail
    TO gbetl_loader, gbetl_finance;
GRANT INSERT, UPDATE, DELETE ON result.age_band, result.allocation_detail TO gbetl_loader, gbetl_finance;
GRANT INSERT ON result.closed_allocation_detail TO gbetl_finance;
