/*
 * allocate.c — the allocation of a fiscal year (allocate.h).
 */
#include "allocate.h"
#include "db.h"
#include "exitcode.h"
#include "fiscal_year.h"
#include "log.h"

#include <stdlib.h>

int allocate_year(PGconn *conn, const char *municipality, const char *year,
                  const struct allocate_basis *basis, FILE *out)
{
	const char *params[4] = {municipality, year, basis->cost, basis->direct_remainder};
	int status = EXIT_OK;
	PGresult *res;

	/* the year's budget is split in the same statement (docs/method.md) */
	res = fiscal_year_call(conn,
	                       "SELECT result.allocate_year($1, $2::smallint, $3, $4), "
	                       "result.allocate_budget($1, $2::smallint, $3)",
	                       4, params, "could not allocate", SQL_VALUES_STORED, &status);
	if (res == NULL)
		return status;
	PQclear(res);
	res = db_query(conn,
	               "SELECT count(*), coalesce(sum(ledger_cost_ore), 0), "
	               "coalesce(sum(women_ore), 0), coalesce(sum(men_ore), 0), "
	               "coalesce(sum(unknown_ore), 0), coalesce(sum(not_individual_ore), 0), "
	               "coalesce(sum(unallocated_ore), 0) FROM result.allocation WHERE "
	               "municipality_code = $1 AND fiscal_year = $2::smallint",
	               2, params);
	if (res == NULL)
		return db_exit_status(conn);
	log_info("allocated fiscal year %s (%s cost, direct remainder %s): %s rows", year,
	         basis->cost, basis->direct_remainder, PQgetvalue(res, 0, 0));
	if (out)
		fprintf(out,
		        "fiscal year %s, %s cost, öre:\n  ledger cost     %20s\n  women           "
		        "%20s\n"
		        "  men             %20s\n  unknown sex     %20s\n  not individual  %20s\n"
		        "  unallocated     %20s\n",
		        year, basis->cost, PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2),
		        PQgetvalue(res, 0, 3), PQgetvalue(res, 0, 4), PQgetvalue(res, 0, 5),
		        PQgetvalue(res, 0, 6));
	PQclear(res);
	return EXIT_OK;
}

int allocate_pending(PGconn *conn, const struct gbetl_config *cfg)
{
	const struct allocate_basis basis = {cfg->cost_basis, cfg->direct_remainder};
	const char *params[3] = {cfg->municipality_code, cfg->cost_basis, cfg->direct_remainder};
	PGresult *years = db_query(
	    conn,
	    "SELECT fiscal_year FROM etl.year_state s WHERE municipality_code = $1 AND NOT EXISTS "
	    "(SELECT 1 FROM etl.closed_year c WHERE c.municipality_code = s.municipality_code AND "
	    "c.fiscal_year = s.fiscal_year) AND (changed_at > coalesce(allocated_at, '-infinity') "
	    "OR EXISTS (SELECT 1 FROM result.allocation a WHERE a.municipality_code = "
	    "s.municipality_code AND a.fiscal_year = s.fiscal_year AND (a.cost_basis <> $2 OR "
	    "a.direct_remainder IS DISTINCT FROM $3))) ORDER BY 1",
	    3, params);
	int i, rc = 0;

	if (years == NULL)
		return -1;
	for (i = 0; i < PQntuples(years); i++) {
		if (allocate_year(conn, cfg->municipality_code, PQgetvalue(years, i, 0), &basis,
		                  NULL) != EXIT_OK) {
			rc = -1;
			if (db_connection_lost(conn))
				break;
		}
	}
	PQclear(years);
	return rc;
}

bool allocate_rules_loaded(PGconn *conn, const struct gbetl_config *cfg)
{
	const char *params[1] = {cfg->municipality_code};
	bool error;
	char *set = db_query_value(conn, "SELECT mapping.current_set($1)", 1, params, &error);
	bool loaded = set != NULL || error;

	if (!loaded) {
		log_error("no mapping rules are loaded for municipality %s: every cost is unmapped",
		          cfg->municipality_code);
		log_hint("Load them with \"gbetl mappings\" (mappings_dir: \"%s\").",
		         cfg->mappings_dir);
	}
	free(set);
	return loaded;
}
