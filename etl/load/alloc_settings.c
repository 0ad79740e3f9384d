/*
 * alloc_settings.c — the configuration's settings of the allocation, into
 * the database (see alloc_settings.h).
 */
#include "alloc_settings.h"
#include "db.h"
#include "log.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int alloc_settings_apply(PGconn *conn, const struct gbetl_config *cfg)
{
	char value[16];
	const char *params[1] = {value};
	bool error;
	char *same;
	int rc = 0;

	snprintf(value, sizeof(value), "%d", cfg->need_tolerance_pp);
	same = db_query_value(conn, "SELECT result.need_tolerance_pp() = $1::numeric", 1, params,
	                      &error);
	if (error) {
		rc = -1;
		goto out;
	}
	if (same && strcmp(same, "t") == 0)
		goto out;
	if (db_command(conn, "SELECT result.set_need_tolerance_pp($1::numeric)", 1, params) != 0) {
		rc = -1;
		goto out;
	}
	log_info("the need tolerance is now %s percentage points", value);
out:
	free(same);
	return rc;
}
