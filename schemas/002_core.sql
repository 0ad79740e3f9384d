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
COMMENT ON TABLE etl.batch IS 'One row per attempt to import a file: what it was, what became of it, and the counts that prove nothing was lost (records_read = rows kept + records_rejected).';
COMMENT ON COLUMN etl.batch.batch_id IS 'Identifies the batch; core rows carry it.';
COMMENT ON COLUMN etl.batch.municipality_code IS 'SCB municipality code (kommunkod) from the configuration.';
COMMENT ON COLUMN etl.batch.source IS 'Source definition the file was read with (mappings/sources/NAME.conf).';
COMMENT ON COLUMN etl.batch.kind IS 'Record kind: service, ledger, population or aggregate.';
COMMENT ON COLUMN etl.batch.file_name IS 'Base name of the imported file.';
COMMENT ON COLUMN etl.batch.sha256 IS 'SHA-256 of the file: the same file of the same source is loaded only once.';
COMMENT ON COLUMN etl.batch.file_size IS 'Size of the file in bytes.';
COMMENT ON COLUMN etl.batch.encoding IS 'Character encoding the file was read in (as declared or detected).';
COMMENT ON COLUMN etl.batch.replace_policy IS 'append: new events only; period: a full extract of the periods it covers, replacing earlier rows of the source for them.';
COMMENT ON COLUMN etl.batch.status IS 'running, loaded, superseded (all its rows replaced by a later batch), already_loaded (the file was loaded before; nothing changed), failed, rejected (rejects over the source''s threshold) or refused (touches a closed fiscal year).';
COMMENT ON COLUMN etl.batch.records_read IS 'Records read from the file.';
COMMENT ON COLUMN etl.batch.records_rejected IS 'Records rejected (see etl.reject).';
COMMENT ON COLUMN etl.batch.rows_loaded IS 'Rows written to core (an aggregate record may give one row per sex).';
COMMENT ON COLUMN etl.batch.persons IS 'Person fields coded (identity numbers and co-applicants).';
COMMENT ON COLUMN etl.batch.sex_known IS 'Of those, with a known sex (1 or 2).';
COMMENT ON COLUMN etl.batch.sex_conflicts IS 'Persons whose identity number and sex field disagreed.';
COMMENT ON COLUMN etl.batch.id_invalid IS 'Identity numbers that did not validate (the records are kept without a person key).';
COMMENT ON COLUMN etl.batch.coverage_pct IS 'Sex-coding coverage: share of person fields with a known sex, in per cent.';
COMMENT ON COLUMN etl.batch.period_min IS 'Earliest date the file covers.';
COMMENT ON COLUMN etl.batch.period_max IS 'Latest date the file covers.';
COMMENT ON COLUMN etl.batch.started_at IS 'When the import started.';
COMMENT ON COLUMN etl.batch.finished_at IS 'When it finished (committed or failed).';
COMMENT ON COLUMN etl.batch.superseded_by IS 'The later batch that replaced all rows of this one.';
COMMENT ON COLUMN etl.batch.gbetl_version IS 'Version of gbetl that ran the import.';
COMMENT ON COLUMN etl.batch.db_user IS 'Database user that ran the import.';
COMMENT ON COLUMN etl.batch.message IS 'What went wrong, for failed, rejected and refused batches.';

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
COMMENT ON TABLE etl.supersession IS 'Rows of an earlier batch replaced by a later batch of the same source (replace = period).';
COMMENT ON COLUMN etl.supersession.batch_id IS 'The earlier batch.';
COMMENT ON COLUMN etl.supersession.superseded_by IS 'The batch that replaced its rows.';
COMMENT ON COLUMN etl.supersession.rows_removed IS 'How many of its rows were replaced.';
COMMENT ON COLUMN etl.supersession.period_from IS 'Start of the period the later batch covers.';
COMMENT ON COLUMN etl.supersession.period_to IS 'End of the period the later batch covers.';

CREATE TABLE etl.reject (
    batch_id     bigint NOT NULL REFERENCES etl.batch (batch_id),
    line         bigint NOT NULL,
    field        text NOT NULL,
    reason       text NOT NULL,
    value_masked text,
    message      text NOT NULL
);
CREATE INDEX reject_batch ON etl.reject (batch_id);
COMMENT ON TABLE etl.reject IS 'Records that could not be loaded, with where and why. Identity numbers are masked (YYYYMMDD-****).';
COMMENT ON COLUMN etl.reject.batch_id IS 'The batch (file) the record came from.';
COMMENT ON COLUMN etl.reject.line IS 'Line of the record in the file (XML: the line of the record element).';
COMMENT ON COLUMN etl.reject.field IS 'Canonical field at fault, or empty for the whole record.';
COMMENT ON COLUMN etl.reject.reason IS 'Reason code: missing_field, invalid_date, bad_amount, encoding, ...';
COMMENT ON COLUMN etl.reject.value_masked IS 'The offending value; an identity number only masked.';
COMMENT ON COLUMN etl.reject.message IS 'One sentence saying what is wrong.';

