-- 019_split_sek.sql — the row type of a split's six amounts in kronor, named
-- as the reporting views publish them: the ledger's cost and its parts to
-- women, to men, to unknown sex, not individual-based and unallocated.
-- result.split_sek() (schemas/functions/20_settings.sql) makes one from the
-- six amounts in öre, so that a view writes (result.split_sek(...)).* once
-- instead of six conversions.
CREATE TYPE result.split_sek AS (
    cost_total_sek          numeric(28,2),
    cost_women_sek          numeric(28,2),
    cost_men_sek            numeric(28,2),
    cost_unknown_sek        numeric(28,2),
    cost_not_individual_sek numeric(28,2),
    cost_unallocated_sek    numeric(28,2)
);
COMMENT ON TYPE result.split_sek IS 'A split''s six amounts in kronor, as the reporting views publish them (result.split_sek()).';
