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

CREATE TABLE result.allocation_run (
    municipality_code text NOT NULL,
    fiscal_year       smallint NOT NULL,
    allocated_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    allocated_by      text NOT NULL DEFAULT CURRENT_USER,
    mapping_set_id    bigint REFERENCES mapping.mapping_set (set_id),
    PRIMARY KEY (municipality_code, fiscal_year, allocated_at)
);

ALTER TABLE result.year_close ADD COLUMN mapping_set_id bigint REFERENCES mapping.mapping_set (set_id);

-- Years allocated before this migration: their rules were the ones loaded
-- at the time of the allocation.
INSERT INTO result.allocation_run (municipality_code, fiscal_year, allocated_at, allocated_by, mapping_set_id)
SELECT a.municipality_code, a.fiscal_year, max(a.computed_at), 'before 011',
       (SELECT max(s.set_id) FROM mapping.mapping_set s
        WHERE s.municipality_code = a.municipality_code AND s.loaded_at <= max(a.computed_at))
FROM result.allocation a GROUP BY 1, 2;

GRANT SELECT ON result.allocation_run TO gbetl_loader, gbetl_finance;
GRANT INSERT ON result.allocation_run TO gbetl_loader, gbetl_finance;
