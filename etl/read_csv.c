/*
 * read_csv.c — the CSV reader, on libcsv (see reader.h).
 *
 * The file is read in large blocks and fed to libcsv, whose callbacks queue
 * the completed records; reader_next() hands them out one at a time and
 * parses the next block when the queue is empty, so memory stays bounded
 * by the block size and the field cap whatever the file's size.  Only the
 * columns the source definition maps are kept and decoded to UTF-8.
 *
 * libcsv reports no line numbers: every unquoted line end is reported
 * (CSV_REPALL_NL) and line ends inside quoted fields are counted, so each
 * record knows the physical line it starts on.
 */
#include "decode.h"
#include "log.h"
#include "reader.h"
#include "strbuf.h"
#include "xalloc.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK_SIZE (256 * 1024)
/* libcsv may not grow a field's buffer past this: a longer field is a
 * broken file, not a record (fields over READER_MAX_FIELD are rejects). */
#define HARD_FIELD_LIMIT (16 * 1024 * 1024)
#define MAX_SLOTS        FIELD_COUNT_ALL

struct queued {
	long line;
	size_t off[MAX_SLOTS];
	size_t len[MAX_SLOTS];
	bool present[MAX_SLOTS];
	int columns;
	const char *problem;
	int problem_field;
	char detail[200];
};

struct csv_state {
	const struct source_def *def;
	const char *path;
	int fd;
	struct csv_parser parser;
	struct decoder *decoder;
	char *block;
	long long bytes;
	bool eof, started, failed;

	/* column index -> slot of kept columns (-1 = not kept) */
	int *column_slot;
	int column_count;
	int slot_count;
	int slot_field[MAX_SLOTS]; /* first field using the slot, for messages */
	int field_slot[FIELD_COUNT_ALL];
	int max_column; /* highest kept column, for "missing column" */

	/* header */
	bool header_pending;
	struct strbuf header_names; /* NUL-separated decoded names */
	int header_count;

	/* line bookkeeping */
	long line;      /* physical line the parser is on */
	long row_start; /* line the current row started on */
	bool row_empty; /* no field yet in the current row */
	bool last_cr;   /* the last row ended with CR */
	int column;     /* column of the next field in the current row */

	/* the queue of completed records, and the one being built */
	struct queued *queue;
	size_t queue_len, queue_alloc, queue_pos;
	struct queued current;
	size_t row_data_start; /* where the current row's values start in data */
	struct strbuf data;
	struct strbuf scratch;
	char encoding_name[64];
};

static int slot_of(struct csv_state *s, int column)
{
	return column < s->column_count ? s->column_slot[column] : -1;
}

static void count_newlines(struct csv_state *s, const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] == '\n')
			s->line++;
		else if (p[i] == '\r' && (i + 1 == len || p[i + 1] != '\n'))
			s->line++;
	}
}

static void set_problem(struct queued *q, const char *code, int field, const char *detail)
{
	if (q->problem)
		return;
	q->problem = code;
	q->problem_field = field;
	snprintf(q->detail, sizeof(q->detail), "%s", detail);
}

static void keep_header_name(struct csv_state *s, const char *p, size_t len)
{
	size_t bad = 0;
	size_t start = s->header_names.len;

	if (p && decoder_append(s->decoder, p, len, &s->header_names, &bad) != 0)
		strbuf_setlen(&s->header_names, start);
	/* trim */
	while (s->header_names.len > start && s->header_names.buf[s->header_names.len - 1] == ' ')
		strbuf_setlen(&s->header_names, s->header_names.len - 1);
	while (s->header_names.len > start && s->header_names.buf[start] == ' ') {
		memmove(s->header_names.buf + start, s->header_names.buf + start + 1,
		        s->header_names.len - start - 1);
		strbuf_setlen(&s->header_names, s->header_names.len - 1);
	}
	strbuf_addch(&s->header_names, '\0');
	s->header_count++;
}

static void on_field(void *field, size_t len, void *data)
{
	struct csv_state *s = data;
	const char *p = field;
	int slot;

	if (s->row_empty) {
		s->row_start = s->line;
		s->row_empty = false;
		s->row_data_start = s->data.len;
		memset(&s->current, 0, sizeof(s->current));
		s->current.problem_field = -1;
		s->current.line = s->line;
	}
	if (p)
		count_newlines(s, p, len);
	if (s->header_pending) {
		keep_header_name(s, p, len);
		s->column++;
		return;
	}
	slot = slot_of(s, s->column);
	s->column++;
	if (slot < 0 || p == NULL)
		return;
	if (len > READER_MAX_FIELD) {
		char msg[120];

		snprintf(msg, sizeof(msg),
		         "a value of %zu bytes is longer than the limit of %d bytes", len,
		         READER_MAX_FIELD);
		set_problem(&s->current, "field_too_long", s->slot_field[slot], msg);
		return;
	}
	s->current.off[slot] = s->data.len;
	{
		size_t bad = 0;

		if (decoder_append(s->decoder, p, len, &s->data, &bad) != 0) {
			char msg[160];

			snprintf(msg, sizeof(msg), "byte 0x%02X at position %zu is not valid %s",
			         (unsigned)(unsigned char)p[bad], bad + 1,
			         decoder_name(s->decoder));
			set_problem(&s->current, "encoding", s->slot_field[slot], msg);
		}
	}
	s->current.len[slot] = s->data.len - s->current.off[slot];
	s->current.present[slot] = true;
	strbuf_addch(&s->data, '\0');
}

