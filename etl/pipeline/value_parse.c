/*
 * value_parse.c — amounts, quantities, whole numbers and months (value_parse.h).
 */
#include "value_parse.h"
#include "date.h"
#include "money.h"

#include <stdlib.h>
#include <string.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int parse_amount_ore(const char *s, char decimal, char thousands, long long *ore,
                     const char **reason)
{
	long long units = 0;
	int decimals = 0;
	bool negative = false, seen_digit = false, in_fraction = false;
	size_t len;
	const char *p = s, *end;

	*reason = "bad_amount";
	while (*p == ' ')
		p++;
	len = strlen(p);
	while (len > 0 && p[len - 1] == ' ')
		len--;
	end = p + len;
	if (p < end && (*p == '-' || *p == '+')) {
		negative = *p == '-';
		p++;
	} else if (end > p && end[-1] == '-') {
		negative = true; /* "123,45-" as some ledgers write it */
		end--;
	}
	for (; p < end; p++) {
		if (is_digit(*p)) {
			if (in_fraction) {
				if (++decimals > 2) {
					if (*p != '0') {
						*reason = "too_many_decimals";
						return -1;
					}
					continue;
				}
			}
			/* past the range the digits are still checked, not summed */
			if (units <= MONEY_MAX_ORE)
				units = units * 10 + (*p - '0');
			seen_digit = true;
		} else if (*p == decimal && !in_fraction) {
			in_fraction = true;
		} else if (!in_fraction && seen_digit && thousands &&
		           (*p == thousands || (thousands == ' ' && (unsigned char)*p == 0xC2 &&
		                                p + 1 < end && (unsigned char)p[1] == 0xA0))) {
			if ((unsigned char)*p == 0xC2)
				p++; /* U+00A0, no-break space */
		} else {
			return -1;
		}
	}
	if (!seen_digit)
		return -1;
	if (decimals > 2)
		decimals = 2;
	for (; decimals < 2 && units <= MONEY_MAX_ORE; decimals++)
		units *= 10;
	if (units > MONEY_MAX_ORE) {
		*reason = "amount_out_of_range";
		return -1;
	}
	*ore = negative ? -units : units;
	return 0;
}

bool parse_int_range(const char *v, long min, long max, long *out)
{
	char *end;
	long n;

	if (v == NULL)
		return false;
	n = strtol(v, &end, 10);
	while (*end == ' ')
		end++;
	if (end == v || *end != '\0' || n < min || n > max)
		return false;
	*out = n;
	return true;
}

bool parse_quantity(const char *v, char decimal, char thousands, char *out, size_t size)
{
	size_t n = 0;
	bool digit = false, point = false;
	const char *p = v;

	if (*p == '-' || *p == '+') {
		if (*p == '-')
			out[n++] = '-';
		p++;
	}
	for (; *p && n + 1 < size; p++) {
		if (is_digit(*p)) {
			out[n++] = *p;
			digit = true;
		} else if ((*p == decimal || *p == '.') && !point) {
			out[n++] = '.';
			point = true;
		} else if (*p == ' ' && thousands == ' ') {
			continue;
		} else {
			return false;
		}
	}
	out[n] = '\0';
	return digit && *p == '\0';
}

bool parse_month(const char *v, long year, bool first_six, long *yyyymm)
{
	char d[8];
	size_t n = 0, most = first_six ? 6 : 7;
	long p;

	for (; *v && n < most; v++)
		if (is_digit(*v))
			d[n++] = *v;
	d[n] = '\0';
	if (n == 6 && parse_int_range(d, DATE_YEAR_MIN * 100L + 1, DATE_YEAR_MAX * 100L + 12, &p) &&
	    p % 100 >= 1 && p % 100 <= 12) {
		*yyyymm = p;
		return true;
	}
	if (!first_six && year != 0 && n >= 1 && n <= 2 && parse_int_range(d, 1, 12, &p)) {
		*yyyymm = year * 100 + p;
		return true;
	}
	return false;
}
