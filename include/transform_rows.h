/*
 * transform_rows.h — inside the transform: the record builders and what
 * they share with transform.c.  Not an API for other modules (transform.h
 * is); it splits one stage into the part that judges a record and codes its
 * persons (transform.c) and the part that builds the rows of each record
 * kind (transform_rows.c).
 *
 * A builder judges its kind's fields and either appends the record's rows
 * (COPY text of the kind's columns, record.h, through copy_text.h) and
 * returns how many, or fills *r through transform_reject() and returns 0.
 */
#ifndef GBETL_TRANSFORM_ROWS_H
#define GBETL_TRANSFORM_ROWS_H

#include <stdbool.h>

#include "date.h"
#include "pseudonym.h"
#include "transform.h"

/* A coded person: pseudonym, sex and how it was decided, age. */
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

/* The value of field f, or NULL when absent or empty after leading spaces. */
static inline const char *transform_value(const struct raw_record *rec, enum field_id f)
{
	const char *v = rec->value[f];

	if (v == NULL)
		return NULL;
	while (*v == ' ')
		v++;
	return *v ? v : NULL;
}

/* Fill *r: a reject of field f (-1: the record) for reason, its message fmt
 * with shown (or "") at its %s, the value masked.  Returns 0. */
int transform_reject(struct transform *t, struct reject *r, const struct raw_record *rec,
                     enum field_id field, const char *reason, const char *fmt, const char *shown);

/* The date of field f by the source's formats into *d (not set when the
 * field is empty); false when it is not a date, with *r filled. */
bool transform_date(struct transform *t, const struct raw_record *rec, enum field_id f,
                    struct date *d, bool *month_only, struct reject *r);

/* period_start and period_end: a month-only date starts on the 1st and
 * ends on the month's last day, and a month-only start with no end covers
 * the month.  false with *r filled when a date is bad. */
bool transform_period(struct transform *t, const struct raw_record *rec, struct date *start,
                      struct date *end, struct reject *r);

/* The batch covers from..to (to NULL: the day from). */
void transform_note_period(struct transform *t, const struct date *from, const struct date *to);

/* The ISO 5218 code of a sex value through the source's [values.sex], or -1. */
int transform_sex_value(struct transform *t, const char *v);

/* Code one person: the number id (or the key given by the source) and the
 * sex field, read at the date at (not set: the transform's reference). */
void transform_code_person(struct transform *t, const char *id, const char *given_key,
                           const char *sex_value, const struct date *at, struct person *p);

/* An amount of field f to öre; false with *r filled. */
bool transform_amount(struct transform *t, const struct raw_record *rec, enum field_id f,
                      long long *ore, struct reject *r);

/* A quantity's exact text in normal form; false when it is not a number. */
bool transform_quantity(const struct transform *t, const char *v, char *out, size_t size);

/* A count (a whole number of at most 10^8; below 0 only when the source
 * allows negatives) of field f; false with *r filled. */
bool transform_count(struct transform *t, const struct raw_record *rec, enum field_id f, long *out,
                     struct reject *r);

/* The message of a negative quantity the source does not allow. */
extern const char transform_negative_message[];

/* For allow_negative sources that replace their periods: the totals a
 * correction may not take below zero. */
void transform_add_corrections(struct transform *t, const struct raw_record *rec,
                               const struct person *p, const struct date *start,
                               const char *quantity);

/* True when t keeps correction totals (transform_add_corrections()). */
bool transform_corrections_kept(const struct transform *t);

/* The source definition of t. */
const struct source_def *transform_def(const struct transform *t);

/* One builder per record kind. */
int transform_service_record(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                             struct reject *r);
int transform_ledger_entry(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                           struct reject *r);
int transform_population_row(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                             struct reject *r);
int transform_aggregate_rows(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                             struct reject *r);
int transform_budget_row(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                         struct reject *r);

#endif
