/*
 * publish.c — a year's report files from its published figures (publish.h).
 */
#include "publish.h"
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

int publish_reports(PGconn *conn, const struct gbetl_config *cfg, const char *year, bool *written)
{
	const char *params[2] = {cfg->municipality_code, year};
	bool error;
	char *published;
	int status = EXIT_OK;

	*written = false;
	published = db_query_value(conn,
	                           "SELECT EXISTS (SELECT 1 FROM result.published_allocation a "
	                           "WHERE a.municipality_code = $1 AND a.fiscal_year = "
	                           "$2::smallint)",
	                           2, params, &error);
	if (error)
		return db_exit_status(conn);
	if (published && strcmp(published, "t") == 0) {
		status = report_write(conn, year, NULL, cfg->report_dir,
		                      strcmp(cfg->lang, "en") == 0, true, cfg->municipality_name);
		*written = status == EXIT_OK;
	} else {
		log_info("fiscal year %s has no allocation rows: no report to write", year);
	}
	free(published);
	if (status != EXIT_OK)
		return status;
	if (db_command(conn, "SELECT etl.year_mark($1, $2::smallint, 'reported')", 2, params) != 0)
		return db_exit_status(conn);
	return EXIT_OK;
}

int publish_refresh(PGconn *conn, const struct gbetl_config *cfg, const char *year)
{
	bool written;

	if (publish_reports(conn, cfg, year, &written) != EXIT_OK) {
		log_hint("The next \"gbetl run\" writes the reports of fiscal year %s.", year);
		return EXIT_ATTENTION;
	}
	if (written)
		log_info("reports of fiscal year %s rewritten in \"%s\"", year, cfg->report_dir);
	return EXIT_OK;
}
