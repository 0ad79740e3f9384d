/*
 * importer.h — extract and load one file as one batch.
 *
 * What "gbetl import" does per file and "gbetl run" per inbox file: skip a
 * file that is already loaded (recording the attempt), otherwise stream it
 * through extract (reader, transform) straight into the loader's COPY, one
 * transaction.  The caller holds the connection and the run lock.
 */
#ifndef GBETL_IMPORTER_H
#define GBETL_IMPORTER_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "config.h"
#include "extract.h"
#include "load.h"
#include "source.h"

struct import_result {
	enum load_outcome outcome;
	long long batch_id;
	long long read, rows, rejected;
	double coverage_pct; /* -1 when the file has no persons */
	double seconds;
	char message[512]; /* why it was not loaded; no identity numbers */
	int exit_status;   /* what this file alone would give: 0, 1, 65, 69, 77 */
	bool changed;      /* not loaded: it changed while it was read (still being
	                      written) */
};

/* force: accept a replacing file the shrink guard refuses (load.h). */
int import_file(PGconn *conn, const struct gbetl_config *cfg, const struct source_def *def,
                const struct pseudonym_key *key, const char *path, bool force,
                struct import_result *result);

#endif
