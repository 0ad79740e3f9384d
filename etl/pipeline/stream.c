/*
 * stream.c — the canonical record stream: writer and reader (stream.h).
 */
#include "stream.h"
#include "copy_text.h"
#include "date.h"
#include "keyprint.h"
#include "log.h"
#include "reader.h"
#include "source.h"
#include "strbuf.h"
#include "xalloc.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --- writer ---------------------------------------------------------------- */

struct writer {
	FILE *out;
	struct strbuf line;
	bool failed;
};

static int write_line(struct writer *w)
{
	if (fwrite(w->line.buf, 1, w->line.len, w->out) != w->line.len) {
		if (!w->failed)
			log_error("could not write the stream: %s", strerror(errno));
		w->failed = true;
		return -1;
	}
	return 0;
}

static int writer_begin(void *ctx, const struct batch_header *h)
{
	struct writer *w = ctx;
	const char *texts[3] = {h->source, h->file_name, h->encoding ? h->encoding : ""};
	const char *kind = record_kind_name(h->kind);
	size_t lengths[3];
	struct copy_row row;

	strbuf_reset(&w->line);
	copy_row_begin(&row, &w->line, texts, lengths, 3);
	copy_plain(&row, "GBETL-STREAM\t1", 14);
	copy_plain(&row, kind, strlen(kind));
	copy_text(&row, texts[0], lengths[0]);
	copy_text(&row, texts[1], lengths[1]);
	copy_plain(&row, h->sha256, SHA256_HEX_LEN);
	copy_int(&row, h->file_size);
	copy_text(&row, texts[2], lengths[2]);
	copy_plain(&row, h->replace == REPLACE_PERIOD ? "period" : "append", 6);
	if (h->key_fingerprint)
		copy_plain(&row, h->key_fingerprint, strlen(h->key_fingerprint));
	copy_row_end(&row);
	return write_line(w);
}

static int writer_row(void *ctx, const char *line, size_t len)
{
	struct writer *w = ctx;

	/* one writer per stream: no stdio locking per row */
	if (fwrite_unlocked(line, 1, len, w->out) != len) {
		if (!w->failed)
			log_error("could not write the stream: %s", strerror(errno));
		w->failed = true;
		return -1;
	}
	return 0;
}

static int writer_rows(void *ctx, const char *rows, size_t len, long long count)
{
	(void)count;
	return writer_row(ctx, rows, len);
}

void stream_reject_line(struct strbuf *sb, const char *prefix, const struct reject *r)
{
	const char *texts[4] = {r->field ? r->field : "", r->reason ? r->reason : "",
	                        r->value_masked, r->message ? r->message : ""};
	size_t lengths[4], i;
	struct copy_row row;

	copy_row_begin(&row, sb, texts, lengths, 4);
	if (prefix)
		copy_plain(&row, prefix, strlen(prefix));
	copy_int(&row, r->line);
	for (i = 0; i < 4; i++)
		copy_text(&row, texts[i], lengths[i]);
	copy_row_end(&row);
}

static int writer_reject(void *ctx, const struct reject *r)
{
	struct writer *w = ctx;

	strbuf_reset(&w->line);
	stream_reject_line(&w->line, "REJECT", r);
	return write_line(w);
}

static int writer_end(void *ctx, const struct batch_trailer *t)
{
	struct writer *w = ctx;
	const long long counts[8] = {t->read,    t->emitted,   t->records_ok,    t->rejected,
	                             t->persons, t->sex_known, t->sex_conflicts, t->id_invalid};
	struct copy_row row;
	size_t i;

	/* what the stream says must add up (stream_read() checks it again) */
	assert(t->read == t->records_ok + t->rejected);
	strbuf_reset(&w->line);
	copy_row_begin(&row, &w->line, NULL, NULL, 0);
	copy_plain(&row, "GBETL-END", 9);
	for (i = 0; i < 8; i++)
		copy_int(&row, counts[i]);
	copy_plain(&row, t->period_min[0] ? t->period_min : NULL, 10);
	copy_plain(&row, t->period_max[0] ? t->period_max : NULL, 10);
	copy_row_end(&row);
	if (write_line(w) != 0)
		return -1;
	if (fflush(w->out) != 0) {
		log_error("could not write the stream: %s", strerror(errno));
		return -1;
	}
	return 0;
}

struct record_sink *stream_writer_new(FILE *out)
{
	struct record_sink *sink = xcalloc(1, sizeof(*sink));
	struct writer *w = xcalloc(1, sizeof(*w));

	w->out = out;
	strbuf_init(&w->line, 256);
	sink->ctx = w;
	sink->begin = writer_begin;
	sink->row = writer_row;
	sink->rows = writer_rows;
	sink->reject = writer_reject;
	sink->end = writer_end;
	return sink;
}

