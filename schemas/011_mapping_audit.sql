-- 011_mapping_audit.sql — which mapping rules the figures were computed
-- with, and the codes no rule maps, for the controller.
--
-- Every load of the mapping files is a version (mapping.mapping_set: its
-- SHA-256 over the rules, when, by whom). Every allocation of a year is
-- recorded with the version that was loaded when it ran, and every close of
-- a year names the version its frozen figures were computed with, so that
-- an auditor can go from a published figure to the rules behind it
-- (docs/method.md, "Tracing a figure to its rules").
--
-- Since 016 this file keeps its tables and data only; its functions and
-- views, in their current form, are in schemas/functions and schemas/views
-- (schemas/README.md).

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

ALTER TABLE result.year_close ADD COLUMN mapping_set_id bigint REFERENCES mapping.mapping_set (set_id);
COMMENT ON COLUMN result.year_close.mapping_set_id IS 'The mapping rules the frozen figures were computed with: those of the year''s last allocation.';

-- Years allocated before this migration: their rules were the ones loaded
-- at the time of the allocation.
INSERT INTO result.allocation_run (municipality_code, fiscal_year, allocated_at, allocated_by, mapping_set_id)
SELECT a.municipality_code, a.fiscal_year, max(a.computed_at), 'before 011',
       (SELECT max(s.set_id) FROM mapping.mapping_set s
        WHERE s.municipality_code = a.municipality_code AND s.loaded_at <= max(a.computed_at))
FROM result.allocation a GROUP BY 1, 2;

GRANT SELECT ON result.allocation_run TO gbetl_loader, gbetl_finance;
GRANT INSERT ON result.allocation_run TO gbetl_loader, gbetl_finance;
