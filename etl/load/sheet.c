/*
 * sheet.c — a small table in a CSV file as a spreadsheet saves it
 * (see sheet.h).
 */
#include "sheet.h"
#include "decode.h"
#include "log.h"
#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The whole file into buf; only a regular file, at most SHEET_MAX_BYTES. */
static int slurp(const char *path, struct strbuf *buf)
{
	struct stat st;
	int fd, rc = -1;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		log_error("could not open \"%s\": %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		log_error("could not read \"%s\": not a regular file", path);
		goto out;
	}
	if ((unsigned long long)st.st_size > SHEET_MAX_BYTES) {
		log_error("could not read \"%s\": %lld bytes, more than a mapping table can have "
		          "(%u MiB)",
		          path, (long long)st.st_size, SHEET_MAX_BYTES >> 20);
		goto out;
	}
	for (;;) {
		ssize_t n;

		strbuf_grow(buf, 65536);
		n = read(fd, buf->buf + buf->len, buf->alloc - buf->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			log_error("could not read \"%s\": %s", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		strbuf_setlen(buf, buf->len + (size_t)n);
		if (buf->len > SHEET_MAX_BYTES) {
			log_error("could not read \"%s\": it grew beyond %u MiB while being read",
			          path, SHEET_MAX_BYTES >> 20);
			goto out;
		}
	}
	rc = 0;
out:
	close(fd);
	return rc;
}

static int line_of(const char *text, size_t offset)
{
	int line = 1;
	size_t i;

	for (i = 0; i < offset; i++)
		if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n'))
			line++;
	return line;
}

/* Decode raw into UTF-8 text; sets sheet->encoding. */
static int decode(const char *path, const struct strbuf *raw, struct strbuf *text,
                  struct sheet *sheet)
{
	const char *p = raw->buf;
	size_t len = raw->len, bad;
	struct decoder *d;
	int rc;

	if (len >= 4 && memcmp(p, "PK\x03\x04", 4) == 0) {
		log_error(
		    "%s:1: this is a spreadsheet workbook (.xlsx or .ods), not a CSV file; save "
		    "it as \"CSV (semikolonavgränsad)\" or \"CSV UTF-8\"",
		    path);
		return -1;
	}
	if (memchr(p, '\0', len) != NULL) {
		log_error("%s:%d: NUL byte: this is not a text file", path,
		          line_of(p, (size_t)((const char *)memchr(p, '\0', len) - p)));
		return -1;
	}
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
		len -= 3;
	}
	if (utf8_valid(p, len, &bad)) {
		sheet->encoding = "UTF-8";
		strbuf_add(text, p, len);
		return 0;
	}
	sheet->encoding = "WINDOWS-1252";
	d = decoder_new("WINDOWS-1252");
	if (d == NULL)
		return -1;
	rc = decoder_append(d, p, len, text, &bad);
	decoder_free(d);
	if (rc != 0)
		log_error("%s:%d: byte 0x%02X is neither UTF-8 nor Windows-1252", path,
		          line_of(p, bad), (unsigned char)p[bad]);
	return rc;
}

/* ';' or ',': whichever the first non-empty line has more of outside quotes. */
static char detect_delimiter(const char *s)
{
	int semicolons = 0, commas = 0;
	bool quoted = false;

	while (*s == '\r' || *s == '\n')
		s++;
	for (; *s && (quoted || (*s != '\n' && *s != '\r')); s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (!quoted && *s == ';')
			semicolons++;
		else if (!quoted && *s == ',')
			commas++;
	}
	return commas > semicolons ? ',' : ';';
}

/* A cell as it ends: trimmed, apostrophe protection taken off; NULL when empty. */
static char *finish_cell(struct strbuf *cell, bool was_quoted)
{
	char *s;

	if (!was_quoted)
		strbuf_trim(cell);
	if (cell->len == 0)
		return NULL;
	s = cell->buf;
	if (s[0] == '\'' && strchr("=+-@", s[1]) != NULL && s[1] != '\0')
		s++;
	s = xstrdup(s);
	strbuf_reset(cell);
	return s;
}

