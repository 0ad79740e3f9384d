/*
 * extract.c — one export file through reader and transform into a sink
 * (see extract.h).
 */
#include "extract.h"
#include "keyprint.h"
#include "log.h"
#include "pnr.h"
#include "pnr_scan.h"
#include "reader.h"
#include "strbuf.h"
#include "transform.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static void count_reason(struct extract_result *res, const char *reason)
{
	int i;

	for (i = 0; i < res->reason_count; i++) {
		if (strcmp(res->reasons[i].reason, reason) == 0) {
			res->reasons[i].count++;
			return;
		}
	}
	if (res->reason_count < (int)(sizeof(res->reasons) / sizeof(res->reasons[0]))) {
		snprintf(res->reasons[i].reason, sizeof(res->reasons[i].reason), "%s", reason);
		res->reasons[i].count = 1;
		res->reason_count++;
	}
}

static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* On a terminal only (never in cron output): bytes, rows/s and time left. */
static void progress(struct reader *r, const char *name, long long size, long long rows,
                     double start)
{
	double elapsed = seconds_now() - start;
	long long done = reader_bytes(r);

	if (elapsed < 1.0)
		return;
	log_progress("%s: %.0f of %.0f MB, %lld records, %.0f records/s, about %.0f s left", name,
	             (double)done / 1e6, (double)size / 1e6, rows, (double)rows / elapsed,
	             done > 0 ? elapsed * (double)(size - done) / (double)done : 0.0);
}

/* Hand the collected rows (count of them) to the sink, all at once or one
 * line each, and empty them. */
static int deliver_rows(struct record_sink *sink, struct strbuf *rows, long long count)
{
	size_t start = 0;

	if (sink->rows) {
		if (rows->len && sink->rows(sink->ctx, rows->buf, rows->len, count) != 0)
			return -1;
		strbuf_reset(rows);
		return 0;
	}

	while (start < rows->len) {
		const char *nl = memchr(rows->buf + start, '\n', rows->len - start);
		size_t len = (size_t)(nl - (rows->buf + start)) + 1;

		if (sink->row(sink->ctx, rows->buf + start, len) != 0)
			return -1;
		start += len;
	}
	strbuf_reset(rows);
	return 0;
}

/* The local date of the file's modification time and its size: 0, or -1
 * for standard input or a file that cannot be stat'ed (the reader will say
 * why). */
static int file_facts(const char *path, struct pnr_date *d, long long *size)
{
	struct stat st;
	struct tm tm;

	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 ||
	    localtime_r(&st.st_mtime, &tm) == NULL)
		return -1;
	d->year = tm.tm_year + 1900;
	d->month = tm.tm_mon + 1;
	d->day = tm.tm_mday;
	*size = (long long)st.st_size;
	return 0;
}

static bool needs_key(const struct source_def *def)
{
	return def->kind == KIND_SERVICE;
}

int extract_file(const struct extract_options *opts, struct record_sink *sink,
                 struct extract_result *res)
{
	const struct source_def *def = opts->source;
	struct batch_header header;
	char fingerprint[KEYPRINT_HEX_LEN + 1];
	struct pnr_date reference, modified;
	long long size = 0;
	struct transform *t = NULL;
	struct reader *r = NULL;
	struct strbuf rows = STRBUF_INIT;
	const char *slash = strrchr(opts->path, '/');
	char name[512]; /* the file name as stored: identity numbers masked */
	double ratio, began;
	long long pending = 0; /* rows collected, not yet delivered */
	bool show_progress;
	int rc = -1, n;

