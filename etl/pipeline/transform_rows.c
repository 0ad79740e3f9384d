/*
 * transform_rows.c — the rows of each record kind (transform_rows.h): the
 * fields a kind requires judged in order (the first fault is the reject),
 * then one COPY text row of the kind's columns (record.h).
 */
#include "calendar.h"
#include "copy_text.h"
#include "transform_rows.h"
#include "value_parse.h"

#include <string.h>

#define value transform_value

/* A field a kind requires, and the reject's message when it is empty. */
struct required {
	enum field_id field;
	const char *message;
};

/* True when every one of the n fields has a value; else false with *r the
 * reject of the first that has none (missing_field). */
static bool has_required(struct transform *t, const struct raw_record *rec, struct reject *r,
                         const struct required *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (value(rec, fields[i].field) == NULL) {
			transform_reject(t, r, rec, fields[i].field, "missing_field",
			                 fields[i].message, NULL);
			return false;
		}
	}
	return true;
}

static const char no_org_code[] = "The record has no cost centre (org_code).%s";
static const char no_start[] = "The record has no start date.%s";

/* The columns of a person in a service row: key and sex, then (after the
 * main person's flags) birth year and age. */
static void person_cols(struct copy_row *row, const struct person *p)
{
	copy_plain(row, p->has_key ? p->key : NULL, PSEUDONYM_UUID_LEN);
	copy_int(row, p->sex);
}

static void age_cols(struct copy_row *row, const struct person *p)
{
	copy_opt_int(row, p->birth_year, p->birth_year);
	copy_opt_int(row, p->age >= 0, p->age);
}

static const struct required service_fields[] = {
    {FIELD_SERVICE_CODE, "The record has no service code.%s"},
    {FIELD_ORG_CODE, no_org_code},
    {FIELD_PERIOD_START, no_start},
};

int transform_service_record(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                             struct reject *r)
{
	const struct source_def *def = transform_def(t);
	struct date start, end;
	const char *id = value(rec, FIELD_PERSON_ID), *given = value(rec, FIELD_PERSON_KEY);
	const char *co_id = value(rec, FIELD_CO_PERSON_ID), *qty = value(rec, FIELD_QUANTITY);
	const char *unit = value(rec, FIELD_UNIT);
	char quantity[48];
	const char *texts[5];
	size_t lengths[5];
	struct copy_row row;
	long long ore = 0;
	struct person p, co;

	if (id == NULL && given == NULL)
		return transform_reject(t, r, rec, FIELD_PERSON_ID, "missing_field",
		                        "The record has no identity number.%s", NULL);
	if (!has_required(t, rec, r, service_fields, 3) ||
	    !transform_period(t, rec, &start, &end, r))
		return 0;
	if (end.set && date_number(&end) < date_number(&start))
		return transform_reject(t, r, rec, FIELD_PERIOD_END, "period_end_before_start",
		                        "The end date is before the start date.%s", NULL);
	if (qty && !transform_quantity(t, qty, quantity, sizeof(quantity)))
		return transform_reject(t, r, rec, FIELD_QUANTITY, "invalid_number",
		                        "The quantity is not a number.%s", NULL);
	if (qty && !def->allow_negative && quantity[0] == '-' &&
	    strpbrk(quantity, "123456789") != NULL)
		return transform_reject(t, r, rec, FIELD_QUANTITY, "negative_quantity",
		                        transform_negative_message, NULL);
	if (value(rec, FIELD_AMOUNT) && !transform_amount(t, rec, FIELD_AMOUNT, &ore, r))
		return 0;
	if (unit && def->unit_values.count) {
		const char *mapped = value_map_get(&def->unit_values, unit);

		if (mapped)
			unit = mapped;
	}
	transform_code_person(t, id, given, value(rec, FIELD_SEX), &start, &p);
	if (co_id)
		transform_code_person(t, co_id, NULL, value(rec, FIELD_CO_SEX), &start, &co);
	transform_note_period(t, &start, end.set ? &end : NULL);
	if (transform_corrections_kept(t) && qty)
		transform_add_corrections(t, rec, &p, &start, quantity);

	texts[0] = value(rec, FIELD_GENDER_SELF);
	texts[1] = value(rec, FIELD_SERVICE_CODE);
	texts[2] = value(rec, FIELD_ORG_CODE);
	texts[3] = unit;
	texts[4] = value(rec, FIELD_DISTRICT);
	copy_row_begin(&row, out, texts, lengths, 5);
	copy_int(&row, rec->line);
	person_cols(&row, &p);
	copy_char(&row, p.method);
	copy_char(&row, p.conflict ? 't' : 'f');
	copy_char(&row, p.id_status);
	age_cols(&row, &p);
	copy_text(&row, texts[0], lengths[0]);
	copy_text(&row, texts[1], lengths[1]);
	copy_text(&row, texts[2], lengths[2]);
	copy_date(&row, &start);
	copy_date(&row, &end);
	copy_plain(&row, qty ? quantity : NULL, qty ? strlen(quantity) : 0);
	copy_text(&row, texts[3], lengths[3]);
	copy_opt_int(&row, value(rec, FIELD_AMOUNT) != NULL, ore);
	copy_text(&row, texts[4], lengths[4]);
	if (co_id) {
		person_cols(&row, &co);
		age_cols(&row, &co);
	} else {
		copy_null(&row);
		copy_null(&row);
		copy_null(&row);
		copy_null(&row);
	}
	copy_row_end(&row);
	return 1;
}

