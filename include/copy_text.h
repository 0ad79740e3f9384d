/*
 * copy_text.h — PostgreSQL's COPY text format, written and read in one place.
 *
 * A line is columns separated by tabs and ended by a newline; in a text
 * value a backslash, tab, newline and carriage return are written \\, \t,
 * \n and \r, and NULL is \N.  Every writer of such lines — the transform's
 * rows, the stream's header, REJECT and GBETL-END lines, the loader's
 * rejects — writes them through a struct copy_row; every reader splits them
 * with copy_split_row().
 *
 * A row is written through a pointer into room reserved once:
 * copy_row_begin() makes space for COPY_ROW_FIXED bytes (every number,
 * date, key and flag a row of any kind has: at most about 320) and for its
 * text values, each doubled for escaping at worst; the copy_ functions then
 * write a column and its tab without a check per byte, and copy_row_end()
 * turns the last tab into the newline and asserts the row stayed in its
 * room.
 */
#ifndef GBETL_COPY_TEXT_H
#define GBETL_COPY_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "date.h"

struct strbuf;

#define COPY_ROW_FIXED 512

struct copy_row {
	struct strbuf *out;
	char *w;     /* where the next column goes */
	char *limit; /* the end of the room reserved */
};

/* Begin a line at the end of out, with room for n texts (NULL ones take
 * none; their lengths into lengths[], for copy_text()). */
void copy_row_begin(struct copy_row *row, struct strbuf *out, const char *const *texts,
                    size_t *lengths, size_t n);
/* End it: newline, NUL, out's length. */
void copy_row_end(struct copy_row *row);

/* The encoders behind the column writers: each writes at w and returns the
 * end.  A text of len bytes takes at most 2 * len; an integer 20. */
char *copy_put_text(char *w, const char *s, size_t len);
char *copy_put_int(char *w, long long v);

/* Columns. */
static inline void copy_null(struct copy_row *row)
{
	row->w[0] = '\\';
	row->w[1] = 'N';
	row->w[2] = '\t';
	row->w += 3;
}

static inline void copy_int(struct copy_row *row, long long v)
{
	row->w = copy_put_int(row->w, v);
	*row->w++ = '\t';
}

/* An integer, or NULL unless present. */
static inline void copy_opt_int(struct copy_row *row, bool present, long long v)
{
	if (present)
		copy_int(row, v);
	else
		copy_null(row);
}

/* Text of len bytes (reserved by copy_row_begin()), escaped; NULL is \N. */
static inline void copy_text(struct copy_row *row, const char *s, size_t len)
{
	if (s == NULL) {
		copy_null(row);
		return;
	}
	row->w = copy_put_text(row->w, s, len);
	*row->w++ = '\t';
}

/* Text known to need no escape (a key, a normalised number) that fits in
 * COPY_ROW_FIXED with the rest; NULL is \N. */
static inline void copy_plain(struct copy_row *row, const char *s, size_t len)
{
	if (s == NULL) {
		copy_null(row);
		return;
	}
	memcpy(row->w, s, len);
	row->w[len] = '\t';
	row->w += len + 1;
}

/* One character that needs no escape (a flag). */
static inline void copy_char(struct copy_row *row, char c)
{
	row->w[0] = c;
	row->w[1] = '\t';
	row->w += 2;
}

/* YYYY-MM-DD, or NULL when the date is not set. */
static inline void copy_date(struct copy_row *row, const struct date *d)
{
	if (!d->set) {
		copy_null(row);
		return;
	}
	row->w = date_put_iso(row->w, d->y, d->m, d->d);
	*row->w++ = '\t';
}

/* Append s escaped for COPY text to sb (NULL appends \N); no tab, no
 * newline. */
void copy_text_escape(struct strbuf *sb, const char *s);

/* Split a COPY text line (no newline) at tabs in place and undo the escapes;
 * "\N" gives NULL.  At most max columns; returns how many there were. */
int copy_split_row(char *line, char **cols, int max);

#endif
