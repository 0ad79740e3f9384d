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

ALTER TABLE etl.supersession ADD COLUMN IF NOT EXISTS months date[];

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

-- Files the last run could not move out of the inbox.
CREATE TABLE etl.unmoved_file (
    file_name  text PRIMARY KEY,
    wanted_dir text NOT NULL,
    error      text NOT NULL,
    noted_at   timestamptz NOT NULL DEFAULT pg_catalog.now()
);

-- Which rule for direct activities an allocation used (its cost basis is
-- result.allocation.cost_basis).
ALTER TABLE result.allocation ADD COLUMN IF NOT EXISTS direct_remainder text;
ALTER TABLE result.closed_allocation ADD COLUMN IF NOT EXISTS direct_remainder text;

GRANT SELECT, INSERT, UPDATE, DELETE ON etl.year_state, etl.key_fingerprint, etl.unmoved_file TO gbetl_loader;
GRANT SELECT ON etl.year_state, etl.key_fingerprint, etl.unmoved_file TO gbetl_finance;
GRANT INSERT, UPDATE ON etl.year_state TO gbetl_finance;
