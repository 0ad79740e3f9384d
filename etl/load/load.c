/*
 * load.c — one batch into PostgreSQL over COPY, all or nothing (load.h).
 */
#include "load.h"
#include "copy_sender.h"
#include "db.h"
#include "keyprint.h"
#include "log.h"
#include "record.h"
#include "source.h"
#include "stream.h"
#include "strbuf.h"
#include "testhook.h"
#include "version.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (1024 * 1024) /* bytes per PQputCopyData */

/* months counted in the loader: January 1800 to December 2199 */
#define MONTH_FIRST_YEAR 1800
#define MONTH_SLOTS      (400 * 12)

struct loader {
	PGconn *conn;
	char municipality[8];
	struct record_sink sink;
	enum load_outcome outcome;
	long long batch_id, earlier, rows;
	struct copy_sender *sender; /* while in COPY */
	bool in_transaction, in_copy, skip, over_threshold, have_counts, conn_lost;
	struct load_policy policy;
	bool forced; /* the shrink guard was overridden on purpose */
	/* the header had no SHA-256: the trailer brings it (extract.h's
	 * hash_while_reading); an attempt to record waits for it */
	bool sha_pending, attempt_pending;
	bool key_differs; /* the stream's key is not the database's */
	/* rows per calendar month, counted as they stream by (MONTH_SLOTS from
	 * January MONTH_FIRST_YEAR); months_unknown: a row whose month could not
	 * be read here, so the database counts them instead */
	long long *month_rows;
	bool months_unknown;
	enum record_kind kind;
	int replace;
	char *source, *file_name, *encoding;
	char *sources_dir; /* where to find the policy of a stream's source */
	char *path;        /* the file read, looked at again before commit */
	bool changed;      /* it changed while it was read */
	char sha256[SHA256_HEX_LEN + 1];
	long long file_size;
	char prefix[48];
	size_t prefix_len;
	struct strbuf buf;
	FILE *rejects;
	long long reject_count;
	struct batch_trailer counts;
	char message[512];
	char forced_reason[600]; /* what --force accepted, for etl.batch.message */
};

const char *load_outcome_name(enum load_outcome outcome)
{
	switch (outcome) {
	case LOAD_LOADED:
		return "loaded";
	case LOAD_ALREADY_LOADED:
		return "already loaded";
	case LOAD_REJECTED:
		return "rejected";
	case LOAD_REFUSED:
		return "refused";
	case LOAD_FAILED:
		return "failed";
	default:
		return "pending";
	}
}

static const char *status_of(enum load_outcome outcome)
{
	switch (outcome) {
	case LOAD_REJECTED:
		return "rejected";
	case LOAD_REFUSED:
		return "refused";
	case LOAD_ALREADY_LOADED:
		return "already_loaded";
	default:
		return "failed";
	}
}

int loader_already_loaded(PGconn *conn, const char *municipality_code, const char *source,
                          const char *sha256, long long *batch_id)
{
	const char *params[3] = {municipality_code, source, sha256};
	bool error;
	char *id = db_query_value(conn,
	                          "SELECT batch_id FROM etl.batch WHERE municipality_code = $1 AND "
	                          "source = $2 AND sha256 = $3 AND status = 'loaded' "
	                          "ORDER BY batch_id LIMIT 1",
	                          3, params, &error);

	if (error)
		return -1;
	if (id == NULL)
		return 0;
	*batch_id = atoll(id);
	free(id);
	return 1;
}

int loader_record_already_loaded(PGconn *conn, const char *municipality_code,
                                 const struct batch_header *h, long long earlier)
{
	char size[32], earlier_text[32], message[96];
	const char *params[8];

	snprintf(size, sizeof(size), "%lld", h->file_size);
	snprintf(earlier_text, sizeof(earlier_text), "%lld", earlier);
	snprintf(message, sizeof(message), "already loaded as batch %lld", earlier);
	params[0] = municipality_code;
	params[1] = h->source;
	params[2] = record_kind_name(h->kind);
	params[3] = h->file_name;
	params[4] = h->sha256;
	params[5] = size;
	params[6] = message;
	params[7] = GBETL_VERSION;
	return db_command(
	    conn,
	    "INSERT INTO etl.batch (municipality_code, source, kind, file_name, sha256, "
	    "file_size, status, message, gbetl_version, finished_at) VALUES ($1, $2, "
	    "$3, $4, $5, $6, 'already_loaded', $7, $8, pg_catalog.clock_timestamp())",
	    8, params);
}

/* --- failure: roll back, then record the attempt on its own --------------- */

static int copy_rejects(struct loader *l, long long batch_id);

static void note_failure(struct loader *l, enum load_outcome outcome, const char *message)
{
	if (l->outcome == LOAD_PENDING || l->outcome == LOAD_LOADED)
		l->outcome = outcome;
	if (l->message[0] == '\0')
		snprintf(l->message, sizeof(l->message), "%s", message);
}

static int stop_sender(struct loader *l);

static void rollback(struct loader *l)
{
	stop_sender(l);
	if (l->in_copy) {
		PGresult *res;

		PQputCopyEnd(l->conn, l->message[0] ? l->message : "gbetl aborted the load");
		while ((res = PQgetResult(l->conn)) != NULL)
			PQclear(res);
		l->in_copy = false;
	}
	if (l->in_transaction) {
		PQclear(PQexec(l->conn, "ROLLBACK"));
		l->in_transaction = false;
	}
	if (db_connection_lost(l->conn))
		l->conn_lost = true;
}

