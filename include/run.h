/*
 * run.h — the nightly job: inbox -> batches -> archive or failed.
 *
 * run_inbox() imports every file of the inbox as its own batch, with the
 * source definition whose file_pattern matches its name; moves each to the
 * archive (loaded, or already loaded) or to failed/ with FILE.reason beside
 * it; and collects the fiscal years that changed.  One bad file never stops
 * the others.  The caller holds the connection and the run lock.
 */
#ifndef GBETL_RUN_H
#define GBETL_RUN_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

#include "config.h"

struct run_file {
	char name[256];
	char source[64];
	long long read, rows, rejected;
	double coverage_pct; /* -1: no persons */
	double seconds;
	char status[24]; /* loaded, already loaded, failed, rejected, refused, no source */
	char reason[512];
};

struct run_summary {
	struct run_file *files;
	size_t count;
	int years_changed[32];
	int year_count;
	int exit_status; /* 0, 1 (a file failed), 65 or 69 */
};

int run_inbox(PGconn *conn, const struct gbetl_config *cfg, struct run_summary *summary);
void run_print_summary(const struct run_summary *summary, FILE *out);
void run_summary_free(struct run_summary *summary);

#endif
