-- 70_published.sql — the figures as published: the latest frozen version of
-- a closed year, the current allocation of an open one.
--
-- Repeatable (schemas/README.md): every view of gbetl's schemas is dropped
-- and re-created by gbetl init when a migration ran or one of these files
-- changed; grants and comments belong here.

-- The version each closed year publishes: its latest close. A year that
-- is not closed (never, or reopened since) has no row: its current figures
-- are published. One rule for the allocation and its breakdowns.
CREATE VIEW result.published_version AS
    SELECT c.municipality_code, c.fiscal_year, max(c.version) AS version
    FROM result.year_close c
    WHERE EXISTS (SELECT 1 FROM etl.closed_year y WHERE y.municipality_code = c.municipality_code
                  AND y.fiscal_year = c.fiscal_year)
    GROUP BY c.municipality_code, c.fiscal_year;

-- result.closed_allocation is result.allocation with the close's version
-- in front, column for column, so each branch below is its table's
-- columns; the view names them once.
CREATE VIEW result.published_allocation AS
    SELECT x.municipality_code, x.fiscal_year, x.committee_code, x.activity_code, x.method, x.cost_basis,
           x.ledger_cost_ore, x.women_ore, x.men_ore, x.unknown_ore, x.not_individual_ore, x.unallocated_ore,
           x.recipients_women, x.recipients_men, x.recipients_unknown, x.volume_women, x.volume_men, x.volume_unknown,
           x.volume_unit, x.population_women, x.population_men, x.cost_per_recipient_women_ore,
           x.cost_per_recipient_men_ore, x.cost_per_unit_women_ore, x.cost_per_unit_men_ore,
           x.cost_per_inhabitant_women_ore, x.cost_per_inhabitant_men_ore, x.share_cost_women,
           x.share_recipients_women, x.share_population_women, x.representation_index_women,
           x.representation_index_men, x.balance_band, x.records, x.records_sex_known, x.computed_at,
           x.version IS NOT NULL AS closed
    FROM (SELECT NULL::integer AS version, a.* FROM result.allocation a
          LEFT JOIN etl.closed_year y USING (municipality_code, fiscal_year) WHERE y.fiscal_year IS NULL
          UNION ALL
          SELECT c.* FROM result.closed_allocation c
          JOIN result.published_version p USING (municipality_code, fiscal_year, version)) x;

-- The same for the breakdowns (result.closed_allocation_detail is
-- result.allocation_detail with the version in front).
CREATE VIEW result.published_allocation_detail AS
    SELECT x.municipality_code, x.fiscal_year, x.committee_code, x.activity_code, x.dimension, x.cell, x.cell_order,
           x.method, x.ledger_cost_ore, x.women_ore, x.men_ore, x.unknown_ore, x.not_individual_ore, x.unallocated_ore,
           x.recipients_women, x.recipients_men, x.recipients_unknown, x.volume_women, x.volume_men, x.volume_unknown,
           x.records, x.population_women, x.population_men, x.version IS NOT NULL AS closed
    FROM (SELECT NULL::integer AS version, d.* FROM result.allocation_detail d
          LEFT JOIN etl.closed_year y USING (municipality_code, fiscal_year) WHERE y.fiscal_year IS NULL
          UNION ALL
          SELECT c.* FROM result.closed_allocation_detail c
          JOIN result.published_version p USING (municipality_code, fiscal_year, version)) x;
GRANT SELECT ON result.published_allocation, result.published_allocation_detail TO gbetl_loader, gbetl_finance;

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

-- The target of each published row of an individual-based activity
-- (activities.csv: balance, need or none) and whether it is met: balance,
-- the crude women's share of the cost is 40–60 %; need, the age-standardised
-- share lies within the need tolerance of 50 % (docs/method.md, "Targets").
-- One rule for reporting.allocation, reporting.allocation_need and the
-- reports.
CREATE VIEW result.published_target AS
    SELECT a.municipality_code, a.fiscal_year, a.committee_code, a.activity_code, t.target,
           round(100 * s.standard_women / nullif(s.standard_women + s.standard_men, 0), 1) AS share_women_standardised_pct,
           round(2 * s.standard_women / nullif(s.standard_women + s.standard_men, 0), 3) AS representation_index_women_standardised,
           CASE t.target
               WHEN 'balance' THEN CASE WHEN a.share_cost_women IS NOT NULL THEN a.share_cost_women BETWEEN 0.4 AND 0.6 END
               WHEN 'need' THEN abs(100 * s.standard_women / nullif(s.standard_women + s.standard_men, 0) - 50)
                                <= result.need_tolerance_pp()
           END AS target_met
    FROM result.published_allocation a
    LEFT JOIN result.allocation_standardised s USING (municipality_code, fiscal_year, committee_code, activity_code)
    LEFT JOIN mapping.activity t ON t.municipality_code = a.municipality_code AND t.activity_code = a.activity_code
    WHERE a.method IN ('volume', 'headcount', 'direct', 'aggregate');