static void add_row(struct sheet *sheet, int line, char **cells, int n)
{
	struct sheet_row *r;
	int i;

	while (n > 0 && cells[n - 1] == NULL)
		n--;
	if (n == 0 || (cells[0] && cells[0][0] == '#')) {
		for (i = 0; i < n; i++)
			free(cells[i]);
		return;
	}
	sheet->rows = xrealloc(sheet->rows, (sheet->nrows + 1) * sizeof(*sheet->rows));
	r = &sheet->rows[sheet->nrows++];
	r->line = line;
	r->ncells = n;
	r->cells = xmalloc((size_t)n * sizeof(char *));
	memcpy(r->cells, cells, (size_t)n * sizeof(char *));
}

static int parse(const char *path, const char *s, struct sheet *sheet)
{
	struct strbuf cell = STRBUF_INIT;
	char **cells = NULL;
	int ncells = 0, cap = 0, line = 1, row_line = 1, quote_line = 0;
	bool quoted = false, was_quoted = false;
	int rc = 0;

	sheet->delimiter = detect_delimiter(s);
	for (;; s++) {
		char ch = *s;

		if (quoted) {
			if (ch == '\0') {
				log_error("%s:%d: a quoted cell is never closed", path, quote_line);
				rc = -1;
				break;
			}
			if (ch == '"' && s[1] == '"') {
				strbuf_addch(&cell, '"');
				s++;
			} else if (ch == '"') {
				quoted = false;
			} else {
				if (ch == '\n' || (ch == '\r' && s[1] != '\n'))
					line++;
				strbuf_addch(&cell, ch);
			}
			continue;
		}
		if (ch == '"' && cell.len == 0 && !was_quoted) {
			quoted = was_quoted = true;
			quote_line = line;
			continue;
		}
		if (ch == sheet->delimiter || ch == '\n' || ch == '\r' || ch == '\0') {
			if (ncells == cap) {
				cap = cap ? 2 * cap : 16;
				cells = xrealloc(cells, (size_t)cap * sizeof(char *));
			}
			cells[ncells++] = finish_cell(&cell, was_quoted);
			was_quoted = false;
			if (ch == sheet->delimiter)
				continue;
			add_row(sheet, row_line, cells, ncells);
			ncells = 0;
			if (ch == '\0')
				break;
			if (ch == '\r' && s[1] == '\n')
				s++;
			row_line = ++line;
			continue;
		}
		if (was_quoted && ch != ' ' && ch != '\t') {
			log_error("%s:%d: text after the closing quote of a cell", path, line);
			rc = -1;
			break;
		}
		if (!was_quoted)
			strbuf_addch(&cell, ch);
	}
	if (rc != 0) {
		int i;

		for (i = 0; i < ncells; i++)
			free(cells[i]);
	}
	free(cells);
	strbuf_release(&cell);
	return rc;
}

int sheet_read(const char *path, struct sheet *sheet)
{
	struct strbuf raw = STRBUF_INIT, text = STRBUF_INIT;
	int rc = -1;

	memset(sheet, 0, sizeof(*sheet));
	if (slurp(path, &raw) != 0 || decode(path, &raw, &text, sheet) != 0)
		goto out;
	strbuf_release(&raw);
	if (parse(path, text.buf ? text.buf : "", sheet) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		sheet_release(sheet);
	strbuf_release(&raw);
	strbuf_release(&text);
	return rc;
}

void sheet_release(struct sheet *sheet)
{
	size_t i;
	int k;

	for (i = 0; i < sheet->nrows; i++) {
		for (k = 0; k < sheet->rows[i].ncells; k++)
			free(sheet->rows[i].cells[k]);
		free(sheet->rows[i].cells);
	}
	free(sheet->rows);
	sheet->rows = NULL;
	sheet->nrows = 0;
}