static const struct required ledger_fields[] = {
    {FIELD_ACCOUNT, "The ledger row has no account.%s"},
    {FIELD_AMOUNT, "The ledger row has no amount.%s"},
};

int transform_ledger_entry(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                           struct reject *r)
{
	const char *period = value(rec, FIELD_PERIOD), *qty = value(rec, FIELD_QUANTITY);
	static const enum field_id text_fields[7] = {
	    FIELD_ACCOUNT,        FIELD_ORG_CODE,       FIELD_ACTIVITY_CODE, FIELD_PROJECT,
	    FIELD_VOUCHER_SERIES, FIELD_VOUCHER_NUMBER, FIELD_TEXT};
	struct date date, from, to;
	bool month_only;
	char quantity[48];
	const char *texts[7];
	size_t lengths[7], i;
	struct copy_row row;
	long long ore;
	int year, month;

	if (!has_required(t, rec, r, ledger_fields, 2) ||
	    !transform_amount(t, rec, FIELD_AMOUNT, &ore, r) ||
	    !transform_date(t, rec, FIELD_DATE, &date, &month_only, r))
		return 0;
	if (date.set) {
		year = date.y;
		month = date.m;
		from = date;
		to = date;
	} else if (period) {
		long p;

		if (!parse_month(period, 0, true, &p))
			return transform_reject(t, r, rec, FIELD_PERIOD, "invalid_period",
			                        "The period is not a month YYYYMM.%s", NULL);
		year = (int)(p / 100);
		month = (int)(p % 100);
		from = (struct date){year, month, 1, true};
		to = (struct date){year, month, calendar_days_in_month(year, month), true};
	} else {
		return transform_reject(t, r, rec, FIELD_DATE, "missing_field",
		                        "The ledger row has neither a date nor a period.%s", NULL);
	}
	if (qty && !transform_quantity(t, qty, quantity, sizeof(quantity)))
		qty = NULL; /* a quantity is informative only in the ledger */
	transform_note_period(t, &from, &to);
	for (i = 0; i < 7; i++)
		texts[i] = value(rec, text_fields[i]);
	copy_row_begin(&row, out, texts, lengths, 7);
	copy_int(&row, rec->line);
	copy_int(&row, year);
	copy_date(&row, &date);
	copy_int(&row, year * 100 + month);
	copy_text(&row, texts[0], lengths[0]);
	copy_int(&row, ore);
	for (i = 1; i < 7; i++)
		copy_text(&row, texts[i], lengths[i]);
	copy_plain(&row, qty ? quantity : NULL, qty ? strlen(quantity) : 0);
	copy_row_end(&row);
	return 1;
}

