-- 017_numeric_money.sql — the results' money in numeric öre, so that no
-- accepted year is too large to allocate.
--
-- One amount is at most 10^15 kronor (10^17 öre; the readers reject more),
-- but the cost of one committee and activity in a year is a sum of many
-- amounts: as bigint öre (at most about 9.2 * 10^16 kronor, some 92 rows of
-- the largest amount) such a year could only be refused. In numeric öre it
-- is computed exactly, however large; every amount stays a whole number of
-- öre (the largest-remainder split gives whole parts) and the
-- reconciliation constraints stand as they were. The ledger, budget and
-- service records keep their bigint amounts: one amount each.

-- The six amounts of a split (the ledger's cost and its parts), alike in
-- the allocation, its breakdowns and their closed copies.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['result.allocation', 'result.closed_allocation',
                             'result.allocation_detail', 'result.closed_allocation_detail'] LOOP
        EXECUTE format('ALTER TABLE %s ALTER COLUMN ledger_cost_ore TYPE numeric, '
                       'ALTER COLUMN women_ore TYPE numeric, ALTER COLUMN men_ore TYPE numeric, '
                       'ALTER COLUMN unknown_ore TYPE numeric, '
                       'ALTER COLUMN not_individual_ore TYPE numeric, '
                       'ALTER COLUMN unallocated_ore TYPE numeric', t);
    END LOOP;
END
$$;
ALTER TABLE result.key_figure ALTER COLUMN cost_ore TYPE numeric;
ALTER TABLE result.budget_allocation
    ALTER COLUMN budget_ore TYPE numeric, ALTER COLUMN women_ore TYPE numeric,
    ALTER COLUMN men_ore TYPE numeric, ALTER COLUMN unknown_ore TYPE numeric,
    ALTER COLUMN not_individual_ore TYPE numeric, ALTER COLUMN unallocated_ore TYPE numeric;
ALTER TABLE result.budget_snapshot
    ALTER COLUMN budget_ore TYPE numeric, ALTER COLUMN budget_women_ore TYPE numeric,
    ALTER COLUMN budget_men_ore TYPE numeric, ALTER COLUMN budget_unknown_ore TYPE numeric,
    ALTER COLUMN budget_not_individual_ore TYPE numeric, ALTER COLUMN budget_unallocated_ore TYPE numeric,
    ALTER COLUMN cost_ore TYPE numeric, ALTER COLUMN cost_women_ore TYPE numeric,
    ALTER COLUMN cost_men_ore TYPE numeric, ALTER COLUMN cost_unknown_ore TYPE numeric;
ALTER TABLE result.year_close ALTER COLUMN unmapped_ore TYPE numeric, ALTER COLUMN unallocated_ore TYPE numeric;
