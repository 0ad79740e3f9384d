-- 002_core.sql — canonical records, batches and rejects.
--
-- One imported file is one batch (etl.batch) and one transaction. The core
-- tables are kept lean for COPY speed: no btree indexes, only BRIN indexes
-- on the columns allocation and supersession scan by range (rows arrive
-- roughly in period and batch order, which is what BRIN needs).

CREATE TABLE etl.batch (
    batch_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_code text NOT NULL,
    source            text NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('service', 'ledger', 'population', 'aggregate')),
    file_name         text NOT NULL,
    sha256            text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    file_size         bigint,
    encoding          text,
    replace_policy    text NOT NULL DEFAULT 'append' CHECK (replace_policy IN ('append', 'period')),
    status            text NOT NULL CHECK (status IN ('running', 'loaded', 'superseded', 'already_loaded', 'failed', 'rejected', 'refused')),
    records_read      bigint,
    records_rejected  bigint,
    rows_loaded       bigint,
    persons           bigint,
    sex_known         bigint,
    sex_conflicts     bigint,
    id_invalid        bigint,
    coverage_pct      numeric(5,2) GENERATED ALWAYS AS (CASE WHEN persons > 0 THEN round(100.0 * sex_known / persons, 2) END) STORED,
    period_min        date,
    period_max        date,
    started_at        timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    finished_at       timestamptz,
    superseded_by     bigint REFERENCES etl.batch (batch_id),
    gbetl_version     text,
    db_user           text NOT NULL DEFAULT CURRENT_USER,
    message           text
);

-- The same file of the same source is loaded once, even by two processes at
-- the same moment: the second insert waits for the first and then fails.
CREATE UNIQUE INDEX batch_loaded_once ON etl.batch (municipality_code, source, sha256)
    WHERE status IN ('running', 'loaded', 'superseded');
CREATE INDEX batch_source_status ON etl.batch (source, status);

CREATE TABLE etl.supersession (
    batch_id      bigint NOT NULL REFERENCES etl.batch (batch_id),
    superseded_by bigint NOT NULL REFERENCES etl.batch (batch_id),
    rows_removed  bigint NOT NULL,
    period_from   date NOT NULL,
    period_to     date NOT NULL,
    PRIMARY KEY (batch_id, superseded_by)
);

CREATE TABLE etl.reject (
    batch_id     bigint NOT NULL REFERENCES etl.batch (batch_id),
    line         bigint NOT NULL,
    field        text NOT NULL,
    reason       text NOT NULL,
    value_masked text,
    message      text NOT NULL
);
CREATE INDEX reject_batch ON etl.reject (batch_id);

CREATE TABLE etl.closed_year (
    municipality_code text NOT NULL,
    fiscal_year       smallint NOT NULL,
    closed_at         timestamptz NOT NULL DEFAULT pg_catalog.now(),
    closed_by         text NOT NULL DEFAULT CURRENT_USER,
    PRIMARY KEY (municipality_code, fiscal_year)
);

-- Every core row says where it came from: its municipality, the batch (the
-- imported file) and its line in that file. The four core tables take these
-- first three columns from one definition, dropped again at the end.
CREATE TEMPORARY TABLE provenance (
    municipality_code text NOT NULL,
    batch_id          bigint NOT NULL,
    source_line       bigint NOT NULL
);

CREATE TABLE core.service_record (
    LIKE pg_temp.provenance,
    person_key    uuid,
    sex           smallint NOT NULL CHECK (sex IN (0, 1, 2, 9)),
    sex_method    "char" NOT NULL,
    sex_conflict  boolean NOT NULL,
    id_status     "char" NOT NULL,
    birth_year    smallint,
    age           smallint,
    gender_self   text,
    service_code  text NOT NULL,
    org_code      text NOT NULL,
    period_start  date NOT NULL,
    period_end    date,
    quantity      numeric,
    unit          text,
    amount_ore    bigint,
    district      text,
    co_person_key uuid,
    co_sex        smallint,
    co_birth_year smallint,
    co_age        smallint
);

CREATE TABLE core.ledger_entry (
    LIKE pg_temp.provenance,
    fiscal_year    smallint NOT NULL,
    entry_date     date,
    period         integer NOT NULL,
    account        text NOT NULL,
    amount_ore     bigint NOT NULL,
    org_code       text,
    activity_code  text,
    project        text,
    voucher_series text,
    voucher_number text,
    text           text,
    quantity       numeric
);

CREATE TABLE core.population (
    LIKE pg_temp.provenance,
    year        smallint NOT NULL,
    sex         smallint NOT NULL CHECK (sex IN (0, 1, 2)),
    age_from    smallint NOT NULL,
    age_to      smallint NOT NULL,
    count       integer NOT NULL CHECK (count >= 0),
    area        text
);

CREATE TABLE core.aggregate_count (
    LIKE pg_temp.provenance,
    period_start  date NOT NULL,
    period_end    date,
    org_code      text NOT NULL,
    activity_code text,
    service_code  text,
    sex           smallint NOT NULL CHECK (sex IN (0, 1, 2, 9)),
    count         integer NOT NULL CHECK (count >= 0)
);

DROP TABLE pg_temp.provenance;

-- The BRIN indexes: allocation reads a year's service records and aggregate
-- counts by period and its ledger entries by fiscal year; supersession
-- removes a batch's rows by batch_id.
CREATE INDEX service_record_period ON core.service_record USING brin (period_start);
CREATE INDEX aggregate_count_period ON core.aggregate_count USING brin (period_start);
CREATE INDEX ledger_entry_year ON core.ledger_entry USING brin (fiscal_year);
CREATE INDEX service_record_batch ON core.service_record USING brin (batch_id);
CREATE INDEX ledger_entry_batch ON core.ledger_entry USING brin (batch_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA etl, core TO gbetl_loader;
GRANT SELECT ON ALL TABLES IN SCHEMA etl, core TO gbetl_finance;
GRANT INSERT, DELETE ON etl.closed_year TO gbetl_finance;
