/*
 * fiscal_year.c — close, reopen, snapshot a fiscal year; its pending
 * reports (fiscal_year.h).
 */
#include "fiscal_year.h"
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "publish.h"

PGresult *fiscal_year_call(PGconn *conn, const char *sql, int nparams, const char *const *params,
                           const char *what, enum sql_values values, int *status)
{
	PGresult *res = PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0);

	if (PQresultStatus(res) == PGRES_TUPLES_OK)
		return res;
	db_log_result_error(conn, res, what);
	*status = db_exit_status_of(conn, res, values);
	PQclear(res);
	return NULL;
}

int fiscal_year_close(PGconn *conn, const struct gbetl_config *cfg, const char *year,
                      bool accept_unmapped)
{
	const char *params[3] = {cfg->municipality_code, year, accept_unmapped ? "true" : "false"};
	char version[16];
	int status = EXIT_OK;
	PGresult *res;

	res = fiscal_year_call(conn, "SELECT result.close_year($1, $2::smallint, $3::boolean)", 3,
	                       params, "could not close the year", SQL_VALUES_STORED, &status);
	if (res == NULL)
		return status;
	snprintf(version, sizeof(version), "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	/* what the close accepted, as it recorded it */
	params[2] = version;
	res = db_query(conn,
	               "SELECT to_char(unmapped_ore::numeric / 100, 'FM9999999999999990.00'), "
	               "to_char(unallocated_ore::numeric / 100, 'FM9999999999999990.00') FROM "
	               "result.year_close WHERE municipality_code = $1 AND fiscal_year = "
	               "$2::smallint AND version = $3::int AND unmapped_accepted",
	               3, params);
	if (res && PQntuples(res) == 1)
		log_info("closed fiscal year %s (version %s), accepting %s kr unmapped and %s kr "
		         "unallocated cost",
		         year, version, PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1));
	else
		log_info("closed fiscal year %s (version %s)", year, version);
	PQclear(res);
	return publish_refresh(conn, cfg, year);
}

int fiscal_year_reopen(PGconn *conn, const struct gbetl_config *cfg, const char *year,
                       const char *reason)
{
	const char *params[3] = {cfg->municipality_code, year, reason};
	int status = EXIT_OK;
	PGresult *res;

	res = fiscal_year_call(conn, "SELECT result.reopen_year($1, $2::smallint, $3)", 3, params,
	                       "could not reopen the year", SQL_VALUES_STORED, &status);
	if (res == NULL)
		return status;
	PQclear(res);
	log_info("reopened fiscal year %s", year);
	return publish_refresh(conn, cfg, year);
}

int fiscal_year_snapshot(PGconn *conn, const struct gbetl_config *cfg, const char *year,
                         const char *name, const char *month, FILE *out)
{
	const char *params[5] = {cfg->municipality_code, year, month, name, cfg->cost_basis};
	int status = EXIT_OK, i;
	PGresult *res;

	res = fiscal_year_call(
	    conn, "SELECT result.snapshot_budget($1, $2::smallint, $3::integer, $4, $5)", 5, params,
	    "could not take the snapshot", SQL_VALUES_GIVEN, &status);
	if (res == NULL)
		return status;
	PQclear(res);
	params[2] = name;
	res = db_query(
	    conn,
	    "SELECT committee_code, budget_version, to_char(sum(budget_women_ore) / 100.0, "
	    "'FM999999999990.00'), to_char(sum(cost_women_ore) / 100.0, "
	    "'FM999999999990.00'), to_char(sum(budget_men_ore) / 100.0, "
	    "'FM999999999990.00'), to_char(sum(cost_men_ore) / 100.0, "
	    "'FM999999999990.00') FROM result.budget_snapshot WHERE municipality_code = "
	    "$1 AND fiscal_year = $2::smallint AND name = $3 GROUP BY 1, 2 ORDER BY 1, 2",
	    3, params);
	if (res == NULL)
		return db_exit_status(conn);
	log_info("froze snapshot \"%s\" of fiscal year %s through month %s", name, year, month);
	if (out) {
		fprintf(out, "%s %s, months 1-%s, SEK:\n  %-10s %-18s %16s %16s %16s %16s\n", year,
		        name, month, "committee", "version", "budget women", "outcome women",
		        "budget men", "outcome men");
		for (i = 0; i < PQntuples(res); i++)
			fprintf(out, "  %-10s %-18s %16s %16s %16s %16s\n", PQgetvalue(res, i, 0),
			        PQgetvalue(res, i, 1), PQgetvalue(res, i, 2), PQgetvalue(res, i, 3),
			        PQgetvalue(res, i, 4), PQgetvalue(res, i, 5));
	}
	PQclear(res);
	return EXIT_OK;
}

int fiscal_year_report_pending(PGconn *conn, const struct gbetl_config *cfg)
{
	const char *params[1] = {cfg->municipality_code};
	PGresult *years = db_query(
	    conn,
	    "SELECT s.fiscal_year FROM etl.year_state s WHERE s.municipality_code = $1 AND "
	    "s.published_at > coalesce(s.reported_at, '-infinity') ORDER BY 1",
	    1, params);
	int i, status = EXIT_OK;

	if (years == NULL)
		return db_exit_status(conn);
	for (i = 0; i < PQntuples(years); i++) {
		bool written;

		status = exit_status_worse(
		    status, publish_reports(conn, cfg, PQgetvalue(years, i, 0), &written));
	}
	PQclear(years);
	return status;
}
