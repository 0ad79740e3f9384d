-- 009_roles.sql — what each role may do, made to work for real logins.
--
-- gbetl_finance runs "gbetl allocate" (result.allocate writes the year's
-- result.allocation and result.key_figure rows), "close-year" and
-- "reopen-year" (the frozen versions and the reopen record) and "report".
-- Before this migration it could read the results but not write them, so a
-- finance login failed with "permission denied for table allocation".
-- gbetl_loader keeps everything it had (import, run, mappings); gbetl_analyst
-- still reads the mapping and reporting schemas only.
GRANT INSERT, UPDATE, DELETE ON result.allocation, result.key_figure TO gbetl_finance;

-- Nobody logs in as the group roles themselves: they are NOLOGIN, and a
-- database user gets their rights by membership (GRANT gbetl_finance TO
-- "user").  Make that explicit for anyone reading the catalogue.
COMMENT ON ROLE gbetl_loader IS
    'gbetl: runs the pipeline (import, run, mappings, allocate, report); grant it to the nightly job''s login.';
COMMENT ON ROLE gbetl_finance IS
    'gbetl: finance; allocates, closes and reopens fiscal years, writes reports; reads etl, core and result.';
COMMENT ON ROLE gbetl_analyst IS
    'gbetl: analysts; reads the reporting and mapping schemas only.';

-- Closing and reopening a year is finance's decision, not the nightly
-- job's: the loader keeps reading the closed years (import refuses files
-- that touch them) but no longer writes them.
REVOKE INSERT, UPDATE, DELETE ON etl.closed_year, result.year_close, result.closed_allocation,
    result.year_reopen FROM gbetl_loader;