void stream_writer_free(struct record_sink *sink)
{
	struct writer *w;

	if (sink == NULL)
		return;
	w = sink->ctx;
	strbuf_release(&w->line);
	free(w);
	free(sink);
}

/* --- reader ---------------------------------------------------------------- */

#define MAX_COLUMNS 16

/* A count of the trailer: digits only, no sign, no overflow. */
static long long to_count(const char *s, bool *ok)
{
	long long v = 0;

	if (s == NULL || *s == '\0') {
		*ok = false;
		return 0;
	}
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || __builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, *s - '0', &v)) {
			*ok = false;
			return 0;
		}
	}
	return v;
}

/* "YYYY-MM-DD" as the transform writes it (a date the database can take). */
static bool is_stream_date(const char *s)
{
	struct date d;

	return date_parse_iso(s, &d);
}

static bool is_hex(const char *s, size_t len)
{
	size_t i;

	if (strlen(s) != len)
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

struct stream_parse {
	const char *name;
	struct record_sink *sink;
	struct batch_header header;
	int columns; /* of a row of the header's kind */
	bool have_header, have_trailer;
	struct batch_trailer trailer;
	long long rows, rejects;
	long line;
};

/* Columns of a row of kind: one more than the commas of its column list. */
static int kind_columns(enum record_kind kind)
{
	const char *c = record_kind_columns(kind);
	int n = 1;

	for (; c && *c; c++)
		n += *c == ',';
	return n;
}

/* A malformed line: one message naming stream and line. */
static int malformed(const struct stream_parse *st, const char *what)
{
	log_error("stream \"%s\", line %ld: %s", st->name, st->line, what);
	return STREAM_MALFORMED;
}

static int control_line(struct stream_parse *st, char *line)
{
	char *cols[MAX_COLUMNS];
	int n = copy_split_row(line, cols, MAX_COLUMNS);

	if (cols[0] == NULL)
		return malformed(st, "a line that is NULL (\\N)");
	if (strcmp(cols[0], "GBETL-STREAM") == 0) {
		int kind, i;
		bool ok = true;

		if (st->have_header)
			return malformed(st, "a second GBETL-STREAM line");
		if ((n != 9 && n != 10) || cols[1] == NULL || strcmp(cols[1], "1") != 0)
			return malformed(st, "not a gbetl stream of version 1");
		for (i = 2; i < n; i++)
			if (cols[i] == NULL)
				ok = false;
		kind = ok ? record_kind_lookup(cols[2]) : -1;
		if (kind < 0 || !is_hex(cols[5], SHA256_HEX_LEN) ||
		    (strcmp(cols[8], "period") != 0 && strcmp(cols[8], "append") != 0) ||
		    (n == 10 && !is_hex(cols[9], KEYPRINT_HEX_LEN)))
			return malformed(st, "malformed GBETL-STREAM line");
		st->header.kind = (enum record_kind)kind;
		st->header.source = cols[3];
		st->header.file_name = cols[4];
		memcpy(st->header.sha256, cols[5], SHA256_HEX_LEN + 1);
		st->header.file_size = to_count(cols[6], &ok);
		if (!ok)
			return malformed(st, "malformed GBETL-STREAM line");
		st->header.encoding = cols[7];
		st->header.replace =
		    strcmp(cols[8], "period") == 0 ? REPLACE_PERIOD : REPLACE_APPEND;
		st->header.key_fingerprint = n == 10 ? cols[9] : NULL;
		st->columns = kind_columns(st->header.kind);
		st->have_header = true;
		return st->sink->begin(st->sink->ctx, &st->header);
	}
	if (!st->have_header) {
		log_error("stream \"%s\" does not start with a GBETL-STREAM line", st->name);
		return STREAM_MALFORMED;
	}
	if (st->have_trailer)
		return malformed(st, "data after the GBETL-END line");
	if (strcmp(cols[0], "REJECT") == 0) {
		struct reject r;
		bool ok = true;
		long long line_no;

		if (n != 6)
			return malformed(st, "malformed REJECT line");
		line_no = to_count(cols[1], &ok);
		if (!ok || line_no > LONG_MAX)
			return malformed(st, "malformed REJECT line");
		r.line = (long)line_no;
		r.field = cols[2] ? cols[2] : "";
		r.reason = cols[3] ? cols[3] : "";
		r.value_masked = cols[4];
		r.message = cols[5] ? cols[5] : "";
		st->rejects++;
		return st->sink->reject(st->sink->ctx, &r);
	}
	if (strcmp(cols[0], "GBETL-END") == 0) {
		struct batch_trailer t;
		long long kept_and_rejected;
		bool ok = n == 11;

		memset(&t, 0, sizeof(t));
		if (ok) {
			t.read = to_count(cols[1], &ok);
			t.emitted = to_count(cols[2], &ok);
			t.records_ok = to_count(cols[3], &ok);
			t.rejected = to_count(cols[4], &ok);
			t.persons = to_count(cols[5], &ok);
			t.sex_known = to_count(cols[6], &ok);
			t.sex_conflicts = to_count(cols[7], &ok);
			t.id_invalid = to_count(cols[8], &ok);
			ok = ok && (cols[9] == NULL) == (cols[10] == NULL) &&
			     (cols[9] == NULL ||
			      (is_stream_date(cols[9]) && is_stream_date(cols[10]) &&
			       strcmp(cols[9], cols[10]) <= 0));
		}
		if (!ok)
			return malformed(st, "malformed GBETL-END line");
		if (cols[9]) {
			memcpy(t.period_min, cols[9], 11);
			memcpy(t.period_max, cols[10], 11);
		}
		if (t.emitted != st->rows || t.rejected != st->rejects ||
		    __builtin_add_overflow(t.records_ok, t.rejected, &kept_and_rejected) ||
		    t.read != kept_and_rejected) {
			log_error(
			    "stream \"%s\" is inconsistent: the trailer counts %lld rows and %lld "
			    "rejects, the stream holds %lld and %lld",
			    st->name, t.emitted, t.rejected, st->rows, st->rejects);
			return STREAM_MALFORMED;
		}
		/* the batch ends (and may commit) only once nothing follows */
		st->trailer = t;
		st->have_trailer = true;
		return 0;
	}
	log_error("stream \"%s\", line %ld: unknown line type \"%.20s\"", st->name, st->line,
	          cols[0]);
	return STREAM_MALFORMED;
}

/* A row: the source line (digits), then exactly the kind's columns.  Its
 * values are judged by the database (a bad one fails the COPY). */
static int row_line(struct stream_parse *st, const char *line, size_t len)
{
	size_t i = 0;
	int tabs = 0;

	if (!st->have_header || st->have_trailer)
		return malformed(st, "a row outside the batch");
	while (i < len && line[i] >= '0' && line[i] <= '9')
		i++;
	if (i > 18 || i == len || line[i] != '\t')
		return malformed(st, "a row whose first column is not a line number");
	for (; i < len - 1; i++) {
		if (line[i] == '\t')
			tabs++;
		else if (line[i] == '\\' && ++i == len - 1)
			return malformed(st, "a row that ends in a backslash");
	}
	if (tabs + 1 != st->columns)
		return malformed(st, st->columns > tabs + 1 ? "a row with too few columns"
		                                            : "a row with too many columns");
	st->rows++;
	return st->sink->row(st->sink->ctx, line, len);
}

int stream_read(int fd, const char *name, struct record_sink *sink)
{
	struct stream_parse st;
	struct strbuf pending = STRBUF_INIT;
	size_t block_size = reader_block_size(fd, 1 << 20);
	char *block = xmalloc(block_size);
	size_t scanned = 0; /* bytes of pending already searched for a newline */
	int rc = -1;

	memset(&st, 0, sizeof(st));
	st.name = name;
	st.sink = sink;
	for (;;) {
		ssize_t n = read(fd, block, block_size);
		size_t start = 0, i;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			log_error("could not read stream \"%s\": %s", name, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		strbuf_add(&pending, block, (size_t)n);
		/* hand every complete line on */
		for (i = scanned; i < pending.len; i++) {
			char *line;
			size_t len;

			if (pending.buf[i] != '\n')
				continue;
			line = pending.buf + start;
			len = i + 1 - start;
			st.line++;
			if (memchr(line, '\0', len) != NULL) {
				rc = malformed(&st, "a NUL byte");
				goto out;
			}
			if (line[0] >= '0' && line[0] <= '9') {
				rc = row_line(&st, line, len);
			} else {
				line[len - 1] = '\0';
				rc = control_line(&st, line);
			}
			if (rc != 0)
				goto out;
			rc = -1;
			start = i + 1;
		}
		memmove(pending.buf, pending.buf + start, pending.len - start);
		strbuf_setlen(&pending, pending.len - start);
		scanned = pending.len;
		if (pending.len > STREAM_MAX_LINE) {
			st.line++;
			rc = malformed(&st, "a line longer than 64 MB");
			goto out;
		}
	}
	if (pending.len > 0 || !st.have_trailer) {
		log_error("stream \"%s\" is truncated: %s", name,
		          st.have_header ? "no GBETL-END line" : "no GBETL-STREAM line");
		log_detail("Nothing of it is loaded.");
		rc = STREAM_MALFORMED;
		goto out;
	}
	/* checked line by line above: the sink sees the end of a whole stream
	 * only, whose trailer counts what it was handed */
	assert(st.have_header && st.have_trailer && st.trailer.emitted == st.rows &&
	       st.trailer.rejected == st.rejects &&
	       st.trailer.read == st.trailer.records_ok + st.trailer.rejected);
	rc = sink->end(sink->ctx, &st.trailer);
out:
	free(block);
	strbuf_release(&pending);
	return rc;
}
