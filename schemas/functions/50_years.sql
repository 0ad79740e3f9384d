-- 50_years.sql — the state of a fiscal year: its pending work
-- (etl.year_state), the record of each allocation and the rules it used,
-- and closing and reopening a year.

-- Mark a year: what is 'changed', 'allocated', 'published' or 'reported'.
CREATE FUNCTION etl.year_mark(p_municipality text, p_year smallint, p_what text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    t timestamptz := pg_catalog.clock_timestamp();
BEGIN
    INSERT INTO etl.year_state (municipality_code, fiscal_year) VALUES (p_municipality, p_year)
    ON CONFLICT DO NOTHING;
    IF p_what = 'changed' THEN
        UPDATE etl.year_state SET changed_at = t WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    ELSIF p_what = 'allocated' THEN
        UPDATE etl.year_state SET allocated_at = t, published_at = t WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    ELSIF p_what = 'published' THEN
        UPDATE etl.year_state SET published_at = t WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    ELSIF p_what = 'reported' THEN
        UPDATE etl.year_state SET reported_at = t WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    ELSE
        RAISE EXCEPTION 'unknown year mark "%"', p_what USING ERRCODE = '22023';
    END IF;
END
$$;
COMMENT ON FUNCTION etl.year_mark(text, smallint, text) IS 'Record in etl.year_state that a year''s data changed, or that it was allocated, published or reported.';

-- Refuse to freeze the figures of a year whose data changed since it was
-- last allocated (a close, a budget snapshot): they would not be the
-- data's. p_hint says what to do.
CREATE FUNCTION etl.check_allocated(p_municipality text, p_year smallint, p_hint text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM etl.year_state WHERE municipality_code = p_municipality AND fiscal_year = p_year
               AND changed_at > coalesce(allocated_at, '-infinity')) THEN
        RAISE EXCEPTION 'fiscal year % changed since it was last allocated', p_year USING ERRCODE = '55000',
            HINT = p_hint;
    END IF;
END
$$;
COMMENT ON FUNCTION etl.check_allocated(text, smallint, text) IS 'Refuse (55000) a year whose data changed since it was last allocated, with the hint given.';

-- An allocation is recorded whichever command makes it: once per statement
-- that writes a year's rows into result.allocation.
CREATE FUNCTION result.record_allocation_run() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO result.allocation_run (municipality_code, fiscal_year, mapping_set_id)
    SELECT DISTINCT n.municipality_code, n.fiscal_year, mapping.current_set(n.municipality_code)
    FROM new_rows n
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER allocation_run AFTER INSERT ON result.allocation
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION result.record_allocation_run();

-- A close names the rules of the allocation it freezes.
CREATE FUNCTION result.name_close_mapping_set() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.mapping_set_id IS NULL THEN
        SELECT r.mapping_set_id INTO NEW.mapping_set_id FROM result.allocation_run r
        WHERE r.municipality_code = NEW.municipality_code AND r.fiscal_year = NEW.fiscal_year
        ORDER BY r.allocated_at DESC LIMIT 1;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER year_close_mapping_set BEFORE INSERT ON result.year_close
    FOR EACH ROW EXECUTE FUNCTION result.name_close_mapping_set();

-- A close freezes the breakdowns with the allocation.
CREATE FUNCTION result.freeze_allocation_detail() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO result.closed_allocation_detail
    SELECT NEW.version, d.* FROM result.allocation_detail d
    WHERE d.municipality_code = NEW.municipality_code AND d.fiscal_year = NEW.fiscal_year;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION result.freeze_allocation_detail() IS 'Copy a closed year''s breakdowns into result.closed_allocation_detail with the close''s version.';
CREATE TRIGGER freeze_allocation_detail AFTER INSERT ON result.year_close
    FOR EACH ROW EXECUTE FUNCTION result.freeze_allocation_detail();

-- Close a year: freeze its allocation as a new version with the batches it
-- rests on, under gbetl's lock (the advisory lock of import and run), so
-- that a close cannot interleave with an import even when called from SQL.
CREATE FUNCTION result.close_year(p_municipality text, p_year smallint, p_accept_unmapped boolean) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v integer;
    unmapped numeric;
    unallocated numeric;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(etl.c_lock_key());
    IF EXISTS (SELECT 1 FROM etl.closed_year WHERE municipality_code = p_municipality AND fiscal_year = p_year) THEN
        RAISE EXCEPTION 'fiscal year % is already closed', p_year USING ERRCODE = '55000';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM result.allocation WHERE municipality_code = p_municipality AND fiscal_year = p_year) THEN
        RAISE EXCEPTION 'fiscal year % has no allocation to close', p_year USING ERRCODE = '55000',
            HINT = 'Run "gbetl allocate --year YEAR" first.';
    END IF;
    PERFORM etl.check_allocated(p_municipality, p_year,
        'Run "gbetl allocate --year YEAR" (or "gbetl run") first, check the figures, then close the year.');
    SELECT coalesce(sum(unallocated_ore) FILTER (WHERE method = result.c_unmapped()), 0),
           coalesce(sum(unallocated_ore) FILTER (WHERE method IS DISTINCT FROM result.c_unmapped()), 0)
    INTO unmapped, unallocated
    FROM result.allocation WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    IF (unmapped <> 0 OR unallocated <> 0) AND NOT coalesce(p_accept_unmapped, false) THEN
        RAISE EXCEPTION 'fiscal year % has cost given to neither women nor men: % kr unmapped, % kr unallocated',
            p_year, round(unmapped / 100, 2),
            round(unallocated / 100, 2)
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

CREATE FUNCTION result.close_year(p_municipality text, p_year smallint) RETURNS integer
LANGUAGE sql AS $$
    SELECT result.close_year(p_municipality, p_year, false)
$$;
COMMENT ON FUNCTION result.close_year(text, smallint) IS 'Close a fiscal year, accepting no unmapped or unallocated cost (result.close_year(text, smallint, boolean)).';

-- Reopen a closed year, under gbetl's lock, recording who, when and why.
CREATE FUNCTION result.reopen_year(p_municipality text, p_year smallint, p_reason text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(etl.c_lock_key());
    IF p_reason IS NULL OR length(trim(p_reason)) = 0 THEN
        RAISE EXCEPTION 'a reason is required to reopen a year' USING ERRCODE = '22023';
    END IF;
    DELETE FROM etl.closed_year WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'fiscal year % is not closed', p_year USING ERRCODE = '55000';
    END IF;
    INSERT INTO result.year_reopen (municipality_code, fiscal_year, reason) VALUES (p_municipality, p_year, p_reason);
    PERFORM etl.year_mark(p_municipality, p_year, 'published');
END
$$;
COMMENT ON FUNCTION result.reopen_year(text, smallint, text) IS 'Reopen a closed year; logged with who, when and why.';
