/*
 * transform.c — validation, sex coding and pseudonymisation (transform.h).
 */
#include "transform.h"
#include "pseudonym.h"
#include "sexcode.h"
#include "xalloc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_SIZE 65536 /* direct-mapped cache: canonical number -> pseudonym */

struct cache_entry {
	char canonical[12];
	unsigned char key[PSEUDONYM_BYTES];
	bool used;
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
	struct batch_trailer counts;
	long period_min, period_max; /* YYYYMMDD as numbers, 0 = none yet */
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
	t->cache = xcalloc(CACHE_SIZE, sizeof(*t->cache));
	return t;
}

void transform_free(struct transform *t)
{
	if (t == NULL)
		return;
	free(t->cache);
	free(t);
}

/* --- value parsers --------------------------------------------------------- */

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
			if (units > (LLONG_MAX - 9) / 10)
				return -1;
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
	for (; decimals < 2; decimals++) {
		if (units > LLONG_MAX / 10)
			return -1;
		units *= 10;
	}
	*ore = negative ? -units : units;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
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

static bool match_format(const char *s, const char *fmt, int *y, int *m, int *d, bool *month_only)
{
	const char *p = s;

	*d = 0;
	*month_only = true;
	for (; *fmt; fmt++) {
		if (*fmt == '%') {
			fmt++;
			if (*fmt == 'Y' && !digits(&p, 4, y))
				return false;
			if (*fmt == 'm' && !digits(&p, 2, m))
				return false;
			if (*fmt == 'd') {
				if (!digits(&p, 2, d))
					return false;
				*month_only = false;
			}
		} else if (*p++ != *fmt) {
			return false;
		}
	}
	/* a time of day after a full date is allowed and ignored */
	if (*p != '\0' && !(*month_only == false && (*p == ' ' || *p == 'T')))
		return false;
	if (*y < 1800 || *y > 2200 || *m < 1 || *m > 12)
		return false;
	if (*month_only)
		*d = 1;
	return *d >= 1 && *d <= days_in_month(*y, *m);
}

int parse_date_value(const char *s, const char *const *formats, size_t nformats, int *year,
                     int *month, int *day, bool *month_only)
{
	size_t i;

	while (*s == ' ')
		s++;
	for (i = 0; i < nformats; i++)
		if (match_format(s, formats[i], year, month, day, month_only))
			return 0;
	return -1;
}

/* --- row building ---------------------------------------------------------- */

struct date {
	int y, m, d;
	bool set;
};

static void add_sep(struct strbuf *out)
{
	strbuf_addch(out, '\t');
}

static void add_null(struct strbuf *out)
{
	strbuf_add(out, "\\N", 2);
}

