/*
 * pnr.c — Swedish identity numbers (see pnr.h).
 *
 * The parser works on a small stack copy: strip spaces, take an optional
 * separator from position 6 (10-digit) or 8 (12-digit), then check digits,
 * the date (with the samordningsnummer and interim variants), the birth
 * number and the Luhn digit.  It never allocates and never logs.
 */
#include "pnr.h"
#include "calendar.h"
#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char interim_letters[] = "TRSUWXJKLMN";

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Luhn over the ten characters YYMMDDNNNC; a letter (interim) counts as 1. */
static bool luhn_ok(const char *ten)
{
	int sum = 0, i;

	for (i = 0; i < 10; i++) {
		int d = is_digit(ten[i]) ? ten[i] - '0' : 1;

		if (i % 2 == 0) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return sum % 10 == 0;
}

static int date_compare(int y1, int m1, int d1, const struct pnr_date *b)
{
	if (y1 != b->year)
		return y1 < b->year ? -1 : 1;
	if (m1 != b->month)
		return m1 < b->month ? -1 : 1;
	if (d1 != b->day)
		return d1 < b->day ? -1 : 1;
	return 0;
}

static bool fail(struct pnr *out, enum pnr_reason reason)
{
	memset(out, 0, sizeof(*out));
	out->type = PNR_INVALID;
	out->reason = reason;
	return false;
}

bool pnr_born_after(const struct pnr *p, const struct pnr_date *at)
{
	if (p->type == PNR_INVALID)
		return false;
	return date_compare(p->birth_year, p->birth_month ? p->birth_month : 1,
	                    p->birth_day ? p->birth_day : 1, at) > 0;
}

bool pnr_parse(const char *s, size_t len, const struct pnr_date *reference, bool allow_interim,
               struct pnr *out)
{
	char buf[16], ten[11];
	size_t n = 0, i;
	char sep = 0;
	int century = 0, year, month, day, real_day;
	bool interim = false, coordination = false;

	/* trim surrounding white space */
	while (len > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' ||
	                   s[len - 1] == '\n'))
		len--;
	if (len == 0)
		return fail(out, PNR_EMPTY);
	if (len > 13)
		return fail(out, PNR_BAD_FORMAT);
	for (i = 0; i < len; i++) {
		char c = s[i];

		if ((c == '-' || c == '+') && sep == 0 && (n == 6 || n == 8)) {
			sep = c;
			continue;
		}
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		buf[n++] = c;
	}
	buf[n] = '\0';
	if (n != 10 && n != 12)
		return fail(out, PNR_BAD_FORMAT);
	/* a separator must sit right before the last four characters */
	if (sep && !((n == 10 && s[6] == sep) || (n == 12 && s[8] == sep)))
		return fail(out, PNR_BAD_FORMAT);
	if (n == 12) {
		if (!is_digit(buf[0]) || !is_digit(buf[1]))
			return fail(out, PNR_BAD_FORMAT);
		century = two(buf);
		memcpy(ten, buf + 2, 10);
	} else {
		memcpy(ten, buf, 10);
	}
	ten[10] = '\0';
	for (i = 0; i < 10; i++) {
		if (is_digit(ten[i]))
			continue;
		if (i == 6 && ten[i] != '\0' && strchr(interim_letters, ten[i]) != NULL) {
			interim = true;
			continue;
		}
		return fail(out, PNR_BAD_FORMAT);
	}
	if (interim && !allow_interim)
		return fail(out, PNR_INTERIM_NOT_ALLOWED);
	month = two(ten + 2);
	day = two(ten + 4);
	if (month >= 20)
		return fail(out, PNR_ORGANISATION);
	if (n == 10) {
		/* The century from the date of the record the number is in (the
		 * reference): '-' (or none) means under 100 that year, so the
		 * latest year YY not after it; '+' means 100 or older, and as an
		 * export may be written up to a year after the period it covers,
		 * a person who turns 100 the year after counts too: the latest
		 * year YY at least 99 years before it. */
		int yy = two(ten);
		int ref = reference ? reference->year : 2000;
		int latest = sep == '+' ? ref - 99 : ref;

		year = latest - ((latest - yy) % 100 + 100) % 100;
		century = year / 100;
	}
	year = century * 100 + two(ten);
	real_day = day;
	if (day > 60) {
		coordination = true;
		real_day = day - 60;
	} else if (day == 60) {
		/* Skatteverket's "day unknown" for samordningsnummer */
		coordination = true;
		real_day = 0;
	}
	if (month < 0 || month > 12)
		return fail(out, PNR_BAD_DATE);
	if (month == 0 && !coordination)
		return fail(out, PNR_BAD_DATE);
	if (real_day == 0 && !(coordination && day == 60))
		return fail(out, PNR_BAD_DATE);
	if (month != 0 && real_day > calendar_days_in_month(year, month))
		return fail(out, PNR_BAD_DATE);
	if (month == 0 && real_day != 0 && real_day > 31)
		return fail(out, PNR_BAD_DATE);
	if (!interim && ten[6] == '0' && ten[7] == '0' && ten[8] == '0')
		return fail(out, PNR_BIRTH_NUMBER_000);
	if (!luhn_ok(ten))
		return fail(out, PNR_BAD_CHECKSUM);
	if (reference &&
	    date_compare(year, month ? month : 1, real_day ? real_day : 1, reference) > 0)
		return fail(out, PNR_BORN_AFTER_RECORD);
	memset(out, 0, sizeof(*out));
	out->type = interim ? PNR_INTERIM : coordination ? PNR_SAMORDNINGSNUMMER : PNR_PERSONNUMMER;
	out->reason = PNR_OK;
	out->canonical[0] = (char)('0' + century / 10 % 10);
	out->canonical[1] = (char)('0' + century % 10);
	memcpy(out->canonical + 2, ten, 10);
	out->canonical[12] = '\0';
	out->birth_year = year;
	out->birth_month = month;
	out->birth_day = month ? real_day : 0;
	out->sex = ((ten[8] - '0') % 2) ? 1 : 2;
	return true;
}

