/*
 * read_csv.c — the CSV reader, on libcsv (see reader.h).
 *
 * The file is read in large blocks.  Most lines of a real export are plain:
 * no quote character and no line end but the last.  Such a line is split
 * here, straight into the record handed out, exactly as libcsv would split
 * it (spaces trimmed, an empty field absent).  Every other line — a quoted
 * field, a field holding a line end, a lone CR, the header, a line cut by
 * the end of a block — goes to libcsv, one physical line at a time, and its
 * callbacks queue the records it completes.  Memory stays bounded by the
 * block size and the field cap whatever the file's size.  Only the columns
 * the source definition maps are kept and decoded to UTF-8.
 * tests/unit/test_read_csv.c checks that both ways read random files alike.
 *
 * libcsv reports no line numbers: every unquoted line end is reported
 * (CSV_REPALL_NL) and line ends inside quoted fields are counted, so each
 * record knows the physical line it starts on.
 */
#include "decode.h"
#include "log.h"
#include "reader.h"
#include "regular_file.h"
#include "strbuf.h"
#include "xalloc.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define BLOCK_SIZE (256 * 1024)
/* libcsv may not grow a field's buffer past this: a longer field is a
 * broken file, not a record (fields over READER_MAX_FIELD are rejects). */
#define HARD_FIELD_LIMIT (16 * 1024 * 1024)
#define MAX_SLOTS        FIELD_COUNT_ALL

bool csv_reader_fast_path = true;

/* A record libcsv completed, waiting to be handed out: its kept values are
 * NUL-terminated UTF-8 in csv_state.data, by slot. */
struct queued {
	long line;
	size_t off[MAX_SLOTS];
	size_t len[MAX_SLOTS];
	bool present[MAX_SLOTS];
	const char *problem;
	int problem_field;
	char detail[200];
};

/* How the fast path sees a byte: a stop ends a field, or the plain line. */
enum byte_class { BYTE_PLAIN = 0, BYTE_HIGH, BYTE_STOP };

/* A kept column of a plain line, as found before anything is written. */
struct span {
	int slot;
	const unsigned char *start, *end;
	bool ascii;
};

struct csv_state {
	struct read_input in; /* first (reader.h): fd and path as read, the digest */
	const struct source_def *def;
	const char *path;
	int fd;
	struct csv_parser parser;
	struct decoder *decoder;
	char *block;
	size_t block_size;
	size_t block_len, block_pos; /* the unparsed part is block[pos..len) */
	long long bytes;
	bool eof, started, failed;

	/* column index -> slot of kept columns (-1 = not kept) */
	int *column_slot;
	int column_count;
	int slot_count;
	int slot_field[MAX_SLOTS]; /* first field using the slot, for messages */
	int field_slot[FIELD_COUNT_ALL];
	int max_column; /* highest kept column, for "missing column" */
	/* the fields of each slot (a list through next_field, -1 ends it), and
	 * the constants */
	int slot_first_field[MAX_SLOTS], next_field[FIELD_COUNT_ALL];
	int constant_field[FIELD_COUNT_ALL], constant_count;
	size_t constant_len[FIELD_COUNT_ALL];

	/* the fast path: usable at all, a class per byte, the kept columns */
	bool fast;
	unsigned char byte_class[256];
	struct span span[MAX_SLOTS];

	/* header */
	bool header_pending;
	struct strbuf header_names; /* NUL-separated decoded names */
	int header_count;

	/* line bookkeeping */
	long line;         /* physical line the parser is on */
	bool row_empty;    /* no field yet in the current row */
	bool last_cr;      /* the last row ended with CR */
	bool at_row_start; /* libcsv holds no part of a row (last fed an LF) */
	int column;        /* column of the next field in the current row */

