-- 007_integrity.sql — what keeps accidents from changing the figures:
-- replacement by calendar month, loading a superseded file again, the
-- pending work of each fiscal year, the key's fingerprint, files that could
-- not be moved, and one lock for close and reopen.
--
-- docs/operations.md describes each situation and how to recover from it.

-- "Already loaded" means a live batch with the same SHA-256: a superseded
-- file may be loaded again (and then supersedes what replaced it).
DROP INDEX IF EXISTS etl.batch_loaded_once;
CREATE UNIQUE INDEX batch_loaded_once ON etl.batch (municipality_code, source, sha256)
    WHERE status IN ('running', 'loaded');

ALTER TABLE etl.batch ADD COLUMN IF NOT EXISTS forced boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN etl.batch.forced IS 'The file was loaded with gbetl import --force although it would have left a replaced month with fewer rows than the source''s replace_min_ratio allows.';

ALTER TABLE etl.supersession ADD COLUMN IF NOT EXISTS months date[];
COMMENT ON COLUMN etl.supersession.months IS 'The calendar months (first day of each) whose rows the later batch replaced: the months in which it has records itself.';
COMMENT ON COLUMN etl.supersession.period_from IS 'First day of the earliest month replaced.';
COMMENT ON COLUMN etl.supersession.period_to IS 'Last day of the latest month replaced (months in between that the later batch has no records in were not replaced: see months).';

-- The work each fiscal year is waiting for. Every change is recorded in the
-- transaction that makes it, so a crash between two steps of a run loses
-- nothing: the next run sees what is still to do.
CREATE TABLE etl.year_state (
    municipality_code text NOT NULL,
    fiscal_year       smallint NOT NULL,
    changed_at        timestamptz,
    allocated_at      timestamptz,
    published_at      timestamptz,
    reported_at       timestamptz,
    PRIMARY KEY (municipality_code, fiscal_year)
);
COMMENT ON TABLE etl.year_state IS 'Per fiscal year: when its data or mapping rules last changed, when it was last allocated, when what its reports show last changed (allocation, close, reopen) and when its reports were last written. gbetl run allocates and reports what is behind; gbetl status shows it.';
COMMENT ON COLUMN etl.year_state.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN etl.year_state.fiscal_year IS 'The fiscal year.';
COMMENT ON COLUMN etl.year_state.changed_at IS 'When a batch with records in the year was committed, or the mapping rules were loaded.';
COMMENT ON COLUMN etl.year_state.allocated_at IS 'When the year was last allocated.';
COMMENT ON COLUMN etl.year_state.published_at IS 'When the figures its reports show last changed: an allocation, a close or a reopen.';
COMMENT ON COLUMN etl.year_state.reported_at IS 'When gbetl last wrote its reports to the report directory.';

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

-- The state of the years a database holds already: allocated (and reported)
-- when their allocation was computed; changed when their last batch was
-- loaded, so that a year whose data changed after its allocation, or that
-- was never allocated, waits for the next run.
INSERT INTO etl.year_state (municipality_code, fiscal_year, changed_at, allocated_at, published_at, reported_at)
SELECT municipality_code, fiscal_year, greatest(a.at, d.at), a.at, a.at, a.at
FROM (SELECT municipality_code, fiscal_year, max(computed_at) AS at FROM result.allocation GROUP BY 1, 2) a
FULL JOIN (SELECT b.municipality_code, y::smallint AS fiscal_year, max(b.finished_at) AS at
           FROM etl.batch b
           CROSS JOIN LATERAL generate_series(extract(year FROM b.period_min)::int, extract(year FROM b.period_max)::int) AS y
           WHERE b.status IN ('loaded', 'superseded') AND b.period_min IS NOT NULL
           GROUP BY 1, 2) d USING (municipality_code, fiscal_year)
ON CONFLICT DO NOTHING;

