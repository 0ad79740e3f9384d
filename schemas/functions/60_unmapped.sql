-- 60_unmapped.sql — what no mapping rule matches: never dropped, always
-- shown (gbetl status, reporting.unmapped, gbetl mappings --unmapped).

-- What no mapping rule matches, for gbetl status and reporting.unmapped. It
-- reads core and etl, which analysts may not, so it runs with the rights of
-- its owner, with a safe search_path.
CREATE FUNCTION result.unmapped_summary() RETURNS TABLE (year smallint, kind text, code text, amount_sek numeric, records bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT fiscal_year, 'ledger cost centre', org_code, result.sek(sum(amount_ore)), count(*)
    FROM core.ledger_entry l
    WHERE result.account_type_of(l.municipality_code, l.account) = 'cost'
      AND result.committee_of(l.municipality_code, l.org_code, l.fiscal_year) IS NULL
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT extract(year FROM s.period_start)::smallint, 'service code of ' || b.source, s.service_code, NULL, count(*)
    FROM core.service_record s JOIN etl.batch b USING (batch_id)
    WHERE NOT EXISTS (SELECT 1 FROM mapping.service_code sc WHERE sc.municipality_code = s.municipality_code
                      AND sc.source = b.source AND sc.service_code = s.service_code)
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
$$;
COMMENT ON FUNCTION result.unmapped_summary() IS 'Ledger cost on cost centres and service records with codes that no mapping rule matches.';
REVOKE ALL ON FUNCTION result.unmapped_summary() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION result.unmapped_summary() TO gbetl_analyst, gbetl_finance, gbetl_loader;

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
                        AND s.fiscal_year BETWEEN sc.valid_from AND coalesce(sc.valid_to, result.c_open_year()))
    GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT fiscal_year, 'org_units.csv', source, org_code, sum(records)::bigint, NULL::numeric
    FROM services
    WHERE result.committee_of(p_municipality, org_code, fiscal_year) IS NULL
    GROUP BY 1, 2, 3, 4
    ORDER BY 2, 1, 3, 4
$$;
COMMENT ON FUNCTION result.unmapped_codes(text) IS 'Codes no mapping rule maps, per fiscal year, mapping file, source and code, with rows and ledger amount: what gbetl mappings --unmapped writes for the controller.';
GRANT EXECUTE ON FUNCTION result.unmapped_codes(text) TO gbetl_loader, gbetl_finance;
