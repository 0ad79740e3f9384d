-- 015_closing.sql — a close that sees what it freezes.
--
-- Cost that no mapping rule maps, or that has no recipients, is given to
-- neither women nor men. Closing a year with such cost is refused unless
-- finance accepts it on purpose ("gbetl close-year YYYY --accept-unmapped");
-- the close then records the amounts it accepted, next to who and when.

ALTER TABLE result.year_close
    ADD COLUMN unmapped_ore bigint,
    ADD COLUMN unallocated_ore bigint,
    ADD COLUMN unmapped_accepted boolean;
COMMENT ON COLUMN result.year_close.unmapped_ore IS 'Cost on codes no mapping rule maps in the frozen figures, öre (NULL: closed before this was recorded).';
COMMENT ON COLUMN result.year_close.unallocated_ore IS 'Other cost with no recipients in the frozen figures, öre (NULL: closed before this was recorded).';
COMMENT ON COLUMN result.year_close.unmapped_accepted IS 'true: closed with unmapped or unallocated cost, accepted on purpose (--accept-unmapped); false: there was none; NULL: closed before this was recorded.';

-- The two-argument form (004, 007) accepts nothing: it refuses a year with
-- unmapped or unallocated cost as the command does without the option.
CREATE FUNCTION result.close_year(p_municipality text, p_year smallint, p_accept_unmapped boolean) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v integer;
    unmapped bigint;
    unallocated bigint;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(4711002);
    IF EXISTS (SELECT 1 FROM etl.closed_year WHERE municipality_code = p_municipality AND fiscal_year = p_year) THEN
        RAISE EXCEPTION 'fiscal year % is already closed', p_year USING ERRCODE = '55000';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM result.allocation WHERE municipality_code = p_municipality AND fiscal_year = p_year) THEN
        RAISE EXCEPTION 'fiscal year % has no allocation to close', p_year USING ERRCODE = '55000',
            HINT = 'Run "gbetl allocate --year YEAR" first.';
    END IF;
    IF EXISTS (SELECT 1 FROM etl.year_state WHERE municipality_code = p_municipality AND fiscal_year = p_year
               AND changed_at > coalesce(allocated_at, '-infinity')) THEN
        RAISE EXCEPTION 'fiscal year % changed since it was last allocated', p_year USING ERRCODE = '55000',
            HINT = 'Run "gbetl allocate --year YEAR" (or "gbetl run") first, check the figures, then close the year.';
    END IF;
    SELECT coalesce(sum(unallocated_ore) FILTER (WHERE method = 'unmapped'), 0),
           coalesce(sum(unallocated_ore) FILTER (WHERE method IS DISTINCT FROM 'unmapped'), 0)
    INTO unmapped, unallocated
    FROM result.allocation WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    IF (unmapped <> 0 OR unallocated <> 0) AND NOT coalesce(p_accept_unmapped, false) THEN
        RAISE EXCEPTION 'fiscal year % has cost given to neither women nor men: % kr unmapped, % kr unallocated',
            p_year, to_char(unmapped::numeric / 100, 'FM9999999999999990.00'),
            to_char(unallocated::numeric / 100, 'FM9999999999999990.00')
            USING ERRCODE = '55000',
            DETAIL = 'Unmapped: cost on codes no mapping rule maps. Unallocated: cost with no recipients recorded.',
            HINT = '"gbetl status" lists the unmapped codes; add rules, load them and allocate again. To close with this cost, accepting it, give --accept-unmapped: the close records the amounts.';
    END IF;
    SELECT coalesce(max(version), 0) + 1 INTO v FROM result.year_close
    WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    INSERT INTO etl.closed_year (municipality_code, fiscal_year) VALUES (p_municipality, p_year);
    INSERT INTO result.year_close (municipality_code, fiscal_year, version, batches,
                                   unmapped_ore, unallocated_ore, unmapped_accepted)
    SELECT p_municipality, p_year, v, coalesce(jsonb_agg(jsonb_build_object('batch_id', batch_id, 'source', source,
               'file_name', file_name, 'sha256', sha256) ORDER BY batch_id), '[]'::jsonb),
           unmapped, unallocated, unmapped <> 0 OR unallocated <> 0
    FROM etl.batch
    WHERE municipality_code = p_municipality AND status = 'loaded'
      AND period_min < make_date(p_year + 1, 1, 1) AND period_max >= make_date(p_year, 1, 1);
    INSERT INTO result.closed_allocation SELECT v, a.* FROM result.allocation a
    WHERE a.municipality_code = p_municipality AND a.fiscal_year = p_year;
    PERFORM etl.year_mark(p_municipality, p_year, 'published');
    RETURN v;
END
$$;
COMMENT ON FUNCTION result.close_year(text, smallint, boolean) IS 'Close a fiscal year: freeze its allocation as a new version; refused while cost is unmapped or unallocated unless p_accept_unmapped, which the close records.';

CREATE OR REPLACE FUNCTION result.close_year(p_municipality text, p_year smallint) RETURNS integer
LANGUAGE sql AS $$
    SELECT result.close_year(p_municipality, p_year, false)
$$;
COMMENT ON FUNCTION result.close_year(text, smallint) IS 'Close a fiscal year, accepting no unmapped or unallocated cost (result.close_year(text, smallint, boolean)).';
