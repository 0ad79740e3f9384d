-- 80_reporting.sql — the analysts' interface: documented views, no
-- pseudonyms, no row-level records, small counts hidden. Every column has a
-- declared type — money numeric(28,2), shares numeric(5,1), counts integer —
-- so that BI tools need not guess, and a comment.
--
-- In a group whose counts are hidden (result.suppressed_group), every count
-- and every figure computed from one is NULL — recipients, the
-- per-recipient cost and volume, and for the aggregate method (whose
-- volumes are counts of people) the volumes and the cost per unit.
-- Population figures are public statistics and the per-inhabitant costs are
-- computed from them and from cost, never from a hidden count.

CREATE VIEW reporting.allocation AS
    SELECT a.fiscal_year, a.municipality_code, a.committee_code,
           result.committee_name(a.municipality_code, a.committee_code, a.fiscal_year) AS committee_name,
           a.activity_code,
           result.activity_name(a.municipality_code, a.activity_code) AS activity_name,
           a.method,
           a.cost_basis,
           result.sek(a.ledger_cost_ore)::numeric(28,2) AS cost_total_sek,
           result.sek(a.women_ore)::numeric(28,2) AS cost_women_sek,
           result.sek(a.men_ore)::numeric(28,2) AS cost_men_sek,
           result.sek(a.unknown_ore)::numeric(28,2) AS cost_unknown_sek,
           result.sek(a.not_individual_ore)::numeric(28,2) AS cost_not_individual_sek,
           result.sek(a.unallocated_ore)::numeric(28,2) AS cost_unallocated_sek,
           (CASE WHEN g.hidden THEN NULL ELSE a.recipients_women END)::integer AS recipients_women,
           (CASE WHEN g.hidden THEN NULL ELSE a.recipients_men END)::integer AS recipients_men,
           coalesce(g.hidden, false) AS recipients_suppressed,
           (CASE WHEN g.hidden AND a.method = 'aggregate' THEN NULL ELSE round(a.volume_women, 2) END)::numeric(28,2)
               AS volume_women,
           (CASE WHEN g.hidden AND a.method = 'aggregate' THEN NULL ELSE round(a.volume_men, 2) END)::numeric(28,2)
               AS volume_men,
           a.volume_unit,
           (CASE WHEN g.hidden THEN NULL ELSE result.sek(a.cost_per_recipient_women_ore) END)::numeric(28,2)
               AS cost_per_recipient_women_sek,
           (CASE WHEN g.hidden THEN NULL ELSE result.sek(a.cost_per_recipient_men_ore) END)::numeric(28,2)
               AS cost_per_recipient_men_sek,
           (CASE WHEN g.hidden THEN NULL ELSE round(a.volume_women / nullif(a.recipients_women, 0), 2) END)::numeric(28,2)
               AS volume_per_recipient_women,
           (CASE WHEN g.hidden THEN NULL ELSE round(a.volume_men / nullif(a.recipients_men, 0), 2) END)::numeric(28,2)
               AS volume_per_recipient_men,
           (CASE WHEN g.hidden AND a.method = 'aggregate' THEN NULL ELSE result.sek(a.cost_per_unit_women_ore) END)::numeric(28,2)
               AS cost_per_unit_women_sek,
           (CASE WHEN g.hidden AND a.method = 'aggregate' THEN NULL ELSE result.sek(a.cost_per_unit_men_ore) END)::numeric(28,2)
               AS cost_per_unit_men_sek,
           a.population_women::integer AS population_women,
           a.population_men::integer AS population_men,
           result.sek(a.cost_per_inhabitant_women_ore)::numeric(28,2) AS cost_per_inhabitant_women_sek,
           result.sek(a.cost_per_inhabitant_men_ore)::numeric(28,2) AS cost_per_inhabitant_men_sek,
           result.pct1(100 * a.share_cost_women)::numeric(5,1) AS share_women_pct,
           result.pct1(100 * a.share_population_women)::numeric(5,1) AS share_population_women_pct,
           (CASE WHEN abs(a.representation_index_women) < 100000000 THEN round(a.representation_index_women, 3) END)::numeric(11,3)
               AS representation_index_women,
           a.balance_band,
           n.target,
           n.share_women_standardised_pct,
           n.target_met,
           a.closed
    FROM result.published_allocation a
    LEFT JOIN result.suppressed_group g ON g.municipality_code = a.municipality_code AND g.fiscal_year = a.fiscal_year
         AND g.committee_code = a.committee_code AND g.activity_code = a.activity_code
    LEFT JOIN result.published_target n ON n.municipality_code = a.municipality_code AND n.fiscal_year = a.fiscal_year
         AND n.committee_code = a.committee_code AND n.activity_code = a.activity_code;
