-- 008_privacy.sql — one disclosure rule for every published count, a
-- threshold the configuration sets, and suppression analysts can read.
--
-- The rule (docs/analysts.md, "Small counts"), applied per group = one
-- fiscal year, committee and activity:
--   1. A count of people from 1 to threshold - 1 is small.  The counts of a
--      group are its recipients of each sex (women, men, unknown) and, for
--      the aggregate method, its volumes (which are counts of people).
--   2. When any count of a group is small, every count of the group is
--      hidden (NULL), in reporting.allocation and reporting.key_figure
--      alike, and the rows say so (recipients_suppressed, suppressed).
--   3. Every figure a hidden count can be recomputed from is hidden with it:
--      per-recipient cost and volume, the per-unit cost of an aggregate
--      activity, and the change since the year before — which is also
--      hidden when the year before was hidden.
--   4. Totals: a total of counts is published only when none of the counts
--      it adds up is hidden.  The views publish no total of recipients over
--      groups, so subtracting published counts from a published total cannot
--      give a hidden one back.
-- The threshold is result.setting 'suppress_below', which gbetl init,
-- gbetl mappings and gbetl run set from gbetl.conf's suppress_below.
--
-- 005's result.suppress_below() ran with the caller's rights, so an analyst
-- (who may not read result.setting) could not read the views at all: here it
-- runs with its owner's, with an empty search_path.

-- The cost basis of an allocation (gross or own); a no-op where it exists.
ALTER TABLE result.allocation ADD COLUMN IF NOT EXISTS cost_basis text;
ALTER TABLE result.closed_allocation ADD COLUMN IF NOT EXISTS cost_basis text;

CREATE OR REPLACE FUNCTION result.suppress_below() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$
    SELECT coalesce((SELECT s.value::integer FROM result.setting s WHERE s.key = 'suppress_below'), 5)
$$;
COMMENT ON FUNCTION result.suppress_below() IS 'The small-cell threshold of the reporting views: counts from 1 to this minus 1 are hidden.';
REVOKE ALL ON FUNCTION result.suppress_below() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION result.suppress_below() TO gbetl_analyst, gbetl_finance, gbetl_loader;

