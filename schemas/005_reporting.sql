-- 005_reporting.sql — the analysts' interface: documented views, no
-- pseudonyms, no row-level records, small counts suppressed.
--
-- Counts of recipients below the threshold (result.setting
-- 'suppress_below', default 5) are NULL with a flag, and so is the other
-- sex's count in the same row, so that a total cannot reveal the small one.
-- Closed years are read from their latest frozen version.

CREATE TABLE result.setting (
    key   text PRIMARY KEY,
    value text NOT NULL
);
COMMENT ON TABLE result.setting IS 'Settings the database needs itself, such as the small-cell suppression threshold of the reporting views.';
COMMENT ON COLUMN result.setting.key IS 'Name of the setting.';
COMMENT ON COLUMN result.setting.value IS 'Its value.';
INSERT INTO result.setting VALUES ('suppress_below', '5');

CREATE FUNCTION result.suppress_below() RETURNS integer
LANGUAGE sql STABLE
RETURN coalesce((SELECT value::integer FROM result.setting WHERE key = 'suppress_below'), 5);

-- The figures a report shows: the latest frozen version of a closed year,
-- the current allocation of an open one.
CREATE VIEW result.published_allocation AS
    SELECT a.*, false AS closed FROM result.allocation a
    WHERE NOT EXISTS (SELECT 1 FROM etl.closed_year c WHERE c.municipality_code = a.municipality_code AND c.fiscal_year = a.fiscal_year)
    UNION ALL
    SELECT c.municipality_code, c.fiscal_year, c.committee_code, c.activity_code, c.method, c.cost_basis,
           c.ledger_cost_ore, c.women_ore, c.men_ore, c.unknown_ore, c.not_individual_ore, c.unallocated_ore,
           c.recipients_women, c.recipients_men, c.recipients_unknown, c.volume_women, c.volume_men, c.volume_unknown,
           c.volume_unit, c.population_women, c.population_men, c.cost_per_recipient_women_ore,
           c.cost_per_recipient_men_ore, c.cost_per_unit_women_ore, c.cost_per_unit_men_ore,
           c.cost_per_inhabitant_women_ore, c.cost_per_inhabitant_men_ore, c.share_cost_women,
           c.share_recipients_women, c.share_population_women, c.representation_index_women,
           c.representation_index_men, c.balance_band, c.records, c.records_sex_known, c.computed_at, true
    FROM result.closed_allocation c
    WHERE EXISTS (SELECT 1 FROM etl.closed_year y WHERE y.municipality_code = c.municipality_code AND y.fiscal_year = c.fiscal_year)
      AND c.version = (SELECT max(version) FROM result.closed_allocation v
                       WHERE v.municipality_code = c.municipality_code AND v.fiscal_year = c.fiscal_year);
COMMENT ON VIEW result.published_allocation IS 'The allocation as published: frozen for closed years, current for open ones.';

CREATE VIEW reporting.allocation AS
    SELECT a.fiscal_year, a.committee_code,
           coalesce((SELECT c.committee_name FROM mapping.committee c WHERE c.municipality_code = a.municipality_code
                     AND c.committee_code = a.committee_code AND a.fiscal_year BETWEEN c.valid_from AND coalesce(c.valid_to, 32767)
                     LIMIT 1), 'Ej mappat / unmapped') AS committee_name,
           a.activity_code,
           coalesce((SELECT t.activity_name FROM mapping.activity t WHERE t.municipality_code = a.municipality_code
                     AND t.activity_code = a.activity_code), 'Ej mappat / unmapped') AS activity_name,
           a.method,
           round(a.ledger_cost_ore / 100.0, 2) AS cost_total_sek,
           round(a.women_ore / 100.0, 2) AS cost_women_sek,
           round(a.men_ore / 100.0, 2) AS cost_men_sek,
           round(a.unknown_ore / 100.0, 2) AS cost_unknown_sek,
           round(a.not_individual_ore / 100.0, 2) AS cost_not_individual_sek,
           round(a.unallocated_ore / 100.0, 2) AS cost_unallocated_sek,
           CASE WHEN least(a.recipients_women, a.recipients_men) > 0
                 AND least(a.recipients_women, a.recipients_men) < result.suppress_below() THEN NULL
                ELSE a.recipients_women END AS recipients_women,
           CASE WHEN least(a.recipients_women, a.recipients_men) > 0
                 AND least(a.recipients_women, a.recipients_men) < result.suppress_below() THEN NULL
                ELSE a.recipients_men END AS recipients_men,
           (least(a.recipients_women, a.recipients_men) > 0
                 AND least(a.recipients_women, a.recipients_men) < result.suppress_below()) AS recipients_suppressed,
           round(100 * a.share_cost_women, 1) AS share_women_pct,
           a.representation_index_women,
           a.balance_band,
           a.closed
    FROM result.published_allocation a;