COMMENT ON VIEW reporting.allocation IS 'Cost of each committee and activity split between women, men, unknown sex, not individual-based and unallocated, per fiscal year (SEK), with recipients, volumes, the population of the activity''s age band and the cost per recipient, per unit and per inhabitant. When a count of the row is from 1 to the suppression threshold minus 1, all its counts and every figure computed from them are hidden (recipients_suppressed).';
COMMENT ON COLUMN reporting.allocation.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.allocation.municipality_code IS 'SCB municipality code (four digits).';
COMMENT ON COLUMN reporting.allocation.committee_code IS 'Committee code (unmapped for cost centres no rule maps).';
COMMENT ON COLUMN reporting.allocation.committee_name IS 'Committee name in the fiscal year.';
COMMENT ON COLUMN reporting.allocation.activity_code IS 'Activity code (SCB RS code or sub-code).';
COMMENT ON COLUMN reporting.allocation.activity_name IS 'Activity name.';
COMMENT ON COLUMN reporting.allocation.method IS 'How cost was split: volume, headcount, direct, aggregate, none, unmapped.';
COMMENT ON COLUMN reporting.allocation.cost_basis IS 'gross (cost accounts) or own (cost net of internal revenue).';
COMMENT ON COLUMN reporting.allocation.cost_total_sek IS 'Ledger cost, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_women_sek IS 'Cost allocated to women, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_men_sek IS 'Cost allocated to men, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_unknown_sek IS 'Cost allocated to recipients of unknown sex, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_not_individual_sek IS 'Cost of activities that are not individual-based, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_unallocated_sek IS 'Cost with no recipients recorded or on unmapped codes, SEK.';
COMMENT ON COLUMN reporting.allocation.recipients_women IS 'Women recipients (0 for the aggregate method, which counts visits in the volumes); NULL when suppressed.';
COMMENT ON COLUMN reporting.allocation.recipients_men IS 'Men recipients (0 for the aggregate method); NULL when suppressed.';
COMMENT ON COLUMN reporting.allocation.recipients_suppressed IS 'True when the counts of the row are hidden: one of them (women, men or unknown sex) is from 1 to the suppression threshold minus 1.';
COMMENT ON COLUMN reporting.allocation.volume_women IS 'Volume to women, in volume_unit (hours, days, visits; kronor for the direct method); NULL for a suppressed aggregate activity, whose visits are counts of people.';
COMMENT ON COLUMN reporting.allocation.volume_men IS 'Volume to men, in volume_unit; NULL for a suppressed aggregate activity.';
COMMENT ON COLUMN reporting.allocation.volume_unit IS 'Unit of the volumes: hours, days, visits, kronor, or NULL (headcount and none).';
COMMENT ON COLUMN reporting.allocation.cost_per_recipient_women_sek IS 'Cost to women per woman recipient, SEK; NULL when suppressed or without recipients.';
COMMENT ON COLUMN reporting.allocation.cost_per_recipient_men_sek IS 'Cost to men per man recipient, SEK; NULL when suppressed or without recipients.';
COMMENT ON COLUMN reporting.allocation.volume_per_recipient_women IS 'Volume per woman recipient, in volume_unit; NULL when suppressed or without recipients.';
COMMENT ON COLUMN reporting.allocation.volume_per_recipient_men IS 'Volume per man recipient, in volume_unit; NULL when suppressed or without recipients.';
COMMENT ON COLUMN reporting.allocation.cost_per_unit_women_sek IS 'Cost to women per unit of their volume, SEK (equal for women and men by construction under the volume method); NULL for a suppressed aggregate activity.';
COMMENT ON COLUMN reporting.allocation.cost_per_unit_men_sek IS 'Cost to men per unit of their volume, SEK; NULL for a suppressed aggregate activity.';
COMMENT ON COLUMN reporting.allocation.population_women IS 'Women in the activity''s age band in the year''s population (public statistics, not suppressed).';
COMMENT ON COLUMN reporting.allocation.population_men IS 'Men in the activity''s age band in the year''s population.';
COMMENT ON COLUMN reporting.allocation.cost_per_inhabitant_women_sek IS 'Cost to women per woman in the age band, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_per_inhabitant_men_sek IS 'Cost to men per man in the age band, SEK.';
COMMENT ON COLUMN reporting.allocation.share_women_pct IS 'Women''s share of the cost allocated to women and men, per cent.';
COMMENT ON COLUMN reporting.allocation.share_population_women_pct IS 'Women''s share of the age band''s population, per cent: the share of cost to compare with.';
COMMENT ON COLUMN reporting.allocation.representation_index_women IS 'Women''s share of cost divided by their share of the activity''s population (1 = in proportion); NULL where it cannot be computed.';
COMMENT ON COLUMN reporting.allocation.balance_band IS 'balanced (40–60 % to women), women (over 60 %), or men (under 40 %); NULL when nothing was split by sex.';
COMMENT ON COLUMN reporting.allocation.target IS 'The activity''s target (activities.csv): balance (the women''s share of the cost 40–60 %), need (the age-standardised share within the need tolerance of 50 %), or NULL (no judgement).';
COMMENT ON COLUMN reporting.allocation.share_women_standardised_pct IS 'Women''s share of the cost allocated to women and men if women had the men''s ages: directly standardised to the population of the activity''s age bands, per cent (docs/method.md); NULL without the population by age.';
COMMENT ON COLUMN reporting.allocation.target_met IS 'Whether the target is met: balance, share_women_pct within 40–60; need, share_women_standardised_pct within the need tolerance of 50; NULL without a target or without figures.';
COMMENT ON COLUMN reporting.allocation.closed IS 'True when the year is closed and the figures are the frozen ones.';