/* A year's first and last day. */
static void whole_year(int year, struct date *from, struct date *to)
{
	*from = (struct date){year, 1, 1, true};
	*to = (struct date){year, 12, 31, true};
}

int transform_population_row(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                             struct reject *r)
{
	long year, count, age_from, age_to;
	int sex = transform_sex_value(t, value(rec, FIELD_SEX));
	const char *area = value(rec, FIELD_AREA);
	size_t area_length;
	struct date from, to;
	struct copy_row row;

	if (!parse_int_range(value(rec, FIELD_YEAR), DATE_YEAR_MIN, DATE_YEAR_MAX, &year))
		return transform_reject(t, r, rec, FIELD_YEAR, "invalid_year",
		                        "The year is not a year.%s", NULL);
	if (sex < 0)
		return transform_reject(t, r, rec, FIELD_SEX, "invalid_sex",
		                        "The sex is not one the source's [values.sex] knows.%s",
		                        NULL);
	if (value(rec, FIELD_AGE)) {
		if (!parse_int_range(value(rec, FIELD_AGE), 0, 130, &age_from))
			return transform_reject(t, r, rec, FIELD_AGE, "invalid_age",
			                        "The age is not a whole number from 0 to 130.%s",
			                        NULL);
		age_to = age_from;
	} else if (!parse_int_range(value(rec, FIELD_AGE_FROM), 0, 130, &age_from) ||
	           !parse_int_range(value(rec, FIELD_AGE_TO), 0, 130, &age_to) ||
	           age_to < age_from) {
		return transform_reject(t, r, rec, FIELD_AGE_FROM, "invalid_age",
		                        "The age band is not two ages from 0 to 130 in order.%s",
		                        NULL);
	}
	if (!transform_count(t, rec, FIELD_COUNT, &count, r))
		return 0;
	whole_year((int)year, &from, &to);
	transform_note_period(t, &from, &to);
	copy_row_begin(&row, out, &area, &area_length, 1);
	copy_int(&row, rec->line);
	copy_int(&row, year);
	copy_int(&row, sex);
	copy_int(&row, age_from);
	copy_int(&row, age_to);
	copy_int(&row, count);
	copy_text(&row, area, area_length);
	copy_row_end(&row);
	return 1;
}

static void aggregate_line(const struct raw_record *rec, struct strbuf *out,
                           const struct date *start, const struct date *end, int sex, long count)
{
	const char *texts[3] = {value(rec, FIELD_ORG_CODE), value(rec, FIELD_ACTIVITY_CODE),
	                        value(rec, FIELD_SERVICE_CODE)};
	size_t lengths[3];
	struct copy_row row;

	copy_row_begin(&row, out, texts, lengths, 3);
	copy_int(&row, rec->line);
	copy_date(&row, start);
	copy_date(&row, end);
	copy_text(&row, texts[0], lengths[0]);
	copy_text(&row, texts[1], lengths[1]);
	copy_text(&row, texts[2], lengths[2]);
	copy_int(&row, sex);
	copy_int(&row, count);
	copy_row_end(&row);
}

static const struct required aggregate_fields[] = {
    {FIELD_PERIOD_START, no_start},
    {FIELD_ORG_CODE, no_org_code},
};

