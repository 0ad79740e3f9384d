/*
 * transform.c — validation, sex coding and pseudonymisation (transform.h).
 */
#include "transform.h"
#include "calendar.h"
#include "money.h"
#include "pnr_scan.h"
#include "pseudonym.h"
#include "sexcode.h"
#include "totals.h"
#include "xalloc.h"

#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A person recurs on many rows (a row per service and month), so what the
 * identity number gives — validity, sex, birth date and the pseudonym — is
 * kept in a direct-mapped cache by the number as the source wrote it and
 * the year of the record it is in (a 10-digit number's century depends on
 * that year; whether the person is born after the record, on the day too,
 * which is checked per record): a repeated number costs a hash and a
 * compare instead of a parse and an HMAC.  The slots filled are wiped when the transform is freed (only
 * those: wiping all would touch every page of a small file's cache).
 */
#define CACHE_SIZE   16384
#define CACHE_ID_MAX 23 /* longer "numbers" are never valid; they bypass the cache */

struct cache_entry {
	unsigned char id_len; /* 0: unused */
	char id[CACHE_ID_MAX];
	int year; /* of the record the number was read against */
	bool valid;
	struct pnr number;
	char uuid[PSEUDONYM_UUID_LEN + 1];
};

struct person {
	char key[PSEUDONYM_UUID_LEN + 1];
	bool has_key;
	char id_status; /* v i m k */
	int sex;
	char method;
	bool conflict;
	int birth_year; /* 0 unknown */
	int age;        /* -1 unknown */
};

struct transform {
	const struct source_def *def;
	const struct pseudonym_key *key;
	struct pnr_date reference;
	char decimal, thousands;
	struct cache_entry *cache;
	unsigned char *cache_used;   /* a bit per slot: filled, to be wiped */
	struct cache_entry uncached; /* a number too long for the cache */
	struct batch_trailer counts;
	struct totals *corrections;  /* allow_negative: totals by person and month */
	long period_min, period_max; /* YYYYMMDD as numbers, 0 = none yet */
	bool iso_dates_first;        /* the first date format is %Y-%m-%d */
	/* the last sex value mapped, and what it gave */
	char sex_seen[16];
	size_t sex_seen_len; /* 0: nothing seen yet */
	int sex_seen_code;
	struct pnr_scan_plan scan_plan; /* the fields to check for identity numbers */
	struct strbuf scanned;          /* free text with identity numbers masked */
	/* reject strings */
	char masked[64];
	char message[256];
};

struct transform *transform_new(const struct source_def *def, const struct pseudonym_key *key,
                                const struct pnr_date *reference)
{
	struct transform *t = xcalloc(1, sizeof(*t));

	t->def = def;
	t->key = key;
	t->reference = *reference;
	t->decimal = def->decimal;
	t->thousands = def->thousands;
	if (def->format == FORMAT_SIE4 || def->format == FORMAT_SIE5) {
		/* SIE amounts are always written with a decimal point */
		t->decimal = '.';
		t->thousands = 0;
	}
	pnr_scan_plan_init(&t->scan_plan, def);
	strbuf_init(&t->scanned, 0);
	/* a file that replaces its periods holds all of them: its totals are
	 * the totals (corrections in a later file of an append source are the
	 * allocation's to judge, by the weights per sex) */
	if (def->allow_negative && def->kind == KIND_SERVICE && def->replace == REPLACE_PERIOD)
		t->corrections = totals_new();
	t->iso_dates_first =
	    def->date_format_count > 0 && strcmp(def->date_formats[0], "%Y-%m-%d") == 0;
	return t;
}

void transform_free(struct transform *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; t->cache != NULL && i < CACHE_SIZE; i++)
		if (t->cache_used[i / 8] & (1u << (i % 8)))
			explicit_bzero(&t->cache[i], sizeof(t->cache[i]));
	free(t->cache_used);
	totals_free(t->corrections);
	explicit_bzero(&t->uncached, sizeof(t->uncached));
	strbuf_release(&t->scanned);
	free(t->cache);
	free(t);
}

/* --- value parsers --------------------------------------------------------- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Short strings (codes, numbers, identity numbers) are most of what a row
 * holds: copied and compared here with a few word moves instead of a call. */
static inline void copy_short(char *to, const char *from, size_t len)
{
	uint64_t a, b;

	if (len >= 8 && len <= 16) {
		memcpy(&a, from, 8);
		memcpy(&b, from + len - 8, 8);
		memcpy(to, &a, 8);
		memcpy(to + len - 8, &b, 8);
	} else if (len < 8) {
		size_t i;

		for (i = 0; i < len; i++)
			to[i] = from[i];
	} else {
		memcpy(to, from, len);
	}
}

