/*
 * run.h — the nightly job: inbox -> batches -> archive or failed.
 *
 * run_inbox() imports every file of the inbox as its own batch, with the
 * source definition whose file_pattern matches its name, and moves each to
 * the archive (loaded, or already loaded) or to failed/ with FILE.reason
 * beside it.  One bad file never stops the others.  The caller holds the
 * connection and the lock; the fiscal years that changed are recorded by
 * the loader in etl.year_state, in each batch's transaction.
 *
 * What is taken: entries are examined with lstat, never followed.  A name
 * that starts with "." or ends in .part, .tmp or .filepart, and a regular
 * file whose modification time is less than settle_seconds old (or in the
 * future), is still being written: it stays for the next run.  A symlink,
 * directory, FIFO, socket or device is moved to failed/ as it is (a
 * symlink itself, its target untouched and unread) with the reason "not a
 * regular file".  A file that cannot be moved out of the inbox makes the
 * run need attention (exit 1) and is recorded in etl.unmoved_file.  A
 * file that changed while it was read (load.h: loader_set_path()) is not
 * loaded and stays for the next run.
 *
 * What stops the run: a login that may not load files (it is not granted
 * gbetl_loader) is refused before any file is looked at; a database that
 * goes away, or refuses a statement for lack of a privilege, stops it at
 * the file it happened at.  The files not taken stay in the inbox.
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
	char status[24]; /* loaded, already loaded, failed, rejected, refused, no source,
	                    not a file */
	char reason[512];
	char move_error[384]; /* why it could not be moved out of the inbox */
};

struct run_summary {
	struct run_file *files;
	size_t count;
	int waiting;     /* files left for the next run: still being written */
	int exit_status; /* 0, 1 (a file failed), 65, 69, 77 (a privilege) or 78
	                    (another key, or none that can be read) */
};

/* 0, or -1 when it did not get to the inbox's files: the login may not load
 * (summary->exit_status EXIT_NOPERM), the database could not say whether
 * it may, or the inbox cannot be read. */
int run_inbox(PGconn *conn, const struct gbetl_config *cfg, struct run_summary *summary);
void run_print_summary(const struct run_summary *summary, FILE *out);
void run_summary_free(struct run_summary *summary);

/* For gbetl status: list what is in the inbox and why it is still there
 * (still being written, settling, not a regular file, waiting).  Returns
 * the number listed, or -1 when the inbox cannot be read. */
int run_list_waiting(const struct gbetl_config *cfg, FILE *out);

#endif
