/*
 * date.h — calendar dates as the pipeline reads and writes them, once.
 *
 * Every date the pipeline takes in is read here: a record's dates by the
 * source's formats (date_parse_formats), a YYYY-MM-DD given on the command
 * line, by the test clock or in a stream's trailer (date_parse_iso); and
 * every date it writes is written here as YYYY-MM-DD (date_put_iso).  Month
 * lengths and leap years are calendar.h's.
 */
#ifndef GBETL_DATE_H
#define GBETL_DATE_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>

struct date {
	int y, m, d;
	bool set; /* false: no date (written as NULL) */
};

/* The years a record's date may be in: outside them a date is impossible. */
#define DATE_YEAR_MIN 1800
#define DATE_YEAR_MAX 2200

/* True when y-m-d is a real day (any year 0 to 9999). */
bool date_exists(int y, int m, int d);

/* Exactly "YYYY-MM-DD" naming a real day: true with *out set, else false. */
bool date_parse_iso(const char *s, struct date *out);

/* date_parse_formats(): DATE_OK; DATE_NO_MATCH when s (after leading spaces)
 * has the shape of none of the formats (made of %Y, %m, %d and literal
 * characters; a time of day after a full date is ignored); DATE_IMPOSSIBLE
 * when it has one's shape but names no real day of DATE_YEAR_MIN to
 * DATE_YEAR_MAX (2025-13-45, 2023-02-29), with what it names in *year,
 * *month and *day.  A format without %d gives the 1st and *month_only. */
enum { DATE_OK = 0, DATE_NO_MATCH = -1, DATE_IMPOSSIBLE = -2 };
int date_parse_formats(const char *s, const char *const *formats, size_t nformats, int *year,
                       int *month, int *day, bool *month_only);

/* The fast path for sources whose first format is %Y-%m-%d: true when s is
 * exactly YYYY-MM-DD of a real day of DATE_YEAR_MIN to DATE_YEAR_MAX (what
 * date_parse_formats() would find first), with *out set. */
bool date_parse_record_iso(const char *s, struct date *out);

/* y * 10000 + m * 100 + d: dates compared as numbers. */
static inline long date_number(const struct date *d)
{
	return d->y * 10000L + d->m * 100 + d->d;
}

/* y-m-d as YYYY-MM-DD (exactly 10 bytes, no NUL) at w; returns w + 10.  The
 * year must be 0 to 9999.  Inline: every row of a record writes dates. */
static inline char *date_put_iso(char *w, int y, int m, int d)
{
	assert(y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
	w[0] = (char)('0' + y / 1000);
	w[1] = (char)('0' + y / 100 % 10);
	w[2] = (char)('0' + y / 10 % 10);
	w[3] = (char)('0' + y % 10);
	w[4] = '-';
	w[5] = (char)('0' + m / 10);
	w[6] = (char)('0' + m % 10);
	w[7] = '-';
	w[8] = (char)('0' + d / 10);
	w[9] = (char)('0' + d % 10);
	return w + 10;
}

#endif