	/* the queue of records libcsv completed, and the one being built */
	struct queued *queue;
	size_t queue_len, queue_alloc, queue_pos;
	struct queued current;
	struct strbuf data;
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

/* Start a record on line. */
static void begin_record(struct queued *q, long line)
{
	memset(q->present, 0, sizeof(q->present));
	q->problem = NULL;
	q->problem_field = -1;
	q->line = line;
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

/* Keep one value of a kept column: decoded to UTF-8 in s->data, or a
 * problem when it is too long or not valid in the file's encoding. */
static void keep_value(struct csv_state *s, struct queued *q, int slot, const char *p, size_t len)
{
	size_t bad = 0;

	if (len > READER_MAX_FIELD) {
		char msg[120];

		snprintf(msg, sizeof(msg),
		         "a value of %zu bytes is longer than the limit of %d bytes", len,
		         READER_MAX_FIELD);
		set_problem(q, "field_too_long", s->slot_field[slot], msg);
		return;
	}
	if (memchr(p, '\0', len) != NULL) {
		char msg[120];

		/* the value would end there: never a silent cut */
		snprintf(msg, sizeof(msg), "the value holds a NUL byte at position %zu",
		         (size_t)((const char *)memchr(p, '\0', len) - p) + 1);
		set_problem(q, "nul_byte", s->slot_field[slot], msg);
		return;
	}
	q->off[slot] = s->data.len;
	if (decoder_append(s->decoder, p, len, &s->data, &bad) != 0) {
		char msg[160];

		snprintf(msg, sizeof(msg), "byte 0x%02X at position %zu is not valid %s",
		         (unsigned)(unsigned char)p[bad], bad + 1, decoder_name(s->decoder));
		set_problem(q, "encoding", s->slot_field[slot], msg);
	}
	q->len[slot] = s->data.len - q->off[slot];
	q->present[slot] = true;
	strbuf_addch(&s->data, '\0');
}

/* A row ended with so many columns: a problem when a mapped one is missing. */
static void check_columns(struct csv_state *s, struct queued *q, int columns)
{
	char msg[160];
	int f;

	if (columns > s->max_column || q->problem)
		return;
	for (f = 0; f < FIELD_COUNT_ALL; f++)
		if (s->field_slot[f] >= 0 && !q->present[s->field_slot[f]])
			break;
	snprintf(msg, sizeof(msg), "the row has %d columns, %d expected", columns,
	         s->max_column + 1);
	set_problem(q, "missing_column", f < FIELD_COUNT_ALL ? f : -1, msg);
}

static void on_field(void *field, size_t len, void *data)
{
	struct csv_state *s = data;
	const char *p = field;
	int slot;

	if (s->row_empty) {
		s->row_empty = false;
		begin_record(&s->current, s->line);
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
	if (slot >= 0 && p != NULL)
		keep_value(s, &s->current, slot, p, len);
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
		s->at_row_start = true;
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
	check_columns(s, &s->current, s->column);
	s->column = 0;
	xgrow((void **)&s->queue, sizeof(*s->queue), s->queue_len + 1, &s->queue_alloc);
	s->queue[s->queue_len++] = s->current;
}

/* A header naming a column twice leaves a choice between them: an error
 * naming both positions, when the source refers to columns by name. */
static int check_duplicate_names(const struct csv_state *s)
{
	const char *a = s->header_names.buf, *b;
	int f, i, j;

	for (f = 0; f < FIELD_COUNT_ALL; f++)
		if (s->def->fields[f].type == REF_COLUMN)
			break;
	if (f == FIELD_COUNT_ALL)
		return 0; /* columns by #N only */
	for (i = 0; i < s->header_count; i++, a += strlen(a) + 1) {
		if (*a == '\0')
			continue;
		for (j = i + 1, b = a + strlen(a) + 1; j < s->header_count;
		     j++, b += strlen(b) + 1) {
			if (strcmp(a, b) == 0) {
				log_error(
				    "%s:1: the header names column \"%s\" twice, at positions %d "
				    "and %d",
				    s->path, a, i + 1, j + 1);
				log_hint(
				    "Rename one of them in the export, or refer to the columns "
				    "by position (#N) in the source definition.");
				return -1;
			}
		}
	}
	return 0;
}

/* Give every column-mapped field a slot; resolve header names. */
static int resolve_columns(struct csv_state *s)
{
	const struct source_def *def = s->def;
	int f, rc = 0;

	if (check_duplicate_names(s) != 0)
		return -1;

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
			s->slot_first_field[slot] = -1;
		}
		s->field_slot[f] = slot;
		s->next_field[f] = s->slot_first_field[slot];
		s->slot_first_field[slot] = f;
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

/* The fast path splits what libcsv would split the same way; it is off
 * for a dialect where trimming and splitting interact (space or a line end
 * as the delimiter, the quote as the delimiter). */
static void setup_fast_path(struct csv_state *s)
{
	unsigned char delimiter = (unsigned char)s->def->delimiter;
	unsigned char quote = (unsigned char)s->def->quote; /* 0: NUL acts as the quote */

	s->fast = csv_reader_fast_path && delimiter != ' ' && delimiter != '\n' &&
	          delimiter != '\r' && delimiter != quote;
	memset(s->byte_class, BYTE_PLAIN, 0x80);
	memset(s->byte_class + 0x80, BYTE_HIGH, 0x80);
	s->byte_class[delimiter] = BYTE_STOP;
	s->byte_class['\n'] = BYTE_STOP;
	s->byte_class['\r'] = BYTE_STOP;
	s->byte_class[quote] = BYTE_STOP;
	s->byte_class[0] = BYTE_STOP; /* a NUL byte: libcsv reads the line, a reject */
}

static void *csv_open(const struct source_def *def, const char *path, struct digest *digest)
{
	struct csv_state *s = xcalloc(1, sizeof(*s));
	int f;

	s->def = def;
	s->path = path;
	s->fd = regular_file_open(path, true);
	if (s->fd < 0) {
		free(s);
		return NULL;
	}
	s->in = (struct read_input){.fd = s->fd, .path = path, .digest = digest};
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
	setup_fast_path(s);
	s->block_size = reader_block_size(s->fd, BLOCK_SIZE);
	s->block = xmalloc(s->block_size);
	/* grow a long field in large steps (libcsv grows by a fixed block
	 * size), but no larger than the file */
	csv_set_blk_size(&s->parser, s->block_size < 128 ? 128 : s->block_size);
	s->line = 1;
	s->row_empty = true;
	s->at_row_start = true;
	s->max_column = -1;
	for (f = 0; f < FIELD_COUNT_ALL; f++) {
		s->field_slot[f] = -1;
		if (def->fields[f].type == REF_CONSTANT) {
			s->constant_field[s->constant_count] = f;
			s->constant_len[s->constant_count++] = strlen(def->fields[f].text);
		}
	}
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
	read_input_close(&s->in);
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

/* The next block of the file into s->block; at the end, libcsv finishes
 * what it holds.  0, or -1 on an error (logged). */
static int read_block(struct csv_state *s)
{
	long n = reader_read_block(&s->in, s->block, s->block_size);

	if (n < 0)
		return -1;
	s->block_pos = 0;
	s->block_len = (size_t)n;
	if (n == 0) {
		s->eof = true;
		if (csv_fini(&s->parser, on_field, on_row, s) != 0)
			return parse_error(s);
		return 0;
	}
	s->bytes += n;
	if (!s->started) {
		s->started = true;
		if (n >= 3 && memcmp(s->block, "\xEF\xBB\xBF", 3) == 0 &&
		    decoder_is_utf8(s->decoder))
			s->block_pos = 3;
	}
	return 0;
}

/* Hand libcsv the rest of the current line (through its LF), or the rest
 * of the block when the line goes on in the next one. */
static int feed_libcsv(struct csv_state *s)
{
	const char *p = s->block + s->block_pos;
	size_t left = s->block_len - s->block_pos;
	const char *lf = memchr(p, '\n', left);
	size_t n = lf ? (size_t)(lf - p) + 1 : left;

	s->at_row_start = false; /* on_row sets it again at the LF */
	if (csv_parse(&s->parser, p, n, on_field, on_row, s) != n)
		return parse_error(s);
	s->block_pos += n;
	return s->failed ? -1 : 0;
}

/* The first byte in [p, end) that is the delimiter, LF, CR, the quote or
 * NUL, or end; *high is set when a byte >= 0x80 comes before it.  Sixteen bytes at
 * a time where SSE2 is there (every x86-64). */
static inline const unsigned char *next_stop(const struct csv_state *s, const unsigned char *p,
                                             const unsigned char *end, bool *high)
{
#ifdef __SSE2__
	const __m128i delimiter = _mm_set1_epi8((char)s->def->delimiter);
	const __m128i quote = _mm_set1_epi8((char)s->def->quote);
	const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
	const __m128i nul = _mm_setzero_si128();

	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned stops = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_or_si128(
		        _mm_or_si128(_mm_cmpeq_epi8(v, delimiter), _mm_cmpeq_epi8(v, quote)),
		        _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr))),
		    _mm_cmpeq_epi8(v, nul)));
		unsigned highs = (unsigned)_mm_movemask_epi8(v);