static void add_text(struct strbuf *out, const char *s)
{
	const char *p, *run;

	if (s == NULL) {
		add_null(out);
		return;
	}
	/* copy runs of ordinary bytes whole; escape \\, tab, newline, CR */
	for (p = run = s; *p; p++) {
		char c = *p;

		if (c != '\\' && c != '\t' && c != '\n' && c != '\r')
			continue;
		strbuf_add(out, run, (size_t)(p - run));
		strbuf_addch(out, '\\');
		strbuf_addch(out, c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\');
		run = p + 1;
	}
	strbuf_add(out, run, (size_t)(p - run));
}

static void add_int(struct strbuf *out, long long v)
{
	char buf[24];
	int n = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do {
		buf[sizeof(buf) - 1 - n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		buf[sizeof(buf) - 1 - n++] = '-';
	strbuf_add(out, buf + sizeof(buf) - n, (size_t)n);
}

static void add_date(struct strbuf *out, const struct date *d)
{
	char buf[10] = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0'};

	if (!d->set) {
		add_null(out);
		return;
	}
	buf[0] = (char)('0' + d->y / 1000 % 10);
	buf[1] = (char)('0' + d->y / 100 % 10);
	buf[2] = (char)('0' + d->y / 10 % 10);
	buf[3] = (char)('0' + d->y % 10);
	buf[5] = (char)('0' + d->m / 10);
	buf[6] = (char)('0' + d->m % 10);
	buf[8] = (char)('0' + d->d / 10);
	buf[9] = (char)('0' + d->d % 10);
	strbuf_add(out, buf, 10);
}

/* The next column: a tab, then the value. */
static void col_text(struct strbuf *out, const char *s)
{
	add_sep(out);
	add_text(out, s);
}

static void col_int(struct strbuf *out, long long v)
{
	add_sep(out);
	add_int(out, v);
}

static void col_date(struct strbuf *out, const struct date *d)
{
	add_sep(out);
	add_date(out, d);
}

/* An integer that may be missing (NULL). */
static void col_opt_int(struct strbuf *out, bool present, long long v)
{
	add_sep(out);
	if (present)
		add_int(out, v);
	else
		add_null(out);
}

/* Text that needs no escaping (keys, numbers), or NULL. */
static void col_raw(struct strbuf *out, const char *s)
{
	add_sep(out);
	if (s)
		strbuf_addstr(out, s);
	else
		add_null(out);
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

	r->line = rec->line;
	r->field = (int)field >= 0 ? field_name(field) : "";
	r->reason = reason;
	if (v &&
	    (field == FIELD_PERSON_ID || field == FIELD_CO_PERSON_ID || digit_count(v) >= 10)) {
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

static int get_date(struct transform *t, const struct raw_record *rec, enum field_id f,
                    struct date *d, bool *month_only, struct reject *r, bool *failed)
{
	const char *v = value(rec, f);

	d->set = false;
	*month_only = false;
	if (v == NULL)
		return 0;
	if (parse_date_value(v, (const char *const *)t->def->date_formats,
	                     t->def->date_format_count, &d->y, &d->m, &d->d, month_only) != 0) {
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
		end->d = days_in_month(end->y, end->m);
	if (!end->set && month_only_start) {
		*end = *start;
		end->d = days_in_month(end->y, end->m);
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

static int map_sex_value(const struct transform *t, const char *v)
{
	const char *mapped;

	if (v == NULL)
		return -1;
	mapped = t->def->sex_values.count ? value_map_get(&t->def->sex_values, v) : v;
	if (mapped == NULL || mapped[1] != '\0')
		return -1;
	if (mapped[0] == '0' || mapped[0] == '1' || mapped[0] == '2' || mapped[0] == '9')
		return mapped[0] - '0';
	return -1;
}

static void pseudonym_of(struct transform *t, const char *canonical, char uuid[])
{
	unsigned int h = 2166136261u;
	struct cache_entry *e;
	int i;

	for (i = 0; i < 12; i++)
		h = (h ^ (unsigned char)canonical[i]) * 16777619u;
	e = &t->cache[h % CACHE_SIZE];
	if (!e->used || memcmp(e->canonical, canonical, 12) != 0) {
		pseudonym_compute(t->key, canonical, 12, e->key);
		memcpy(e->canonical, canonical, 12);
		e->used = true;
	}
	pseudonym_to_uuid(e->key, uuid);
}

/* Code one person: number (or key given by the source) and sex field. */
static void code_person(struct transform *t, const char *id, const char *given_key,
                        const char *sex_value, const struct date *at, struct person *p)
{
	struct pnr number;
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
		if (pnr_parse(id, strlen(id), &t->reference, t->def->interim_numbers, &number)) {
			pseudonym_of(t, number.canonical, p->key);
			p->has_key = true;
			p->id_status = 'v';
			number_sex = number.sex;
			p->birth_year = number.birth_year;
			if (at->set) {
				struct pnr_date on = {at->y, at->m, at->d};

				p->age = pnr_age(&number, &on);
			}
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

static int service_record(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                          struct reject *r)
{
	struct date start, end;
	const char *id = value(rec, FIELD_PERSON_ID), *given = value(rec, FIELD_PERSON_KEY);
	const char *co_id = value(rec, FIELD_CO_PERSON_ID), *qty = value(rec, FIELD_QUANTITY);
	const char *amount = value(rec, FIELD_AMOUNT), *unit = value(rec, FIELD_UNIT);
	char quantity[48];
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
	if (amount) {
		const char *why;

		if (parse_amount_ore(amount, t->decimal, t->thousands, &ore, &why) != 0)
			return reject(t, r, rec, FIELD_AMOUNT, why,
			              "The amount is not an amount in kronor with at most two "
			              "decimals.%s",
			              NULL);
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

	add_int(out, rec->line);
	col_raw(out, p.has_key ? p.key : NULL);
	col_int(out, p.sex);
	col_raw(out, (char[]){p.method, '\t', p.conflict ? 't' : 'f', '\t', p.id_status, '\0'});
	col_opt_int(out, p.birth_year, p.birth_year);
	col_opt_int(out, p.age >= 0, p.age);
	col_text(out, value(rec, FIELD_GENDER_SELF));
	col_text(out, value(rec, FIELD_SERVICE_CODE));
	col_text(out, value(rec, FIELD_ORG_CODE));
	col_date(out, &start);
	col_date(out, &end);
	col_raw(out, qty ? quantity : NULL);
	col_text(out, unit);
	col_opt_int(out, amount, ore);
	col_text(out, value(rec, FIELD_DISTRICT));
	if (co_id) {
		col_raw(out, co.has_key ? co.key : NULL);
		col_int(out, co.sex);
		col_opt_int(out, co.birth_year, co.birth_year);
		col_opt_int(out, co.age >= 0, co.age);
	} else {
		strbuf_addstr(out, "\t\\N\t\\N\t\\N\t\\N");
	}
	strbuf_addch(out, '\n');
	return 1;
}

static int ledger_entry(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                        struct reject *r)
{
	const char *amount = value(rec, FIELD_AMOUNT), *account = value(rec, FIELD_ACCOUNT);
	const char *period = value(rec, FIELD_PERIOD), *qty = value(rec, FIELD_QUANTITY);
	struct date date, from, to;
	bool month_only, failed = false;
	char quantity[48];
	long long ore;
	const char *why;
	int year, month;

	if (account == NULL)
		return reject(t, r, rec, FIELD_ACCOUNT, "missing_field",
		              "The ledger row has no account.%s", NULL);
	if (amount == NULL)
		return reject(t, r, rec, FIELD_AMOUNT, "missing_field",
		              "The ledger row has no amount.%s", NULL);
	if (parse_amount_ore(amount, t->decimal, t->thousands, &ore, &why) != 0)
		return reject(t, r, rec, FIELD_AMOUNT, why,
		              "The amount is not an amount in kronor with at most two decimals.%s",
		              NULL);
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
		to = (struct date){year, month, days_in_month(year, month), true};
		date.set = false;
	} else {
		return reject(t, r, rec, FIELD_DATE, "missing_field",
		              "The ledger row has neither a date nor a period.%s", NULL);
	}
	if (qty && !get_quantity(t, qty, quantity, sizeof(quantity)))
		qty = NULL; /* a quantity is informative only in the ledger */
	note_period(t, &from, &to);
	add_int(out, rec->line);
	col_int(out, year);
	col_date(out, &date);
	col_int(out, year * 100 + month);
	col_text(out, account);
	col_int(out, ore);
	col_text(out, value(rec, FIELD_ORG_CODE));
	col_text(out, value(rec, FIELD_ACTIVITY_CODE));
	col_text(out, value(rec, FIELD_PROJECT));
	col_text(out, value(rec, FIELD_VOUCHER_SERIES));
	col_text(out, value(rec, FIELD_VOUCHER_NUMBER));
	col_text(out, value(rec, FIELD_TEXT));
	col_raw(out, qty ? quantity : NULL);
	strbuf_addch(out, '\n');
	return 1;
}

static int population_row(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                          struct reject *r)
{
	long year, count, age_from, age_to;
	int sex = map_sex_value(t, value(rec, FIELD_SEX));
	struct date from, to;

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
	if (!get_int(value(rec, FIELD_COUNT), 0, 100000000, &count))
		return reject(t, r, rec, FIELD_COUNT, "invalid_count",
		              "The count is not a whole number of at least 0.%s", NULL);
	from = (struct date){(int)year, 1, 1, true};
	to = (struct date){(int)year, 12, 31, true};
	note_period(t, &from, &to);
	add_int(out, rec->line);
	col_int(out, year);
	col_int(out, sex);
	col_int(out, age_from);
	col_int(out, age_to);
	col_int(out, count);
	col_text(out, value(rec, FIELD_AREA));
	strbuf_addch(out, '\n');
	return 1;
}

static void aggregate_line(const struct raw_record *rec, struct strbuf *out,
                           const struct date *start, const struct date *end, int sex, long count)
{
	add_int(out, rec->line);
	col_date(out, start);
	col_date(out, end);
	col_text(out, value(rec, FIELD_ORG_CODE));
	col_text(out, value(rec, FIELD_ACTIVITY_CODE));
	col_text(out, value(rec, FIELD_SERVICE_CODE));
	col_int(out, sex);
	col_int(out, count);
	strbuf_addch(out, '\n');
}

static int aggregate_rows(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                          struct reject *r)
{
	struct date start, end;
	static const enum field_id per_sex[3] = {FIELD_COUNT_WOMEN, FIELD_COUNT_MEN,
	                                         FIELD_COUNT_UNKNOWN};
	static const int sex_of[3] = {2, 1, 0};
	long counts[3];
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

			counts[i] = -1;
			if (v == NULL)
				continue;
			if (!get_int(v, 0, 100000000, &counts[i]))
				return reject(t, r, rec, per_sex[i], "invalid_count",
				              "The count is not a whole number of at least 0.%s",
				              NULL);
		}
		note_period(t, &start, end.set ? &end : NULL);
		for (i = 0; i < 3; i++) {
			if (counts[i] < 0)
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
		if (!get_int(value(rec, FIELD_COUNT), 0, 100000000, &count))
			return reject(t, r, rec, FIELD_COUNT, "invalid_count",
			              "The count is not a whole number of at least 0.%s", NULL);
		note_period(t, &start, end.set ? &end : NULL);
		aggregate_line(rec, out, &start, &end, sex, count);
		return 1;
	}
}

int transform_record(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                     struct reject *r)
{
	if (rec->problem_code) {
		enum field_id f = (enum field_id)rec->problem_field;
		const char *v = (int)f >= 0 ? rec->value[f] : NULL;

		r->line = rec->line;
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
	switch (t->def->kind) {
	case KIND_SERVICE:
		return service_record(t, rec, out, r);
	case KIND_LEDGER:
		return ledger_entry(t, rec, out, r);
	case KIND_POPULATION:
		return population_row(t, rec, out, r);
	case KIND_AGGREGATE:
		return aggregate_rows(t, rec, out, r);
	default:
		return reject(t, r, rec, (enum field_id) - 1, "unknown_kind", "Unknown kind.%s",
		              NULL);
	}
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
		struct strbuf sb = STRBUF_INIT;

		add_date(&sb, &a);
		memcpy(counts->period_min, sb.buf, 11);
		strbuf_reset(&sb);
		add_date(&sb, &b);
		memcpy(counts->period_max, sb.buf, 11);
		strbuf_release(&sb);
	}
}