CREATE VIEW reporting.reconciliation AS
    SELECT a.fiscal_year, a.committee_code,
           result.sek(sum(a.ledger_cost_ore)) AS ledger_cost_sek,
           result.sek(sum(a.women_ore + a.men_ore + a.unknown_ore + a.not_individual_ore + a.unallocated_ore)) AS allocated_sek,
           result.sek(sum(a.ledger_cost_ore - (a.women_ore + a.men_ore + a.unknown_ore + a.not_individual_ore + a.unallocated_ore))) AS difference_sek
    FROM result.published_allocation a
    GROUP BY a.fiscal_year, a.committee_code;
COMMENT ON VIEW reporting.reconciliation IS 'Ledger cost against the sum of all parts of the allocation, per fiscal year and committee; unmapped cost centres are their own row. The difference is always 0.';
COMMENT ON COLUMN reporting.reconciliation.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.reconciliation.committee_code IS 'Committee code (or unmapped).';
COMMENT ON COLUMN reporting.reconciliation.ledger_cost_sek IS 'Ledger cost, SEK.';
COMMENT ON COLUMN reporting.reconciliation.allocated_sek IS 'Women + men + unknown + not individual-based + unallocated, SEK.';
COMMENT ON COLUMN reporting.reconciliation.difference_sek IS 'Ledger cost minus allocated: always 0.';

CREATE VIEW reporting.key_figure AS
    SELECT k.fiscal_year, k.municipality_code, k.committee_code,
           result.committee_name(k.municipality_code, k.committee_code, k.fiscal_year) AS committee_name,
           k.activity_code,
           result.activity_name(k.municipality_code, k.activity_code) AS activity_name,
           CASE k.sex WHEN 2 THEN 'women' WHEN 1 THEN 'men' ELSE 'unknown' END AS sex,
           (CASE WHEN g.hidden THEN NULL ELSE k.recipients END)::integer AS recipients,
           g.hidden AS suppressed,
           (CASE WHEN g.hidden AND g.aggregate THEN NULL ELSE round(k.volume, 2) END)::numeric(28,2) AS volume,
           a.volume_unit,
           (CASE WHEN g.hidden THEN NULL ELSE round(k.volume_per_recipient, 2) END)::numeric(28,2) AS volume_per_recipient,
           result.sek(k.cost_ore)::numeric(28,2) AS cost_sek,
           (CASE WHEN g.hidden THEN NULL ELSE result.sek(k.cost_per_recipient_ore) END)::numeric(28,2) AS cost_per_recipient_sek,
           (CASE WHEN g.hidden AND g.aggregate THEN NULL ELSE result.sek(k.cost_per_unit_ore) END)::numeric(28,2) AS cost_per_unit_sek,
           (CASE WHEN g.hidden OR coalesce(p.hidden, false) THEN NULL ELSE result.pct1(k.recipients_change_pct) END)::numeric(5,1)
               AS recipients_change_pct,
           (CASE WHEN g.hidden OR coalesce(p.hidden, false) THEN NULL ELSE result.pct1(k.cost_per_recipient_change_pct) END)::numeric(5,1)
               AS cost_per_recipient_change_pct,
           result.pct1(k.coverage_pct)::numeric(5,1) AS coverage_pct
    FROM result.key_figure k
    JOIN result.suppressed_group g ON g.municipality_code = k.municipality_code AND g.fiscal_year = k.fiscal_year
         AND g.committee_code = k.committee_code AND g.activity_code = k.activity_code
    LEFT JOIN result.suppressed_group p ON p.municipality_code = k.municipality_code AND p.fiscal_year = k.fiscal_year - 1
         AND p.committee_code = k.committee_code AND p.activity_code = k.activity_code
    LEFT JOIN result.published_allocation a ON a.municipality_code = k.municipality_code AND a.fiscal_year = k.fiscal_year
         AND a.committee_code = k.committee_code AND a.activity_code = k.activity_code;
