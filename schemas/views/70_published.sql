-- 70_published.sql — the figures as published: the latest frozen version of
-- a closed year, the current allocation of an open one.
--
-- Repeatable (schemas/README.md): every view of gbetl's schemas is dropped
-- and re-created by gbetl init when a migration ran or one of these files
-- changed; grants and comments belong here.

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
          WHERE NOT EXISTS (SELECT 1 FROM etl.closed_year y WHERE y.municipality_code = a.municipality_code
                            AND y.fiscal_year = a.fiscal_year)
          UNION ALL
          SELECT c.* FROM result.closed_allocation c
          WHERE EXISTS (SELECT 1 FROM etl.closed_year y WHERE y.municipality_code = c.municipality_code
                        AND y.fiscal_year = c.fiscal_year)
            AND c.version = (SELECT max(v.version) FROM result.closed_allocation v
                             WHERE v.municipality_code = c.municipality_code AND v.fiscal_year = c.fiscal_year)) x;
COMMENT ON VIEW result.published_allocation IS 'The allocation as published: frozen for closed years, current for open ones.';

-- The same for the breakdowns (result.closed_allocation_detail is
-- result.allocation_detail with the version in front).
CREATE VIEW result.published_allocation_detail AS
    SELECT x.municipality_code, x.fiscal_year, x.committee_code, x.activity_code, x.dimension, x.cell, x.cell_order,
           x.method, x.ledger_cost_ore, x.women_ore, x.men_ore, x.unknown_ore, x.not_individual_ore, x.unallocated_ore,
           x.recipients_women, x.recipients_men, x.recipients_unknown, x.volume_women, x.volume_men, x.volume_unknown,
           x.records, x.population_women, x.population_men, x.version IS NOT NULL AS closed
    FROM (SELECT NULL::integer AS version, d.* FROM result.allocation_detail d
          WHERE NOT EXISTS (SELECT 1 FROM etl.closed_year y WHERE y.municipality_code = d.municipality_code
                            AND y.fiscal_year = d.fiscal_year)
          UNION ALL
          SELECT c.* FROM result.closed_allocation_detail c
          WHERE EXISTS (SELECT 1 FROM etl.closed_year y WHERE y.municipality_code = c.municipality_code
                        AND y.fiscal_year = c.fiscal_year)
            AND c.version = (SELECT max(v.version) FROM result.year_close v
                             WHERE v.municipality_code = c.municipality_code AND v.fiscal_year = c.fiscal_year)) x;
COMMENT ON VIEW result.published_allocation_detail IS 'The breakdowns as published: frozen for closed years, current for open ones.';
GRANT SELECT ON result.published_allocation, result.published_allocation_detail TO gbetl_loader, gbetl_finance;