static void record_attempt(struct loader *l)
{
	char size[32], counts[8][32];
	const char *params[17];
	PGresult *res;
	int i;

	if (l->conn_lost || db_connection_lost(l->conn)) {
		l->conn_lost = true;
		return;
	}
	if (l->sha256[0] == '\0') {
		l->attempt_pending = true; /* loader_set_sha256() records it */
		return;
	}
	snprintf(size, sizeof(size), "%lld", l->file_size);
	snprintf(counts[0], sizeof(counts[0]), "%lld", l->counts.read);
	snprintf(counts[1], sizeof(counts[1]), "%lld", l->counts.rejected);
	snprintf(counts[2], sizeof(counts[2]), "%lld", l->counts.persons);
	snprintf(counts[3], sizeof(counts[3]), "%lld", l->counts.sex_known);
	snprintf(counts[4], sizeof(counts[4]), "%lld", l->counts.sex_conflicts);
	snprintf(counts[5], sizeof(counts[5]), "%lld", l->counts.id_invalid);
	params[0] = l->municipality;
	params[1] = l->source;
	params[2] = record_kind_name(l->kind);
	params[3] = l->file_name;
	params[4] = l->sha256;
	params[5] = size;
	params[6] = l->encoding;
	params[7] = l->replace == REPLACE_PERIOD ? "period" : "append";
	params[8] = status_of(l->outcome);
	params[9] = l->message;
	params[10] = GBETL_VERSION;
	for (i = 0; i < 6; i++)
		params[11 + i] = l->have_counts ? counts[i] : NULL;
	if (db_exec(l->conn, "BEGIN") != 0)
		return;
	res = db_query(l->conn,
	               "INSERT INTO etl.batch (municipality_code, source, kind, file_name, sha256, "
	               "file_size, encoding, replace_policy, status, message, gbetl_version, "
	               "records_read, records_rejected, persons, sex_known, sex_conflicts, "
	               "id_invalid, finished_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
	               "$11, $12, $13, $14, $15, $16, $17, pg_catalog.clock_timestamp()) RETURNING "
	               "batch_id",
	               17, params);
	if (res == NULL) {
		PQclear(PQexec(l->conn, "ROLLBACK"));
		return;
	}
	l->batch_id = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	if (copy_rejects(l, l->batch_id) != 0 || db_exec(l->conn, "COMMIT") != 0)
		PQclear(PQexec(l->conn, "ROLLBACK"));
}

static int fail(struct loader *l, enum load_outcome outcome, const char *message)
{
	note_failure(l, outcome, message);
	rollback(l);
	record_attempt(l);
	return -1;
}

void loader_abort(struct loader *l, const char *message)
{
	if (l->outcome != LOAD_PENDING || l->skip || l->source == NULL)
		return;
	fail(l, LOAD_FAILED, message);
}

/* --- the sink ------------------------------------------------------------- */

/* Hand the full buffer to the sending thread and start a new one. */
static int put(struct loader *l)
{
	size_t len;
	char *data;

	if (l->buf.len == 0)
		return 0;
	data = strbuf_detach(&l->buf, &len);
	strbuf_init(&l->buf, CHUNK + 65536);
	if (copy_sender_send(l->sender, data, len) != 0)
		return fail(l, LOAD_FAILED, "could not send rows to the database");
	return 0;
}

/* Stop the sending thread (the connection is ours again); 0 or -1. */
static int stop_sender(struct loader *l)
{
	char msg[300];
	int rc;

	if (l->sender == NULL)
		return 0;
	rc = copy_sender_finish(l->sender, msg, sizeof(msg));
	l->sender = NULL;
	if (rc != 0) {
		log_error("%s", msg);
		note_failure(l, LOAD_FAILED, msg);
	}
	return rc;
}

void loader_set_header(struct loader *l, const struct batch_header *h)
{
	free(l->source);
	free(l->file_name);
	free(l->encoding);
	l->kind = h->kind;
	l->replace = h->replace;
	l->source = xstrdup(h->source);
	l->file_name = xstrdup(h->file_name);
	l->encoding = xstrdup(h->encoding ? h->encoding : "");
	memcpy(l->sha256, h->sha256, sizeof(l->sha256));
	l->file_size = h->file_size;
	l->sha_pending = h->sha256[0] == '\0';
}

void loader_set_sha256(struct loader *l, const char *sha256, long long file_size)
{
	if (sha256 && strlen(sha256) == SHA256_HEX_LEN) {
		memcpy(l->sha256, sha256, sizeof(l->sha256));
		l->file_size = file_size;
	} else if (l->sha256[0] == '\0') {
		memset(l->sha256, '0', SHA256_HEX_LEN); /* the file could not be read */
		l->sha256[SHA256_HEX_LEN] = '\0';
	}
	if (l->attempt_pending) {
		l->attempt_pending = false;
		record_attempt(l);
	}
}

/* A stand-in SHA-256 for the batch row while the file is being read: unique
 * (the index of live batches holds running ones), never a file's (it is
 * replaced before the batch commits, and nobody sees it before). */
