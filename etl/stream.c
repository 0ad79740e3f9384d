/*
 * stream.c — the canonical record stream: writer and reader (stream.h).
 */
#include "stream.h"
#include "log.h"
#include "source.h"
#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void copy_text_escape(struct strbuf *sb, const char *s)
{
	const char *p;

	if (s == NULL) {
		strbuf_add(sb, "\\N", 2);
		return;
	}
	for (p = s; *p; p++) {
		switch (*p) {
		case '\\':
			strbuf_add(sb, "\\\\", 2);
			break;
		case '\t':
			strbuf_add(sb, "\\t", 2);
			break;
		case '\n':
			strbuf_add(sb, "\\n", 2);
			break;
		case '\r':
			strbuf_add(sb, "\\r", 2);
			break;
		default:
			strbuf_addch(sb, *p);
		}
	}
}

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
	char size[32];

	snprintf(size, sizeof(size), "%lld", h->file_size);
	strbuf_reset(&w->line);
	strbuf_addf(&w->line, "GBETL-STREAM\t1\t%s\t", record_kind_name(h->kind));
	copy_text_escape(&w->line, h->source);
	strbuf_addch(&w->line, '\t');
	copy_text_escape(&w->line, h->file_name);
	strbuf_addf(&w->line, "\t%s\t%s\t", h->sha256, size);
	copy_text_escape(&w->line, h->encoding ? h->encoding : "");
	strbuf_addf(&w->line, "\t%s", h->replace == REPLACE_PERIOD ? "period" : "append");
	if (h->key_fingerprint)
		strbuf_addf(&w->line, "\t%s", h->key_fingerprint);
	strbuf_addch(&w->line, '\n');
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

static int writer_reject(void *ctx, const struct reject *r)
{
	struct writer *w = ctx;

	strbuf_reset(&w->line);
	strbuf_addf(&w->line, "REJECT\t%ld\t", r->line);
	copy_text_escape(&w->line, r->field);
	strbuf_addch(&w->line, '\t');
	copy_text_escape(&w->line, r->reason);
	strbuf_addch(&w->line, '\t');
	copy_text_escape(&w->line, r->value_masked);
	strbuf_addch(&w->line, '\t');
	copy_text_escape(&w->line, r->message);
	strbuf_addch(&w->line, '\n');
	return write_line(w);
}

