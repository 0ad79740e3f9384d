/*
 * status.h — what "gbetl status" prints: the latest batches, the failed
 * attempts, rejects per batch, the unmapped amounts, the closes and
 * reopenings of fiscal years, the mapping rules behind each year, the
 * years waiting for an allocation or reports, the files the last run could
 * not move, the inbox, and what was set aside in failed/ lately.
 */
#ifndef GBETL_STATUS_H
#define GBETL_STATUS_H

#include <libpq-fe.h>

#include "config.h"

/* Print the status to stdout, with the limit latest batches.  Returns an
 * exit status: 0; 1 something needs attention (a recent failure, unmapped
 * amounts, a year waiting, a file not moved); else that of the connection. */
int status_print(PGconn *conn, const struct gbetl_config *cfg, long long limit);

/* Print the rejects of one batch (its number, as text of digits).  0, 65
 * no such batch, or the status of the connection. */
int status_print_rejects(PGconn *conn, const char *batch);

#endif