		if (stops) {
			if (highs & ((stops & (0u - stops)) - 1))
				*high = true;
			return p + __builtin_ctz(stops);
		}
		if (highs)
			*high = true;
		p += 16;
	}
#endif
	for (; p < end; p++) {
		unsigned char c = s->byte_class[*p];

		if (c == BYTE_STOP)
			return p;
		if (c == BYTE_HIGH)
			*high = true;
	}
	return end;
}

/* The fields of a value found in the column of slot. */
static void set_fields(const struct csv_state *s, struct raw_record *rec, int slot,
                       const char *value, size_t len)
{
	int f;

	for (f = s->slot_first_field[slot]; f >= 0; f = s->next_field[f]) {
		rec->value[f] = value;
		rec->length[f] = len;
	}
}

/* The constant fields of every record. */
static void set_constants(const struct csv_state *s, struct raw_record *rec)
{
	int i;

	for (i = 0; i < s->constant_count; i++) {
		int f = s->constant_field[i];

		rec->value[f] = s->def->fields[f].text;
		rec->length[f] = s->constant_len[i];
	}
}

/*
 * Split the plain line at s->block_pos straight into rec as libcsv would:
 * fields at the delimiter, spaces trimmed, an empty field absent, a line of
 * spaces no record at all.  The line is first only looked at; when it is
 * plain, whole, has every kept column and decodes, ASCII values are
 * NUL-terminated where they lie and the others decoded into s->data.
 * 1 with a record, 0 when the line is blank (skipped), -1 when libcsv must
 * read the line — it then finds what is wrong, if anything, and says so the
 * usual way; nothing was consumed or changed.
 */