static void pending_sha256(char hex[SHA256_HEX_LEN + 1])
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	snprintf(hex, SHA256_HEX_LEN + 1, "%032llx%016llx%016llx", 0ULL, (long long)getpid(),
	         (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
}

/* A stream's policy: that of its source definition, when there is one. */
static void policy_from_source(struct loader *l, const char *source)
{
	struct strbuf path = STRBUF_INIT;
	struct source_def def;

	strbuf_addf(&path, "%s/%s.conf", l->sources_dir, source);
	if (strchr(source, '/') == NULL && access(path.buf, F_OK) == 0 &&
	    source_load(path.buf, &def) == 0) {
		l->policy.allow_empty = def.allow_empty;
		l->policy.replace_min_ratio = def.replace_min_ratio;
		if (def.reject_max_ratio >= 0)
			l->policy.reject_max_ratio = def.reject_max_ratio;
		if (def.reject_max_count != SOURCE_NOT_GIVEN)
			l->policy.reject_max_count = def.reject_max_count;
		l->policy.allow_negative = def.allow_negative;
		source_free(&def);
	}
	strbuf_release(&path);
}

static int sink_begin(void *ctx, const struct batch_header *h)
{
	struct loader *l = ctx;
	char size[32], sql[600], pending[SHA256_HEX_LEN + 1];
	const char *params[10];
	PGresult *res;
	int already;

	loader_set_header(l, h);
	if (l->sources_dir)
		policy_from_source(l, h->source);
	if (h->key_fingerprint) {
		int r = keyprint_check(l->conn, h->key_fingerprint, "the stream's key", true);

		if (r != 0) {
			l->key_differs = r > 0;
			return fail(l, r > 0 ? LOAD_REFUSED : LOAD_FAILED,
			            r > 0 ? "the key differs from the one this database was loaded "
			                    "with"
			                  : "could not compare the key with the database's");
		}
	}
	/* a SHA-256 computed while reading is looked up at the end (sink_end) */
	already = l->sha_pending ? 0
	                         : loader_already_loaded(l->conn, l->municipality, h->source,
	                                                 h->sha256, &l->earlier);
	if (already < 0)
		return fail(l, LOAD_FAILED, "could not look for earlier loads of the file");
	if (already == 1) {
		l->outcome = LOAD_ALREADY_LOADED;
		l->skip = true;
		return 0;
	}
	if (l->sha_pending)
		pending_sha256(pending);
	snprintf(size, sizeof(size), "%lld", h->file_size);
	params[0] = l->municipality;
	params[1] = h->source;
	params[2] = record_kind_name(h->kind);
	params[3] = h->file_name;
	params[4] = l->sha_pending ? pending : h->sha256;
	params[5] = size;
	params[6] = l->encoding;
	params[7] = h->replace == REPLACE_PERIOD ? "period" : "append";
	params[8] = GBETL_VERSION;
	if (db_exec(l->conn, "BEGIN") != 0)
		return fail(l, LOAD_FAILED, "could not start the batch's transaction");
	l->in_transaction = true;
	res = PQexecParams(
	    l->conn,
	    "INSERT INTO etl.batch (municipality_code, source, kind, file_name, sha256, "
	    "file_size, encoding, replace_policy, status, gbetl_version) VALUES ($1, "
	    "$2, $3, $4, $5, $6, $7, $8, 'running', $9) RETURNING batch_id",
	    9, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		bool duplicate = strcmp(db_sqlstate(res), "23505") == 0;

		if (!duplicate)
			db_log_result_error(l->conn, res, "could not record the batch");
		PQclear(res);
		if (duplicate) {
			/* another process loaded the same file a moment ago */
			PQclear(PQexec(l->conn, "ROLLBACK"));
			l->in_transaction = false;
			if (loader_already_loaded(l->conn, l->municipality, h->source, h->sha256,
			                          &l->earlier) == 1) {
				l->outcome = LOAD_ALREADY_LOADED;
				l->skip = true;
				return 0;
			}
		}
		return fail(l, LOAD_FAILED, "could not record the batch");
	}
	l->batch_id = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	free(l->month_rows);
	l->month_rows = xcalloc(MONTH_SLOTS, sizeof(*l->month_rows));
	l->months_unknown = false;
	l->prefix_len = (size_t)snprintf(l->prefix, sizeof(l->prefix), "%s\t%lld\t",
	                                 l->municipality, l->batch_id);
	snprintf(sql, sizeof(sql), "COPY %s (municipality_code, batch_id, %s) FROM STDIN",
	         record_kind_table(h->kind), record_kind_columns(h->kind));
	res = PQexec(l->conn, sql);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		db_log_result_error(l->conn, res, "could not start COPY");
		PQclear(res);
		return fail(l, LOAD_FAILED, "could not start COPY");
	}
	PQclear(res);
	l->in_copy = true;
	l->sender = copy_sender_start(l->conn);
	if (l->sender == NULL)
		return fail(l, LOAD_FAILED, "could not start sending rows");
	return 0;
}

/* The start of column col (0-based) of a COPY text row, or NULL. */
static const char *column(const char *line, size_t len, int col)
{
	const char *p = line, *end = line + len;

	while (col-- > 0) {
		p = memchr(p, '\t', (size_t)(end - p));
		if (p == NULL)
			return NULL;
		p++;
	}
	return p;
}

static int digits(const char *p, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p++ - '0');
	}
	return v;
}

/* Count the row under its calendar month, as period_expression() has it:
 * the columns are those of record_kind_columns() (a date is YYYY-MM-DD). */
static void count_month(struct loader *l, const char *line, size_t len)
{
	const char *end = line + len, *p;
	int year = -1, month = -1;

	switch (l->kind) {
	case KIND_SERVICE:
	case KIND_AGGREGATE:
		p = column(line, len, l->kind == KIND_SERVICE ? 11 : 1);
		if (p && end - p >= 10 && p[4] == '-' && p[7] == '-') {
			year = digits(p, 4);
			month = digits(p + 5, 2);
		}
		break;
	case KIND_LEDGER:
		p = column(line, len, 2);
		if (p && end - p >= 10 && p[4] == '-' && p[7] == '-') {
			year = digits(p, 4);
			month = digits(p + 5, 2);
		} else if (p && end - p >= 3 && p[0] == '\\' && p[1] == 'N' && p[2] == '\t' &&
		           end - p >= 9) {
			year = digits(p + 3, 4);
			month = digits(p + 7, 2);
		}
		break;
	case KIND_POPULATION:
		p = column(line, len, 1);
		if (p && end - p >= 4) {
			year = digits(p, 4);
			month = 1;
		}
		break;
	case KIND_BUDGET: /* 1 fiscal_year, 2 period (YYYYMM or \N) */
		p = column(line, len, 2);
		if (p && end - p >= 6 && p[0] != '\\') {
			year = digits(p, 4);
			month = digits(p + 4, 2);
		} else if ((p = column(line, len, 1)) != NULL && end - p >= 4) {
			year = digits(p, 4);
			month = 1;
		}
		break;
	default:
		break;
	}
	if (year < MONTH_FIRST_YEAR || year >= MONTH_FIRST_YEAR + MONTH_SLOTS / 12 || month < 1 ||
	    month > 12) {
		l->months_unknown = true;
		return;
	}
	l->month_rows[(year - MONTH_FIRST_YEAR) * 12 + month - 1]++;
}

static int sink_row(void *ctx, const char *line, size_t len)
{
	struct loader *l = ctx;

	if (l->skip)
		return 0;
	if (!l->in_copy)
		return -1;
	if (!l->months_unknown)
		count_month(l, line, len);
	strbuf_add(&l->buf, l->prefix, l->prefix_len);
	strbuf_add(&l->buf, line, len);
	l->rows++;
	if (l->buf.len >= CHUNK)
		return put(l);
	return 0;
}