-- The fingerprint of the pseudonymisation key: HMAC-SHA256 of a fixed label
-- under the key (never the key). One row.
CREATE TABLE etl.key_fingerprint (
    one         boolean PRIMARY KEY DEFAULT true CHECK (one),
    fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{32}$'),
    recorded_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    recorded_by text NOT NULL DEFAULT CURRENT_USER
);
COMMENT ON TABLE etl.key_fingerprint IS 'Fingerprint of the pseudonymisation key the database was first loaded with (HMAC of a fixed label under the key; the key cannot be derived from it). gbetl refuses to pseudonymise with another key.';
COMMENT ON COLUMN etl.key_fingerprint.fingerprint IS 'First 128 bits of HMAC-SHA256(key, fixed label), hex.';
COMMENT ON COLUMN etl.key_fingerprint.recorded_at IS 'When it was recorded (the first use of the key).';
COMMENT ON COLUMN etl.key_fingerprint.recorded_by IS 'Database user that recorded it.';

-- Files the last run could not move out of the inbox.
CREATE TABLE etl.unmoved_file (
    file_name  text PRIMARY KEY,
    wanted_dir text NOT NULL,
    error      text NOT NULL,
    noted_at   timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE etl.unmoved_file IS 'Files the last gbetl run could not move from the inbox to the archive or failed directory, with the error; gbetl status lists them.';

-- Which rule for direct activities an allocation used (its cost basis is
-- result.allocation.cost_basis).
ALTER TABLE result.allocation ADD COLUMN IF NOT EXISTS direct_remainder text;
ALTER TABLE result.closed_allocation ADD COLUMN IF NOT EXISTS direct_remainder text;
COMMENT ON COLUMN result.allocation.direct_remainder IS 'Direct activities: share (the whole cost split by the amounts paid) or apart (the cost beyond them shown as not individual-based). NULL for allocations made before gbetl recorded it.';

-- Allocate a year and record it: the allocation, its rule for direct
-- activities, and the year's state, in one transaction.
CREATE FUNCTION result.allocate_year(p_municipality text, p_year smallint, p_cost_basis text,
                                     p_direct_remainder text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(4711002);
    n := result.allocate(p_municipality, p_year, p_cost_basis, p_direct_remainder);
    UPDATE result.allocation SET direct_remainder = p_direct_remainder
    WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    PERFORM etl.year_mark(p_municipality, p_year, 'allocated');
    RETURN n;
END
$$;
COMMENT ON FUNCTION result.allocate_year(text, smallint, text, text) IS 'result.allocate, recording the rule for direct activities and the year''s state (etl.year_state), under gbetl''s lock.';

-- Close and reopen take gbetl's lock (the advisory lock of import and run)
-- for their transaction, so that they cannot interleave with an import even
-- when called from SQL, and record that the published figures changed.
CREATE OR REPLACE FUNCTION result.close_year(p_municipality text, p_year smallint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v integer;
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
    SELECT coalesce(max(version), 0) + 1 INTO v FROM result.year_close
    WHERE municipality_code = p_municipality AND fiscal_year = p_year;
    INSERT INTO etl.closed_year (municipality_code, fiscal_year) VALUES (p_municipality, p_year);
    INSERT INTO result.year_close (municipality_code, fiscal_year, version, batches)
    SELECT p_municipality, p_year, v, coalesce(jsonb_agg(jsonb_build_object('batch_id', batch_id, 'source', source,
               'file_name', file_name, 'sha256', sha256) ORDER BY batch_id), '[]'::jsonb)
    FROM etl.batch
    WHERE municipality_code = p_municipality AND status = 'loaded'
      AND period_min < make_date(p_year + 1, 1, 1) AND period_max >= make_date(p_year, 1, 1);
    INSERT INTO result.closed_allocation SELECT v, a.* FROM result.allocation a
    WHERE a.municipality_code = p_municipality AND a.fiscal_year = p_year;
    PERFORM etl.year_mark(p_municipality, p_year, 'published');
    RETURN v;
END
$$;

CREATE OR REPLACE FUNCTION result.reopen_year(p_municipality text, p_year smallint, p_reason text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(4711002);
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

GRANT SELECT, INSERT, UPDATE, DELETE ON etl.year_state, etl.key_fingerprint, etl.unmoved_file TO gbetl_loader;
GRANT SELECT ON etl.year_state, etl.key_fingerprint, etl.unmoved_file TO gbetl_finance;
GRANT INSERT, UPDATE ON etl.year_state TO gbetl_finance;