static int resolve_columns(struct csv_state *s);

static void on_row(int c, void *data)
{
	struct csv_state *s = data;
	bool empty = s->row_empty;

	/* line ends: CR, LF, CRLF (a CR row followed by an empty LF row) */
	if (c == '\n') {
		if (!(s->last_cr && empty))
			s->line++;
	} else if (c == '\r') {
		s->line++;
	}
	s->last_cr = c == '\r';
	if (empty)
		return;
	s->row_empty = true;
	if (s->header_pending) {
		s->header_pending = false;
		if (resolve_columns(s) != 0)
			s->failed = true;
		s->column = 0;
		return;
	}
	s->current.columns = s->column;
	s->column = 0;
	if (s->current.columns <= s->max_column && !s->current.problem) {
		char msg[160];
		int f;

		for (f = 0; f < FIELD_COUNT_ALL; f++)
			if (s->field_slot[f] >= 0 && !s->current.present[s->field_slot[f]] &&
			    s->current.columns <= s->max_column)
				break;
		snprintf(msg, sizeof(msg), "the row has %d columns, %d expected",
		         s->current.columns, s->max_column + 1);
		set_problem(&s->current, "missing_column", f < FIELD_COUNT_ALL ? f : -1, msg);
	}
	xgrow((void **)&s->queue, sizeof(*s->queue), s->queue_len + 1, &s->queue_alloc);
	s->queue[s->queue_len++] = s->current;
}

/* Give every column-mapped field a slot; resolve header names. */
static int resolve_columns(struct csv_state *s)
{
	const struct source_def *def = s->def;
	int f, rc = 0;

	s->column_count = 0;
	for (f = 0; f < FIELD_COUNT_ALL; f++) {
		const struct field_ref *ref = &def->fields[f];
		int column = -1, slot, i;

		s->field_slot[f] = -1;
		if (ref->type == REF_POSITION) {
			column = ref->index - 1;
		} else if (ref->type == REF_COLUMN) {
			const char *name = s->header_names.buf;

			for (i = 0; i < s->header_count; i++) {
				if (strcmp(name, ref->text) == 0) {
					column = i;
					break;
				}
				name += strlen(name) + 1;
			}
			if (column < 0) {
				log_error("%s:1: column \"%s\" (field %s) is not in the header",
				          s->path, ref->text, field_name((enum field_id)f));
				log_detail("The source definition \"%s\" names it on line %d.",
				           def->path, ref->line);
				rc = -1;
				continue;
			}
		} else {
			continue;
		}
		if (column >= s->column_count) {
			s->column_slot =
			    xrealloc(s->column_slot, (size_t)(column + 1) * sizeof(int));
			for (i = s->column_count; i <= column; i++)
				s->column_slot[i] = -1;
			s->column_count = column + 1;
		}
		slot = s->column_slot[column];
		if (slot < 0) {
			slot = s->slot_count++;
			s->column_slot[column] = slot;
			s->slot_field[slot] = f;
		}
		s->field_slot[f] = slot;
		if (column > s->max_column)
			s->max_column = column;
	}
	if (rc != 0 && s->header_count > 0) {
		struct strbuf names = STRBUF_INIT;
		const char *name = s->header_names.buf;
		int i;

		for (i = 0; i < s->header_count; i++) {
			strbuf_addf(&names, "%s\"%s\"", i ? ", " : "", name);
			name += strlen(name) + 1;
		}
		log_detail("The header has the columns %s.", names.buf);
		strbuf_release(&names);
	}
	return rc;
}

static int is_space(unsigned char c)
{
	return c == ' ';
}

static void *limited_realloc(void *ptr, size_t size)
{
	if (size > HARD_FIELD_LIMIT)
		return NULL;
	return realloc(ptr, size);
}

