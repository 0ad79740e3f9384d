/*
 * date.c — reading and writing calendar dates (date.h).
 */
#include "date.h"
#include "calendar.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool date_exists(int y, int m, int d)
{
	return y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= calendar_days_in_month(y, m);
}

/* A real day of a year a record's date may be in. */
static bool date_possible(int y, int m, int d)
{
	return y >= DATE_YEAR_MIN && y <= DATE_YEAR_MAX && date_exists(y, m, d);
}

/* The shape YYYY-MM-DD and nothing after it; the numbers into *out. */
static bool iso_shape(const char *s, struct date *out)
{
	/* in order: a NUL stops the test before anything past it is read */
	if (!(is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) && s[4] == '-' &&
	      is_digit(s[5]) && is_digit(s[6]) && s[7] == '-' && is_digit(s[8]) && is_digit(s[9]) &&
	      s[10] == '\0'))
		return false;
	out->y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	out->m = (s[5] - '0') * 10 + (s[6] - '0');
	out->d = (s[8] - '0') * 10 + (s[9] - '0');
	out->set = true;
	return true;
}

bool date_parse_iso(const char *s, struct date *out)
{
	return iso_shape(s, out) && date_exists(out->y, out->m, out->d);
}

bool date_parse_record_iso(const char *s, struct date *out)
{
	return iso_shape(s, out) && date_possible(out->y, out->m, out->d);
}

/* Read n digits at *p. */
static bool digits(const char **p, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!is_digit((*p)[i]))
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

/* DATE_NO_MATCH when s does not have the format's shape, DATE_IMPOSSIBLE
 * when it has but the day does not exist (2025-13-45), else DATE_OK. */
static int match_format(const char *s, const char *fmt, int *y, int *m, int *d, bool *month_only)
{
	const char *p = s;

	*d = 0;
	*month_only = true;
	for (; *fmt; fmt++) {
		if (*fmt == '%') {
			fmt++;
			if (*fmt == 'Y' && !digits(&p, 4, y))
				return DATE_NO_MATCH;
			if (*fmt == 'm' && !digits(&p, 2, m))
				return DATE_NO_MATCH;
			if (*fmt == 'd') {
				if (!digits(&p, 2, d))
					return DATE_NO_MATCH;
				*month_only = false;
			}
		} else if (*p++ != *fmt) {
			return DATE_NO_MATCH;
		}
	}
	/* a time of day after a full date is allowed and ignored */
	if (*p != '\0' && !(*month_only == false && (*p == ' ' || *p == 'T')))
		return DATE_NO_MATCH;
	if (*month_only)
		*d = 1;
	return date_possible(*y, *m, *d) ? DATE_OK : DATE_IMPOSSIBLE;
}

int date_parse_formats(const char *s, const char *const *formats, size_t nformats, int *year,
                       int *month, int *day, bool *month_only)
{
	int found = DATE_NO_MATCH, y = 0, m = 0, d = 0;
	bool mo = false;
	size_t i;

	while (*s == ' ')
		s++;
	for (i = 0; i < nformats; i++) {
		int r = match_format(s, formats[i], year, month, day, month_only);

		if (r == DATE_OK)
			return DATE_OK;
		if (r == DATE_IMPOSSIBLE && found == DATE_NO_MATCH) {
			/* the first format it has the shape of says what is wrong */
			found = DATE_IMPOSSIBLE;
			y = *year, m = *month, d = *day, mo = *month_only;
		}
	}
	if (found == DATE_IMPOSSIBLE)
		*year = y, *month = m, *day = d, *month_only = mo;
	return found;
}