static int sink_reject(void *ctx, const struct reject *r)
{
	struct loader *l = ctx;
	struct strbuf row = STRBUF_INIT;
	int rc = 0;

	if (l->skip)
		return 0;
	if (l->rejects == NULL) {
		l->rejects = tmpfile();
		if (l->rejects == NULL) {
			log_error("could not create a temporary file for rejects: %s",
			          strerror(errno));
			return fail(l, LOAD_FAILED, "could not keep the rejects");
		}
	}
	stream_reject_line(&row, NULL, r);
	if (fwrite(row.buf, 1, row.len, l->rejects) != row.len) {
		log_error("could not write rejects to a temporary file: %s", strerror(errno));
		rc = fail(l, LOAD_FAILED, "could not keep the rejects");
	}
	l->reject_count++;
	strbuf_release(&row);
	return rc;
}

/* COPY the kept rejects into etl.reject for batch_id (inside a transaction). */
static int copy_rejects(struct loader *l, long long batch_id)
{
	char prefix[32], line[8192];
	struct strbuf out = STRBUF_INIT;
	PGresult *res;
	int rc = 0;

	if (l->rejects == NULL || l->reject_count == 0)
		return 0;
	snprintf(prefix, sizeof(prefix), "%lld\t", batch_id);
	res = PQexec(l->conn, "COPY etl.reject (batch_id, line, field, reason, value_masked, "
	                      "message) FROM STDIN");
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		db_log_result_error(l->conn, res, "could not store the rejects");
		PQclear(res);
		return -1;
	}
	PQclear(res);
	rewind(l->rejects);
	while (fgets(line, sizeof(line), l->rejects)) {
		strbuf_addstr(&out, prefix);
		strbuf_addstr(&out, line);
		if (out.len >= CHUNK) {
			if (PQputCopyData(l->conn, out.buf, (int)out.len) != 1)
				rc = -1;
			strbuf_reset(&out);
		}
	}
	if (rc == 0 && out.len && PQputCopyData(l->conn, out.buf, (int)out.len) != 1)
		rc = -1;
	PQputCopyEnd(l->conn, rc == 0 ? NULL : "could not send the rejects");
	while ((res = PQgetResult(l->conn)) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			db_log_result_error(l->conn, res, "could not store the rejects");
			rc = -1;
		}
		PQclear(res);
	}
	fseek(l->rejects, 0, SEEK_END);
	strbuf_release(&out);
	return rc;
}

/* The reject limits of the policy, checked here too: a stream carries the
 * counts but not extract's verdict on them. */
static bool over_limits(const struct loader *l, const struct batch_trailer *t)
{
	if (l->policy.reject_max_count >= 0 && t->rejected > l->policy.reject_max_count)
		return true;
	return l->policy.reject_max_ratio >= 0 && t->read > 0 &&
	       (double)t->rejected / (double)t->read > l->policy.reject_max_ratio;
}

/* "200 of 2000 records rejected (10.0 %), over the source's
 * reject_max_ratio 0.01": the counts and the limit they passed. */
static void threshold_message(const struct loader *l, const struct batch_trailer *t, char *msg,
                              size_t size)
{
	/* tenths of a percent, rounded, in integers */
	long long tenths = t->read ? (t->rejected * 1000 + t->read / 2) / t->read : 0;
	int n = snprintf(msg, size, "%lld of %lld records rejected (%lld.%lld %%)", t->rejected,
	                 t->read, tenths / 10, tenths % 10);

	if (n < 0 || (size_t)n >= size)
		return;
	if (l->policy.reject_max_count >= 0 && t->rejected > l->policy.reject_max_count)
		snprintf(msg + n, size - (size_t)n, ", over the source's reject_max_count %ld",
		         l->policy.reject_max_count);
	else if (l->policy.reject_max_ratio >= 0)
		snprintf(msg + n, size - (size_t)n, ", over the source's reject_max_ratio %g",
		         l->policy.reject_max_ratio);
	else
		snprintf(msg + n, size - (size_t)n, ", over the source's threshold");
}

static const char *period_expression(enum record_kind kind)
{
	switch (kind) {
	case KIND_LEDGER:
		return "coalesce(s.entry_date, pg_catalog.make_date(s.period / 100, s.period % "
		       "100, "
		       "1))";
	case KIND_POPULATION:
		return "pg_catalog.make_date(s.year, 1, 1)";
	case KIND_BUDGET:
		return "coalesce(pg_catalog.make_date(s.period / 100, s.period % 100, 1), "
		       "pg_catalog.make_date(s.fiscal_year, 1, 1))";
	default:
		return "s.period_start";
	}
}

/* batch_month from the months counted while the rows streamed by: 0, or -1
 * when they could not all be counted (or the database refused). */
static int months_counted(struct loader *l)
{
	struct strbuf months = STRBUF_INIT, counts = STRBUF_INIT;
	const char *params[2];
	long long total = 0;
	int i, rc = -1;

	if (l->months_unknown || l->month_rows == NULL)
		return -1;
	strbuf_addch(&months, '{');
	strbuf_addch(&counts, '{');
	for (i = 0; i < MONTH_SLOTS; i++) {
		if (l->month_rows[i] == 0)
			continue;
		if (total > 0) {
			strbuf_addch(&months, ',');
			strbuf_addch(&counts, ',');
		}
		strbuf_addf(&months, "%04d-%02d-01", MONTH_FIRST_YEAR + i / 12, i % 12 + 1);
		strbuf_addf(&counts, "%lld", l->month_rows[i]);
		total += l->month_rows[i];
	}
	strbuf_addch(&months, '}');
	strbuf_addch(&counts, '}');
	params[0] = months.buf;
	params[1] = counts.buf;
	if (total == l->rows)
		rc = db_command(l->conn,
		                "CREATE TEMP TABLE batch_month ON COMMIT DROP AS SELECT * FROM "
		                "unnest($1::date[], $2::bigint[]) AS t(month, n)",
		                2, params);
	strbuf_release(&months);
	strbuf_release(&counts);
	return rc;
}

/* The calendar months the new batch has records in, with its rows in each:
 * a temporary table batch_month (month, n) that lives until the commit;
 * and, for replace = period, the rows of the source's earlier live batches
 * in those months: replaced (batch_id, month, n).  Both are small (a row per
 * month), so the guard and the supersession read them, not core. */