static inline bool same_short(const char *x, const char *y, size_t len)
{
	uint64_t a, b, c, d;

	if (len >= 8 && len <= 16) {
		memcpy(&a, x, 8);
		memcpy(&b, y, 8);
		memcpy(&c, x + len - 8, 8);
		memcpy(&d, y + len - 8, 8);
		return a == b && c == d;
	}
	return memcmp(x, y, len) == 0;
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

/* A real day of a year the transform makes dates of (1800 to 2200). */
static bool date_possible(int y, int m, int d)
{
	return y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= calendar_days_in_month(y, m);
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

/* Exactly "YYYY-MM-DD", the form most exports write, read without the
 * general loop; the same checks as match_format().  get_date() tries it
 * first when the source's first format is %Y-%m-%d. */
static bool iso_date(const char *s, int *y, int *m, int *d)
{
	/* in order: a NUL stops the test before anything past it is read */
	if (!(is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) && s[4] == '-' &&
	      is_digit(s[5]) && is_digit(s[6]) && s[7] == '-' && is_digit(s[8]) && is_digit(s[9]) &&
	      s[10] == '\0'))
		return false;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return date_possible(*y, *m, *d);
}

int parse_date_value(const char *s, const char *const *formats, size_t nformats, int *year,
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

/* --- row building ----------------------------------------------------------
 *
 * A row is written through a pointer into room reserved once: row_begin()
 * makes space for the fixed columns (ROW_FIXED bytes hold every number,
 * date, key and flag a row of any kind has — at most about 320) and for its
 * text values, each doubled for escaping at worst; the put_ functions then
 * write without checking, and row_end() adds the newline.
 */
#define ROW_FIXED 512

struct date {
	int y, m, d;
	bool set;
};

/* Room for a row with these text values (NULL ones take none); their
 * lengths into lengths[]. */
static char *row_begin(struct strbuf *out, const char *const *texts, size_t *lengths, size_t n)
{
	size_t bytes = ROW_FIXED, i;

	for (i = 0; i < n; i++) {
		lengths[i] = texts[i] ? strlen(texts[i]) : 0;
		bytes += 2 * lengths[i];
	}
	strbuf_grow(out, bytes);
	return out->buf + out->len;
}

static void row_end(struct strbuf *out, char *w)
{
	/* the put_ functions wrote without checking: they must have stayed in
	 * the room row_begin() reserved (the newline and NUL included) */
	assert(w >= out->buf + out->len && (size_t)(w - out->buf) + 2 <= out->alloc);
	*w++ = '\n';
	*w = '\0';
	out->len = (size_t)(w - out->buf);
}

static char *put_null(char *w)
{
	w[0] = '\\';
	w[1] = 'N';
	return w + 2;
}

/* COPY text escapes: the letter after the backslash, 1 for the end. */
static const char copy_escape[256] = {
    [0] = 1, ['\\'] = '\\', ['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r'};

#define BYTES(b) (UINT64_C(0x0101010101010101) * (b))

/* True when s[0..len) has a byte COPY text escapes; eight bytes at a time:
 * a zero byte of x ^ '\\'..., or a byte below 14 (tab, LF, CR). */
static bool needs_escape(const char *s, size_t len)
{
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t x, b;

		memcpy(&x, s + i, 8);
		b = x ^ BYTES('\\');
		if ((((b - BYTES(1)) & ~b) | ((x - BYTES(14)) & ~x)) & BYTES(0x80))
			return true;
	}
	for (; i < len; i++)
		if (copy_escape[(unsigned char)s[i]] > 1)
			return true;
	return false;
}

/* Text of len bytes, escaped for COPY, or NULL. */
static char *put_text(char *w, const char *s, size_t len)
{
	size_t i;

	if (s == NULL)
		return put_null(w);
	if (!needs_escape(s, len)) {
		copy_short(w, s, len);
		return w + len;
	}
	for (i = 0; i < len; i++) {
		char escape = copy_escape[(unsigned char)s[i]];

		if (escape == 0) {
			*w++ = s[i];
		} else {
			*w++ = '\\';
			*w++ = escape;
		}
	}
	return w;
}

/* A pseudonym as its uuid text, or NULL. */
static char *put_key(char *w, const struct person *p)
{
	if (!p->has_key)
		return put_null(w);
	memcpy(w, p->key, PSEUDONYM_UUID_LEN);
	return w + PSEUDONYM_UUID_LEN;
}

/* A normalised quantity (no byte to escape), or NULL. */
static char *put_quantity(char *w, const char *quantity)
{
	return put_text(w, quantity, quantity ? strlen(quantity) : 0);
}

/* "00" to "99": numbers are written two digits at a time. */
static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324"
                                  "25262728293031323334353637383940414243444546474849"
                                  "50515253545556575859606162636465666768697071727374"
                                  "75767778798081828384858687888990919293949596979899";

static char *put_int(char *w, long long v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	size_t n;

	while (u >= 100) {
		p -= 2;
		memcpy(p, digit_pairs + 2 * (u % 100), 2);
		u /= 100;
	}
	if (u >= 10) {
		p -= 2;
		memcpy(p, digit_pairs + 2 * u, 2);
	} else {
		*--p = (char)('0' + u);
	}
	if (v < 0)
		*--p = '-';
	n = (size_t)(buf + sizeof(buf) - p);
	copy_short(w, p, n);
	return w + n;
}

/* An integer that may be missing (NULL). */
static char *put_opt_int(char *w, bool present, long long v)
{
	return present ? put_int(w, v) : put_null(w);
}

/* YYYY-MM-DD, or NULL; the transform only makes dates of years 1800 to 2200. */
static char *put_date(char *w, const struct date *d)
{
	if (!d->set)
		return put_null(w);
	memcpy(w, digit_pairs + 2 * (d->y / 100 % 100), 2);
	memcpy(w + 2, digit_pairs + 2 * (d->y % 100), 2);
	w[4] = '-';
	memcpy(w + 5, digit_pairs + 2 * d->m, 2);
	w[7] = '-';
	memcpy(w + 8, digit_pairs + 2 * d->d, 2);
	return w + 10;
}

/* The separator before every column but the first. */
static char *tab(char *w)
{
	*w = '\t';
	return w + 1;
}

static void note_period(struct transform *t, const struct date *from, const struct date *to)
{
	long a, b;

	if (!from->set)
		return;
	a = from->y * 10000L + from->m * 100 + from->d;
	b = to && to->set ? to->y * 10000L + to->m * 100 + to->d : a;
	if (t->period_min == 0 || a < t->period_min)
		t->period_min = a;
	if (b > t->period_max)
		t->period_max = b;
}

/* A value or NULL when absent or empty after trimming spaces. */
static const char *value(const struct raw_record *rec, enum field_id f)
{
	const char *v = rec->value[f];

	if (v == NULL)
		return NULL;
	while (*v == ' ')
		v++;
	return *v ? v : NULL;
}

static size_t digit_count(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += is_digit(*s);
	return n;
}

static int reject(struct transform *t, struct reject *r, const struct raw_record *rec,
                  enum field_id field, const char *reason, const char *fmt, const char *shown)
{
	const char *v = (int)field >= 0 ? rec->value[field] : NULL;

	r->line = (int)field >= 0 && rec->value_line[field] ? rec->value_line[field] : rec->line;
	r->field = (int)field >= 0 ? field_name(field) : "";
	r->reason = reason;
	if (v && field != FIELD_PERSON_ID && field != FIELD_CO_PERSON_ID &&
	    pnr_scan_mask_str(v, t->masked, sizeof(t->masked)) > 0) {
		r->value_masked = t->masked; /* the text around the number stays */
	} else if (v && (field == FIELD_PERSON_ID || field == FIELD_CO_PERSON_ID ||
	                 digit_count(v) >= 10)) {
		/* an identity number, or something that could hide one */
		pnr_mask(v, strlen(v), t->masked, sizeof(t->masked));
		r->value_masked = t->masked;
	} else if (v) {
		snprintf(t->masked, sizeof(t->masked), "%.60s", v);
		r->value_masked = t->masked;
	} else {
		r->value_masked = NULL;
	}
	snprintf(t->message, sizeof(t->message), fmt, shown ? shown : "");
	r->message = t->message;
	return 0;
}

/* The message of a reject of parse_amount_ore()'s reason. */
static const char *amount_message(const char *reason)
{
	if (strcmp(reason, "amount_out_of_range") == 0)
		return "The amount is out of range: more than 10^15 kronor either way.%s";
	return "The amount is not an amount in kronor with at most two decimals.%s";
}

static int get_date(struct transform *t, const struct raw_record *rec, enum field_id f,
                    struct date *d, bool *month_only, struct reject *r, bool *failed)
{
	const char *v = value(rec, f);
	int found;

	d->set = false;
	*month_only = false;
	if (v == NULL)
		return 0;
	if (t->iso_dates_first && iso_date(v, &d->y, &d->m, &d->d)) {
		d->set = true; /* what parse_date_value() would find first */
		return 0;
	}
	found = parse_date_value(v, (const char *const *)t->def->date_formats,
	                         t->def->date_format_count, &d->y, &d->m, &d->d, month_only);
	if (found == DATE_IMPOSSIBLE) {
		char why[96];

		*failed = true;
		if (d->y < 1800 || d->y > 2200)
			snprintf(why, sizeof(why), "the year %d is outside 1800 to 2200", d->y);
		else if (d->m < 1 || d->m > 12)
			snprintf(why, sizeof(why), "there is no month %d", d->m);
		else
			snprintf(why, sizeof(why), "month %d of %d has %d days", d->m, d->y,
			         calendar_days_in_month(d->y, d->m));
		return reject(t, r, rec, f, "impossible_date", "The date is impossible: %s.", why);
	}
	if (found != DATE_OK) {
		*failed = true;
		return reject(t, r, rec, f, "invalid_date",
		              "The date does not match the source's date formats (%s).",
		              t->def->date_formats[0]);
	}
	d->set = true;
	return 0;
}

/* period_start and period_end: a month-only date starts on the 1st and
 * ends on the month's last day, and a month-only start with no end covers
 * the month.  0, or -1 with *r filled. */
static int get_period(struct transform *t, const struct raw_record *rec, struct date *start,
                      struct date *end, struct reject *r)
{
	bool month_only_start, month_only_end, failed = false;

	get_date(t, rec, FIELD_PERIOD_START, start, &month_only_start, r, &failed);
	if (!failed)
		get_date(t, rec, FIELD_PERIOD_END, end, &month_only_end, r, &failed);
	if (failed)
		return -1;
	if (end->set && month_only_end)
		end->d = calendar_days_in_month(end->y, end->m);
	if (!end->set && month_only_start) {
		*end = *start;
		end->d = calendar_days_in_month(end->y, end->m);
	}
	return 0;
}

static bool get_int(const char *v, long min, long max, long *out)
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

static const char negative_message[] =
    "The value is negative (negative quantity) and the source does not allow corrections "
    "(allow_negative = yes).%s";

/* A count or population: a whole number of at most 10^8, below 0 only when
 * the source allows negatives; false with *why a reason code. */
static bool get_count(const struct transform *t, const char *v, long *out, const char **why)
{
	if (!get_int(v, -100000000, 100000000, out)) {
		*why = "invalid_count";
		return false;
	}
	if (*out < 0 && !t->def->allow_negative) {
		*why = "negative_quantity";
		return false;
	}
	return true;
}

static const char *count_message(const char *why)
{
	if (strcmp(why, "negative_quantity") == 0)
		return negative_message;
	return "The count is not a whole number from 0 to 100000000.%s";
}

/* Normalise an exact decimal quantity ("12,5" -> "12.5"); false if not one. */
static bool get_quantity(struct transform *t, const char *v, char *out, size_t size)
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
		} else if ((*p == t->decimal || *p == '.') && !point) {
			out[n++] = '.';
			point = true;
		} else if (*p == ' ' && t->thousands == ' ') {
			continue;
		} else {
			return false;
		}
	}
	out[n] = '\0';
	return digit && *p == '\0';
}