static int split_plain_line(struct csv_state *s, struct raw_record *rec)
{
	unsigned char *block = (unsigned char *)s->block;
	const unsigned char *end = block + s->block_len;
	const unsigned char *line = block + s->block_pos, *field = line, *p = line, *line_end;
	unsigned char delimiter = (unsigned char)s->def->delimiter;
	size_t decoded[MAX_SLOTS], decoded_len[MAX_SLOTS]; /* in s->data, by span */
	int column = 0, kept = 0, i;

	for (;; p++, column++) {
		bool high = false;
		int slot;

		p = next_stop(s, p, end, &high);
		if (p == end)
			return -1;
		line_end = p;
		if (*p == '\r' && p + 1 < end && p[1] == '\n')
			p++; /* CRLF */
		else if (*p != '\n' && *p != delimiter)
			return -1; /* a quote, or a CR not ending the line */
		slot = slot_of(s, column);
		if (slot >= 0)
			s->span[kept++] = (struct span){slot, field, line_end, !high};
		if (*p != delimiter)
			break;
		field = p + 1;
	}
	if (column == 0) { /* one field: a line of spaces is no record */
		const unsigned char *a = line;

		while (a < line_end && *a == ' ')
			a++;
		if (a == line_end) {
			s->block_pos = (size_t)(p + 1 - block);
			s->line++;
			s->last_cr = false;
			return 0;
		}
	}
	if (column < s->max_column)
		return -1; /* a missing column */
	/* trim; decode what is not ASCII — or leave the line to libcsv */
	strbuf_reset(&s->data);
	for (i = 0; i < kept; i++) {
		struct span *f = &s->span[i];
		size_t bad;

		while (f->start < f->end && *f->start == ' ')
			f->start++;
		while (f->end > f->start && f->end[-1] == ' ')
			f->end--;
		if (f->ascii || f->start == f->end)
			continue;
		decoded[i] = s->data.len;
		if (decoder_append(s->decoder, (const char *)f->start, (size_t)(f->end - f->start),
		                   &s->data, &bad) != 0)
			return -1;
		decoded_len[i] = s->data.len - decoded[i];
		strbuf_addch(&s->data, '\0');
	}
	raw_record_clear(rec);
	rec->line = s->line;
	for (i = 0; i < kept; i++) {
		const struct span *f = &s->span[i];

		if (f->start == f->end)
			continue;
		if (f->ascii) {
			block[f->end - block] = '\0';
			set_fields(s, rec, f->slot, (const char *)f->start,
			           (size_t)(f->end - f->start));
		} else {
			set_fields(s, rec, f->slot, s->data.buf + decoded[i], decoded_len[i]);
		}
	}
	set_constants(s, rec);
	s->block_pos = (size_t)(p + 1 - block);
	s->line++;
	s->last_cr = false;
	return 1;
}