COMMENT ON VIEW reporting.key_figure IS 'Key figures of the welfare accounts by sex: recipients, volume, cost per recipient and per unit, change since the year before, coverage of known sex, with the names of the committee and activity and the unit of the volume. When a count of the committee and activity is from 1 to the suppression threshold minus 1, the counts of all three sexes and every figure computed from them are hidden (suppressed).';
COMMENT ON COLUMN reporting.key_figure.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.key_figure.municipality_code IS 'SCB municipality code (four digits).';
COMMENT ON COLUMN reporting.key_figure.committee_code IS 'Committee code.';
COMMENT ON COLUMN reporting.key_figure.committee_name IS 'Committee name in the fiscal year.';
COMMENT ON COLUMN reporting.key_figure.activity_code IS 'Activity code.';
COMMENT ON COLUMN reporting.key_figure.activity_name IS 'Activity name.';
COMMENT ON COLUMN reporting.key_figure.sex IS 'women, men or unknown.';
COMMENT ON COLUMN reporting.key_figure.recipients IS 'Recipients, persons; NULL when suppressed.';
COMMENT ON COLUMN reporting.key_figure.suppressed IS 'True when the counts of the committee and activity are hidden, for all three sexes.';
COMMENT ON COLUMN reporting.key_figure.volume IS 'Volume received, in volume_unit (for the aggregate method visits, a count of people: NULL when suppressed).';
COMMENT ON COLUMN reporting.key_figure.volume_unit IS 'Unit of volume and volume_per_recipient: hours, days, visits, kronor, or NULL (headcount).';
COMMENT ON COLUMN reporting.key_figure.volume_per_recipient IS 'Volume per recipient, in volume_unit; NULL when suppressed.';
COMMENT ON COLUMN reporting.key_figure.cost_sek IS 'Cost allocated, SEK.';
COMMENT ON COLUMN reporting.key_figure.cost_per_recipient_sek IS 'Cost per recipient, SEK; NULL when suppressed.';
COMMENT ON COLUMN reporting.key_figure.cost_per_unit_sek IS 'Cost per unit of volume, SEK per volume_unit (for the aggregate method per visit: NULL when suppressed).';
COMMENT ON COLUMN reporting.key_figure.recipients_change_pct IS 'Change in recipients since the year before, per cent; NULL when this year or the year before is suppressed.';
COMMENT ON COLUMN reporting.key_figure.cost_per_recipient_change_pct IS 'Change in cost per recipient since the year before, per cent; NULL when this year or the year before is suppressed.';
COMMENT ON COLUMN reporting.key_figure.coverage_pct IS 'Share of the activity''s records with a known sex, per cent.';

CREATE VIEW reporting.data_quality AS
    SELECT b.batch_id, b.source, b.file_name, b.status, b.records_read, b.records_rejected,
           b.rows_loaded, b.coverage_pct, b.sex_conflicts, b.id_invalid, b.period_min, b.period_max,
           b.finished_at
    FROM etl.batch b WHERE b.status IN ('loaded', 'rejected', 'failed', 'refused');