/* The ISO 5218 code of a sex value through [values.sex], or -1.  The last
 * value and its code are remembered: a column of K and M repeats. */
static int map_sex_value(struct transform *t, const char *v)
{
	const char *mapped;
	size_t len;
	int code = -1;

	if (v == NULL)
		return -1;
	len = strlen(v);
	if (len == t->sex_seen_len && same_short(v, t->sex_seen, len))
		return t->sex_seen_code;
	mapped = t->def->sex_values.count ? value_map_get(&t->def->sex_values, v) : v;
	if (mapped && mapped[1] == '\0' &&
	    (mapped[0] == '0' || mapped[0] == '1' || mapped[0] == '2' || mapped[0] == '9'))
		code = mapped[0] - '0';
	if (len > 0 && len <= sizeof(t->sex_seen)) {
		memcpy(t->sex_seen, v, len);
		t->sex_seen_len = len;
		t->sex_seen_code = code;
	}
	return code;
}

/* Parse an identity number as written in a record of year, and pseudonymise
 * a valid one, into e.  Read against the year's last day: whether the person
 * is born after the record's own day is the caller's test. */
static void identify(struct transform *t, const char *id, size_t len, int year,
                     struct cache_entry *e)
{
	const struct pnr_date year_end = {year, 12, 31};

