-- 90_budget.sql — budget against outcome, per fiscal year, committee,
-- activity and budget version. Money only: no recipient counts, so nothing
-- here is a small count to hide (the outcome's counts are in
-- reporting.allocation, with the disclosure rule).

CREATE VIEW reporting.budget_outcome AS
    SELECT b.fiscal_year, b.committee_code,
           result.committee_name(b.municipality_code, b.committee_code, b.fiscal_year) AS committee_name,
           b.activity_code,
           result.activity_name(b.municipality_code, b.activity_code) AS activity_name,
           b.budget_version,
           result.sek(b.budget_ore) AS budget_total_sek,
           result.sek(b.women_ore) AS budget_women_sek,
           result.sek(b.men_ore) AS budget_men_sek,
           result.sek(b.unknown_ore) AS budget_unknown_sek,
           result.sek(b.not_individual_ore) AS budget_not_individual_sek,
           result.sek(b.unallocated_ore) AS budget_unallocated_sek,
           result.sek(a.ledger_cost_ore) AS cost_total_sek,
           result.sek(a.women_ore) AS cost_women_sek,
           result.sek(a.men_ore) AS cost_men_sek,
           result.sek(a.unknown_ore) AS cost_unknown_sek,
           result.sek(b.budget_ore - coalesce(a.ledger_cost_ore, 0)) AS deviation_total_sek,
           result.sek(b.women_ore - coalesce(a.women_ore, 0)) AS deviation_women_sek,
           result.sek(b.men_ore - coalesce(a.men_ore, 0)) AS deviation_men_sek,
           result.sek(b.unknown_ore - coalesce(a.unknown_ore, 0)) AS deviation_unknown_sek,
           b.reference_year,
           b.reference,
           b.months AS budget_months,
           CASE WHEN a.fiscal_year IS NULL THEN 0 ELSE 12 END AS months_covered,
           coalesce(a.closed, false) AS closed
    FROM result.budget_allocation b
    LEFT JOIN result.published_allocation a ON a.municipality_code = b.municipality_code AND a.fiscal_year = b.fiscal_year
         AND a.committee_code = b.committee_code AND a.activity_code = b.activity_code;
COMMENT ON VIEW reporting.budget_outcome IS 'Budget against outcome per fiscal year, committee, activity and budget version, by sex (SEK): the budget split at the reference year''s shares (docs/method.md) beside the year''s allocated cost. Deviation = budget minus outcome: positive when less was spent than budgeted. Money only, no recipient counts.';
COMMENT ON COLUMN reporting.budget_outcome.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.budget_outcome.committee_code IS 'Committee code (unmapped for codes no rule maps).';
COMMENT ON COLUMN reporting.budget_outcome.committee_name IS 'Committee name.';
COMMENT ON COLUMN reporting.budget_outcome.activity_code IS 'Activity code.';
COMMENT ON COLUMN reporting.budget_outcome.activity_name IS 'Activity name.';
COMMENT ON COLUMN reporting.budget_outcome.budget_version IS 'Budget version ("Budget 2025", "Tilläggsbudget 1").';
COMMENT ON COLUMN reporting.budget_outcome.budget_total_sek IS 'The budget, SEK (cost accounts and rows without an account).';
COMMENT ON COLUMN reporting.budget_outcome.budget_women_sek IS 'Budget to women at the reference year''s shares, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.budget_men_sek IS 'Budget to men, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.budget_unknown_sek IS 'Budget to recipients of unknown sex, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.budget_not_individual_sek IS 'Budget of what is not individual-based, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.budget_unallocated_sek IS 'Budget with no reference outcome to split it by, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.cost_total_sek IS 'The year''s ledger cost (the allocation), SEK; NULL when the year has no outcome for it yet.';
COMMENT ON COLUMN reporting.budget_outcome.cost_women_sek IS 'Cost allocated to women, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.cost_men_sek IS 'Cost allocated to men, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.cost_unknown_sek IS 'Cost allocated to recipients of unknown sex, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.deviation_total_sek IS 'Budget minus cost, SEK: positive when less was spent than budgeted.';
COMMENT ON COLUMN reporting.budget_outcome.deviation_women_sek IS 'Budget to women minus cost to women, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.deviation_men_sek IS 'Budget to men minus cost to men, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.deviation_unknown_sek IS 'Budget minus cost for unknown sex, SEK.';
COMMENT ON COLUMN reporting.budget_outcome.reference_year IS 'The outcome year whose shares split the budget.';
COMMENT ON COLUMN reporting.budget_outcome.reference IS 'committee (its own shares), activity (the activity''s across the municipality: a new committee), none (unallocated).';
COMMENT ON COLUMN reporting.budget_outcome.budget_months IS 'Months of the budget''s period rows (0: a budget for the whole year only).';
COMMENT ON COLUMN reporting.budget_outcome.months_covered IS 'Months of the year the outcome covers: 12 for the year''s allocation, 0 when the year has none yet.';
COMMENT ON COLUMN reporting.budget_outcome.closed IS 'True when the year is closed and the outcome is the frozen one.';
GRANT SELECT ON reporting.budget_outcome TO gbetl_analyst, gbetl_finance, gbetl_loader;