static int note_months(struct loader *l)
{
	char id[32], sql[1600];
	const char *params[6];
	const char *expr = period_expression(l->kind), *table = record_kind_table(l->kind);
	PGresult *res;
	int rc;

	snprintf(id, sizeof(id), "%lld", l->batch_id);
	if (months_counted(l) != 0) {
		/* the database counts them: one scan of the batch's rows */
		params[0] = id;
		snprintf(
		    sql, sizeof(sql),
		    "CREATE TEMP TABLE batch_month ON COMMIT DROP AS SELECT "
		    "pg_catalog.date_trunc('month', %s)::date AS month, count(*) AS n FROM %s s "
		    "WHERE s.batch_id = $1::bigint GROUP BY 1",
		    expr, table);
		if (db_command(l->conn, sql, 1, params) != 0)
			return -1;
	}
	if (l->replace != REPLACE_PERIOD)
		return 0;
	/* the months as parameters: a range the indexes can use, and a list; and
	 * the source's other live batches (none: nothing to scan) */
	params[0] = l->source;
	params[1] = l->municipality;
	params[2] = id;
	res =
	    db_query(l->conn,
	             "SELECT min(month), (max(month) + interval '1 month')::date, "
	             "array_agg(month ORDER BY month)::text, (SELECT array_agg(batch_id)::text "
	             "FROM etl.batch WHERE source = $1 AND municipality_code = $2 AND batch_id <> "
	             "$3::bigint AND status = 'loaded') FROM batch_month",
	             3, params);
	if (res == NULL)
		return -1;
	params[0] = PQgetisnull(res, 0, 3) ? "{}" : PQgetvalue(res, 0, 3);
	params[1] = PQgetisnull(res, 0, 0) ? NULL : PQgetvalue(res, 0, 0);
	params[2] = PQgetisnull(res, 0, 1) ? NULL : PQgetvalue(res, 0, 1);
	params[3] = PQgetisnull(res, 0, 2) ? "{}" : PQgetvalue(res, 0, 2);
	if (PQgetisnull(res, 0, 3))
		snprintf(sql, sizeof(sql),
		         "CREATE TEMP TABLE replaced (batch_id bigint, month date, n bigint) ON "
		         "COMMIT DROP");
	else
		snprintf(
		    sql, sizeof(sql),
		    "CREATE TEMP TABLE replaced ON COMMIT DROP AS SELECT s.batch_id, "
		    "pg_catalog.date_trunc('month', %s)::date AS month, count(*) AS n FROM %s s "
		    "WHERE s.batch_id = ANY ($1::bigint[]) AND %s >= $2::date AND %s < $3::date "
		    "AND pg_catalog.date_trunc('month', %s)::date = ANY ($4::date[]) GROUP BY 1, "
		    "2",
		    expr, table, expr, expr, expr);
	rc = db_command(l->conn, sql, PQgetisnull(res, 0, 3) ? 0 : 4, params);
	PQclear(res);
	return rc;
}

/* The shrink guard: would a replaced month keep fewer than replace_min_ratio
 * of the rows it has?  0 no (or forced), 1 yes (l->message says which month
 * and both counts), -1 error. */
static int shrink_guard(struct loader *l)
{
	char ratio[32];
	const char *params[1] = {ratio};
	PGresult *res;
	int n;

	snprintf(ratio, sizeof(ratio), "%.6f", l->policy.replace_min_ratio);
	res = db_query(l->conn,
	               "SELECT pg_catalog.to_char(r.month, 'YYYY-MM'), sum(r.n), m.n FROM replaced "
	               "r JOIN batch_month m USING (month) GROUP BY r.month, m.n HAVING m.n < "
	               "sum(r.n) * $1::numeric ORDER BY r.month",
	               1, params);
	if (res == NULL)
		return -1;
	n = PQntuples(res);
	if (n > 0) {
		char more[64] = "";

		if (n > 1)
			snprintf(more, sizeof(more), " (and %d more month%s)", n - 1,
			         n > 2 ? "s" : "");
		snprintf(l->message, sizeof(l->message),
		         "month %s would keep %s of its %s rows%s: fewer than replace_min_ratio "
		         "%g of them",
		         PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 2), PQgetvalue(res, 0, 1), more,
		         l->policy.replace_min_ratio);
		if (l->policy.force) {
			log_warning("file \"%s\": %s; loaded all the same (--force)", l->file_name,
			            l->message);
			snprintf(l->forced_reason, sizeof(l->forced_reason),
			         "loaded with --force: %s", l->message);
			l->message[0] = '\0';
			l->forced = true;
			n = 0;
		} else {
			log_error("file \"%s\" would shrink what it replaces: %s", l->file_name,
			          l->message);
			log_detail("A replacing file replaces the months it has records in; a "
			           "month with far fewer rows than before is often a cut or "
			           "half-written export.");
			log_hint("If the file is a deliberate correction, load it with \"gbetl "
			         "import --force --source %s FILE\".",
			         l->source);
		}
	}
	PQclear(res);
	return n > 0 ? 1 : 0;
}

/* A budget replaces by version: the rows of the source's earlier live
 * batches with a budget version and fiscal year the new batch has give way
 * to it (recorded in etl.supersession, the year as the period); other
 * versions and years stay. */