	e->year = year;
	e->valid = pnr_parse(id, len, &year_end, t->def->interim_numbers, &e->number);
	if (e->valid) {
		unsigned char key[PSEUDONYM_BYTES];

		pseudonym_compute(t->key, e->number.canonical, 12, key);
		pseudonym_to_uuid(key, e->uuid);
	}
}

/* A cache slot for an id of at most CACHE_ID_MAX bytes: its first and last
 * eight bytes (all of a 10- to 16-character number), read whole. */
static size_t id_slot(const char *id, size_t len)
{
	uint64_t head = 0, tail = 0, h;

	if (len >= 8) {
		memcpy(&head, id, 8);
		memcpy(&tail, id + len - 8, 8);
	} else {
		size_t i;

		for (i = 0; i < len; i++)
			head = head << 8 | (unsigned char)id[i];
	}
	h = (head ^ len) * 0x9E3779B97F4A7C15u;
	h = (h ^ (h >> 29) ^ tail) * 0xBF58476D1CE4E5B9u;
	return (size_t)(h >> 40) % CACHE_SIZE;
}

/* What the number id says in a record of year, from the cache or computed
 * into it. */
static const struct cache_entry *lookup_person(struct transform *t, const char *id, int year)
{
	size_t len = strlen(id), slot;
	struct cache_entry *e;
	unsigned char bit;

	if (len > CACHE_ID_MAX) {
		identify(t, id, len, year, &t->uncached);
		return &t->uncached;
	}
	if (t->cache == NULL) {
		/* made at the first number: ledgers and population files never need
		 * it; a slot is read only once its bit says it was filled */
		t->cache = xmalloc(CACHE_SIZE * sizeof(*t->cache));
		t->cache_used = xcalloc(CACHE_SIZE / 8, 1);
	}
	slot = id_slot(id, len);
	e = &t->cache[slot];
	bit = (unsigned char)(1u << (slot % 8));
	if (!(t->cache_used[slot / 8] & bit) || e->id_len != len || e->year != year ||
	    !same_short(e->id, id, len)) {
		t->cache_used[slot / 8] |= bit;
		identify(t, id, len, year, e);
		memcpy(e->id, id, len);
		e->id_len = (unsigned char)len;
	}
	return e;
}

/* Code one person: number (or key given by the source) and sex field. */
static void code_person(struct transform *t, const char *id, const char *given_key,
                        const char *sex_value, const struct date *at, struct person *p)
{
	int number_sex = 0, field_sex = map_sex_value(t, sex_value);
	struct sex_decision d;

	memset(p, 0, sizeof(*p));
	p->age = -1;
	p->id_status = 'm';
	if (given_key) {
		char keyed[80];
		unsigned char bin[PSEUDONYM_BYTES];
		int n = snprintf(keyed, sizeof(keyed), "key:%.70s", given_key);

		pseudonym_compute(t->key, keyed, (size_t)n, bin);
		pseudonym_to_uuid(bin, p->key);
		p->has_key = true;
		p->id_status = 'k';
	} else if (id) {
		/* the number is read against the record's date, or without one
		 * against the file's (see transform_new) */
		struct pnr_date on =
		    at->set ? (struct pnr_date){at->y, at->m, at->d} : t->reference;
		const struct cache_entry *e = lookup_person(t, id, on.year);

		if (e->valid && !pnr_born_after(&e->number, &on)) {
			memcpy(p->key, e->uuid, sizeof(p->key));
			p->has_key = true;
			p->id_status = 'v';
			number_sex = e->number.sex;
			p->birth_year = e->number.birth_year;
			p->age = pnr_age(&e->number, &on);
		} else {
			p->id_status = 'i';
			t->counts.id_invalid++;
		}
	}
	d = sexcode_decide(number_sex, field_sex, t->def->sex_precedence);
	p->sex = d.sex;
	p->method = d.method;
	p->conflict = d.conflict;
	t->counts.persons++;
	if (d.sex == 1 || d.sex == 2)
		t->counts.sex_known++;
	if (d.conflict)
		t->counts.sex_conflicts++;
}