COMMENT ON VIEW reporting.allocation IS 'Cost of each committee and activity split between women, men, unknown sex, not individual-based and unallocated, per fiscal year (SEK). Recipient counts under the suppression threshold are hidden for both sexes.';
COMMENT ON COLUMN reporting.allocation.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.allocation.committee_code IS 'Committee code (unmapped for cost centres no rule maps).';
COMMENT ON COLUMN reporting.allocation.committee_name IS 'Committee name.';
COMMENT ON COLUMN reporting.allocation.activity_code IS 'Activity code (SCB RS code or sub-code).';
COMMENT ON COLUMN reporting.allocation.activity_name IS 'Activity name.';
COMMENT ON COLUMN reporting.allocation.method IS 'How cost was split: volume, headcount, direct, aggregate, none, unmapped.';
COMMENT ON COLUMN reporting.allocation.cost_total_sek IS 'Ledger cost, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_women_sek IS 'Cost allocated to women, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_men_sek IS 'Cost allocated to men, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_unknown_sek IS 'Cost allocated to recipients of unknown sex, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_not_individual_sek IS 'Cost of activities that are not individual-based, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_unallocated_sek IS 'Cost with no recipients recorded or on unmapped codes, SEK.';
COMMENT ON COLUMN reporting.allocation.recipients_women IS 'Women recipients; NULL when suppressed.';
COMMENT ON COLUMN reporting.allocation.recipients_men IS 'Men recipients; NULL when suppressed.';
COMMENT ON COLUMN reporting.allocation.recipients_suppressed IS 'True when the recipient counts are hidden because one is below the suppression threshold.';
COMMENT ON COLUMN reporting.allocation.share_women_pct IS 'Women''s share of the cost allocated to women and men, per cent.';
COMMENT ON COLUMN reporting.allocation.representation_index_women IS 'Women''s share of cost divided by their share of the activity''s population (1 = in proportion).';
COMMENT ON COLUMN reporting.allocation.balance_band IS 'balanced (40–60 % to women), women, or men.';
COMMENT ON COLUMN reporting.allocation.closed IS 'True when the year is closed and the figures are the frozen ones.';

CREATE VIEW reporting.reconciliation AS
    SELECT a.fiscal_year, a.committee_code,
           round(sum(a.ledger_cost_ore) / 100.0, 2) AS ledger_cost_sek,
           round(sum(a.women_ore + a.men_ore + a.unknown_ore + a.not_individual_ore + a.unallocated_ore) / 100.0, 2) AS allocated_sek,
           round(sum(a.ledger_cost_ore - (a.women_ore + a.men_ore + a.unknown_ore + a.not_individual_ore + a.unallocated_ore)) / 100.0, 2) AS difference_sek
    FROM result.published_allocation a
    GROUP BY a.fiscal_year, a.committee_code;
COMMENT ON VIEW reporting.reconciliation IS 'Ledger cost against the sum of all parts of the allocation, per fiscal year and committee; unmapped cost centres are their own row. The difference is always 0.';
COMMENT ON COLUMN reporting.reconciliation.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.reconciliation.committee_code IS 'Committee code (or unmapped).';
COMMENT ON COLUMN reporting.reconciliation.ledger_cost_sek IS 'Ledger cost, SEK.';
COMMENT ON COLUMN reporting.reconciliation.allocated_sek IS 'Women + men + unknown + not individual-based + unallocated, SEK.';
COMMENT ON COLUMN reporting.reconciliation.difference_sek IS 'Ledger cost minus allocated: always 0.';

