/*
 * sheet.h — a small table in a CSV file as a spreadsheet saves it.
 *
 * The mapping tables are kept by controllers in Excel.  Swedish Excel's
 * "CSV (semikolonavgränsad)" writes Windows-1252 with CRLF and ';'; "CSV
 * UTF-8" writes a byte order mark; LibreOffice and scripts write ',' and LF.
 * A sheet is read whole (these tables are small; larger than SHEET_MAX_BYTES
 * is refused) and given back as rows of UTF-8 cells:
 *
 * - encoding: UTF-8 (a BOM is skipped) when the bytes are valid UTF-8, else
 *   Windows-1252, decoded; sheet->encoding says which;
 * - delimiter: ';' or ',', whichever the header line (the first line that is
 *   not empty) has more of outside quotes;
 * - quoting as RFC 4180 ("" inside quotes is one "; a quoted cell may hold
 *   the delimiter and line breaks); CRLF, LF or a lone CR end a line;
 * - cells are trimmed of spaces and tabs; an empty cell is NULL;
 * - trailing empty cells are dropped (Excel pads every row to the widest),
 *   and rows with no cell at all, or whose first cell starts with '#'
 *   (a comment), are left out;
 * - a cell written by csv_out as protected text (a leading apostrophe
 *   before = + - @) gets its apostrophe back off, so an exported table
 *   reads back as it was.
 *
 * A workbook saved under a .csv name (a ZIP: .xlsx/.ods), a file with NUL
 * bytes, a quote left open and a byte Windows-1252 does not define are
 * errors naming file and line.  Every row keeps the line it started on.
 */
#ifndef GBETL_SHEET_H
#define GBETL_SHEET_H

#include <stddef.h>

#define SHEET_MAX_BYTES (64u << 20)

struct sheet_row {
	int line;     /* 1-based line of the file where the row starts */
	int ncells;   /* after trailing empty cells are dropped; >= 1 */
	char **cells; /* UTF-8, NUL-terminated; NULL for an empty cell */
};

struct sheet {
	const char *encoding; /* "UTF-8" or "WINDOWS-1252" (static) */
	char delimiter;       /* ';' or ',' */
	size_t nrows;         /* the header is rows[0] */
	struct sheet_row *rows;
};

/* Read path into *sheet.  0, or -1 with one error logged as
 * "FILE:LINE: reason" (the sheet is then empty). */
int sheet_read(const char *path, struct sheet *sheet);
/* Free what sheet_read made; the struct itself is the caller's. */
void sheet_release(struct sheet *sheet);

#endif
