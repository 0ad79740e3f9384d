-- 20_settings.sql — the settings the database keeps itself (result.setting)
-- and the small helpers of the disclosure rule (docs/analysts.md, "Small
-- counts"), of per-cent figures and of amounts in kronor.
--
-- The rule, applied per group = one fiscal year, committee and activity:
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
-- gbetl mappings and gbetl run set from gbetl.conf's suppress_below. The
-- functions that read and write settings run with their owner's rights (an
-- analyst may not read result.setting), with an empty search_path.

-- The threshold.
CREATE FUNCTION result.suppress_below() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$
    SELECT coalesce((SELECT s.value::integer FROM result.setting s WHERE s.key = 'suppress_below'), 5)
$$;
COMMENT ON FUNCTION result.suppress_below() IS 'The small-cell threshold of the reporting views: counts from 1 to this minus 1 are hidden.';

-- How far (percentage points) the age-standardised women's share of an
-- activity with the target "need" may lie from 50 %.
CREATE FUNCTION result.need_tolerance_pp() RETURNS numeric
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
AS $$
    SELECT coalesce((SELECT s.value::numeric FROM result.setting s WHERE s.key = 'need_tolerance_pp'), 10)
$$;
COMMENT ON FUNCTION result.need_tolerance_pp() IS 'The need tolerance: how many percentage points the age-standardised women''s share of an activity with the target need may lie from 50 % (default 10).';
REVOKE ALL ON FUNCTION result.suppress_below(), result.need_tolerance_pp() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION result.suppress_below(), result.need_tolerance_pp()
    TO gbetl_analyst, gbetl_finance, gbetl_loader;

-- Write a setting whose value lies from p_min to p_max (NULL: no bound),
-- refusing any other value, and NULL, with p_message (where % stands for
-- the value) and p_hint. Only the setters below call it, with their
-- owner's rights.
CREATE FUNCTION result.put_setting(p_key text, p_value numeric, p_min numeric, p_max numeric,
                                   p_message text, p_hint text) RETURNS void
LANGUAGE plpgsql SET search_path = ''
AS $$
BEGIN
    IF p_value IS NULL OR p_value < p_min OR p_value > p_max THEN
        RAISE EXCEPTION USING MESSAGE = replace(p_message, '%', coalesce(p_value::text, '<NULL>')),
            ERRCODE = '22023', HINT = p_hint;
    END IF;
    INSERT INTO result.setting (key, value) VALUES (p_key, p_value::text)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
END
$$;
COMMENT ON FUNCTION result.put_setting(text, numeric, numeric, numeric, text, text) IS 'Write a setting of result.setting after checking that its value lies within bounds (for the setters).';
REVOKE ALL ON FUNCTION result.put_setting(text, numeric, numeric, numeric, text, text) FROM PUBLIC;

-- Set the threshold (gbetl init, mappings and run, from gbetl.conf), and
-- the need tolerance (gbetl init, mappings and run, and finance).
CREATE FUNCTION result.set_suppress_below(p_threshold integer) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = ''
RETURN result.put_setting('suppress_below', p_threshold, 3, NULL,
                          'a suppression threshold of % is too low', 'Use 3 or more (the default is 5).');
COMMENT ON FUNCTION result.set_suppress_below(integer) IS 'Set the small-cell threshold of the reporting views (3 or more).';
CREATE FUNCTION result.set_need_tolerance_pp(p_points numeric) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = ''
RETURN result.put_setting('need_tolerance_pp', p_points, 0, 50,
                          'a need tolerance of % percentage points is out of range', 'Use 0 to 50 (the default is 10).');
COMMENT ON FUNCTION result.set_need_tolerance_pp(numeric) IS 'Set the need tolerance in percentage points (0 to 50).';
REVOKE ALL ON FUNCTION result.set_suppress_below(integer), result.set_need_tolerance_pp(numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION result.set_suppress_below(integer), result.set_need_tolerance_pp(numeric) TO gbetl_loader;
GRANT EXECUTE ON FUNCTION result.set_need_tolerance_pp(numeric) TO gbetl_finance;

-- True when one of the counts is small: from 1 to threshold - 1.
CREATE FUNCTION result.small_count(p_threshold integer, w numeric, m numeric, u numeric) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(w > 0 AND w < p_threshold, false) OR coalesce(m > 0 AND m < p_threshold, false)
    OR coalesce(u > 0 AND u < p_threshold, false);
COMMENT ON FUNCTION result.small_count(integer, numeric, numeric, numeric) IS 'True when a count of women, men or unknown sex is from 1 to the threshold minus 1.';

-- A per-cent figure as numeric(5,1), or NULL where it would not fit (a share
-- of a cost with negative parts can exceed 100 %); a view must never fail.
CREATE FUNCTION result.pct1(p numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN abs(round(p, 1)) < 10000 THEN round(p, 1) END;
COMMENT ON FUNCTION result.pct1(numeric) IS 'A per-cent value rounded to one decimal, or NULL when it does not fit numeric(5,1).';
GRANT EXECUTE ON FUNCTION result.pct1(numeric) TO gbetl_analyst, gbetl_finance, gbetl_loader;

-- An amount in öre as kronor (SEK), rounded to two decimals: the money
-- columns of the reporting views. Inlined where it is called.
CREATE FUNCTION result.sek(p_ore numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN round(p_ore / 100.0, 2);
COMMENT ON FUNCTION result.sek(numeric) IS 'An amount in öre as kronor, rounded to two decimals.';
GRANT EXECUTE ON FUNCTION result.sek(numeric) TO gbetl_analyst, gbetl_finance, gbetl_loader;

-- A split's six amounts in öre (the ledger's cost, to women, to men, to
-- unknown sex, not individual-based, unallocated) as the six money columns
-- of a reporting view, in kronor: (result.split_sek(...)).*
CREATE FUNCTION result.split_sek(p_total numeric, p_women numeric, p_men numeric, p_unknown numeric,
                                 p_not_individual numeric, p_unallocated numeric)
RETURNS result.split_sek
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ROW(result.sek(p_total), result.sek(p_women), result.sek(p_men), result.sek(p_unknown),
           result.sek(p_not_individual), result.sek(p_unallocated))::result.split_sek;
COMMENT ON FUNCTION result.split_sek(numeric, numeric, numeric, numeric, numeric, numeric) IS 'A split''s six amounts in öre as the cost_*_sek columns of the reporting views.';
GRANT EXECUTE ON FUNCTION result.split_sek(numeric, numeric, numeric, numeric, numeric, numeric)
    TO gbetl_analyst, gbetl_finance, gbetl_loader;
