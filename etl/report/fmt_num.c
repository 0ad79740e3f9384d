/*
 * fmt_num.c — Swedish and English number formats (see fmt_num.h).
 */
#include "fmt_num.h"

#include <ctype.h>
#include <string.h>

#define MAX_DIGITS 64

/* Parse "[+-]digits[.digits]" into the digits of the number rounded to
 * `decimals` places (integer part then fraction, no point): 0 or -1. */
static int round_digits(const char *text, int decimals, char *digits, size_t *int_len,
                        bool *negative)
{
	const char *p = text, *point;
	size_t n_int = 0, n_frac = 0, i, len;
	bool up = false, zero = true;

	*negative = false;
	if (*p == '-' || *p == '+')
		*negative = *p++ == '-';
	point = p;
	while (isdigit((unsigned char)*point))
		point++, n_int++;
	if (*point == '.')
		for (i = 1; isdigit((unsigned char)point[i]); i++)
			n_frac++;
	if ((n_int == 0 && n_frac == 0) || point[*point == '.' ? n_frac + 1 : 0] != '\0' ||
	    n_int + (size_t)decimals + 1 >= MAX_DIGITS)
		return -1;
	/* a leading 0 digit for the carry, the integer digits, the kept decimals */
	digits[0] = '0';
	memcpy(digits + 1, p, n_int);
	len = 1 + n_int;
	for (i = 0; i < (size_t)decimals; i++)
		digits[len++] = i < n_frac ? point[1 + i] : '0';
	if ((size_t)decimals < n_frac)
		up = point[1 + decimals] >= '5';
	for (i = len; up && i-- > 0;) {
		if (digits[i] == '9') {
			digits[i] = '0';
		} else {
			digits[i]++;
			up = false;
		}
	}
	digits[len] = '\0';
	/* drop leading zeros of the integer part, keeping one */
	for (i = 0; i + 1 < len - (size_t)decimals && digits[i] == '0'; i++)
		;
	memmove(digits, digits + i, len - i + 1);
	len -= i;
	*int_len = len - (size_t)decimals;
	for (i = 0; i < len; i++)
		if (digits[i] != '0')
			zero = false;
	if (zero)
		*negative = false; /* never "−0" */
	return 0;
}

int fmt_number(struct strbuf *sb, const char *decimal, int decimals, int flags)
{
	char digits[MAX_DIGITS];
	size_t int_len, i;
	bool negative, en = flags & FMT_EN;

	if (decimal == NULL || decimals < 0 || decimals > 6 ||
	    round_digits(decimal, decimals, digits, &int_len, &negative) != 0)
		return -1;
	if (negative)
		strbuf_addstr(sb, en ? "-" : FMT_MINUS);
	else if ((flags & FMT_PLUS) && strspn(digits, "0") != strlen(digits))
		strbuf_addch(sb, '+');
	for (i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0)
			strbuf_addstr(sb, en ? "," : FMT_NNBSP);
		strbuf_addch(sb, digits[i]);
	}
	if (decimals > 0) {
		strbuf_addch(sb, en ? '.' : ',');
		strbuf_addstr(sb, digits + int_len);
	}
	return 0;
}

int fmt_money(struct strbuf *sb, const char *decimal, int decimals, int flags)
{
	size_t mark = sb->len;

	if (flags & FMT_EN)
		strbuf_addstr(sb, "SEK" FMT_NBSP);
	if (fmt_number(sb, decimal, decimals, flags) != 0) {
		strbuf_setlen(sb, mark);
		return -1;
	}
	if (!(flags & FMT_EN))
		strbuf_addstr(sb, FMT_NBSP "kr");
	return 0;
}

int fmt_percent(struct strbuf *sb, const char *decimal, int flags)
{
	if (fmt_number(sb, decimal, 1, flags) != 0)
		return -1;
	strbuf_addstr(sb, flags & FMT_EN ? "%" : FMT_NBSP "%");
	return 0;
}