COMMENT ON VIEW reporting.data_quality IS 'Per imported file: records read and rejected, coverage of known sex, conflicts and invalid identity numbers.';
COMMENT ON COLUMN reporting.data_quality.batch_id IS 'Batch.';
COMMENT ON COLUMN reporting.data_quality.source IS 'Source definition.';
COMMENT ON COLUMN reporting.data_quality.file_name IS 'File name.';
COMMENT ON COLUMN reporting.data_quality.status IS 'loaded, rejected, failed or refused.';
COMMENT ON COLUMN reporting.data_quality.records_read IS 'Records read.';
COMMENT ON COLUMN reporting.data_quality.records_rejected IS 'Records rejected.';
COMMENT ON COLUMN reporting.data_quality.rows_loaded IS 'Rows loaded.';
COMMENT ON COLUMN reporting.data_quality.coverage_pct IS 'Share of persons with a known sex, per cent.';
COMMENT ON COLUMN reporting.data_quality.sex_conflicts IS 'Persons whose number and sex field disagreed.';
COMMENT ON COLUMN reporting.data_quality.id_invalid IS 'Identity numbers that did not validate.';
COMMENT ON COLUMN reporting.data_quality.period_min IS 'First date covered.';
COMMENT ON COLUMN reporting.data_quality.period_max IS 'Last date covered.';
COMMENT ON COLUMN reporting.data_quality.finished_at IS 'When the import finished.';

CREATE VIEW reporting.unmapped AS
    SELECT u.year AS fiscal_year, u.kind, u.code, u.amount_sek, u.records FROM result.unmapped_summary() u;
COMMENT ON VIEW reporting.unmapped IS 'What no mapping rule matches, per fiscal year: ledger cost on unknown cost centres and service records with unknown service codes. Kept and counted, never dropped; fix the mapping tables to place them.';
COMMENT ON COLUMN reporting.unmapped.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.unmapped.kind IS 'ledger cost centre, or service code of a source.';
COMMENT ON COLUMN reporting.unmapped.code IS 'The code no rule maps.';
COMMENT ON COLUMN reporting.unmapped.amount_sek IS 'Ledger cost on it, SEK (NULL for service records).';
COMMENT ON COLUMN reporting.unmapped.records IS 'Rows behind it.';

-- The whole municipality per year: the sums of the allocation (costs only —
-- no total of recipients is published, see 008) and the population.
CREATE VIEW reporting.municipality AS
    WITH a AS (
        SELECT municipality_code, fiscal_year, bool_or(closed) AS closed,
               sum(ledger_cost_ore) AS total, sum(women_ore) AS women, sum(men_ore) AS men,
               sum(unknown_ore) AS unknown, sum(not_individual_ore) AS not_individual,
               sum(unallocated_ore) AS unallocated
        FROM result.published_allocation GROUP BY 1, 2
    ), p AS (
        SELECT municipality_code, year AS fiscal_year,
               sum(count) FILTER (WHERE sex = 2) AS women, sum(count) FILTER (WHERE sex = 1) AS men
        FROM core.population GROUP BY 1, 2
    )
    SELECT a.fiscal_year, a.municipality_code,
           result.sek(a.total)::numeric(28,2) AS cost_total_sek,
           result.sek(a.women)::numeric(28,2) AS cost_women_sek,
           result.sek(a.men)::numeric(28,2) AS cost_men_sek,
           result.sek(a.unknown)::numeric(28,2) AS cost_unknown_sek,
           result.sek(a.not_individual)::numeric(28,2) AS cost_not_individual_sek,
           result.sek(a.unallocated)::numeric(28,2) AS cost_unallocated_sek,
           result.pct1(100.0 * a.women / nullif(a.women + a.men, 0))::numeric(5,1) AS share_women_pct,
           p.women::integer AS population_women,
           p.men::integer AS population_men,
           result.pct1(100.0 * p.women / nullif(p.women + p.men, 0))::numeric(5,1) AS share_population_women_pct,
           round(a.women / 100.0 / nullif(p.women, 0), 2)::numeric(28,2) AS cost_per_inhabitant_women_sek,
           round(a.men / 100.0 / nullif(p.men, 0), 2)::numeric(28,2) AS cost_per_inhabitant_men_sek,
           a.closed
    FROM a LEFT JOIN p USING (municipality_code, fiscal_year);