/* The totals a correction may not take below zero: the person's (by
 * pseudonym) and the month's, each by service code and cost centre. */
static void add_correction_totals(struct transform *t, const struct raw_record *rec,
                                  const struct person *p, const struct date *start,
                                  const char *quantity)
{
	char key[400];

	snprintf(key, sizeof(key),
	         "the month %04d-%02d of service code \"%.100s\" at cost centre "
	         "\"%.100s\"",
	         start->y, start->m, value(rec, FIELD_SERVICE_CODE), value(rec, FIELD_ORG_CODE));
	totals_add(t->corrections, key, quantity, rec->line);
	if (!p->has_key)
		return;
	snprintf(key, sizeof(key),
	         "the person %.36s for service code \"%.100s\" at cost centre "
	         "\"%.100s\"",
	         p->key, value(rec, FIELD_SERVICE_CODE), value(rec, FIELD_ORG_CODE));
	totals_add(t->corrections, key, quantity, rec->line);
}

static int service_record(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                          struct reject *r)
{
	struct date start, end;
	const char *id = value(rec, FIELD_PERSON_ID), *given = value(rec, FIELD_PERSON_KEY);
	const char *co_id = value(rec, FIELD_CO_PERSON_ID), *qty = value(rec, FIELD_QUANTITY);
	const char *amount = value(rec, FIELD_AMOUNT), *unit = value(rec, FIELD_UNIT);
	char quantity[48], *w;
	const char *texts[5];
	size_t lengths[5];
	long long ore = 0;
	struct person p, co;

	if (id == NULL && given == NULL)
		return reject(t, r, rec, FIELD_PERSON_ID, "missing_field",
		              "The record has no identity number.%s", NULL);
	if (value(rec, FIELD_SERVICE_CODE) == NULL)
		return reject(t, r, rec, FIELD_SERVICE_CODE, "missing_field",
		              "The record has no service code.%s", NULL);
	if (value(rec, FIELD_ORG_CODE) == NULL)
		return reject(t, r, rec, FIELD_ORG_CODE, "missing_field",
		              "The record has no cost centre (org_code).%s", NULL);
	if (value(rec, FIELD_PERIOD_START) == NULL)
		return reject(t, r, rec, FIELD_PERIOD_START, "missing_field",
		              "The record has no start date.%s", NULL);
	if (get_period(t, rec, &start, &end, r) != 0)
		return 0;
	if (end.set &&
	    (end.y * 10000 + end.m * 100 + end.d) < (start.y * 10000 + start.m * 100 + start.d))
		return reject(t, r, rec, FIELD_PERIOD_END, "period_end_before_start",
		              "The end date is before the start date.%s", NULL);
	if (qty && !get_quantity(t, qty, quantity, sizeof(quantity)))
		return reject(t, r, rec, FIELD_QUANTITY, "invalid_number",
		              "The quantity is not a number.%s", NULL);
	if (qty && !t->def->allow_negative && quantity[0] == '-' &&
	    strpbrk(quantity, "123456789") != NULL)
		return reject(t, r, rec, FIELD_QUANTITY, "negative_quantity", negative_message,
		              NULL);
	if (amount) {
		const char *why;

		if (parse_amount_ore(amount, t->decimal, t->thousands, &ore, &why) != 0)
			return reject(t, r, rec, FIELD_AMOUNT, why, amount_message(why), NULL);
	}
	if (unit && t->def->unit_values.count) {
		const char *mapped = value_map_get(&t->def->unit_values, unit);

		if (mapped)
			unit = mapped;
	}
	code_person(t, id, given, value(rec, FIELD_SEX), &start, &p);
	if (co_id)
		code_person(t, co_id, NULL, value(rec, FIELD_CO_SEX), &start, &co);
	note_period(t, &start, end.set ? &end : NULL);
	if (t->corrections && qty)
		add_correction_totals(t, rec, &p, &start, quantity);

	texts[0] = value(rec, FIELD_GENDER_SELF);
	texts[1] = value(rec, FIELD_SERVICE_CODE);
	texts[2] = value(rec, FIELD_ORG_CODE);
	texts[3] = unit;
	texts[4] = value(rec, FIELD_DISTRICT);
	w = row_begin(out, texts, lengths, 5);
	w = put_int(w, rec->line);
	w = put_key(tab(w), &p);
	w = put_int(tab(w), p.sex);
	memcpy(w, (char[]){'\t', p.method, '\t', p.conflict ? 't' : 'f', '\t', p.id_status}, 6);
	w = put_opt_int(tab(w + 6), p.birth_year, p.birth_year);
	w = put_opt_int(tab(w), p.age >= 0, p.age);
	w = put_text(tab(w), texts[0], lengths[0]);
	w = put_text(tab(w), texts[1], lengths[1]);
	w = put_text(tab(w), texts[2], lengths[2]);
	w = put_date(tab(w), &start);
	w = put_date(tab(w), &end);
	w = put_quantity(tab(w), qty ? quantity : NULL);
	w = put_text(tab(w), texts[3], lengths[3]);
	w = put_opt_int(tab(w), amount, ore);
	w = put_text(tab(w), texts[4], lengths[4]);
	if (co_id) {
		w = put_key(tab(w), &co);
		w = put_int(tab(w), co.sex);
		w = put_opt_int(tab(w), co.birth_year, co.birth_year);
		w = put_opt_int(tab(w), co.age >= 0, co.age);
	} else {
		memcpy(w, "\t\\N\t\\N\t\\N\t\\N", 12);
		w += 12;
	}
	row_end(out, w);
	return 1;
}