static void *csv_open(const struct source_def *def, const char *path)
{
	struct csv_state *s = xcalloc(1, sizeof(*s));
	int f;

	s->def = def;
	s->path = path;
	s->fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (s->fd < 0) {
		log_error("could not open file \"%s\": %s", path, strerror(errno));
		free(s);
		return NULL;
	}
	s->decoder = decoder_new(def->encoding);
	if (s->decoder == NULL)
		goto fail;
	snprintf(s->encoding_name, sizeof(s->encoding_name), "%s", decoder_name(s->decoder));
	if (csv_init(&s->parser,
	             CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_EMPTY_IS_NULL) != 0) {
		log_error("could not initialise the CSV parser");
		goto fail;
	}
	csv_set_delim(&s->parser, (unsigned char)def->delimiter);
	csv_set_quote(&s->parser, (unsigned char)(def->quote ? def->quote : 0));
	csv_set_space_func(&s->parser, is_space);
	csv_set_realloc_func(&s->parser, limited_realloc);
	/* grow a long field in large steps: libcsv grows by a fixed block size */
	csv_set_blk_size(&s->parser, 256 * 1024);
	s->block = xmalloc(BLOCK_SIZE);
	s->line = 1;
	s->row_empty = true;
	s->max_column = -1;
	for (f = 0; f < FIELD_COUNT_ALL; f++)
		s->field_slot[f] = -1;
	s->header_pending = def->header;
	if (!def->header) {
		for (f = 0; f < FIELD_COUNT_ALL; f++) {
			if (def->fields[f].type == REF_COLUMN) {
				log_error(
				    "source \"%s\": field %s names a column, but the file has no "
				    "header",
				    def->name, field_name((enum field_id)f));
				log_hint("Use #N for a column by position, or set header = yes.");
				csv_free(&s->parser);
				goto fail;
			}
		}
		resolve_columns(s);
	}
	return s;
fail:
	decoder_free(s->decoder);
	if (s->fd != STDIN_FILENO)
		close(s->fd);
	free(s->block);
	free(s);
	return NULL;
}

static int parse_error(struct csv_state *s)
{
	int err = csv_error(&s->parser);

	if (err == CSV_ENOMEM)
		log_error("%s:%ld: a field is longer than %d bytes; this is not a valid export",
		          s->path, s->line, HARD_FIELD_LIMIT);
	else if (err == CSV_EPARSE)
		log_error("%s:%ld: malformed CSV: a quote is misplaced or not closed", s->path,
		          s->line);
	else
		log_error("%s:%ld: could not parse CSV: %s", s->path, s->line, csv_strerror(err));
	return -1;
}

/* Parse blocks until a record is queued or the file ends. */
static int refill(struct csv_state *s)
{
	s->queue_len = 0;
	s->queue_pos = 0;
	/* The handed-out records are done with; a row still being parsed (it
	 * straddles two blocks) keeps its values, moved to the front. */
	if (s->row_empty || s->header_pending) {
		strbuf_reset(&s->data);
	} else {
		size_t keep = s->data.len - s->row_data_start;
		int slot;

		memmove(s->data.buf, s->data.buf + s->row_data_start, keep);
		strbuf_setlen(&s->data, keep);
		for (slot = 0; slot < MAX_SLOTS; slot++)
			if (s->current.present[slot])
				s->current.off[slot] -= s->row_data_start;
		s->row_data_start = 0;
	}
	while (s->queue_len == 0 && !s->eof) {
		ssize_t n = read(s->fd, s->block, BLOCK_SIZE);
		const char *p = s->block;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			log_error("could not read file \"%s\": %s", s->path, strerror(errno));
			return -1;
		}
		if (n == 0) {
			s->eof = true;
			if (csv_fini(&s->parser, on_field, on_row, s) != 0)
				return parse_error(s);
			break;
		}
		s->bytes += n;
		if (!s->started) {
			s->started = true;
			if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 &&
			    decoder_is_utf8(s->decoder)) {
				p += 3;
				n -= 3;
			}
		}
		if (csv_parse(&s->parser, p, (size_t)n, on_field, on_row, s) != (size_t)n)
			return parse_error(s);
		if (s->failed)
			return -1;
	}
	return s->failed ? -1 : 0;
}

static int csv_next(void *state, struct raw_record *rec)
{
	struct csv_state *s = state;
	const struct source_def *def = s->def;
	struct queued *q;
	int f;

	if (s->queue_pos >= s->queue_len) {
		if (refill(s) != 0)
			return -1;
		if (s->queue_len == 0)
			return 0;
	}
	q = &s->queue[s->queue_pos++];
	raw_record_clear(rec);
	rec->line = q->line;
	for (f = 0; f < FIELD_COUNT_ALL; f++) {
		int slot = s->field_slot[f];

		if (def->fields[f].type == REF_CONSTANT) {
			rec->value[f] = def->fields[f].text;
			rec->length[f] = strlen(def->fields[f].text);
		} else if (slot >= 0 && q->present[slot]) {
			rec->value[f] = s->data.buf + q->off[slot];
			rec->length[f] = q->len[slot];
		}
	}
	if (q->problem) {
		rec->problem_code = q->problem;
		rec->problem_field = q->problem_field;
		snprintf(rec->problem_detail, sizeof(rec->problem_detail), "%s", q->detail);
	}
	return 1;
}

static long long csv_bytes(const void *state)
{
	return ((const struct csv_state *)state)->bytes;
}

static const char *csv_encoding(const void *state)
{
	return ((const struct csv_state *)state)->encoding_name;
}

static void csv_close(void *state)
{
	struct csv_state *s = state;

	if (s == NULL)
		return;
	csv_free(&s->parser);
	decoder_free(s->decoder);
	if (s->fd != STDIN_FILENO)
		close(s->fd);
	free(s->block);
	free(s->column_slot);
	free(s->queue);
	strbuf_release(&s->data);
	strbuf_release(&s->scratch);
	strbuf_release(&s->header_names);
	free(s);
}

const struct reader_ops csv_reader_ops = {csv_open,     csv_next, csv_bytes,
                                          csv_encoding, NULL,     csv_close};
