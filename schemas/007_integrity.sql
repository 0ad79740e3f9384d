-- 007_integrity.sql — what keeps accidents from changing the figures:
-- replacement by calendar month, loading a superseded file again, the
-- pending work of each fiscal year, the key's fingerprint, files that could
-- not be moved, and one lock for close and reopen.
--
-- docs/operations.md describes each situation and how to recover from it.
--
-- Since 016 this file keeps its tables and data only; its functions and
-- views, in their current form, are in schemas/functions and schemas/views
-- (schemas/README.md).

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

GRANT SELECT, INSERT, UPDATE, DELETE ON etl.year_state, etl.key_fingerprint, etl.unmoved_file TO gbetl_loader;
GRANT SELECT ON etl.year_state, etl.key_fingerprint, etl.unmoved_file TO gbetl_finance;
GRANT INSERT, UPDATE ON etl.year_state TO gbetl_finance;
