-- 75_suppression.sql — which groups and cells the reporting views hide (the
-- disclosure rule of functions/20_settings.sql).

-- Which groups (year, committee, activity) are hidden, from the allocation
-- as published (frozen for closed years) and the key figures.
CREATE VIEW result.suppressed_group AS
    WITH t AS (SELECT result.suppress_below() AS t),
    a AS (
        SELECT a.municipality_code, a.fiscal_year, a.committee_code, a.activity_code,
               result.small_count(t.t, a.recipients_women, a.recipients_men, a.recipients_unknown)
               OR (a.method = 'aggregate' AND result.small_count(t.t, a.volume_women, a.volume_men, a.volume_unknown)) AS hide
        FROM result.published_allocation a CROSS JOIN t
    ), k AS (
        SELECT k.municipality_code, k.fiscal_year, k.committee_code, k.activity_code,
               result.small_count(t.t, max(k.recipients) FILTER (WHERE k.sex = 2), max(k.recipients) FILTER (WHERE k.sex = 1),
                                  max(k.recipients) FILTER (WHERE k.sex = 0))
               OR (bool_or(al.method = 'aggregate')
                   AND result.small_count(t.t, max(k.volume) FILTER (WHERE k.sex = 2), max(k.volume) FILTER (WHERE k.sex = 1),
                                          max(k.volume) FILTER (WHERE k.sex = 0))) AS hide,
               coalesce(bool_or(al.method = 'aggregate'), false) AS aggregate
        FROM result.key_figure k CROSS JOIN t
        LEFT JOIN result.allocation al ON al.municipality_code = k.municipality_code AND al.fiscal_year = k.fiscal_year
             AND al.committee_code = k.committee_code AND al.activity_code = k.activity_code
        GROUP BY k.municipality_code, k.fiscal_year, k.committee_code, k.activity_code, t.t
    )
    SELECT municipality_code, fiscal_year, committee_code, activity_code,
           coalesce(a.hide, false) OR coalesce(k.hide, false) AS hidden,
           coalesce(k.aggregate, false) AS aggregate
    FROM a FULL JOIN k USING (municipality_code, fiscal_year, committee_code, activity_code);

-- Which cells are hidden. Primary: the cell has a small count (from 1 to
-- the threshold minus 1: recipients of a sex, or people counted by an
-- aggregate activity), or its whole row is hidden (result.suppressed_group).
-- Secondary: when only one cell of a breakdown is hidden, the row's total
-- less the other cells would give it back, so the cell with the fewest
-- people (more than none) among the others is hidden too.
CREATE VIEW result.suppressed_cell AS
    WITH t AS (SELECT result.suppress_below() AS t),
    d AS (
        SELECT d.municipality_code, d.fiscal_year, d.committee_code, d.activity_code, d.dimension, d.cell,
               coalesce(g.hidden, false)
               OR result.small_count(t.t, d.recipients_women, d.recipients_men, d.recipients_unknown)
               OR (d.method = 'aggregate' AND result.small_count(t.t, d.volume_women, d.volume_men, d.volume_unknown))
                   AS primary_hidden,
               CASE WHEN d.method = 'aggregate' THEN coalesce(d.volume_women, 0) + coalesce(d.volume_men, 0) + coalesce(d.volume_unknown, 0)
                    ELSE d.recipients_women + d.recipients_men + d.recipients_unknown END AS people
        FROM result.published_allocation_detail d CROSS JOIN t
        LEFT JOIN result.suppressed_group g ON g.municipality_code = d.municipality_code AND g.fiscal_year = d.fiscal_year
             AND g.committee_code = d.committee_code AND g.activity_code = d.activity_code
    ), r AS (
        SELECT d.*,
               count(*) FILTER (WHERE primary_hidden)
                   OVER (PARTITION BY municipality_code, fiscal_year, committee_code, activity_code, dimension) AS n_hidden,
               row_number() OVER (PARTITION BY municipality_code, fiscal_year, committee_code, activity_code, dimension, primary_hidden
                                  ORDER BY people = 0, people, cell) AS rank_shown
        FROM d
    )
    SELECT municipality_code, fiscal_year, committee_code, activity_code, dimension, cell,
           primary_hidden OR (n_hidden = 1 AND rank_shown = 1) AS hidden,
           NOT primary_hidden AND n_hidden = 1 AND rank_shown = 1 AS secondary
    FROM r;
GRANT SELECT ON result.suppressed_group, result.suppressed_cell TO gbetl_loader, gbetl_finance;