int transform_aggregate_rows(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                             struct reject *r)
{
	struct date start, end;
	static const enum field_id per_sex[3] = {FIELD_COUNT_WOMEN, FIELD_COUNT_MEN,
	                                         FIELD_COUNT_UNKNOWN};
	static const int sex_of[3] = {2, 1, 0};
	long counts[3], count;
	bool present[3];
	int i, sex, rows = 0;

	if (!has_required(t, rec, r, aggregate_fields, 2))
		return 0;
	if (value(rec, FIELD_ACTIVITY_CODE) == NULL && value(rec, FIELD_SERVICE_CODE) == NULL)
		return transform_reject(t, r, rec, FIELD_ACTIVITY_CODE, "missing_field",
		                        "The record has neither an activity nor a service code.%s",
		                        NULL);
	if (!transform_period(t, rec, &start, &end, r))
		return 0;
	if (transform_def(t)->fields[FIELD_COUNT_WOMEN].type != REF_NONE) {
		for (i = 0; i < 3; i++) {
			present[i] = value(rec, per_sex[i]) != NULL;
			if (present[i] && !transform_count(t, rec, per_sex[i], &counts[i], r))
				return 0;
		}
		transform_note_period(t, &start, end.set ? &end : NULL);
		for (i = 0; i < 3; i++) {
			if (!present[i])
				continue;
			aggregate_line(rec, out, &start, &end, sex_of[i], counts[i]);
			rows++;
		}
		if (rows == 0)
			return transform_reject(t, r, rec, FIELD_COUNT_WOMEN, "missing_field",
			                        "The record has no counts.%s", NULL);
		return rows;
	}
	sex = transform_sex_value(t, value(rec, FIELD_SEX));
	if (sex < 0)
		return transform_reject(t, r, rec, FIELD_SEX, "invalid_sex",
		                        "The sex is not one the source's [values.sex] knows.%s",
		                        NULL);
	if (!transform_count(t, rec, FIELD_COUNT, &count, r))
		return 0;
	transform_note_period(t, &start, end.set ? &end : NULL);
	aggregate_line(rec, out, &start, &end, sex, count);
	return 1;
}

static const struct required budget_fields[] = {
    {FIELD_AMOUNT, "The budget row has no amount.%s"},
};

/* A budget row: fiscal year (the year field, else the period's), an optional
 * month (period: YYYYMM, or a month 1-12 with the year), the codes, the
 * amount and the version (the source's name when the source maps none). */
int transform_budget_row(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                         struct reject *r)
{
	const char *period = value(rec, FIELD_PERIOD), *year_text = value(rec, FIELD_YEAR);
	const char *version = value(rec, FIELD_BUDGET_VERSION);
	const char *texts[5];
	size_t lengths[5];
	struct copy_row row;
	long long ore;
	long year = 0, p = 0;
	int month = 0, i;
	struct date from, to;

	if (!has_required(t, rec, r, budget_fields, 1) ||
	    !transform_amount(t, rec, FIELD_AMOUNT, &ore, r))
		return 0;
	if (year_text && !parse_int_range(year_text, DATE_YEAR_MIN, DATE_YEAR_MAX, &year))
		return transform_reject(t, r, rec, FIELD_YEAR, "invalid_year",
		                        "The year is not a year.%s", NULL);
	if (period) {
		if (!parse_month(period, year, false, &p))
			return transform_reject(
			    t, r, rec, FIELD_PERIOD, "invalid_period",
			    "The period is not a month YYYYMM (or 1 to 12 with the year).%s", NULL);
		month = (int)(p % 100);
		if (year == 0)
			year = p / 100;
	}
	if (year == 0)
		return transform_reject(t, r, rec, FIELD_YEAR, "missing_field",
		                        "The budget row has neither a fiscal year nor a period.%s",
		                        NULL);
	if (month) {
		int y = (int)(p / 100);

		from = (struct date){y, month, 1, true};
		to = (struct date){y, month, calendar_days_in_month(y, month), true};
	} else {
		whole_year((int)year, &from, &to);
	}
	transform_note_period(t, &from, &to);
	texts[0] = value(rec, FIELD_ORG_CODE);
	texts[1] = value(rec, FIELD_COMMITTEE_CODE);
	texts[2] = value(rec, FIELD_ACTIVITY_CODE);
	texts[3] = value(rec, FIELD_ACCOUNT);
	texts[4] = version ? version : transform_def(t)->name;
	copy_row_begin(&row, out, texts, lengths, 5);
	copy_int(&row, rec->line);
	copy_int(&row, year);
	copy_opt_int(&row, month != 0, p);
	for (i = 0; i < 4; i++)
		copy_text(&row, texts[i], lengths[i]);
	copy_int(&row, ore);
	copy_text(&row, texts[4], lengths[4]);
	copy_row_end(&row);
	return 1;
}