static int supersede_budget(struct loader *l)
{
	char id[32];
	const char *params[3] = {id, l->source, l->municipality};

	snprintf(id, sizeof(id), "%lld", l->batch_id);
	if (db_command(l->conn,
	               "WITH v AS (SELECT DISTINCT budget_version, fiscal_year FROM core.budget "
	               "WHERE batch_id = $1::bigint), gone AS (DELETE FROM core.budget s USING "
	               "etl.batch b WHERE b.batch_id = s.batch_id AND b.source = $2 AND "
	               "b.municipality_code = $3 AND b.status = 'loaded' AND b.batch_id <> "
	               "$1::bigint AND (s.budget_version, s.fiscal_year) IN (SELECT * FROM v) "
	               "RETURNING s.batch_id, pg_catalog.make_date(s.fiscal_year, 1, 1) AS y) "
	               "INSERT INTO etl.supersession (batch_id, superseded_by, rows_removed, "
	               "period_from, period_to, months) SELECT batch_id, $1::bigint, count(*), "
	               "min(y), (max(y) + interval '1 year' - interval '1 day')::date, "
	               "array_agg(DISTINCT y) FROM gone GROUP BY batch_id",
	               3, params) != 0)
		return -1;
	return db_command(
	    l->conn,
	    "UPDATE etl.batch b SET status = 'superseded', superseded_by = $1::bigint "
	    "FROM etl.supersession x WHERE x.superseded_by = $1::bigint AND "
	    "x.batch_id = b.batch_id AND b.status = 'loaded' AND NOT EXISTS (SELECT "
	    "1 FROM core.budget s WHERE s.batch_id = b.batch_id)",
	    1, params);
}

/* replace = period: the rows of earlier batches of the source in the
 * calendar months the new batch has records in (the table replaced) give
 * way to it; exactly as many rows go as replaced counts. */
static int supersede(struct loader *l)
{
	char id[32], sql[1400];
	const char *params[1] = {id}, *arrays[4];
	PGresult *res;
	bool error;
	char *expected, *deleted = NULL;
	int i, rc = -1;

	if (l->kind == KIND_BUDGET)
		return supersede_budget(l);
	if (l->replace != REPLACE_PERIOD)
		return 0;
	snprintf(id, sizeof(id), "%lld", l->batch_id);
	res = db_query(l->conn,
	               "SELECT (SELECT coalesce(sum(n), 0) FROM replaced), (SELECT "
	               "coalesce(array_agg(DISTINCT batch_id), '{}') FROM replaced)::text, (SELECT "
	               "array_agg(month) FROM batch_month)::text, (SELECT min(month) FROM "
	               "batch_month), (SELECT (max(month) + interval '1 month')::date FROM "
	               "batch_month)",
	               0, NULL);
	if (res == NULL)
		return -1;
	expected = xstrdup(PQgetvalue(res, 0, 0));
	if (strcmp(expected, "0") == 0) { /* nothing to replace */
		PQclear(res);
		free(expected);
		return 0;
	}
	for (i = 0; i < 4; i++)
		arrays[i] = PQgetisnull(res, 0, i + 1) ? NULL : PQgetvalue(res, 0, i + 1);
	/* the rows of the replaced batches in the replaced months (arrays and a
	 * range as parameters: the plan does not depend on the temporary tables'
	 * unknown sizes, and the range lets an index narrow the scan) */
	snprintf(sql, sizeof(sql),
	         "WITH gone AS (DELETE FROM %s s WHERE s.batch_id = ANY ($1::bigint[]) AND %s >= "
	         "$3::date AND %s < $4::date AND pg_catalog.date_trunc('month', %s)::date = ANY "
	         "($2::date[]) RETURNING 1) SELECT count(*) FROM gone",
	         record_kind_table(l->kind), period_expression(l->kind), period_expression(l->kind),
	         period_expression(l->kind));
	deleted = db_query_value(l->conn, sql, 4, arrays, &error);
	PQclear(res);
	if (error)
		goto out;
	if (expected == NULL || deleted == NULL || strcmp(expected, deleted) != 0) {
		log_error("replacing removed %s rows where %s were counted",
		          deleted ? deleted : "?", expected ? expected : "?");
		goto out;
	}
	if (db_command(l->conn,
	               "INSERT INTO etl.supersession (batch_id, superseded_by, rows_removed, "
	               "period_from, period_to, months) SELECT batch_id, $1::bigint, sum(n), "
	               "min(month), (max(month) + interval '1 month' - interval '1 day')::date, "
	               "array_agg(month ORDER BY month) FROM replaced GROUP BY batch_id",
	               1, params) != 0)
		goto out;
	snprintf(sql, sizeof(sql),
	         "UPDATE etl.batch b SET status = 'superseded', superseded_by = $1::bigint FROM "
	         "etl.supersession x WHERE x.superseded_by = $1::bigint AND x.batch_id = "
	         "b.batch_id AND b.status = 'loaded' AND NOT EXISTS (SELECT 1 FROM %s s WHERE "
	         "s.batch_id = b.batch_id)",
	         record_kind_table(l->kind));
	rc = db_command(l->conn, sql, 1, params);
out:
	free(expected);
	free(deleted);
	return rc;
}

/*
 * A source that appends and writes corrections as negative rows: a
 * correction takes back what an earlier batch gave, never more.  Over the
 * source's live rows, the total of every person (for a service code at a
 * cost centre) and of every month (of a service code at a cost centre)
 * this batch corrects must stay at or above zero.  Returns 0 when it does,
 * 1 when it does not (l->message says which total), -1 on a database error.
 */
static int corrections_below_zero(struct loader *l)
{
	char id[32];
	const char *params[3] = {id, l->municipality, l->source};
	PGresult *res;
	int found;

	snprintf(id, sizeof(id), "%lld", l->batch_id);
	res = db_query(
	    l->conn,
	    "WITH corrected AS (SELECT DISTINCT person_key, service_code, org_code, "
	    "date_trunc('month', period_start) AS month FROM core.service_record "
	    "WHERE batch_id = $1 AND quantity < 0), "
	    "live AS (SELECT s.* FROM core.service_record s JOIN etl.batch b USING (batch_id) "
	    "WHERE b.municipality_code = $2 AND b.source = $3 AND b.status IN ('loaded', "
	    "'running')), "
	    "totals AS ("
	    " SELECT 1 AS o, 'the person ' || s.person_key || ' for service code \"' || "
	    " s.service_code || '\" at cost centre \"' || s.org_code || '\"' AS what, "
	    " sum(s.quantity) AS total FROM live s WHERE (s.person_key, s.service_code, "
	    " s.org_code) IN (SELECT person_key, service_code, org_code FROM corrected "
	    " WHERE person_key IS NOT NULL) GROUP BY s.person_key, s.service_code, s.org_code "
	    " UNION ALL "
	    " SELECT 2, 'the month ' || to_char(date_trunc('month', s.period_start), 'YYYY-MM') "
	    " || ' of service code \"' || s.service_code || '\" at cost centre \"' || "
	    " s.org_code || '\"', sum(s.quantity) FROM live s WHERE (s.service_code, "
	    " s.org_code, date_trunc('month', s.period_start)) IN (SELECT service_code, "
	    " org_code, month FROM corrected) GROUP BY s.service_code, s.org_code, "
	    " date_trunc('month', s.period_start)) "
	    "SELECT what FROM totals WHERE total < 0 ORDER BY o, what LIMIT 1",
	    3, params);
	if (res == NULL)
		return -1;
	found = PQntuples(res) > 0;
	if (found) {
		log_error("file \"%s\": a correction takes the total of %s below zero",
		          l->file_name, PQgetvalue(res, 0, 0));
		log_detail(
		    "Source \"%s\" allows negative quantities (allow_negative = yes) for "
		    "corrections, which may take back what its earlier files gave, not more.",
		    l->source);
		log_hint("Correct the export and load it again; nothing of it is loaded.");
		snprintf(l->message, sizeof(l->message),
		         "a correction takes the total of %s below zero", PQgetvalue(res, 0, 0));
	}
	PQclear(res);
	return found;
}

