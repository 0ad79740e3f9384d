-- 004_result.sql — the allocation of cost to women and men, key figures,
-- and closed fiscal years.
--
-- The method is docs/method.md. Money is öre (bigint); every row satisfies
-- women + men + unknown + not individual-based + unallocated = ledger cost,
-- enforced by a CHECK constraint, with largest-remainder rounding.
--
-- Since 016 this file keeps its tables and data only; its functions and
-- views, in their current form, are in schemas/functions and schemas/views
-- (schemas/README.md).

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

GRANT SELECT ON ALL TABLES IN SCHEMA result TO gbetl_loader, gbetl_finance;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA result TO gbetl_loader;
GRANT INSERT ON result.year_close, result.closed_allocation, result.year_reopen TO gbetl_finance;