static int writer_end(void *ctx, const struct batch_trailer *t)
{
	struct writer *w = ctx;

	strbuf_reset(&w->line);
	strbuf_addf(&w->line, "GBETL-END\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t%s\t%s\n",
	            t->read, t->emitted, t->records_ok, t->rejected, t->persons, t->sex_known,
	            t->sex_conflicts, t->id_invalid, t->period_min[0] ? t->period_min : "\\N",
	            t->period_max[0] ? t->period_max : "\\N");
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

int copy_split_row(char *line, char **cols, int max)
{
	int n = 0;
	char *p = line;

	while (n < max) {
		char *start = p, *out = p;

		while (*p && *p != '\t') {
			if (*p == '\\' && p[1]) {
				p++;
				*out++ = *p == 't'   ? '\t'
				         : *p == 'n' ? '\n'
				         : *p == 'r' ? '\r'
				                     : *p;
				if (*p == 'N' && p - 1 == start && (p[1] == '\t' || p[1] == '\0')) {
					start = NULL;
				}
				p++;
				continue;
			}
			*out++ = *p++;
		}
		cols[n++] = start;
		if (*p == '\0') {
			*out = '\0';
			break;
		}
		*out = '\0';
		p++;
	}
	return n;
}

static long long to_count(const char *s, bool *ok)
{
	char *end;
	long long v;

	if (s == NULL) {
		*ok = false;
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 0)
		*ok = false;
	return v;
}

struct stream_parse {
	const char *name;
	struct record_sink *sink;
	struct batch_header header;
	char *header_copy;
	bool have_header, have_trailer;
	long long rows, rejects;
	long line;
};

static int control_line(struct stream_parse *st, char *line)
{
	char *cols[MAX_COLUMNS];
	int n = copy_split_row(line, cols, MAX_COLUMNS);

	if (strcmp(cols[0], "GBETL-STREAM") == 0) {
		int kind;

		if (st->have_header) {
			log_error("stream \"%s\", line %ld: a second GBETL-STREAM line", st->name,
			          st->line);
			return -1;
		}
		if ((n != 9 && n != 10) || cols[1] == NULL || strcmp(cols[1], "1") != 0) {
			log_error("stream \"%s\", line %ld: not a gbetl stream of version 1",
			          st->name, st->line);
			return -1;
		}
		kind = cols[2] ? record_kind_lookup(cols[2]) : -1;
		if (kind < 0 || cols[3] == NULL || cols[4] == NULL || cols[5] == NULL ||
		    strlen(cols[5]) != SHA256_HEX_LEN) {
			log_error("stream \"%s\", line %ld: malformed GBETL-STREAM line", st->name,
			          st->line);
			return -1;
		}
		st->header.kind = (enum record_kind)kind;
		st->header.source = cols[3];
		st->header.file_name = cols[4];
		memcpy(st->header.sha256, cols[5], SHA256_HEX_LEN + 1);
		st->header.file_size = cols[6] ? atoll(cols[6]) : 0;
		st->header.encoding = cols[7];
		st->header.replace =
		    cols[8] && strcmp(cols[8], "period") == 0 ? REPLACE_PERIOD : REPLACE_APPEND;
		st->header.key_fingerprint = n == 10 ? cols[9] : NULL;
		st->have_header = true;
		return st->sink->begin(st->sink->ctx, &st->header);
	}
	if (!st->have_header) {
		log_error("stream \"%s\" does not start with a GBETL-STREAM line", st->name);
		return -1;
	}
	if (st->have_trailer) {
		log_error("stream \"%s\", line %ld: data after the GBETL-END line", st->name,
		          st->line);
		return -1;
	}
	if (strcmp(cols[0], "REJECT") == 0) {
		struct reject r;

		if (n != 6) {
			log_error("stream \"%s\", line %ld: malformed REJECT line", st->name,
			          st->line);
			return -1;
		}
		r.line = cols[1] ? atol(cols[1]) : 0;
		r.field = cols[2] ? cols[2] : "";
		r.reason = cols[3] ? cols[3] : "";
		r.value_masked = cols[4];
		r.message = cols[5] ? cols[5] : "";
		st->rejects++;
		return st->sink->reject(st->sink->ctx, &r);
	}
	if (strcmp(cols[0], "GBETL-END") == 0) {
		struct batch_trailer t;
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
		}
		if (!ok) {
			log_error("stream \"%s\", line %ld: malformed GBETL-END line", st->name,
			          st->line);
			return -1;
		}
		if (cols[9])
			snprintf(t.period_min, sizeof(t.period_min), "%s", cols[9]);
		if (cols[10])
			snprintf(t.period_max, sizeof(t.period_max), "%s", cols[10]);
		if (t.emitted != st->rows || t.rejected != st->rejects ||
		    t.read != t.records_ok + t.rejected) {
			log_error(
			    "stream \"%s\" is inconsistent: the trailer counts %lld rows and %lld "
			    "rejects, the stream holds %lld and %lld",
			    st->name, t.emitted, t.rejected, st->rows, st->rejects);
			return -1;
		}
		st->have_trailer = true;
		return st->sink->end(st->sink->ctx, &t);
	}
	log_error("stream \"%s\", line %ld: unknown line type \"%.20s\"", st->name, st->line,
	          cols[0]);
	return -1;
}

int stream_read(int fd, const char *name, struct record_sink *sink)
{
	struct stream_parse st;
	struct strbuf pending = STRBUF_INIT;
	char *block = xmalloc(1 << 20);
	int rc = -1;

	memset(&st, 0, sizeof(st));
	st.name = name;
	st.sink = sink;
	for (;;) {
		ssize_t n = read(fd, block, 1 << 20);
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
		for (i = 0; i < pending.len; i++) {
			char *line;
			size_t len;

			if (pending.buf[i] != '\n')
				continue;
			line = pending.buf + start;
			len = i + 1 - start;
			st.line++;
			if (line[0] >= '0' && line[0] <= '9') {
				if (!st.have_header || st.have_trailer) {
					log_error(
					    "stream \"%s\", line %ld: a row outside the batch",
					    name, st.line);
					goto out;
				}
				st.rows++;
				if (sink->row(sink->ctx, line, len) != 0)
					goto out;
			} else {
				line[len - 1] = '\0';
				if (control_line(&st, line) != 0)
					goto out;
			}
			start = i + 1;
		}
		memmove(pending.buf, pending.buf + start, pending.len - start);
		strbuf_setlen(&pending, pending.len - start);
	}
	if (pending.len > 0 || !st.have_trailer) {
		log_error("stream \"%s\" is truncated: %s", name,
		          st.have_header ? "no GBETL-END line" : "no GBETL-STREAM line");
		log_detail("Nothing of it is loaded.");
		goto out;
	}
	rc = 0;
out:
	free(block);
	strbuf_release(&pending);
	return rc;
}