/* Hand out a record libcsv completed: the kept values, the constants. */
static void hand_out(struct csv_state *s, const struct queued *q, struct raw_record *rec)
{
	int slot;

	raw_record_clear(rec);
	rec->line = q->line;
	for (slot = 0; slot < s->slot_count; slot++)
		if (q->present[slot])
			set_fields(s, rec, slot, s->data.buf + q->off[slot], q->len[slot]);
	set_constants(s, rec);
	if (q->problem) {
		rec->problem_code = q->problem;
		rec->problem_field = q->problem_field;
		snprintf(rec->problem_detail, sizeof(rec->problem_detail), "%s", q->detail);
	}
}

static int csv_next(void *state, struct raw_record *rec)
{
	struct csv_state *s = state;

	for (;;) {
		if (s->queue_pos < s->queue_len) {
			hand_out(s, &s->queue[s->queue_pos++], rec);
			return 1;
		}
		if (s->failed)
			return -1;
		/* the records handed out are done with */
		s->queue_len = s->queue_pos = 0;
		if (s->at_row_start)
			strbuf_reset(&s->data);
		if (s->block_pos == s->block_len) {
			if (s->eof)
				return 0;
			if (read_block(s) != 0)
				return -1;
			continue;
		}
		if (s->fast && s->at_row_start && !s->header_pending) {
			int n = split_plain_line(s, rec);

			if (n == 1)
				return 1;
			if (n == 0)
				continue;
			strbuf_reset(&s->data);
		}
		if (feed_libcsv(s) != 0)
			return -1;
	}
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
	read_input_close(&s->in);
	free(s->block);
	free(s->column_slot);
	free(s->queue);
	strbuf_release(&s->data);
	strbuf_release(&s->header_names);
	free(s);
}

const struct reader_ops csv_reader_ops = {csv_open,     csv_next, csv_bytes,
                                          csv_encoding, NULL,     csv_close};
