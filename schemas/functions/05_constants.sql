-- 05_constants.sql — the names and numbers the schema's rules share, each
-- written once. IMMUTABLE SQL functions: the planner puts their value in
-- place, so a query that uses one runs as if the literal stood there.

-- What no mapping rule places: the committee of a cost centre no rule maps,
-- the activity of a code no rule maps, and the method of either.
CREATE FUNCTION result.c_unmapped() RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 'unmapped';
COMMENT ON FUNCTION result.c_unmapped() IS 'The code of what no mapping rule places: unmapped.';

-- Its name in the reports and views.
CREATE FUNCTION result.c_unmapped_name() RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 'Ej mappat / unmapped';
COMMENT ON FUNCTION result.c_unmapped_name() IS 'The name shown for an unmapped committee or activity: Ej mappat / unmapped.';

-- The last year of a mapping rule without one (valid_to NULL: still valid).
CREATE FUNCTION result.c_open_year() RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 32767;
COMMENT ON FUNCTION result.c_open_year() IS 'The last fiscal year of a rule that is still valid (valid_to NULL): the largest smallint.';

-- The age bands of an activity without an upper limit (age_to NULL) end here.
CREATE FUNCTION result.c_oldest_age() RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 200;
COMMENT ON FUNCTION result.c_oldest_age() IS 'The oldest age of an activity''s population when activities.csv gives no upper limit.';

-- A population group (ages p_from to p_to) within an activity's ages.
CREATE FUNCTION result.within_ages(p_from smallint, p_to smallint, a_from smallint, a_to smallint) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN p_from >= coalesce(a_from, 0) AND p_to <= coalesce(a_to, result.c_oldest_age());
COMMENT ON FUNCTION result.within_ages(smallint, smallint, smallint, smallint) IS 'True when a population group of ages p_from to p_to lies within an activity''s ages a_from to a_to (NULL: from 0, no upper limit).';

-- The breakdowns of result.allocation_detail and the cell of each for
-- records without a value and for cost no cell has a weight for.
CREATE FUNCTION result.c_unknown_cell(p_dimension text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE p_dimension WHEN 'age_band' THEN 'okänd ålder' WHEN 'district' THEN 'okänt område'
                        WHEN 'unit' THEN 'okänd enhet' END;
COMMENT ON FUNCTION result.c_unknown_cell(text) IS 'The unknown cell of a breakdown: okänd ålder (age_band), okänt område (district), okänd enhet (unit).';

-- gbetl's lock: the advisory lock that import and run hold for their
-- session (etl/load/lock.c takes the same key), and that allocate, close,
-- reopen and snapshot take for their transaction, so that none of them can
-- interleave with an import even when called from SQL.
CREATE FUNCTION etl.c_lock_key() RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 4711002;
COMMENT ON FUNCTION etl.c_lock_key() IS 'The key of gbetl''s advisory lock (import, run, allocate, close, reopen, snapshot).';
