-- 85_breakdowns.sql — always sex, never only sex: the breakdowns by age
-- band, district and unit, the age-standardised women's share beside the
-- crude one, and the targets (docs/method.md, "Breakdowns", "Age
-- standardisation", "Targets").

CREATE VIEW reporting.allocation_detail AS
    SELECT d.fiscal_year, d.committee_code, d.activity_code,
           result.activity_name(d.municipality_code, d.activity_code) AS activity_name,
           d.dimension, d.cell, d.cell_order, d.method,
           (SELECT t.target FROM mapping.activity t WHERE t.municipality_code = d.municipality_code
                   AND t.activity_code = d.activity_code) AS target,
           (CASE WHEN NOT s.hidden THEN result.split_sek(d.ledger_cost_ore, d.women_ore, d.men_ore, d.unknown_ore,
                                                         d.not_individual_ore, d.unallocated_ore) END).*,
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
           result.activity_name(d.municipality_code, d.activity_code),
           d.dimension, 'övriga (dolda)', NULL, d.method,
           (SELECT t.target FROM mapping.activity t WHERE t.municipality_code = d.municipality_code
                   AND t.activity_code = d.activity_code),
           (result.split_sek(sum(d.ledger_cost_ore), sum(d.women_ore), sum(d.men_ore), sum(d.unknown_ore),
                             sum(d.not_individual_ore), sum(d.unallocated_ore))).*,
           NULL, NULL, true, NULL, NULL, NULL, NULL, NULL, d.closed
    FROM result.published_allocation_detail d
    JOIN result.suppressed_cell s USING (municipality_code, fiscal_year, committee_code, activity_code, dimension, cell)
    WHERE s.hidden
    GROUP BY d.municipality_code, d.fiscal_year, d.committee_code, d.activity_code, d.dimension, d.method, d.closed;

CREATE VIEW reporting.allocation_need AS
    SELECT a.fiscal_year, a.committee_code, a.activity_code,
           result.activity_name(a.municipality_code, a.activity_code) AS activity_name,
           n.target,
           round(100 * a.share_cost_women, 1) AS share_women_pct,
           round(100 * a.share_population_women, 1) AS share_population_women_pct,
           a.representation_index_women,
           n.share_women_standardised_pct,
           n.representation_index_women_standardised,
           CASE n.target WHEN 'need' THEN result.need_tolerance_pp() END AS need_tolerance_pp,
           n.target_met,
           a.closed
    FROM result.published_allocation a
    JOIN result.published_target n USING (municipality_code, fiscal_year, committee_code, activity_code);

GRANT SELECT ON result.allocation_standardised TO gbetl_loader, gbetl_finance;
GRANT SELECT ON reporting.allocation_detail, reporting.allocation_need TO gbetl_analyst, gbetl_finance, gbetl_loader;
