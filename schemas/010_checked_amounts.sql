-- 010_checked_amounts.sql — result.allocate() refuses, with a message that
-- names the committee, the activity and the year, what it would otherwise
-- get wrong in silence or fail on with a bare "bigint out of range".
--
-- The allocation itself is unchanged: the function of the migrations
-- before (whichever last replaced it) is kept as result.allocate_unchecked
-- and the new result.allocate calls it, then checks its result in the same
-- statement, so that a refusal leaves nothing of the year's new results:
--
-- * Negative weights. result.split_exact() counts a negative weight as
--   zero, so corrections (negative quantities, counts or payments that a
--   source with allow_negative = yes may send) that make the volume of one
--   sex negative would give all of an activity's cost to the other sex. An
--   activity split by volume, aggregate counts or payments whose weight for
--   women, men or unknown sex is negative is refused.
-- * Sums out of range. One amount is at most 10^15 kronor (10^17 öre; the
--   readers reject more), but the cost of one committee and activity in a
--   year is a sum of many amounts and is stored as bigint öre (at most
--   about 9.2 * 10^16 kronor). A sum beyond that is refused naming the
--   committee and activity, instead of PostgreSQL's "bigint out of range"
--   naming nothing.

ALTER FUNCTION result.allocate(text, smallint, text, text) RENAME TO allocate_unchecked;
COMMENT ON FUNCTION result.allocate_unchecked(text, smallint, text, text) IS 'The allocation of a fiscal year without the checks of result.allocate(); call result.allocate().';

CREATE FUNCTION result.allocate(p_municipality text, p_year smallint,
                                p_cost_basis text DEFAULT 'gross',
                                p_direct_remainder text DEFAULT 'share')
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    n integer;
    bad record;
BEGIN
    BEGIN
        n := result.allocate_unchecked(p_municipality, p_year, p_cost_basis, p_direct_remainder);
    EXCEPTION WHEN numeric_value_out_of_range THEN
        -- the ledger's sum per committee and activity, in numeric: which one?
        SELECT coalesce(result.committee_of(p_municipality, l.org_code, p_year), 'unmapped') AS committee_code,
               coalesce(l.activity_code, 'unmapped') AS activity_code, sum(l.amount_ore) AS total
        INTO bad
        FROM core.ledger_entry l
        WHERE l.municipality_code = p_municipality AND l.fiscal_year = p_year
        GROUP BY 1, 2
        HAVING abs(sum(l.amount_ore)) > 9223372036854775807
        LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'the ledger cost of committee "%", activity "%" in % is out of range',
                bad.committee_code, bad.activity_code, p_year
                USING ERRCODE = '22003',
                DETAIL = format('Its ledger rows sum to %s öre; a cost must be within ±9223372036854775807 öre.', bad.total),
                HINT = 'Check the ledger files of the year for amounts booked many times over.';
        END IF;
        -- or the payments of the service records (direct activities)
        SELECT coalesce(result.committee_of(p_municipality, s.org_code, p_year), 'unmapped') AS committee_code,
               s.service_code, sum(s.amount_ore) AS total
        INTO bad
        FROM core.service_record s
        WHERE s.municipality_code = p_municipality
          AND s.period_start >= make_date(p_year, 1, 1) AND s.period_start < make_date(p_year + 1, 1, 1)
        GROUP BY 1, 2
        HAVING abs(sum(s.amount_ore)) > 9223372036854775807
        LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'the payments of committee "%", service code "%" in % are out of range',
                bad.committee_code, bad.service_code, p_year
                USING ERRCODE = '22003',
                DETAIL = format('Its service records sum to %s öre; a sum must be within ±9223372036854775807 öre.', bad.total),
                HINT = 'Check the service files of the year for payments recorded many times over.';
        END IF;
        RAISE EXCEPTION 'a sum of the allocation of % is out of range', p_year
            USING ERRCODE = '22003',
            HINT = 'Check the year''s files for amounts or quantities far beyond what the municipality has.';
    END;

    SELECT a.committee_code, a.activity_code, a.method,
           CASE WHEN a.volume_women < 0 THEN 'women' WHEN a.volume_men < 0 THEN 'men' ELSE 'unknown sex' END AS sex
    INTO bad
    FROM result.allocation a
    WHERE a.municipality_code = p_municipality AND a.fiscal_year = p_year
      AND a.method IN ('volume', 'aggregate', 'direct')
      AND least(a.volume_women, a.volume_men, a.volume_unknown) < 0
    ORDER BY a.committee_code, a.activity_code
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the weight of % in committee "%", activity "%" in % is negative',
            bad.sex, bad.committee_code, bad.activity_code, p_year
            USING ERRCODE = '22023',
            DETAIL = format('The activity is split by %s; corrections (negative quantities, counts or payments) make the total of %s below zero.', bad.method, bad.sex),
            HINT = 'Correct or remove the correction rows of the year''s files and load them again.';
    END IF;
    RETURN n;
END
$$;
COMMENT ON FUNCTION result.allocate(text, smallint, text, text) IS 'Compute the allocation and key figures of a fiscal year (result.allocate_unchecked), refusing negative weights and sums out of range with the committee, activity and year named.';
