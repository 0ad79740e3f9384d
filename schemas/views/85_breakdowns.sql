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
           CASE WHEN NOT s.hidden THEN result.sek(d.ledger_cost_ore) END AS cost_total_sek,
           CASE WHEN NOT s.hidden THEN result.sek(d.women_ore) END AS cost_women_sek,
           CASE WHEN NOT s.hidden THEN result.sek(d.men_ore) END AS cost_men_sek,
           CASE WHEN NOT s.hidden THEN result.sek(d.unknown_ore) END AS cost_unknown_sek,
           CASE WHEN NOT s.hidden THEN result.sek(d.not_individual_ore) END AS cost_not_individual_sek,
           CASE WHEN NOT s.hidden THEN result.sek(d.unallocated_ore) END AS cost_unallocated_sek,
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
           result.sek(sum(d.ledger_cost_ore)), result.sek(sum(d.women_ore)), result.sek(sum(d.men_ore)),
           result.sek(sum(d.unknown_ore)), result.sek(sum(d.not_individual_ore)),
           result.sek(sum(d.unallocated_ore)), NULL, NULL, true, NULL, NULL, NULL, NULL, NULL, d.closed
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

GRANT SELECT ON result.allocation_standardised TO gbetl_loader, gbetl_finance;
GRANT SELECT ON reporting.allocation_detail, reporting.allocation_need TO gbetl_analyst, gbetl_finance, gbetl_loader;