COMMENT ON VIEW reporting.municipality IS 'The whole municipality per fiscal year: its cost and how it splits (SEK), women''s share, the population by sex and the cost per inhabitant by sex. Sums of costs only: no total of recipients is published.';
COMMENT ON COLUMN reporting.municipality.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.municipality.municipality_code IS 'SCB municipality code (four digits).';
COMMENT ON COLUMN reporting.municipality.cost_total_sek IS 'Ledger cost of all committees, SEK.';
COMMENT ON COLUMN reporting.municipality.cost_women_sek IS 'Cost allocated to women, SEK.';
COMMENT ON COLUMN reporting.municipality.cost_men_sek IS 'Cost allocated to men, SEK.';
COMMENT ON COLUMN reporting.municipality.cost_unknown_sek IS 'Cost allocated to recipients of unknown sex, SEK.';
COMMENT ON COLUMN reporting.municipality.cost_not_individual_sek IS 'Cost of activities that are not individual-based, SEK.';
COMMENT ON COLUMN reporting.municipality.cost_unallocated_sek IS 'Cost with no recipients recorded or on unmapped codes, SEK.';
COMMENT ON COLUMN reporting.municipality.share_women_pct IS 'Women''s share of the cost allocated to women and men, per cent.';
COMMENT ON COLUMN reporting.municipality.population_women IS 'Women in the year''s population, all ages.';
COMMENT ON COLUMN reporting.municipality.population_men IS 'Men in the year''s population, all ages.';
COMMENT ON COLUMN reporting.municipality.share_population_women_pct IS 'Women''s share of the population, per cent.';
COMMENT ON COLUMN reporting.municipality.cost_per_inhabitant_women_sek IS 'Cost allocated to women per woman inhabitant, SEK.';
COMMENT ON COLUMN reporting.municipality.cost_per_inhabitant_men_sek IS 'Cost allocated to men per man inhabitant, SEK.';
COMMENT ON COLUMN reporting.municipality.closed IS 'True when the year is closed and the figures are the frozen ones.';

-- Open or closed, and since when: the title block of a report.
CREATE VIEW reporting.year_status AS
    WITH y AS (SELECT DISTINCT municipality_code, fiscal_year FROM result.published_allocation)
    SELECT y.fiscal_year, y.municipality_code,
           EXISTS (SELECT 1 FROM etl.closed_year c WHERE c.municipality_code = y.municipality_code
                   AND c.fiscal_year = y.fiscal_year) AS closed,
           v.version, v.closed_at, v.closed_by,
           (SELECT max(b.finished_at) FROM etl.batch b WHERE b.municipality_code = y.municipality_code
              AND b.status = 'loaded' AND b.period_min < make_date(y.fiscal_year + 1, 1, 1)
              AND b.period_max >= make_date(y.fiscal_year, 1, 1)) AS data_as_of,
           (SELECT max(a.computed_at) FROM result.published_allocation a WHERE a.municipality_code = y.municipality_code
              AND a.fiscal_year = y.fiscal_year) AS computed_at
    FROM y
    LEFT JOIN LATERAL (SELECT c.version::integer AS version, c.closed_at, c.closed_by FROM result.year_close c
                       WHERE c.municipality_code = y.municipality_code AND c.fiscal_year = y.fiscal_year
                       ORDER BY c.version DESC LIMIT 1) v ON true;
COMMENT ON VIEW reporting.year_status IS 'Per fiscal year with an allocation: open (preliminary figures) or closed (adopted figures), the latest close, and the dates of the data.';
COMMENT ON COLUMN reporting.year_status.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.year_status.municipality_code IS 'SCB municipality code (four digits).';
COMMENT ON COLUMN reporting.year_status.closed IS 'True when the year is closed: the reports show the frozen figures of the latest version.';
COMMENT ON COLUMN reporting.year_status.version IS 'The latest close of the year (1 for the first); set also for a year reopened since.';
COMMENT ON COLUMN reporting.year_status.closed_at IS 'When the latest close was made.';
COMMENT ON COLUMN reporting.year_status.closed_by IS 'The database user who made the latest close.';
COMMENT ON COLUMN reporting.year_status.data_as_of IS 'When the latest loaded file covering the year was imported: the date of the data.';
COMMENT ON COLUMN reporting.year_status.computed_at IS 'When the published figures were computed.';

GRANT SELECT ON reporting.allocation, reporting.reconciliation, reporting.key_figure, reporting.data_quality,
    reporting.unmapped, reporting.municipality, reporting.year_status TO gbetl_analyst, gbetl_finance, gbetl_loader;