/* Whether the file read (loader_set_path()) is no longer the l->file_size
 * bytes that were read and hashed: its writer is still at it, or it is
 * gone.  Said; nothing of it may be committed. */
static bool file_changed(struct loader *l)
{
	struct stat st;
	bool there;

	if (l->path == NULL)
		return false;
	there = stat(l->path, &st) == 0;
	if (there && (long long)st.st_size == l->file_size)
		return false;
	l->changed = true;
	if (!there)
		log_error("file \"%s\" is gone since it was read", l->file_name);
	else
		log_error("file \"%s\" changed while it was read: %lld bytes were read, it has "
		          "%lld now",
		          l->file_name, l->file_size, (long long)st.st_size);
	log_detail("Its writer is most likely still at it; nothing of it was loaded.");
	return true;
}

static int sink_end(void *ctx, const struct batch_trailer *t)
{
	struct loader *l = ctx;
	char counts[8][32], id[32], size[32];
	const char *params[14];
	PGresult *res;
	long long copied = -1;
	char *closed;
	bool error;
	int i;

	l->counts = *t;
	l->have_counts = true;
	if (l->skip) {
		struct batch_header h = {l->kind,      l->source,   l->file_name, {0},
		                         l->file_size, l->encoding, l->replace};

		memcpy(h.sha256, l->sha256, sizeof(h.sha256));
		snprintf(l->message, sizeof(l->message), "already loaded as batch %lld",
		         l->earlier);
		return loader_record_already_loaded(l->conn, l->municipality, &h, l->earlier);
	}
	if (!l->in_copy)
		return -1;
	if (put(l) != 0)
		return -1;
	if (stop_sender(l) != 0)
		return fail(l, LOAD_FAILED, "could not send rows to the database");
	if (PQputCopyEnd(l->conn, NULL) != 1)
		return fail(l, LOAD_FAILED, "could not end COPY");
	l->in_copy = false;
	while ((res = PQgetResult(l->conn)) != NULL) {
		if (PQresultStatus(res) == PGRES_COMMAND_OK) {
			copied = atoll(PQcmdTuples(res));
		} else {
			db_log_result_error(l->conn, res, "the database refused the rows");
			PQclear(res);
			while ((res = PQgetResult(l->conn)) != NULL)
				PQclear(res);
			return fail(l, LOAD_FAILED, "the database refused the rows");
		}
		PQclear(res);
	}
	if (copied != t->emitted || copied != l->rows) {
		char msg[200];

		snprintf(msg, sizeof(msg), "the database took %lld rows, the batch has %lld",
		         copied, t->emitted);
		log_error("%s", msg);
		return fail(l, LOAD_FAILED, msg);
	}
	if (l->sha_pending) {
		/* the file has been read: now its SHA-256 says whether it is loaded */
		int already;

		loader_set_sha256(l, t->sha256, t->file_size);
		l->sha_pending = false;
		already = loader_already_loaded(l->conn, l->municipality, l->source, l->sha256,
		                                &l->earlier);
		if (already < 0)
			return fail(l, LOAD_FAILED, "could not look for earlier loads of the file");
		if (already == 1) {
			struct batch_header h = {l->kind,      l->source,   l->file_name, {0},
			                         l->file_size, l->encoding, l->replace};

			rollback(l);
			memcpy(h.sha256, l->sha256, sizeof(h.sha256));
			l->outcome = LOAD_ALREADY_LOADED;
			l->batch_id = 0;
			snprintf(l->message, sizeof(l->message), "already loaded as batch %lld",
			         l->earlier);
			return loader_record_already_loaded(l->conn, l->municipality, &h,
			                                    l->earlier);
		}
	}
	if (t->read == 0 && !l->policy.allow_empty) {
		log_error("file \"%s\" has no records", l->file_name);
		log_detail("An empty export is most often a failed one; nothing was loaded.");
		log_hint("If the source may deliver empty files, set \"allow_empty = yes\" in "
		         "its definition.");
		return fail(l, LOAD_REJECTED, "no records");
	}
	if (note_months(l) != 0)
		return fail(l, LOAD_FAILED, "could not count the batch's rows by month");
	params[0] = l->municipality;
	closed = db_query_value(l->conn,
	                        "SELECT string_agg(fiscal_year::text, ', ' ORDER BY fiscal_year) "
	                        "FROM etl.closed_year WHERE municipality_code = $1 AND fiscal_year "
	                        "IN (SELECT DISTINCT extract(year FROM month) FROM batch_month)",
	                        1, params, &error);
	if (error)
		return fail(l, LOAD_FAILED, "could not check for closed fiscal years");
	if (closed) {
		char msg[200];

		snprintf(msg, sizeof(msg), "the file touches the closed fiscal year %s", closed);
		log_error("file \"%s\" touches the closed fiscal year %s", l->file_name, closed);
		log_hint("Finance can reopen it with \"gbetl reopen-year YEAR --reason TEXT\".");
		free(closed);
		return fail(l, LOAD_REFUSED, msg);
	}
	if (l->over_threshold || t->over_threshold || over_limits(l, t)) {
		char msg[300];

		threshold_message(l, t, msg, sizeof(msg));
		return fail(l, LOAD_REJECTED, msg);
	}
	if (l->replace == REPLACE_PERIOD) {
		int shrinks = shrink_guard(l);

		if (shrinks < 0)
			return fail(l, LOAD_FAILED,
			            "could not compare the file with what it replaces");
		if (shrinks > 0)
			return fail(l, LOAD_REJECTED, l->message);
	}
	if (l->policy.allow_negative && l->kind == KIND_SERVICE && l->replace != REPLACE_PERIOD) {
		int below = corrections_below_zero(l);

		if (below < 0)
			return fail(l, LOAD_FAILED, "could not check the corrections' totals");
		if (below > 0)
			return fail(l, LOAD_REJECTED, l->message);
	}
	if (supersede(l) != 0)
		return fail(l, LOAD_FAILED, "could not replace earlier rows of the period");
	if (copy_rejects(l, l->batch_id) != 0)
		return fail(l, LOAD_FAILED, "could not store the rejects");
	if (db_command(l->conn,
	               "SELECT etl.year_mark($1, y::smallint, 'changed') FROM (SELECT DISTINCT "
	               "extract(year FROM month)::int AS y FROM batch_month) x",
	               1, params) != 0)
		return fail(l, LOAD_FAILED, "could not record the fiscal years that changed");
	snprintf(id, sizeof(id), "%lld", l->batch_id);
	snprintf(counts[0], sizeof(counts[0]), "%lld", t->read);
	snprintf(counts[1], sizeof(counts[1]), "%lld", t->rejected);
	snprintf(counts[2], sizeof(counts[2]), "%lld", copied);
	snprintf(counts[3], sizeof(counts[3]), "%lld", t->persons);
	snprintf(counts[4], sizeof(counts[4]), "%lld", t->sex_known);
	snprintf(counts[5], sizeof(counts[5]), "%lld", t->sex_conflicts);
	snprintf(counts[6], sizeof(counts[6]), "%lld", t->id_invalid);
	params[0] = id;
	for (i = 0; i < 7; i++)
		params[1 + i] = counts[i];
	params[8] = t->period_min[0] ? t->period_min : NULL;
	params[9] = t->period_max[0] ? t->period_max : NULL;
	params[10] = l->forced ? "t" : "f";
	params[11] = l->forced ? l->forced_reason : NULL;
	params[12] = l->sha256;
	snprintf(size, sizeof(size), "%lld", l->file_size);
	params[13] = size;
	if (db_command(
	        l->conn,
	        "UPDATE etl.batch SET status = 'loaded', records_read = $2, records_rejected "
	        "= $3, rows_loaded = $4, persons = $5, sex_known = $6, sex_conflicts = $7, "
	        "id_invalid = $8, period_min = $9, period_max = $10, forced = $11::boolean, "
	        "message = $12, sha256 = $13, file_size = $14::bigint, finished_at = "
	        "pg_catalog.clock_timestamp() WHERE batch_id = $1",
	        14, params) != 0)
		return fail(l, LOAD_FAILED, "could not record the batch's counts");
	test_stop_point("import:before-commit");
	if (file_changed(l))
		return fail(l, LOAD_FAILED, "the file changed while it was read");
	if (db_exec(l->conn, "COMMIT") != 0) {
		l->in_transaction = false;
		return fail(l, LOAD_FAILED, "could not commit the batch");
	}
	l->in_transaction = false;
	l->outcome = LOAD_LOADED;
	return 0;
}

