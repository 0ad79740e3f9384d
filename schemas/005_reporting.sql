-- 005_reporting.sql — the settings the database keeps itself, such as the
-- small-cell threshold of the analysts' views (views/80_reporting.sql).
--
-- Since 016 this file keeps its tables and data only; its functions and
-- views, in their current form, are in schemas/functions and schemas/views
-- (schemas/README.md).

CREATE TABLE result.setting (
    key   text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO result.setting VALUES ('suppress_below', '5');

GRANT SELECT ON result.setting TO gbetl_loader, gbetl_finance;
