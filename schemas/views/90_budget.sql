-- 90_budget.sql — budget against outcome, per fiscal year, committee,
-- activity and budget version. Money only: no recipient counts, so nothing
-- here is a small count to hide (the outcome's counts are in
-- reporting.allocation, with the disclosure rule).

-- The budget's split in kronor is made as the outcome's (result.split_sek,
-- its columns renamed budget_*); every money column is numeric(28,2).
CREATE VIEW reporting.budget_outcome AS
    SELECT b.fiscal_year, b.committee_code,
           result.committee_name(b.municipality_code, b.committee_code, b.fiscal_year) AS committee_name,
           b.activity_code,
           result.activity_name(b.municipality_code, b.activity_code) AS activity_name,
           b.budget_version,
           s.budget_total_sek, s.budget_women_sek, s.budget_men_sek, s.budget_unknown_sek,
           s.budget_not_individual_sek, s.budget_unallocated_sek,
           result.sek(a.ledger_cost_ore)::numeric(28,2) AS cost_total_sek,
           result.sek(a.women_ore)::numeric(28,2) AS cost_women_sek,
           result.sek(a.men_ore)::numeric(28,2) AS cost_men_sek,
           result.sek(a.unknown_ore)::numeric(28,2) AS cost_unknown_sek,
           result.sek(b.budget_ore - coalesce(a.ledger_cost_ore, 0))::numeric(28,2) AS deviation_total_sek,
           result.sek(b.women_ore - coalesce(a.women_ore, 0))::numeric(28,2) AS deviation_women_sek,
           result.sek(b.men_ore - coalesce(a.men_ore, 0))::numeric(28,2) AS deviation_men_sek,
           result.sek(b.unknown_ore - coalesce(a.unknown_ore, 0))::numeric(28,2) AS deviation_unknown_sek,
           b.reference_year,
           b.reference,
           b.months AS budget_months,
           CASE WHEN a.fiscal_year IS NULL THEN 0 ELSE 12 END AS months_covered,
           coalesce(a.closed, false) AS closed
    FROM result.budget_allocation b
    CROSS JOIN LATERAL result.split_sek(b.budget_ore, b.women_ore, b.men_ore, b.unknown_ore, b.not_individual_ore,
                                        b.unallocated_ore)
         AS s(budget_total_sek, budget_women_sek, budget_men_sek, budget_unknown_sek, budget_not_individual_sek,
              budget_unallocated_sek)
    LEFT JOIN result.published_allocation a ON a.municipality_code = b.municipality_code AND a.fiscal_year = b.fiscal_year
         AND a.committee_code = b.committee_code AND a.activity_code = b.activity_code;
GRANT SELECT ON reporting.budget_outcome TO gbetl_analyst, gbetl_finance, gbetl_loader;
