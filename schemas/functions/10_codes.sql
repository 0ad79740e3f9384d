-- 10_codes.sql — codes and names: how a code compares, the committee of a
-- cost centre and the type of an account in a year, the names of committees
-- and activities, and the latest set of mapping rules.
--
-- Repeatable (schemas/README.md): gbetl init drops and re-creates every
-- function and view of gbetl's schemas when a migration ran or one of
-- these files changed; grants and comments belong here.

-- Codes are compared as numbers when both are digits (so that 900 < 1000),
-- otherwise as text.
CREATE FUNCTION mapping.code_key(code text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN code ~ '^[0-9]{1,20}$' THEN lpad(code, 20, '0') ELSE code END;
COMMENT ON FUNCTION mapping.code_key(text) IS 'Sort key of a code: digit strings compare as numbers.';
GRANT EXECUTE ON FUNCTION mapping.code_key(text) TO gbetl_loader, gbetl_finance, gbetl_analyst;

-- The rule of mapping.org_unit that places a cost centre in a fiscal year
-- (its committee, its district): the latest valid one whose range of codes
-- holds it, or NULL.
CREATE FUNCTION result.org_unit_of(p_municipality text, p_org text, p_year smallint) RETURNS mapping.org_unit
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (SELECT o FROM mapping.org_unit o
        WHERE o.municipality_code = p_municipality
          AND mapping.code_key(p_org) BETWEEN mapping.code_key(o.org_code_from) AND mapping.code_key(o.org_code_to)
          AND p_year BETWEEN o.valid_from AND coalesce(o.valid_to, result.c_open_year())
        ORDER BY o.valid_from DESC LIMIT 1);
COMMENT ON FUNCTION result.org_unit_of(text, text, smallint) IS 'The mapping.org_unit rule of a cost centre in a fiscal year (its committee and district), or NULL.';

-- The committee of a cost centre in a fiscal year, or NULL.
CREATE FUNCTION result.committee_of(p_municipality text, p_org text, p_year smallint) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (result.org_unit_of(p_municipality, p_org, p_year)).committee_code;

-- The type of an account: cost, revenue, internal_revenue or ignore.
CREATE FUNCTION result.account_type_of(p_municipality text, p_account text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN coalesce((SELECT a.account_type FROM mapping.account a
        WHERE a.municipality_code = p_municipality
          AND mapping.code_key(p_account) BETWEEN mapping.code_key(a.account_from) AND mapping.code_key(a.account_to)
        LIMIT 1), 'ignore');

-- The committee's and the activity's name in a year.
CREATE FUNCTION result.committee_name(p_municipality text, p_committee text, p_year smallint) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
RETURN coalesce((SELECT c.committee_name FROM mapping.committee c WHERE c.municipality_code = p_municipality
                 AND c.committee_code = p_committee AND p_year BETWEEN c.valid_from AND coalesce(c.valid_to, result.c_open_year())
                 ORDER BY c.valid_from DESC LIMIT 1),
                result.c_unmapped_name());
COMMENT ON FUNCTION result.committee_name(text, text, smallint) IS 'The name of a committee in a fiscal year, or Ej mappat / unmapped.';
CREATE FUNCTION result.activity_name(p_municipality text, p_activity text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
RETURN coalesce((SELECT t.activity_name FROM mapping.activity t WHERE t.municipality_code = p_municipality
                 AND t.activity_code = p_activity),
                result.c_unmapped_name());
COMMENT ON FUNCTION result.activity_name(text, text) IS 'The name of an activity, or Ej mappat / unmapped.';
REVOKE ALL ON FUNCTION result.committee_name(text, text, smallint), result.activity_name(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION result.committee_name(text, text, smallint), result.activity_name(text, text)
    TO gbetl_analyst, gbetl_finance, gbetl_loader;

-- The latest loaded version of a municipality's rules.
CREATE FUNCTION mapping.current_set(p_municipality text) RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT max(set_id) FROM mapping.mapping_set WHERE municipality_code = p_municipality
$$;
COMMENT ON FUNCTION mapping.current_set(text) IS 'The set_id of the mapping rules loaded last for a municipality.';
GRANT EXECUTE ON FUNCTION mapping.current_set(text) TO gbetl_loader, gbetl_finance, gbetl_analyst;
