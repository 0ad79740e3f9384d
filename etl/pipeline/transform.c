/*
 * transform.c — judging a record, sex coding and pseudonymisation
 * (transform.h); the rows of each kind are built in transform_rows.c.
 */
#include "transform.h"
#include "calendar.h"
#include "person_cache.h"
#include "pnr_scan.h"
#include "sexcode.h"
#include "totals.h"
#include "transform_rows.h"
#include "value_parse.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct transform {
	const struct source_def *def;
	const struct pseudonym_key *key;
	struct pnr_date reference;
	char decimal, thousands;
	struct person_cache *persons; /* made at the first number */
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
	if (t == NULL)
		return;
	person_cache_free(t->persons);
	totals_free(t->corrections);
	strbuf_release(&t->scanned);
	free(t);
}

const struct source_def *transform_def(const struct transform *t)
{
	return t->def;
}

/* --- judging values -------------------------------------------------------- */

static size_t digit_count(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s >= '0' && *s <= '9';
	return n;
}

int transform_reject(struct transform *t, struct reject *r, const struct raw_record *rec,
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

bool transform_amount(struct transform *t, const struct raw_record *rec, enum field_id f,
                      long long *ore, struct reject *r)
{
	const char *why;

	if (parse_amount_ore(transform_value(rec, f), t->decimal, t->thousands, ore, &why) == 0)
		return true;
	transform_reject(t, r, rec, f, why, amount_message(why), NULL);
	return false;
}

bool transform_date(struct transform *t, const struct raw_record *rec, enum field_id f,
                    struct date *d, bool *month_only, struct reject *r)
{
	const char *v = transform_value(rec, f);
	int found;

	d->set = false;
	*month_only = false;
	if (v == NULL)
		return true;
	if (t->iso_dates_first && date_parse_record_iso(v, d))
		return true; /* what date_parse_formats() would find first */
	found = date_parse_formats(v, (const char *const *)t->def->date_formats,
	                           t->def->date_format_count, &d->y, &d->m, &d->d, month_only);
	if (found == DATE_IMPOSSIBLE) {
		char why[96];

		if (d->y < DATE_YEAR_MIN || d->y > DATE_YEAR_MAX)
			snprintf(why, sizeof(why), "the year %d is outside %d to %d", d->y,
			         DATE_YEAR_MIN, DATE_YEAR_MAX);
		else if (d->m < 1 || d->m > 12)
			snprintf(why, sizeof(why), "there is no month %d", d->m);
		else
			snprintf(why, sizeof(why), "month %d of %d has %d days", d->m, d->y,
			         calendar_days_in_month(d->y, d->m));
		transform_reject(t, r, rec, f, "impossible_date", "The date is impossible: %s.",
		                 why);
		return false;
	}
	if (found != DATE_OK) {
		transform_reject(t, r, rec, f, "invalid_date",
		                 "The date does not match the source's date formats (%s).",
		                 t->def->date_formats[0]);
		return false;
	}
	d->set = true;
	return true;
}

bool transform_period(struct transform *t, const struct raw_record *rec, struct date *start,
                      struct date *end, struct reject *r)
{
	bool month_only_start, month_only_end;

	if (!transform_date(t, rec, FIELD_PERIOD_START, start, &month_only_start, r) ||
	    !transform_date(t, rec, FIELD_PERIOD_END, end, &month_only_end, r))
		return false;
	if (end->set && month_only_end)
		end->d = calendar_days_in_month(end->y, end->m);
	if (!end->set && month_only_start) {
		*end = *start;
		end->d = calendar_days_in_month(end->y, end->m);
	}
	return true;
}

void transform_note_period(struct transform *t, const struct date *from, const struct date *to)
{
	long a, b;

	if (!from->set)
		return;
	a = date_number(from);
	b = to && to->set ? date_number(to) : a;
	if (t->period_min == 0 || a < t->period_min)
		t->period_min = a;
	if (b > t->period_max)
		t->period_max = b;
}

const char transform_negative_message[] =
    "The value is negative (negative quantity) and the source does not allow corrections "
    "(allow_negative = yes).%s";

bool transform_count(struct transform *t, const struct raw_record *rec, enum field_id f, long *out,
                     struct reject *r)
{
	if (!parse_int_range(transform_value(rec, f), -100000000, 100000000, out)) {
		transform_reject(t, r, rec, f, "invalid_count",
		                 "The count is not a whole number from 0 to 100000000.%s", NULL);
		return false;
	}
	if (*out < 0 && !t->def->allow_negative) {
		transform_reject(t, r, rec, f, "negative_quantity", transform_negative_message,
		                 NULL);
		return false;
	}
	return true;
}

bool transform_quantity(const struct transform *t, const char *v, char *out, size_t size)
{
	return parse_quantity(v, t->decimal, t->thousands, out, size);
}

/* --- persons --------------------------------------------------------------- */

int transform_sex_value(struct transform *t, const char *v)
{
	const char *mapped;
	size_t len;
	int code = -1;

	/* the last value and its code are remembered: a column of K and M repeats */
	if (v == NULL)
		return -1;
	len = strlen(v);
	if (len == t->sex_seen_len && memcmp(v, t->sex_seen, len) == 0)
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

void transform_code_person(struct transform *t, const char *id, const char *given_key,
                           const char *sex_value, const struct date *at, struct person *p)
{
	int number_sex = 0, field_sex = transform_sex_value(t, sex_value);
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
		const struct person_number *e;

		if (t->persons == NULL)
			t->persons = person_cache_new(t->key, t->def->interim_numbers);
		e = person_cache_lookup(t->persons, id, on.year);
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

void transform_add_corrections(struct transform *t, const struct raw_record *rec,
                               const struct person *p, const struct date *start,
                               const char *quantity)
{
	char key[400];

	snprintf(key, sizeof(key),
	         "the month %04d-%02d of service code \"%.100s\" at cost centre "
	         "\"%.100s\"",
	         start->y, start->m, transform_value(rec, FIELD_SERVICE_CODE),
	         transform_value(rec, FIELD_ORG_CODE));
	totals_add(t->corrections, key, quantity, rec->line);
	if (!p->has_key)
		return;
	snprintf(key, sizeof(key),
	         "the person %.36s for service code \"%.100s\" at cost centre "
	         "\"%.100s\"",
	         p->key, transform_value(rec, FIELD_SERVICE_CODE),
	         transform_value(rec, FIELD_ORG_CODE));
	totals_add(t->corrections, key, quantity, rec->line);
}

bool transform_corrections_kept(const struct transform *t)
{
	return t->corrections != NULL;
}

/* --- a record -------------------------------------------------------------- */

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
		return transform_reject(
		    t, r, rec, (enum field_id)scan, PNR_SCAN_REJECT_REASON,
		    "Only person_id and co_person_id may hold an identity number.%s", NULL);
	if (scan == PNR_SCAN_MASKED)
		rec = &masked;
	switch (t->def->kind) {
	case KIND_SERVICE:
		return transform_service_record(t, rec, out, r);
	case KIND_LEDGER:
		return transform_ledger_entry(t, rec, out, r);
	case KIND_POPULATION:
		return transform_population_row(t, rec, out, r);
	case KIND_AGGREGATE:
		return transform_aggregate_rows(t, rec, out, r);
	case KIND_BUDGET:
		return transform_budget_row(t, rec, out, r);
	default:
		return transform_reject(t, r, rec, (enum field_id) - 1, "unknown_kind",
		                        "Unknown kind.%s", NULL);
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
		*date_put_iso(counts->period_min, (int)(t->period_min / 10000),
		              (int)(t->period_min / 100 % 100), (int)(t->period_min % 100)) = '\0';
		*date_put_iso(counts->period_max, (int)(t->period_max / 10000),
		              (int)(t->period_max / 100 % 100), (int)(t->period_max % 100)) = '\0';
	}
}
