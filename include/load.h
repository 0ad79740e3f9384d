/*
 * load.h — loading one batch into PostgreSQL: the COPY sink.
 *
 * A loader is a record_sink (sink.h).  begin() opens the batch's
 * transaction, records the batch row and starts COPY into the kind's core
 * table; rows stream through PQputCopyData in large chunks, each prefixed
 * with the municipality code and batch id; rejects are kept in a temporary
 * file.  end() finishes the COPY, checks that the server took exactly the
 * rows the trailer counts, refuses a file without records (unless the
 * policy allows it) and a closed fiscal year, applies replace = period
 * month by month behind the shrink guard, records the fiscal years that
 * changed (etl.year_state), writes the rejects and the batch's counts, and
 * commits.
 * Whatever fails, the transaction is rolled back and the attempt is still
 * recorded (status failed, rejected or refused, with its rejects) in a
 * transaction of its own: etl.batch shows every attempt, core never half a
 * file.
 *
 * The same file of the same source (same SHA-256) is loaded once while its
 * batch is live: a second time gives status already_loaded and changes
 * nothing else.  A file whose batch was superseded loads again.
 *
 * replace = period: the new batch supersedes the rows of earlier live
 * batches of its source in exactly the calendar months in which it has
 * records itself (never a span between its earliest and latest date).  The
 * shrink guard refuses it (status rejected) when a replaced month would keep
 * fewer than replace_min_ratio of its rows, unless forced; a forced batch
 * is marked so in etl.batch.forced.
 */
#ifndef GBETL_LOAD_H
#define GBETL_LOAD_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "sink.h"

enum load_outcome {
	LOAD_PENDING = 0,
	LOAD_LOADED,         /* committed */
	LOAD_ALREADY_LOADED, /* the same file was loaded before: nothing changed */
	LOAD_REJECTED,       /* too many rejects: nothing loaded */
	LOAD_REFUSED,        /* touches a closed fiscal year: nothing loaded */
	LOAD_FAILED,         /* any other failure: nothing loaded */
};

struct loader;

struct load_policy {
	double replace_min_ratio; /* shrink guard; default 0.5 */
	bool force;               /* accept a file the shrink guard refuses */
	bool allow_empty;         /* load a file with no records */
	/* the reject limits: a batch over them is not loaded (the stream's
	 * counts are checked against them, whatever extract decided) and its
	 * message names them; < 0 = none */
	double reject_max_ratio;
	long reject_max_count;
	/* allow_negative of an appending service source: a correction in this
	 * batch may not take a total over the source's live batches below
	 * zero (a replacing file's totals are its own: extract checks them) */
	bool allow_negative;
};

/* A loader on an open connection (not in a transaction).  municipality_code
 * comes from the configuration. */
struct loader *loader_new(PGconn *conn, const char *municipality_code);
void loader_free(struct loader *l);
struct record_sink *loader_sink(struct loader *l);

/* The source's policy (before begin); the default is ratio 0.5, no force,
 * no empty files. */
void loader_set_policy(struct loader *l, const struct load_policy *policy);

/* The export file being read: just before the batch commits, the file is
 * looked at again, and a file that is no longer the bytes that were read
 * (a writer still at it, or gone) is not committed: the attempt fails, and
 * loader_file_changed() says why. */
void loader_set_path(struct loader *l, const char *path);
bool loader_file_changed(const struct loader *l);

/* For a stream ("gbetl load"): take the policy from the source definition
 * NAME.conf in dir that the stream's header names, when it exists. */
void loader_set_sources_dir(struct loader *l, const char *dir);

/* The producer failed (extract stopped on a fatal error): abort the COPY,
 * roll back, record the failed attempt with this message. */
void loader_abort(struct loader *l, const char *message);
/* The file is not loaded for a reason of its own (a file without records
 * the producer did not even read): record the attempt as rejected. */
void loader_reject(struct loader *l, const char *message);

/* Describe the file before the producer has begun, so that an attempt that
 * fails before begin() (a file that cannot be opened) is still recorded. */
void loader_set_header(struct loader *l, const struct batch_header *h);

/* The file's SHA-256 and size once it has been read, when the header had
 * none (hash_while_reading): the trailer brings them to a batch that got
 * that far; a producer that failed before gives them here, and an attempt
 * that failed waits for them to be recorded.  NULL (the file could not be
 * read to the end) records it with 64 zeros. */
void loader_set_sha256(struct loader *l, const char *sha256, long long file_size);

enum load_outcome loader_outcome(const struct loader *l);
long long loader_batch_id(const struct loader *l);
/* The batch that loaded the file before, when it was already loaded. */
long long loader_earlier_batch(const struct loader *l);
long long loader_rows(const struct loader *l);
/* Why the batch was not loaded (NULL when it was). */
const char *loader_message(const struct loader *l);
/* True when the stream was made with another key than the database's
 * (refused before any row: exit status 78). */
bool loader_key_differs(const struct loader *l);
/* True when the failure was the connection going away. */
bool loader_connection_lost(const struct loader *l);

/* Is this file of this source loaded already?  1 yes (batch id in *batch_id),
 * 0 no, -1 error.  The loader asks at begin() when the header has the
 * SHA-256 (a stream), else at end(). */
int loader_already_loaded(PGconn *conn, const char *municipality_code, const char *source,
                          const char *sha256, long long *batch_id);
/* Record an "already loaded" attempt of a file (the audit trail). */
int loader_record_already_loaded(PGconn *conn, const char *municipality_code,
                                 const struct batch_header *h, long long earlier);

const char *load_outcome_name(enum load_outcome outcome);

#endif