static int ledger_entry(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                        struct reject *r)
{
	const char *amount = value(rec, FIELD_AMOUNT), *account = value(rec, FIELD_ACCOUNT);
	const char *period = value(rec, FIELD_PERIOD), *qty = value(rec, FIELD_QUANTITY);
	struct date date, from, to;
	bool month_only, failed = false;
	char quantity[48], *w;
	const char *why, *texts[7];
	size_t lengths[7];
	long long ore;
	int year, month, i;

	if (account == NULL)
		return reject(t, r, rec, FIELD_ACCOUNT, "missing_field",
		              "The ledger row has no account.%s", NULL);
	if (amount == NULL)
		return reject(t, r, rec, FIELD_AMOUNT, "missing_field",
		              "The ledger row has no amount.%s", NULL);
	if (parse_amount_ore(amount, t->decimal, t->thousands, &ore, &why) != 0)
		return reject(t, r, rec, FIELD_AMOUNT, why, amount_message(why), NULL);
	get_date(t, rec, FIELD_DATE, &date, &month_only, r, &failed);
	if (failed)
		return 0;
	if (date.set) {
		year = date.y;
		month = date.m;
		from = date;
		to = date;
	} else if (period) {
		long p;
		char digits6[8];
		size_t n = 0;
		const char *c;

		for (c = period; *c && n < 6; c++)
			if (is_digit(*c))
				digits6[n++] = *c;
		digits6[n] = '\0';
		if (n != 6 || !get_int(digits6, 180001, 220012, &p) || p % 100 < 1 || p % 100 > 12)
			return reject(t, r, rec, FIELD_PERIOD, "invalid_period",
			              "The period is not a month YYYYMM.%s", NULL);
		year = (int)(p / 100);
		month = (int)(p % 100);
		from = (struct date){year, month, 1, true};
		to = (struct date){year, month, calendar_days_in_month(year, month), true};
		date.set = false;
	} else {
		return reject(t, r, rec, FIELD_DATE, "missing_field",
		              "The ledger row has neither a date nor a period.%s", NULL);
	}
	if (qty && !get_quantity(t, qty, quantity, sizeof(quantity)))
		qty = NULL; /* a quantity is informative only in the ledger */
	note_period(t, &from, &to);
	texts[0] = account;
	texts[1] = value(rec, FIELD_ORG_CODE);
	texts[2] = value(rec, FIELD_ACTIVITY_CODE);
	texts[3] = value(rec, FIELD_PROJECT);
	texts[4] = value(rec, FIELD_VOUCHER_SERIES);
	texts[5] = value(rec, FIELD_VOUCHER_NUMBER);
	texts[6] = value(rec, FIELD_TEXT);
	w = row_begin(out, texts, lengths, 7);
	w = put_int(w, rec->line);
	w = put_int(tab(w), year);
	w = put_date(tab(w), &date);
	w = put_int(tab(w), year * 100 + month);
	w = put_text(tab(w), texts[0], lengths[0]);
	w = put_int(tab(w), ore);
	for (i = 1; i < 7; i++)
		w = put_text(tab(w), texts[i], lengths[i]);
	w = put_quantity(tab(w), qty ? quantity : NULL);
	row_end(out, w);
	return 1;
}

static int population_row(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                          struct reject *r)
{
	long year, count, age_from, age_to;
	const char *why;
	int sex = map_sex_value(t, value(rec, FIELD_SEX));
	const char *area = value(rec, FIELD_AREA);
	size_t area_length;
	struct date from, to;
	char *w;

	if (!get_int(value(rec, FIELD_YEAR), 1800, 2200, &year))
		return reject(t, r, rec, FIELD_YEAR, "invalid_year", "The year is not a year.%s",
		              NULL);
	if (sex < 0)
		return reject(t, r, rec, FIELD_SEX, "invalid_sex",
		              "The sex is not one the source's [values.sex] knows.%s", NULL);
	if (value(rec, FIELD_AGE)) {
		if (!get_int(value(rec, FIELD_AGE), 0, 130, &age_from))
			return reject(t, r, rec, FIELD_AGE, "invalid_age",
			              "The age is not a whole number from 0 to 130.%s", NULL);
		age_to = age_from;
	} else if (!get_int(value(rec, FIELD_AGE_FROM), 0, 130, &age_from) ||
	           !get_int(value(rec, FIELD_AGE_TO), 0, 130, &age_to) || age_to < age_from) {
		return reject(t, r, rec, FIELD_AGE_FROM, "invalid_age",
		              "The age band is not two ages from 0 to 130 in order.%s", NULL);
	}
	if (!get_count(t, value(rec, FIELD_COUNT), &count, &why))
		return reject(t, r, rec, FIELD_COUNT, why, count_message(why), NULL);
	from = (struct date){(int)year, 1, 1, true};
	to = (struct date){(int)year, 12, 31, true};
	note_period(t, &from, &to);
	w = row_begin(out, &area, &area_length, 1);
	w = put_int(w, rec->line);
	w = put_int(tab(w), year);
	w = put_int(tab(w), sex);
	w = put_int(tab(w), age_from);
	w = put_int(tab(w), age_to);
	w = put_int(tab(w), count);
	w = put_text(tab(w), area, area_length);
	row_end(out, w);
	return 1;
}