CREATE TABLE etl.closed_year (
    municipality_code text NOT NULL,
    fiscal_year       smallint NOT NULL,
    closed_at         timestamptz NOT NULL DEFAULT pg_catalog.now(),
    closed_by         text NOT NULL DEFAULT CURRENT_USER,
    PRIMARY KEY (municipality_code, fiscal_year)
);
COMMENT ON TABLE etl.closed_year IS 'Fiscal years closed by finance (gbetl close-year): no import or allocation may change them.';
COMMENT ON COLUMN etl.closed_year.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN etl.closed_year.fiscal_year IS 'The closed fiscal year.';
COMMENT ON COLUMN etl.closed_year.closed_at IS 'When it was closed.';
COMMENT ON COLUMN etl.closed_year.closed_by IS 'Who closed it.';

CREATE TABLE core.service_record (
    municipality_code text NOT NULL,
    batch_id      bigint NOT NULL,
    source_line   bigint NOT NULL,
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
COMMENT ON TABLE core.service_record IS 'Individual-based service records (insatser, bistånd): one row per record of a care or social-services export. Persons appear only as pseudonyms.';
COMMENT ON COLUMN core.service_record.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN core.service_record.batch_id IS 'The batch (file) the row came from: etl.batch.';
COMMENT ON COLUMN core.service_record.source_line IS 'Line of the record in its file.';
COMMENT ON COLUMN core.service_record.person_key IS 'Pseudonym of the recipient: the first 128 bits of HMAC-SHA256 of the identity number with the municipality''s secret key. NULL when the number was invalid or missing.';
COMMENT ON COLUMN core.service_record.sex IS 'Sex of the recipient, ISO/IEC 5218: 0 not known, 1 man, 2 woman, 9 not applicable.';
COMMENT ON COLUMN core.service_record.sex_method IS 'How the sex was coded: n from the identity number, f from the sex field, - not at all.';
COMMENT ON COLUMN core.service_record.sex_conflict IS 'The identity number and the sex field disagreed.';
COMMENT ON COLUMN core.service_record.id_status IS 'Identity number: v valid, i invalid (record kept), m missing, k pseudonym given by the source.';
COMMENT ON COLUMN core.service_record.birth_year IS 'Year of birth from the identity number.';
COMMENT ON COLUMN core.service_record.age IS 'Age at period_start.';
COMMENT ON COLUMN core.service_record.gender_self IS 'Self-reported gender where the source has one; never folded into sex.';
COMMENT ON COLUMN core.service_record.service_code IS 'The source''s service code (insatskod); mapped to an activity by mapping.service_code.';
COMMENT ON COLUMN core.service_record.org_code IS 'Cost centre (ansvar); mapped to a committee by mapping.org_unit.';
COMMENT ON COLUMN core.service_record.period_start IS 'Start of the period the record covers (or the date of a payment).';
COMMENT ON COLUMN core.service_record.period_end IS 'End of the period, inclusive.';
COMMENT ON COLUMN core.service_record.quantity IS 'Volume: hours, days, visits, trips (exact decimal).';
COMMENT ON COLUMN core.service_record.unit IS 'Unit of quantity.';
COMMENT ON COLUMN core.service_record.amount_ore IS 'Amount paid to the person, in öre.';
COMMENT ON COLUMN core.service_record.district IS 'District (stadsdel) where the source has one.';
COMMENT ON COLUMN core.service_record.co_person_key IS 'Pseudonym of a co-applicant (household-level records such as financial assistance).';
COMMENT ON COLUMN core.service_record.co_sex IS 'Sex of the co-applicant, ISO/IEC 5218.';
COMMENT ON COLUMN core.service_record.co_birth_year IS 'Year of birth of the co-applicant.';
COMMENT ON COLUMN core.service_record.co_age IS 'Age of the co-applicant at period_start.';
CREATE INDEX service_record_period ON core.service_record USING brin (period_start);
CREATE INDEX service_record_batch ON core.service_record USING brin (batch_id);

CREATE TABLE core.ledger_entry (
    municipality_code text NOT NULL,
    batch_id       bigint NOT NULL,
    source_line    bigint NOT NULL,
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
COMMENT ON TABLE core.ledger_entry IS 'Ledger transactions from the finance system (SIE 4, SIE 5 or a general-ledger extract).';
COMMENT ON COLUMN core.ledger_entry.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN core.ledger_entry.batch_id IS 'The batch (file) the row came from.';
COMMENT ON COLUMN core.ledger_entry.source_line IS 'Line of the transaction in its file.';
COMMENT ON COLUMN core.ledger_entry.fiscal_year IS 'Fiscal year (calendar year) of the transaction.';
COMMENT ON COLUMN core.ledger_entry.entry_date IS 'Transaction date (or its voucher''s).';
COMMENT ON COLUMN core.ledger_entry.period IS 'Accounting period YYYYMM.';
COMMENT ON COLUMN core.ledger_entry.account IS 'Account (Kommun-Bas).';
COMMENT ON COLUMN core.ledger_entry.amount_ore IS 'Amount in öre; debit positive, credit negative.';
COMMENT ON COLUMN core.ledger_entry.org_code IS 'Cost centre (SIE dimension 1, ansvar).';
COMMENT ON COLUMN core.ledger_entry.activity_code IS 'Activity (verksamhet), SCB RS code or a sub-code of it.';
COMMENT ON COLUMN core.ledger_entry.project IS 'Project (SIE dimension 6).';
COMMENT ON COLUMN core.ledger_entry.voucher_series IS 'Voucher series.';
COMMENT ON COLUMN core.ledger_entry.voucher_number IS 'Voucher number.';
COMMENT ON COLUMN core.ledger_entry.text IS 'Transaction or voucher text.';
COMMENT ON COLUMN core.ledger_entry.quantity IS 'Quantity where the ledger has one.';
CREATE INDEX ledger_entry_year ON core.ledger_entry USING brin (fiscal_year);
CREATE INDEX ledger_entry_batch ON core.ledger_entry USING brin (batch_id);

CREATE TABLE core.population (
    municipality_code text NOT NULL,
    batch_id    bigint NOT NULL,
    source_line bigint NOT NULL,
    year        smallint NOT NULL,
    sex         smallint NOT NULL CHECK (sex IN (0, 1, 2)),
    age_from    smallint NOT NULL,
    age_to      smallint NOT NULL,
    count       integer NOT NULL CHECK (count >= 0),
    area        text
);
COMMENT ON TABLE core.population IS 'Population by year, sex and age (the denominators of per-capita figures).';
COMMENT ON COLUMN core.population.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN core.population.batch_id IS 'The batch (file) the row came from.';
COMMENT ON COLUMN core.population.source_line IS 'Line in its file.';
COMMENT ON COLUMN core.population.year IS 'The year the population is used for.';
COMMENT ON COLUMN core.population.sex IS 'ISO/IEC 5218: 1 men, 2 women, 0 not known.';
COMMENT ON COLUMN core.population.age_from IS 'Youngest age of the group.';
COMMENT ON COLUMN core.population.age_to IS 'Oldest age of the group (equal to age_from for single years).';
COMMENT ON COLUMN core.population.count IS 'Number of inhabitants.';
COMMENT ON COLUMN core.population.area IS 'District or other area, where given.';

CREATE TABLE core.aggregate_count (
    municipality_code text NOT NULL,
    batch_id      bigint NOT NULL,
    source_line   bigint NOT NULL,
    period_start  date NOT NULL,
    period_end    date,
    org_code      text NOT NULL,
    activity_code text,
    service_code  text,
    sex           smallint NOT NULL CHECK (sex IN (0, 1, 2, 9)),
    count         integer NOT NULL CHECK (count >= 0)
);
COMMENT ON TABLE core.aggregate_count IS 'Counts by sex that arrive already aggregated (visits, participants).';
COMMENT ON COLUMN core.aggregate_count.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN core.aggregate_count.batch_id IS 'The batch (file) the row came from.';
COMMENT ON COLUMN core.aggregate_count.source_line IS 'Line in its file.';
COMMENT ON COLUMN core.aggregate_count.period_start IS 'Start of the period counted.';
COMMENT ON COLUMN core.aggregate_count.period_end IS 'End of the period, inclusive.';
COMMENT ON COLUMN core.aggregate_count.org_code IS 'Cost centre.';
COMMENT ON COLUMN core.aggregate_count.activity_code IS 'Activity, where the source gives it.';
COMMENT ON COLUMN core.aggregate_count.service_code IS 'Service code, where the source gives it.';
COMMENT ON COLUMN core.aggregate_count.sex IS 'ISO/IEC 5218: 0 not known, 1 men/boys, 2 women/girls.';
COMMENT ON COLUMN core.aggregate_count.count IS 'The count.';
CREATE INDEX aggregate_count_period ON core.aggregate_count USING brin (period_start);

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA etl, core TO gbetl_loader;
GRANT SELECT ON ALL TABLES IN SCHEMA etl, core TO gbetl_finance;
GRANT INSERT, DELETE ON etl.closed_year TO gbetl_finance;