struct loader *loader_new(PGconn *conn, const char *municipality_code)
{
	struct loader *l = xcalloc(1, sizeof(*l));

	l->conn = conn;
	snprintf(l->municipality, sizeof(l->municipality), "%s", municipality_code);
	strbuf_init(&l->buf, CHUNK + 65536);
	l->sink.ctx = l;
	l->sink.begin = sink_begin;
	l->sink.row = sink_row;
	l->sink.reject = sink_reject;
	l->sink.end = sink_end;
	l->policy.replace_min_ratio = 0.5;
	l->policy.reject_max_ratio = -1;
	l->policy.reject_max_count = -1;
	return l;
}

void loader_free(struct loader *l)
{
	if (l == NULL)
		return;
	if (l->in_copy || l->in_transaction)
		rollback(l);
	if (l->rejects)
		fclose(l->rejects);
	strbuf_release(&l->buf);
	free(l->source);
	free(l->file_name);
	free(l->encoding);
	free(l->sources_dir);
	free(l->path);
	free(l->month_rows);
	free(l);
}

void loader_set_path(struct loader *l, const char *path)
{
	free(l->path);
	l->path = xstrdup(path);
}

bool loader_file_changed(const struct loader *l)
{
	return l->changed;
}

struct record_sink *loader_sink(struct loader *l)
{
	return &l->sink;
}

void loader_set_policy(struct loader *l, const struct load_policy *policy)
{
	l->policy = *policy;
}

void loader_set_sources_dir(struct loader *l, const char *dir)
{
	free(l->sources_dir);
	l->sources_dir = dir ? xstrdup(dir) : NULL;
}

void loader_reject(struct loader *l, const char *message)
{
	if (l->outcome != LOAD_PENDING || l->skip || l->source == NULL)
		return;
	fail(l, LOAD_REJECTED, message);
}

enum load_outcome loader_outcome(const struct loader *l)
{
	return l->outcome;
}

long long loader_batch_id(const struct loader *l)
{
	return l->skip ? l->earlier : l->batch_id;
}

long long loader_earlier_batch(const struct loader *l)
{
	return l->earlier;
}

long long loader_rows(const struct loader *l)
{
	return l->rows;
}

const char *loader_message(const struct loader *l)
{
	return l->message[0] ? l->message : NULL;
}

bool loader_key_differs(const struct loader *l)
{
	return l->key_differs;
}

bool loader_connection_lost(const struct loader *l)
{
	return l->conn_lost || db_connection_lost(l->conn);
}
