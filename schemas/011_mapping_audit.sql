-- 011_mapping_audit.sql — which mapping rules the figures were computed
-- with, and the codes no rule maps, for the controller.
--
-- Every load of the mapping files is a version (mapping.mapping_set: its
-- SHA-256 over the rules, when, by whom). Every allocation of a year is
-- recorded with the version that was loaded when it ran, and every close of
-- a year names the version its frozen figures were computed with, so that
-- an auditor can go from a published figure to the rules behind it
-- (docs/method.md, "Tracing a figure to its rules").

ALTER TABLE mapping.mapping_set ADD COLUMN changes text;
COMMENT ON COLUMN mapping.mapping_set.changes IS 'What the set changed against the one loaded before it: rules added, removed and changed per table.';

CREATE TABLE result.allocation_run (
    municipality_code text NOT NULL,
    fiscal_year       smallint NOT NULL,
    allocated_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    allocated_by      text NOT NULL DEFAULT CURRENT_USER,
    mapping_set_id    bigint REFERENCES mapping.mapping_set (set_id),
    PRIMARY KEY (municipality_code, fiscal_year, allocated_at)
);
COMMENT ON TABLE result.allocation_run IS 'Each allocation of a fiscal year: when, by whom, and the version of the mapping rules it used.';
COMMENT ON COLUMN result.allocation_run.municipality_code IS 'SCB municipality code.';
COMMENT ON COLUMN result.allocation_run.fiscal_year IS 'The allocated year.';
COMMENT ON COLUMN result.allocation_run.allocated_at IS 'When (the time of the allocating transaction).';
COMMENT ON COLUMN result.allocation_run.allocated_by IS 'Who.';
COMMENT ON COLUMN result.allocation_run.mapping_set_id IS 'The mapping rules used: mapping.mapping_set.set_id (NULL when none were loaded).';

-- The latest loaded version of a municipality's rules.
CREATE FUNCTION mapping.current_set(p_municipality text) RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT max(set_id) FROM mapping.mapping_set WHERE municipality_code = p_municipality
$$;
COMMENT ON FUNCTION mapping.current_set(text) IS 'The set_id of the mapping rules loaded last for a municipality.';

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

ALTER TABLE result.year_close ADD COLUMN mapping_set_id bigint REFERENCES mapping.mapping_set (set_id);
COMMENT ON COLUMN result.year_close.mapping_set_id IS 'The mapping rules the frozen figures were computed with: those of the year''s last allocation.';

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

-- Years allocated before this migration: their rules were the ones loaded
-- at the time of the allocation.
INSERT INTO result.allocation_run (municipality_code, fiscal_year, allocated_at, allocated_by, mapping_set_id)
SELECT a.municipality_code, a.fiscal_year, max(a.computed_at), 'before 011',
       (SELECT max(s.set_id) FROM mapping.mapping_set s
        WHERE s.municipality_code = a.municipality_code AND s.loaded_at <= max(a.computed_at))
FROM result.allocation a GROUP BY 1, 2;

-- What no rule maps, in the form a controller fills in: per fiscal year,
-- the mapping file to add a rule to, the source, the code, the rows and
-- the ledger amount on it (cost accounts; NULL for service records).
CREATE FUNCTION result.unmapped_codes(p_municipality text)
RETURNS TABLE (fiscal_year smallint, mapping_file text, source text, code text, records bigint, amount_ore numeric)
LANGUAGE sql STABLE AS $$
    WITH ledger AS (
        SELECT l.fiscal_year, b.source, l.org_code, l.activity_code, l.account,
               count(*) AS records, sum(l.amount_ore) AS amount_ore
        FROM core.ledger_entry l JOIN etl.batch b USING (batch_id)
        WHERE l.municipality_code = p_municipality AND b.status = 'loaded'
        GROUP BY 1, 2, 3, 4, 5
    ), typed AS (
        SELECT l.*, result.account_type_of(p_municipality, l.account) AS account_type,
               EXISTS (SELECT 1 FROM mapping.account a WHERE a.municipality_code = p_municipality
                       AND mapping.code_key(l.account) BETWEEN mapping.code_key(a.account_from) AND mapping.code_key(a.account_to)) AS account_known
        FROM ledger l
    ), services AS (
        SELECT extract(year FROM s.period_start)::smallint AS fiscal_year, b.source, s.service_code, s.org_code,
               count(*) AS records
        FROM core.service_record s JOIN etl.batch b USING (batch_id)
        WHERE s.municipality_code = p_municipality AND b.status = 'loaded'
        GROUP BY 1, 2, 3, 4
    )
    SELECT fiscal_year, 'org_units.csv', source, org_code, sum(records)::bigint, sum(amount_ore) FILTER (WHERE account_type = 'cost')
    FROM typed
    WHERE account_type = 'cost' AND result.committee_of(p_municipality, coalesce(org_code, ''), fiscal_year) IS NULL
    GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT fiscal_year, 'activities.csv', source, activity_code, sum(records)::bigint, sum(amount_ore)
    FROM typed
    WHERE account_type = 'cost' AND NOT EXISTS (SELECT 1 FROM mapping.activity a
          WHERE a.municipality_code = p_municipality AND a.activity_code = typed.activity_code)
    GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT fiscal_year, 'accounts.csv', source, account, sum(records)::bigint, sum(amount_ore)
    FROM typed
    WHERE NOT account_known
    GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT fiscal_year, 'service_codes.csv', source, service_code, sum(records)::bigint, NULL::numeric
    FROM services s
    WHERE NOT EXISTS (SELECT 1 FROM mapping.service_code sc
                      WHERE sc.municipality_code = p_municipality AND sc.source = s.source
                        AND sc.service_code = s.service_code
                        AND s.fiscal_year BETWEEN sc.valid_from AND coalesce(sc.valid_to, 32767))
    GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT fiscal_year, 'org_units.csv', source, org_code, sum(records)::bigint, NULL::numeric
    FROM services
    WHERE result.committee_of(p_municipality, org_code, fiscal_year) IS NULL
    GROUP BY 1, 2, 3, 4
    ORDER BY 2, 1, 3, 4
$$;
COMMENT ON FUNCTION result.unmapped_codes(text) IS 'Codes no mapping rule maps, per fiscal year, mapping file, source and code, with rows and ledger amount: what gbetl mappings --unmapped writes for the controller.';

GRANT SELECT ON result.allocation_run TO gbetl_loader, gbetl_finance;
GRANT INSERT ON result.allocation_run TO gbetl_loader, gbetl_finance;
GRANT EXECUTE ON FUNCTION mapping.current_set(text) TO gbetl_loader, gbetl_finance, gbetl_analyst;
GRANT EXECUTE ON FUNCTION result.unmapped_codes(text) TO gbetl_loader, gbetl_finance;