CREATE VIEW reporting.key_figure AS
    SELECT k.fiscal_year, k.committee_code, k.activity_code,
           CASE k.sex WHEN 2 THEN 'women' WHEN 1 THEN 'men' ELSE 'unknown' END AS sex,
           CASE WHEN k.recipients > 0 AND k.recipients < result.suppress_below() THEN NULL ELSE k.recipients END AS recipients,
           (k.recipients > 0 AND k.recipients < result.suppress_below()) AS suppressed,
           k.volume, k.volume_per_recipient,
           round(k.cost_ore / 100.0, 2) AS cost_sek,
           round(k.cost_per_recipient_ore / 100.0, 2) AS cost_per_recipient_sek,
           round(k.cost_per_unit_ore / 100.0, 2) AS cost_per_unit_sek,
           k.recipients_change_pct, k.cost_per_recipient_change_pct, k.coverage_pct
    FROM result.key_figure k;
COMMENT ON VIEW reporting.key_figure IS 'Key figures of the welfare accounts by sex: recipients, volume, cost per recipient and per unit, change since the year before, coverage of known sex.';
COMMENT ON COLUMN reporting.key_figure.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.key_figure.committee_code IS 'Committee.';
COMMENT ON COLUMN reporting.key_figure.activity_code IS 'Activity.';
COMMENT ON COLUMN reporting.key_figure.sex IS 'women, men or unknown.';
COMMENT ON COLUMN reporting.key_figure.recipients IS 'Recipients; NULL when below the suppression threshold.';
COMMENT ON COLUMN reporting.key_figure.suppressed IS 'True when recipients is hidden.';
COMMENT ON COLUMN reporting.key_figure.volume IS 'Volume received.';
COMMENT ON COLUMN reporting.key_figure.volume_per_recipient IS 'Volume per recipient.';
COMMENT ON COLUMN reporting.key_figure.cost_sek IS 'Cost allocated, SEK.';
COMMENT ON COLUMN reporting.key_figure.cost_per_recipient_sek IS 'Cost per recipient, SEK.';
COMMENT ON COLUMN reporting.key_figure.cost_per_unit_sek IS 'Cost per unit of volume, SEK.';
COMMENT ON COLUMN reporting.key_figure.recipients_change_pct IS 'Change in recipients since the year before, per cent.';
COMMENT ON COLUMN reporting.key_figure.cost_per_recipient_change_pct IS 'Change in cost per recipient since the year before, per cent.';
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

GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO gbetl_analyst, gbetl_finance, gbetl_loader;
GRANT SELECT ON result.setting, result.published_allocation TO gbetl_loader, gbetl_finance;

-- The summary reads core and etl; analysts may not, so it runs with the
-- rights of its owner, with a safe search_path.
ALTER FUNCTION result.unmapped_summary() SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
REVOKE ALL ON FUNCTION result.unmapped_summary() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION result.unmapped_summary() TO gbetl_analyst, gbetl_finance, gbetl_loader;

CREATE VIEW reporting.unmapped AS
    SELECT u.year AS fiscal_year, u.kind, u.code, u.amount_sek, u.records FROM result.unmapped_summary() u;
COMMENT ON VIEW reporting.unmapped IS 'What no mapping rule matches, per fiscal year: ledger cost on unknown cost centres and service records with unknown service codes. Kept and counted, never dropped; fix the mapping tables to place them.';
COMMENT ON COLUMN reporting.unmapped.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.unmapped.kind IS 'ledger cost centre, or service code of a source.';
COMMENT ON COLUMN reporting.unmapped.code IS 'The code no rule maps.';
COMMENT ON COLUMN reporting.unmapped.amount_sek IS 'Ledger cost on it, SEK (NULL for service records).';
COMMENT ON COLUMN reporting.unmapped.records IS 'Rows behind it.';
GRANT SELECT ON reporting.unmapped TO gbetl_analyst, gbetl_finance, gbetl_loader;
