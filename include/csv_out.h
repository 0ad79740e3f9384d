/*
 * csv_out.h — CSV tables for the annual accounts.
 *
 * Two styles: "excel" (default) — UTF-8 with a byte order mark, ';' between
 * cells and a decimal comma, as Swedish Excel opens it with a double click;
 * "plain" — RFC 4180 with ',' and a decimal point.  Cells are quoted when
 * they must be.  Text cells that start with = + - @ (or tab, CR) are
 * neutralised with a leading apostrophe so that no spreadsheet runs them as
 * formulas; numbers go through csv_out_money/csv_out_int and stay numbers.
 */
#ifndef GBETL_CSV_OUT_H
#define GBETL_CSV_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "outfile.h"

struct csv_out {
	struct outfile out; /* written to a temporary file, renamed at close */
	FILE *f;
	bool excel;
	bool first; /* no separator before the next cell */
};

/* Open path for writing (a temporary file beside it: outfile.h); 0 or -1
 * (logged, naming path). */
int csv_out_open(struct csv_out *c, const char *path, bool excel);
void csv_out_text(struct csv_out *c, const char *text);
/* A decimal number given as text with a '.' ("1234.50", "-3"); NULL = empty. */
void csv_out_number(struct csv_out *c, const char *decimal);
void csv_out_end_row(struct csv_out *c);
/* Flush, close and put the file in place; 0 or -1 (logged; the old file is
 * unchanged). */
int csv_out_close(struct csv_out *c);

#endif