-- Set the threshold (gbetl init, mappings and run, from gbetl.conf).
CREATE FUNCTION result.set_suppress_below(p_threshold integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
AS $$
BEGIN
    IF p_threshold IS NULL OR p_threshold < 3 THEN
        RAISE EXCEPTION 'a suppression threshold of % is too low', p_threshold USING ERRCODE = '22023',
            HINT = 'Use 3 or more (the default is 5).';
    END IF;
    INSERT INTO result.setting (key, value) VALUES ('suppress_below', p_threshold::text)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
END
$$;
COMMENT ON FUNCTION result.set_suppress_below(integer) IS 'Set the small-cell threshold of the reporting views (3 or more).';
REVOKE ALL ON FUNCTION result.set_suppress_below(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION result.set_suppress_below(integer) TO gbetl_loader;

-- True when one of the counts is small: from 1 to threshold - 1.
CREATE FUNCTION result.small_count(p_threshold integer, w numeric, m numeric, u numeric) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(w > 0 AND w < p_threshold, false) OR coalesce(m > 0 AND m < p_threshold, false)
    OR coalesce(u > 0 AND u < p_threshold, false);
COMMENT ON FUNCTION result.small_count(integer, numeric, numeric, numeric) IS 'True when a count of women, men or unknown sex is from 1 to the threshold minus 1.';

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
COMMENT ON VIEW result.suppressed_group IS 'Per fiscal year, committee and activity: whether its counts are hidden in the reporting views (a count from 1 to the threshold minus 1 in the allocation or the key figures).';

DROP VIEW reporting.allocation;
CREATE VIEW reporting.allocation AS
    SELECT a.fiscal_year, a.committee_code,
           coalesce((SELECT c.committee_name FROM mapping.committee c WHERE c.municipality_code = a.municipality_code
                     AND c.committee_code = a.committee_code AND a.fiscal_year BETWEEN c.valid_from AND coalesce(c.valid_to, 32767)
                     LIMIT 1), 'Ej mappat / unmapped') AS committee_name,
           a.activity_code,
           coalesce((SELECT t.activity_name FROM mapping.activity t WHERE t.municipality_code = a.municipality_code
                     AND t.activity_code = a.activity_code), 'Ej mappat / unmapped') AS activity_name,
           a.method,
           a.cost_basis,
           round(a.ledger_cost_ore / 100.0, 2) AS cost_total_sek,
           round(a.women_ore / 100.0, 2) AS cost_women_sek,
           round(a.men_ore / 100.0, 2) AS cost_men_sek,
           round(a.unknown_ore / 100.0, 2) AS cost_unknown_sek,
           round(a.not_individual_ore / 100.0, 2) AS cost_not_individual_sek,
           round(a.unallocated_ore / 100.0, 2) AS cost_unallocated_sek,
           CASE WHEN g.hidden THEN NULL ELSE a.recipients_women END AS recipients_women,
           CASE WHEN g.hidden THEN NULL ELSE a.recipients_men END AS recipients_men,
           coalesce(g.hidden, false) AS recipients_suppressed,
           round(100 * a.share_cost_women, 1) AS share_women_pct,
           a.representation_index_women,
           a.balance_band,
           a.closed
    FROM result.published_allocation a
    LEFT JOIN result.suppressed_group g ON g.municipality_code = a.municipality_code AND g.fiscal_year = a.fiscal_year
         AND g.committee_code = a.committee_code AND g.activity_code = a.activity_code;
COMMENT ON VIEW reporting.allocation IS 'Cost of each committee and activity split between women, men, unknown sex, not individual-based and unallocated, per fiscal year (SEK). When a count of the row is from 1 to the suppression threshold minus 1, all its counts are hidden (recipients_suppressed).';
COMMENT ON COLUMN reporting.allocation.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.allocation.committee_code IS 'Committee code (unmapped for cost centres no rule maps).';
COMMENT ON COLUMN reporting.allocation.committee_name IS 'Committee name.';
COMMENT ON COLUMN reporting.allocation.activity_code IS 'Activity code (SCB RS code or sub-code).';
COMMENT ON COLUMN reporting.allocation.activity_name IS 'Activity name.';
COMMENT ON COLUMN reporting.allocation.method IS 'How cost was split: volume, headcount, direct, aggregate, none, unmapped.';
COMMENT ON COLUMN reporting.allocation.cost_basis IS 'gross (cost accounts) or own (cost net of internal revenue).';
COMMENT ON COLUMN reporting.allocation.cost_total_sek IS 'Ledger cost, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_women_sek IS 'Cost allocated to women, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_men_sek IS 'Cost allocated to men, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_unknown_sek IS 'Cost allocated to recipients of unknown sex, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_not_individual_sek IS 'Cost of activities that are not individual-based, SEK.';
COMMENT ON COLUMN reporting.allocation.cost_unallocated_sek IS 'Cost with no recipients recorded or on unmapped codes, SEK.';
COMMENT ON COLUMN reporting.allocation.recipients_women IS 'Women recipients; NULL when suppressed.';
COMMENT ON COLUMN reporting.allocation.recipients_men IS 'Men recipients; NULL when suppressed.';
COMMENT ON COLUMN reporting.allocation.recipients_suppressed IS 'True when the counts of the row are hidden: one of them (women, men or unknown sex) is from 1 to the suppression threshold minus 1.';
COMMENT ON COLUMN reporting.allocation.share_women_pct IS 'Women''s share of the cost allocated to women and men, per cent.';
COMMENT ON COLUMN reporting.allocation.representation_index_women IS 'Women''s share of cost divided by their share of the activity''s population (1 = in proportion).';
COMMENT ON COLUMN reporting.allocation.balance_band IS 'balanced (40–60 % to women), women, or men.';
COMMENT ON COLUMN reporting.allocation.closed IS 'True when the year is closed and the figures are the frozen ones.';

DROP VIEW reporting.key_figure;
CREATE VIEW reporting.key_figure AS
    SELECT k.fiscal_year, k.committee_code, k.activity_code,
           CASE k.sex WHEN 2 THEN 'women' WHEN 1 THEN 'men' ELSE 'unknown' END AS sex,
           CASE WHEN g.hidden THEN NULL ELSE k.recipients END AS recipients,
           g.hidden AS suppressed,
           CASE WHEN g.hidden AND g.aggregate THEN NULL ELSE k.volume END AS volume,
           CASE WHEN g.hidden THEN NULL ELSE k.volume_per_recipient END AS volume_per_recipient,
           round(k.cost_ore / 100.0, 2) AS cost_sek,
           CASE WHEN g.hidden THEN NULL ELSE round(k.cost_per_recipient_ore / 100.0, 2) END AS cost_per_recipient_sek,
           CASE WHEN g.hidden AND g.aggregate THEN NULL ELSE round(k.cost_per_unit_ore / 100.0, 2) END AS cost_per_unit_sek,
           CASE WHEN g.hidden OR coalesce(p.hidden, false) THEN NULL ELSE k.recipients_change_pct END AS recipients_change_pct,
           CASE WHEN g.hidden OR coalesce(p.hidden, false) THEN NULL ELSE k.cost_per_recipient_change_pct END
               AS cost_per_recipient_change_pct,
           k.coverage_pct
    FROM result.key_figure k
    JOIN result.suppressed_group g ON g.municipality_code = k.municipality_code AND g.fiscal_year = k.fiscal_year
         AND g.committee_code = k.committee_code AND g.activity_code = k.activity_code
    LEFT JOIN result.suppressed_group p ON p.municipality_code = k.municipality_code AND p.fiscal_year = k.fiscal_year - 1
         AND p.committee_code = k.committee_code AND p.activity_code = k.activity_code;
COMMENT ON VIEW reporting.key_figure IS 'Key figures of the welfare accounts by sex: recipients, volume, cost per recipient and per unit, change since the year before, coverage of known sex. When a count of the committee and activity is from 1 to the suppression threshold minus 1, the counts of all three sexes and every figure computed from them are hidden (suppressed).';
COMMENT ON COLUMN reporting.key_figure.fiscal_year IS 'Fiscal year.';
COMMENT ON COLUMN reporting.key_figure.committee_code IS 'Committee.';
COMMENT ON COLUMN reporting.key_figure.activity_code IS 'Activity.';
COMMENT ON COLUMN reporting.key_figure.sex IS 'women, men or unknown.';
COMMENT ON COLUMN reporting.key_figure.recipients IS 'Recipients; NULL when suppressed.';
COMMENT ON COLUMN reporting.key_figure.suppressed IS 'True when the counts of the committee and activity are hidden, for all three sexes.';
COMMENT ON COLUMN reporting.key_figure.volume IS 'Volume received (for the aggregate method a count of people: NULL when suppressed).';
COMMENT ON COLUMN reporting.key_figure.volume_per_recipient IS 'Volume per recipient; NULL when suppressed.';
COMMENT ON COLUMN reporting.key_figure.cost_sek IS 'Cost allocated, SEK.';
COMMENT ON COLUMN reporting.key_figure.cost_per_recipient_sek IS 'Cost per recipient, SEK; NULL when suppressed.';
COMMENT ON COLUMN reporting.key_figure.cost_per_unit_sek IS 'Cost per unit of volume, SEK (for the aggregate method per person: NULL when suppressed).';
COMMENT ON COLUMN reporting.key_figure.recipients_change_pct IS 'Change in recipients since the year before, per cent; NULL when this year or the year before is suppressed.';
COMMENT ON COLUMN reporting.key_figure.cost_per_recipient_change_pct IS 'Change in cost per recipient since the year before, per cent; NULL when this year or the year before is suppressed.';
COMMENT ON COLUMN reporting.key_figure.coverage_pct IS 'Share of the activity''s records with a known sex, per cent.';

GRANT SELECT ON reporting.allocation, reporting.key_figure TO gbetl_analyst, gbetl_finance, gbetl_loader;
GRANT SELECT ON result.suppressed_group TO gbetl_loader, gbetl_finance;
