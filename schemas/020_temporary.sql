-- 020_temporary.sql — the temporary tables allocation works in, granted to
-- the roles that allocate.
--
-- result.allocate() and result.allocate_detail() build their steps in
-- temporary tables of their transaction (ON COMMIT DROP). PostgreSQL lets
-- every role make them through PUBLIC's TEMPORARY privilege on the
-- database, which some security baselines revoke; the loader (the nightly
-- run) and finance (allocate, close-year) could then no longer allocate.
-- They hold the privilege themselves from now on; the analyst, who only
-- reads, does not. (The owner that runs gbetl init has it as the owner.)
DO $$
BEGIN
    EXECUTE pg_catalog.format('GRANT TEMPORARY ON DATABASE %I TO gbetl_loader, gbetl_finance',
                              pg_catalog.current_database());
END
$$;