static void aggregate_line(const struct raw_record *rec, struct strbuf *out,
                           const struct date *start, const struct date *end, int sex, long count)
{
	const char *texts[3] = {value(rec, FIELD_ORG_CODE), value(rec, FIELD_ACTIVITY_CODE),
	                        value(rec, FIELD_SERVICE_CODE)};
	size_t lengths[3];
	char *w = row_begin(out, texts, lengths, 3);

	w = put_int(w, rec->line);
	w = put_date(tab(w), start);
	w = put_date(tab(w), end);
	w = put_text(tab(w), texts[0], lengths[0]);
	w = put_text(tab(w), texts[1], lengths[1]);
	w = put_text(tab(w), texts[2], lengths[2]);
	w = put_int(tab(w), sex);
	w = put_int(tab(w), count);
	row_end(out, w);
}

static int aggregate_rows(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                          struct reject *r)
{
	struct date start, end;
	static const enum field_id per_sex[3] = {FIELD_COUNT_WOMEN, FIELD_COUNT_MEN,
	                                         FIELD_COUNT_UNKNOWN};
	static const int sex_of[3] = {2, 1, 0};
	long counts[3];
	bool present[3];
	const char *why;
	int i, rows = 0;

	if (value(rec, FIELD_PERIOD_START) == NULL)
		return reject(t, r, rec, FIELD_PERIOD_START, "missing_field",
		              "The record has no start date.%s", NULL);
	if (value(rec, FIELD_ORG_CODE) == NULL)
		return reject(t, r, rec, FIELD_ORG_CODE, "missing_field",
		              "The record has no cost centre (org_code).%s", NULL);
	if (value(rec, FIELD_ACTIVITY_CODE) == NULL && value(rec, FIELD_SERVICE_CODE) == NULL)
		return reject(t, r, rec, FIELD_ACTIVITY_CODE, "missing_field",
		              "The record has neither an activity nor a service code.%s", NULL);
	if (get_period(t, rec, &start, &end, r) != 0)
		return 0;
	if (t->def->fields[FIELD_COUNT_WOMEN].type != REF_NONE) {
		for (i = 0; i < 3; i++) {
			const char *v = value(rec, per_sex[i]);

			present[i] = v != NULL;
			if (v == NULL)
				continue;
			if (!get_count(t, v, &counts[i], &why))
				return reject(t, r, rec, per_sex[i], why, count_message(why), NULL);
		}
		note_period(t, &start, end.set ? &end : NULL);
		for (i = 0; i < 3; i++) {
			if (!present[i])
				continue;
			aggregate_line(rec, out, &start, &end, sex_of[i], counts[i]);
			rows++;
		}
		if (rows == 0)
			return reject(t, r, rec, FIELD_COUNT_WOMEN, "missing_field",
			              "The record has no counts.%s", NULL);
		return rows;
	}
	{
		int sex = map_sex_value(t, value(rec, FIELD_SEX));
		long count;

		if (sex < 0)
			return reject(t, r, rec, FIELD_SEX, "invalid_sex",
			              "The sex is not one the source's [values.sex] knows.%s",
			              NULL);
		if (!get_count(t, value(rec, FIELD_COUNT), &count, &why))
			return reject(t, r, rec, FIELD_COUNT, why, count_message(why), NULL);
		note_period(t, &start, end.set ? &end : NULL);
		aggregate_line(rec, out, &start, &end, sex, count);
		return 1;
	}
}

/* A budget row: fiscal year (the year field, else the period's), an optional
 * month (period: YYYYMM, or a month 1-12 with the year), the codes, the
 * amount and the version (the source's name when the source maps none). */