int pnr_age(const struct pnr *p, const struct pnr_date *at)
{
	int age;

	if (p->type == PNR_INVALID || p->birth_year == 0)
		return -1;
	age = at->year - p->birth_year;
	if (p->birth_month == 0) {
		/* only the year is known: the age the person has for sure */
		age -= 1;
	} else if (at->month < p->birth_month ||
	           (at->month == p->birth_month && p->birth_day == 0) ||
	           (at->month == p->birth_month && at->day < p->birth_day)) {
		age -= 1;
	}
	return age < 0 ? -1 : age;
}

const char *pnr_type_name(enum pnr_type type)
{
	switch (type) {
	case PNR_PERSONNUMMER:
		return "personnummer";
	case PNR_SAMORDNINGSNUMMER:
		return "samordningsnummer";
	case PNR_INTERIM:
		return "interim";
	default:
		return "invalid";
	}
}

static const struct {
	const char *code;
	const char *text;
} reasons[] = {
    [PNR_OK] = {"ok", "The number is valid."},
    [PNR_EMPTY] = {"empty", "The identity number is empty."},
    [PNR_BAD_FORMAT] = {"bad_format",
                        "The identity number is not 10 or 12 digits with an optional separator."},
    [PNR_BAD_DATE] = {"bad_date", "The identity number holds no valid date of birth."},
    [PNR_BAD_CHECKSUM] = {"bad_checksum", "The check digit of the identity number is wrong."},
    [PNR_BIRTH_NUMBER_000] = {"birth_number_000", "Birth number 000 is not issued."},
    [PNR_ORGANISATION] = {"organisation", "The number is an organisation number, not a person's."},
    [PNR_INTERIM_NOT_ALLOWED] = {"interim_not_allowed",
                                 "Interim numbers are not enabled for this source."},
    [PNR_BORN_AFTER_RECORD] = {"born_after_record",
                               "The person is born after the record: the date of birth is after "
                               "the date of the record the number is in."},
};

const char *pnr_reason_code(enum pnr_reason reason)
{
	if ((int)reason < 0 || (size_t)reason >= sizeof(reasons) / sizeof(reasons[0]))
		return "unknown";
	return reasons[reason].code;
}

const char *pnr_reason_text(enum pnr_reason reason)
{
	if ((int)reason < 0 || (size_t)reason >= sizeof(reasons) / sizeof(reasons[0]))
		return "Unknown reason.";
	return reasons[reason].text;
}

void pnr_mask(const char *s, size_t len, char *out, size_t outsz)
{
	struct pnr p;
	struct pnr_date today;
	size_t i, n = 0, digits = 0, keep;

	if (outsz == 0)
		return;
	pnr_today(&today);
	if (pnr_parse(s, len, &today, true, &p)) {
		snprintf(out, outsz, "%.8s-****", p.canonical);
		return;
	}
	/* Not a valid number: keep at most the digits of a date (eight of a
	 * 12-digit form, six of a 10-digit form, never the last four), star
	 * every other letter or digit, drop everything else. */
	for (i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
	keep = digits >= 12 ? 8 : digits >= 10 ? 6 : digits > 4 ? digits - 4 : 0;
	if (keep > 8)
		keep = 8;
	digits = 0;
	for (i = 0; i < len && n + 1 < outsz && n < 20; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9') {
			out[n++] = digits < keep ? c : '*';
			digits++;
		} else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
			out[n++] = '*';
		} else if (c == '-' || c == '+') {
			out[n++] = c;
		}
	}
	out[n] = '\0';
}

void pnr_today(struct pnr_date *d)
{
	const char *test_now = getenv("GBETL_TEST_NOW");
	time_t now = time(NULL);
	struct tm tm;

	/* the one place a test may move the clock (YYYY-MM-DD) */
	if (test_now && pnr_parse_date(test_now, d) == 0)
		return;
	localtime_r(&now, &tm);
	d->year = tm.tm_year + 1900;
	d->month = tm.tm_mon + 1;
	d->day = tm.tm_mday;
}

int pnr_parse_date(const char *s, struct pnr_date *d)
{
	struct date date;

	if (!date_parse_iso(s, &date))
		return -1;
	d->year = date.y;
	d->month = date.m;
	d->day = date.d;
	return 0;
}
