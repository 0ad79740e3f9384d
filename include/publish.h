/*
 * publish.h — bring a fiscal year's report files up to date with its
 * published figures (frozen for a closed year, current for an open one).
 *
 * Used by "gbetl run" for every year whose figures changed since its
 * reports were written, and by close-year and reopen-year for the year they
 * close or reopen, so that the files in report_dir always show the figures
 * the database publishes.
 */
#ifndef GBETL_PUBLISH_H
#define GBETL_PUBLISH_H

#include "config.h"

#include <libpq-fe.h>
#include <stdbool.h>

/*
 * Write the reports of year (YYYY) into cfg->report_dir (report_write(),
 * in the configured language, Excel-style CSV) and record in etl.year_state
 * that the year is reported.  A year with nothing published writes nothing
 * (*written false) and is recorded as reported too.  Returns an exit
 * status: 0, 69 or 73 (the year then stays waiting for its reports).
 */
int publish_reports(PGconn *conn, const struct gbetl_config *cfg, const char *year, bool *written);

/*
 * After a close or a reopen: publish_reports(), saying where the files
 * are.  EXIT_OK, or EXIT_ATTENTION when they could not be written (the
 * close or reopen stands; the year waits for the next "gbetl run").
 */
int publish_refresh(PGconn *conn, const struct gbetl_config *cfg, const char *year);

#endif
