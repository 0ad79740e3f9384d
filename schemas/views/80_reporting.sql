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
           (result.split_sek(a.ledger_cost_ore, a.women_ore, a.men_ore, a.unknown_ore,
                             a.not_individual_ore, a.unallocated_ore)).*,
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

CREATE VIEW reporting.reconciliation AS
    SELECT a.fiscal_year, a.committee_code,
           result.sek(sum(a.ledger_cost_ore)) AS ledger_cost_sek,
           result.sek(sum(a.women_ore + a.men_ore + a.unknown_ore + a.not_individual_ore + a.unallocated_ore)) AS allocated_sek,
           result.sek(sum(a.ledger_cost_ore - (a.women_ore + a.men_ore + a.unknown_ore + a.not_individual_ore + a.unallocated_ore))) AS difference_sek
    FROM result.published_allocation a
    GROUP BY a.fiscal_year, a.committee_code;

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

CREATE VIEW reporting.data_quality AS
    SELECT b.batch_id, b.source, b.file_name, b.status, b.records_read, b.records_rejected,
           b.rows_loaded, b.coverage_pct, b.sex_conflicts, b.id_invalid, b.period_min, b.period_max,
           b.finished_at
    FROM etl.batch b WHERE b.status IN ('loaded', 'rejected', 'failed', 'refused');

CREATE VIEW reporting.unmapped AS
    SELECT u.year AS fiscal_year, u.kind, u.code, u.amount_sek, u.records FROM result.unmapped_summary() u;

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
           (result.split_sek(a.total, a.women, a.men, a.unknown, a.not_individual, a.unallocated)).*,
           result.pct1(100.0 * a.women / nullif(a.women + a.men, 0))::numeric(5,1) AS share_women_pct,
           p.women::integer AS population_women,
           p.men::integer AS population_men,
           result.pct1(100.0 * p.women / nullif(p.women + p.men, 0))::numeric(5,1) AS share_population_women_pct,
           round(a.women / 100.0 / nullif(p.women, 0), 2)::numeric(28,2) AS cost_per_inhabitant_women_sek,
           round(a.men / 100.0 / nullif(p.men, 0), 2)::numeric(28,2) AS cost_per_inhabitant_men_sek,
           a.closed
    FROM a LEFT JOIN p USING (municipality_code, fiscal_year);

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

GRANT SELECT ON reporting.allocation, reporting.reconciliation, reporting.key_figure, reporting.data_quality,
    reporting.unmapped, reporting.municipality, reporting.year_status TO gbetl_analyst, gbetl_finance, gbetl_loader;
