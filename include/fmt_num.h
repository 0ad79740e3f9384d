/*
 * fmt_num.h — numbers as a Swedish (or English) reader writes them.
 *
 * The figures come from the database as exact decimal text ("60686042.50",
 * "-3", "54.9"); they are rounded and written here without ever becoming a
 * floating-point number.  Rounding is half away from zero, as the öre of
 * the reconciliation are rounded.
 *
 * Swedish: digits grouped by three with U+202F (narrow no-break space),
 * decimal comma, U+2212 for minus, "1 234 567 kr", "54,9 %" (no-break
 * space before the unit).  English: "1,234,567", decimal point, "-",
 * "SEK 1,234,567", "54.9%".
 *
 * Every function appends to sb and returns 0, or returns -1 and appends
 * nothing when the text is not a decimal number.  NULL (a suppressed or
 * missing figure) is not a number: the caller decides what to show.
 */
#ifndef GBETL_FMT_NUM_H
#define GBETL_FMT_NUM_H

#include "strbuf.h"

#include <stdbool.h>

#define FMT_NNBSP "\xE2\x80\xAF" /* U+202F, the thousands separator */
#define FMT_NBSP  "\xC2\xA0"     /* U+00A0, before a unit */
#define FMT_MINUS "\xE2\x88\x92" /* U+2212 */

enum {
	FMT_EN = 1,   /* English conventions instead of Swedish */
	FMT_PLUS = 2, /* write a plus sign before a positive number (changes) */
};

/* A decimal number rounded to `decimals` (0-6) places, grouped. */
int fmt_number(struct strbuf *sb, const char *decimal, int decimals, int flags);
/* An amount: "1 234 567 kr" / "SEK 1,234,567". */
int fmt_money(struct strbuf *sb, const char *decimal, int decimals, int flags);
/* A per-cent figure with one decimal: "54,9 %" / "54.9%". */
int fmt_percent(struct strbuf *sb, const char *decimal, int flags);

#endif
