/*
 * source.h — source definitions: mappings/sources/NAME.conf.
 *
 * One INI file per source says what a file of that source is (kind,
 * format, encoding, CSV dialect, number and date formats), how its columns
 * or XML paths map to canonical fields (record.h), how sex values read, and
 * how a new file relates to earlier ones (append or replace by period).
 * Every key, the field references and examples: docs/sources.md.
 *
 * source_load() reports every error with file, line and key and returns -1;
 * the struct it fills is owned by the caller and freed by source_free().
 */
#ifndef GBETL_SOURCE_H
#define GBETL_SOURCE_H

/* A count limit the definition does not give (the configuration's applies). */
#define SOURCE_NOT_GIVEN (-2)

#include <stdbool.h>
#include <stddef.h>

#include "record.h"

enum source_format {
	FORMAT_CSV = 0,
	FORMAT_XML,
	FORMAT_SIE4,
	FORMAT_SIE5,
};

/*
 * What a new file of the source does to the rows of earlier files:
 *  - append: nothing; its rows are new events added to the earlier ones.
 *  - period: it is a full extract of every calendar month in which it has
 *    at least one record.  In exactly those months, the rows of the
 *    source's earlier live batches are superseded (deleted from core and
 *    counted in etl.supersession, the months listed); rows in any other
 *    month stay, even between its earliest and latest date.  The month of a
 *    record is that of period_start (service, aggregate), of the entry date
 *    or else the accounting period (ledger), or January of the year
 *    (population).  The shrink guard refuses the file (nothing changes)
 *    when a replaced month would keep fewer than replace_min_ratio (default
 *    0.5) of the rows it has; "gbetl import --force" accepts it on purpose.
 */
enum replace_policy {
	REPLACE_APPEND = 0, /* new events only */
	REPLACE_PERIOD,     /* a full extract of the calendar months it has records in */
};

enum sex_precedence {
	SEX_PRECEDENCE_NUMBER = 0, /* a valid number decides, else the field */
	SEX_PRECEDENCE_FIELD,      /* the field decides, else a valid number */
};

enum field_ref_type {
	REF_NONE = 0,  /* not mapped */
	REF_COLUMN,    /* CSV column by header name (text) */
	REF_POSITION,  /* CSV column by position, "#N", 1-based (index) */
	REF_CONSTANT,  /* a quoted constant: "hours" (text, without quotes) */
	REF_XML_PATH,  /* XML path relative to the record element (text) */
	REF_DIMENSION, /* SIE dimension "dim:N" (index = N) */
};

struct field_ref {
	enum field_ref_type type;
	char *text; /* column name, constant or path; NULL otherwise */
	int index;  /* position (1-based) or dimension number */
	int line;   /* line of the definition, for messages */
};

/* A value map ([values.sex], [values.unit]): source text -> canonical text. */
struct value_map {
	char **from;
	size_t *from_len;
	char **to;
	size_t count;
};

/* Look a value up (exact match after trimming); NULL if absent. */
const char *value_map_get(const struct value_map *map, const char *value);

#define SOURCE_MAX_DATE_FORMATS 8

struct source_def {
	char *name; /* NAME of NAME.conf */
	char *path; /* the file it was read from */
	enum record_kind kind;
	enum source_format format;
	char *encoding; /* iconv name: "UTF-8" (default), "WINDOWS-1252", ... */
	char delimiter; /* CSV; default ';' */
	char quote;     /* CSV; default '"' ; 0 = none */
	bool header;    /* CSV: first row names the columns; default yes */
	char decimal;   /* ',' (default) or '.' */
	char thousands; /* 0 none (default), ' ' (also no-break space), '.' */
	char *date_formats[SOURCE_MAX_DATE_FORMATS]; /* tried in order; default %Y-%m-%d */
	size_t date_format_count;
	char *file_pattern; /* fnmatch(3) pattern for the inbox */
	enum replace_policy replace;
	double replace_min_ratio; /* shrink guard of replace = period; default 0.5 */
	bool allow_empty;         /* a file without records may load; default no */
	long reject_max_count;    /* -1 = no count limit; SOURCE_NOT_GIVEN = the configuration's */
	double reject_max_ratio;  /* < 0 = use the config's default */
	enum sex_precedence sex_precedence;
	bool interim_numbers;       /* accept interim numbers (T, R, S ...) */
	bool interim_numbers_given; /* the definition says; else the configuration's */
	bool allow_negative;        /* quantities and counts below 0 (correction rows) are
	                       * accepted; default no: a reject "negative_quantity" */
	char *record_path; /* XML: path of the record element, e.g. "/Export/Hushall/Beslut" */
	bool unbalanced_voucher_reject; /* SIE: reject (yes, default) or warn */
	struct field_ref fields[FIELD_COUNT_ALL];
	struct value_map sex_values;  /* [values.sex] */
	struct value_map unit_values; /* [values.unit] */
};

/* Read and check a source definition file.  Checks the kind's required
 * fields are mapped (record.h), that the references fit the format (no
 * "dim:N" in CSV, no "#N" in XML ...), and every value.  0 or -1. */
int source_load(const char *path, struct source_def *def);

/* Find NAME.conf in dir and load it. */
int source_load_named(const char *dir, const char *name, struct source_def *def);

void source_free(struct source_def *def);

/* Find the source definition in dir whose file_pattern (fnmatch) matches
 * file_name (a base name).  1 found (def filled), 0 none (def empty), -1 an
 * error (a definition that does not parse, logged). */
int source_find_for_file(const char *dir, const char *file_name, struct source_def *def);

const char *source_format_name(enum source_format format);

#endif