	memset(res, 0, sizeof(*res));
	memset(&header, 0, sizeof(header));
	if (needs_key(def) && opts->key == NULL) {
		log_error("source \"%s\" has persons: a pseudonymisation key is needed", def->name);
		return -1;
	}
	if (file_facts(opts->path, &modified, &size) != 0)
		pnr_today(&modified);
	if (opts->reference_year) {
		reference.year = opts->reference_year;
		reference.month = opts->reference_month;
		reference.day = opts->reference_day;
	} else {
		reference = modified;
	}
	if (opts->sha256) {
		snprintf(header.sha256, sizeof(header.sha256), "%s", opts->sha256);
		header.file_size = opts->file_size;
	} else if (opts->hash_while_reading) {
		header.file_size = size; /* for the progress; the trailer has the size read */
	} else if (digest_file_hex(opts->path, header.sha256, &header.file_size) != 0) {
		return -1;
	}
	r = opts->hash_while_reading ? reader_open_hashed(def, opts->path)
	                             : reader_open(def, opts->path);
	if (r == NULL)
		goto out;
	t = transform_new(def, opts->key, &reference);
	header.kind = def->kind;
	header.source = def->name;
	pnr_scan_mask_str(slash ? slash + 1 : opts->path, name, sizeof(name));
	header.file_name = name;
	header.encoding = reader_encoding(r);
	header.replace = def->replace;
	if (opts->key) {
		keyprint_of(opts->key, fingerprint);
		header.key_fingerprint = fingerprint;
	}
	if (sink->begin(sink->ctx, &header) != 0)
		goto out;
	strbuf_grow(&rows, 1 << 17);
	show_progress = log_progress_allowed();
	began = seconds_now();
	for (;;) {
		struct raw_record rec;
		struct reject rej;

		n = reader_next(r, &rec);
		if (n < 0)
			goto out;
		if (n == 0)
			break;
		res->counts.read++;
		if (show_progress && (res->counts.read & 0xFFFF) == 0)
			progress(r, header.file_name, header.file_size, res->counts.read, began);
		n = transform_record(t, &rec, &rows, &rej);
		if (n == 0) {
			res->counts.rejected++;
			count_reason(res, rej.reason);
			if (sink->reject(sink->ctx, &rej) != 0)
				goto out;
			continue;
		}
		res->counts.records_ok++;
		res->counts.emitted += n;
		/* rows go on in batches of about 128 KiB */
		pending += n;
		if (rows.len >= (1 << 17)) {
			if (deliver_rows(sink, &rows, pending) != 0)
				goto out;
			pending = 0;
		}
	}
	if (deliver_rows(sink, &rows, pending) != 0)
		goto out;
	if (show_progress)
		log_progress_done();
	{
		const char *what;
		long line;

		if (transform_check_totals(t, &line, &what) != 0) {
			log_error("%s:%ld: a correction takes the total of %s below zero",
			          opts->path, line, what);
			log_detail(
			    "Source \"%s\" allows negative quantities (allow_negative = yes) "
			    "for corrections, which may take back what was given, not more.",
			    def->name);
			log_hint("Correct the export and load it again; nothing of it is loaded.");
			goto out;
		}
	}
	transform_counts(t, &res->counts);
	if (opts->hash_while_reading) {
		if (reader_sha256(r, res->counts.sha256, &res->counts.file_size) != 0)
			goto out;
	} else {
		memcpy(res->counts.sha256, header.sha256, sizeof(header.sha256));
		res->counts.file_size = header.file_size;
	}
	res->bytes = reader_bytes(r);
	snprintf(res->encoding, sizeof(res->encoding), "%s", reader_encoding(r));
	res->skipped_labels = reader_skipped_labels(r);
	/* the identity every batch must satisfy */
	if (res->counts.read != res->counts.records_ok + res->counts.rejected) {
		log_error("internal error: %lld records read, %lld kept and %lld rejected",
		          res->counts.read, res->counts.records_ok, res->counts.rejected);
		goto out;
	}
	ratio = res->counts.read ? (double)res->counts.rejected / (double)res->counts.read : 0.0;
	if ((def->reject_max_count >= 0 && res->counts.rejected > def->reject_max_count) ||
	    (def->reject_max_ratio >= 0 && ratio > def->reject_max_ratio))
		res->over_threshold = true;
	res->counts.over_threshold = res->over_threshold;
	/* every kept record gave at least one row; the digest is the file's */
	assert(res->counts.emitted >= res->counts.records_ok &&
	       strlen(res->counts.sha256) == SHA256_HEX_LEN);
	if (sink->end(sink->ctx, &res->counts) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0 && res->counts.read == 0 && r)
		res->bytes = reader_bytes(r);
	/* a failed import is recorded with the file's SHA-256 all the same */
	if (rc != 0 && opts->hash_while_reading && r && res->counts.sha256[0] == '\0' &&
	    reader_sha256(r, res->counts.sha256, &res->counts.file_size) != 0)
		res->counts.sha256[0] = '\0';
	transform_free(t);
	reader_close(r);
	strbuf_release(&rows);
	return rc;
}