static int budget_row(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                      struct reject *r)
{
	const char *amount = value(rec, FIELD_AMOUNT), *period = value(rec, FIELD_PERIOD);
	const char *year_text = value(rec, FIELD_YEAR), *why, *texts[5];
	size_t lengths[5];
	long long ore;
	long year = 0, p = 0;
	int month = 0;
	struct date from, to;
	char *w;

	if (amount == NULL)
		return reject(t, r, rec, FIELD_AMOUNT, "missing_field",
		              "The budget row has no amount.%s", NULL);
	if (parse_amount_ore(amount, t->decimal, t->thousands, &ore, &why) != 0)
		return reject(t, r, rec, FIELD_AMOUNT, why, amount_message(why), NULL);
	if (year_text && !get_int(year_text, 1800, 2200, &year))
		return reject(t, r, rec, FIELD_YEAR, "invalid_year", "The year is not a year.%s",
		              NULL);
	if (period) {
		char d[8];
		size_t n = 0;
		const char *c;

		for (c = period; *c && n < 7; c++)
			if (is_digit(*c))
				d[n++] = *c;
		d[n] = '\0';
		if (n == 6 && get_int(d, 180001, 220012, &p) && p % 100 >= 1 && p % 100 <= 12) {
			month = (int)(p % 100);
			if (year == 0)
				year = p / 100;
		} else if (n >= 1 && n <= 2 && year != 0 && get_int(d, 1, 12, &p)) {
			month = (int)p;
			p = year * 100 + month;
		} else {
			return reject(
			    t, r, rec, FIELD_PERIOD, "invalid_period",
			    "The period is not a month YYYYMM (or 1 to 12 with the year).%s", NULL);
		}
	}
	if (year == 0)
		return reject(t, r, rec, FIELD_YEAR, "missing_field",
		              "The budget row has neither a fiscal year nor a period.%s", NULL);
	if (month) {
		from = (struct date){(int)(p / 100), month, 1, true};
		to = (struct date){(int)(p / 100), month,
		                   calendar_days_in_month((int)(p / 100), month), true};
	} else {
		from = (struct date){(int)year, 1, 1, true};
		to = (struct date){(int)year, 12, 31, true};
	}
	note_period(t, &from, &to);
	texts[0] = value(rec, FIELD_ORG_CODE);
	texts[1] = value(rec, FIELD_COMMITTEE_CODE);
	texts[2] = value(rec, FIELD_ACTIVITY_CODE);
	texts[3] = value(rec, FIELD_ACCOUNT);
	texts[4] = value(rec, FIELD_BUDGET_VERSION);
	if (texts[4] == NULL)
		texts[4] = t->def->name;
	w = row_begin(out, texts, lengths, 5);
	w = put_int(w, rec->line);
	w = put_int(tab(w), year);
	w = put_opt_int(tab(w), month != 0, p);
	w = put_text(tab(w), texts[0], lengths[0]);
	w = put_text(tab(w), texts[1], lengths[1]);
	w = put_text(tab(w), texts[2], lengths[2]);
	w = put_text(tab(w), texts[3], lengths[3]);
	w = put_int(tab(w), ore);
	w = put_text(tab(w), texts[4], lengths[4]);
	row_end(out, w);
	return 1;
}

int transform_record(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                     struct reject *r)
{
	struct raw_record masked;
	int scan;

	if (rec->problem_code) {
		enum field_id f = (enum field_id)rec->problem_field;
		const char *v = (int)f >= 0 ? rec->value[f] : NULL;

		r->line = (int)f >= 0 && rec->value_line[f] ? rec->value_line[f] : rec->line;
		r->field = (int)f >= 0 ? field_name(f) : "";
		r->reason = rec->problem_code;
		r->value_masked = NULL;
		if (v && (f == FIELD_PERSON_ID || f == FIELD_CO_PERSON_ID)) {
			pnr_mask(v, strlen(v), t->masked, sizeof(t->masked));
			r->value_masked = t->masked;
		}
		snprintf(t->message, sizeof(t->message), "%s", rec->problem_detail);
		r->message = t->message;
		return 0;
	}
	/* identity numbers outside the identity fields (pnr_scan.h) */
	scan = pnr_scan_record(&t->scan_plan, rec, &masked, &t->scanned);
	if (scan >= 0)
		return reject(t, r, rec, (enum field_id)scan, PNR_SCAN_REJECT_REASON,
		              "Only person_id and co_person_id may hold an identity number.%s",
		              NULL);
	if (scan == PNR_SCAN_MASKED)
		rec = &masked;
	switch (t->def->kind) {
	case KIND_SERVICE:
		return service_record(t, rec, out, r);
	case KIND_LEDGER:
		return ledger_entry(t, rec, out, r);
	case KIND_POPULATION:
		return population_row(t, rec, out, r);
	case KIND_AGGREGATE:
		return aggregate_rows(t, rec, out, r);
	case KIND_BUDGET:
		return budget_row(t, rec, out, r);
	default:
		return reject(t, r, rec, (enum field_id) - 1, "unknown_kind", "Unknown kind.%s",
		              NULL);
	}
}

int transform_check_totals(const struct transform *t, long *line, const char **what)
{
	*what = t->corrections ? totals_first_negative(t->corrections, line) : NULL;
	return *what ? -1 : 0;
}

void transform_counts(const struct transform *t, struct batch_trailer *counts)
{
	counts->persons = t->counts.persons;
	counts->sex_known = t->counts.sex_known;
	counts->sex_conflicts = t->counts.sex_conflicts;
	counts->id_invalid = t->counts.id_invalid;
	counts->period_min[0] = counts->period_max[0] = '\0';
	if (t->period_min) {
		struct date a = {(int)(t->period_min / 10000), (int)(t->period_min / 100 % 100),
		                 (int)(t->period_min % 100), true};
		struct date b = {(int)(t->period_max / 10000), (int)(t->period_max / 100 % 100),
		                 (int)(t->period_max % 100), true};

		*put_date(counts->period_min, &a) = '\0';
		*put_date(counts->period_max, &b) = '\0';
	}
}
