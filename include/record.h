/*
 * record.h — the four record kinds, their canonical fields, and the
 * columns of the canonical stream / core tables.  This is the contract
 * between the readers, the transform, the loader and the SQL.
 *
 * A reader delivers values by canonical field (enum field_id), as UTF-8
 * text.  The transform (transform.h) validates them, sex-codes and
 * pseudonymises persons, and writes one COPY text row per record whose
 * columns are, in order, those listed below for the kind.  The loader
 * prefixes every row with "municipality_code\tbatch_id\t", so the core
 * tables start with those two columns, then these:
 *
 * core.service_record
 *   source_line bigint, person_key uuid, sex smallint, sex_method "char",
 *   sex_conflict boolean, id_status "char", birth_year smallint, age smallint,
 *   gender_self text, service_code text, org_code text, period_start date,
 *   period_end date, quantity numeric, unit text, amount_ore bigint,
 *   district text, co_person_key uuid, co_sex smallint, co_birth_year smallint,
 *   co_age smallint
 * core.ledger_entry
 *   source_line bigint, fiscal_year smallint, entry_date date, period integer,
 *   account text, amount_ore bigint, org_code text, activity_code text,
 *   project text, voucher_series text, voucher_number text, text text,
 *   quantity numeric
 * core.population
 *   source_line bigint, year smallint, sex smallint, age_from smallint,
 *   age_to smallint, count integer, area text
 * core.aggregate_count
 *   source_line bigint, period_start date, period_end date, org_code text,
 *   activity_code text, service_code text, sex smallint, count integer
 * core.budget
 *   source_line bigint, fiscal_year smallint, period integer, org_code text,
 *   committee_code text, activity_code text, account text, amount_ore bigint,
 *   budget_version text
 *
 * Conventions: NULL is \N; person_key is the first 16 bytes of the
 * HMAC-SHA256 pseudonym written as a uuid (8-4-4-4-12 hex); sex is
 * ISO/IEC 5218 (0 not known, 1 man, 2 woman, 9 not applicable); sex_method
 * is 'n' (number), 'f' (field) or '-' (none); id_status is 'v' valid
 * number, 'i' invalid number, 'm' missing, 'k' pseudonym given by the
 * source (person_key field); amounts are öre (integer), quantities exact
 * decimals; period is YYYYMM.  An aggregate record with count_women,
 * count_men (and count_unknown) becomes one row per sex.
 */
#ifndef GBETL_RECORD_H
#define GBETL_RECORD_H

enum record_kind {
	KIND_SERVICE = 0,
	KIND_LEDGER,
	KIND_POPULATION,
	KIND_AGGREGATE,
	KIND_BUDGET,
	KIND_COUNT
};

/* Canonical fields a source definition can map ([fields] section). */
enum field_id {
	FIELD_PERSON_ID = 0, /* identity number: never leaves the transform */
	FIELD_PERSON_KEY,    /* an already pseudonymised key from the source */
	FIELD_SEX,           /* explicit sex field, through [values.sex] */
	FIELD_GENDER_SELF,   /* self-reported gender, kept apart */
	FIELD_SERVICE_CODE,
	FIELD_ORG_CODE,
	FIELD_PERIOD_START,
	FIELD_PERIOD_END,
	FIELD_QUANTITY,
	FIELD_UNIT,
	FIELD_AMOUNT,
	FIELD_DISTRICT,
	FIELD_CO_PERSON_ID, /* co-applicant of a household-level record */
	FIELD_CO_SEX,       /* explicit sex of the co-applicant */
	FIELD_DATE,         /* ledger: transaction date */
	FIELD_PERIOD,       /* ledger: YYYYMM when there is no date */
	FIELD_ACCOUNT,
	FIELD_ACTIVITY_CODE,
	FIELD_PROJECT,
	FIELD_TEXT,
	FIELD_VOUCHER_SERIES,
	FIELD_VOUCHER_NUMBER,
	FIELD_YEAR, /* population */
	FIELD_AGE,
	FIELD_AGE_FROM,
	FIELD_AGE_TO,
	FIELD_COUNT,
	FIELD_AREA,
	FIELD_COUNT_WOMEN, /* aggregate counts arriving per sex */
	FIELD_COUNT_MEN,
	FIELD_COUNT_UNKNOWN,
	FIELD_COMMITTEE_CODE, /* budget: the committee, when the budget names it */
	FIELD_BUDGET_VERSION, /* budget: "Budget 2025", "Tilläggsbudget 1" */
	FIELD_COUNT_ALL       /* number of fields */
};

/* "person_id" etc.; NULL for an out-of-range id. */
const char *field_name(enum field_id id);
/* The id of a canonical field name, or -1. */
int field_lookup(const char *name);

/* "service", "ledger", "population", "aggregate", "budget". */
const char *record_kind_name(enum record_kind kind);
int record_kind_lookup(const char *name);
/* Name of the core table: "core.service_record" ... */
const char *record_kind_table(enum record_kind kind);
/* The comma-separated column list of the kind's rows, after
 * municipality_code and batch_id (for COPY ... (cols) FROM STDIN). */
const char *record_kind_columns(enum record_kind kind);

#endif
