/*
 * report_access.h — who may read the reports: their mode and group.
 *
 * Report files get report_mode (gbetl.conf, default 0640: the owner writes,
 * the group reads), whatever the umask — the nightly wrapper's 077 would
 * otherwise leave them 0600.  The report directory gets the same mode with
 * the search bit beside every read bit (0640 -> 0750).  With report_group
 * set, the directory and the files get that group, and the directory the
 * set-group-ID bit, so that files made in it later keep the group too; the
 * gbetl user must belong to the group.
 *
 * report_access_set() takes the settings of the configuration (session_open
 * calls it); report_access_apply() gives them to the directory and to the
 * files of one year's report, after they are written.
 */
#ifndef GBETL_REPORT_ACCESS_H
#define GBETL_REPORT_ACCESS_H

#include "config.h"

void report_access_set(const struct gbetl_config *cfg);

/* Set mode (and group) of dir and of the files in it whose names start
 * with "gbetl-YEAR".  0, or -1 when a file gbetl wrote cannot be given
 * them (logged); a directory it does not own only gets a warning. */
int report_access_apply(const char *dir, const char *year);

#endif
