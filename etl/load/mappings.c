/*
 * mappings.c — reading, checking and loading the mapping tables
 * (see mappings.h).
 */
#include "mappings.h"
#include "db.h"
#include "digest.h"
#include "log.h"
#include "pnr_scan.h"
#include "sheet.h"
#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum table {
	T_COMMITTEES = MAPPING_COMMITTEES,
	T_ORG_UNITS = MAPPING_ORG_UNITS,
	T_ACTIVITIES = MAPPING_ACTIVITIES,
	T_ACCOUNTS = MAPPING_ACCOUNTS,
	T_SERVICE_CODES = MAPPING_SERVICE_CODES,
	T_COUNT = MAPPING_TABLES
};

#define MAX_COLUMNS 8

/*
 * The five tables.  A file's column names are the table's column names in
 * the mapping schema.  key: the columns (bit k = column k) that make two
 * rules the same rule; years: the column of valid_from (valid_to follows),
 * -1 when a rule holds in every year; last_optional: the last column came
 * later and may be left out, header and all (files written before it keep
 * loading, and keep their checksum while it is empty).
 */
static const struct {
	const char *file;
	const char *db_table;
	const char *header;
	int columns;
	const char *column[MAX_COLUMNS];
	unsigned key;
	int years;
	bool last_optional;
	const char *insert;
} tables[T_COUNT] = {
    {"committees.csv",
     "mapping.committee",
     "committee_code;committee_name;valid_from;valid_to",
     4,
     {"committee_code", "committee_name", "valid_from", "valid_to"},
     0x1 | 0x4,
     2,
     false,
     "INSERT INTO mapping.committee VALUES ($1, $2, $3, $4::smallint, $5::smallint)"},
    {"org_units.csv",
     "mapping.org_unit",
     "org_code_from;org_code_to;committee_code;valid_from;valid_to;district",
     6,
     {"org_code_from", "org_code_to", "committee_code", "valid_from", "valid_to", "district"},
     0x1 | 0x8,
     3,
     true,
     "INSERT INTO mapping.org_unit VALUES ($1, $2, $3, $4, $5::smallint, $6::smallint, $7)"},
    {"activities.csv",
     "mapping.activity",
     "activity_code;activity_name;method;volume_unit;age_from;age_to;household_split;target",
     8,
     {"activity_code", "activity_name", "method", "volume_unit", "age_from", "age_to",
      "household_split", "target"},
     0x1,
     -1,
     true,
     "INSERT INTO mapping.activity VALUES ($1, $2, $3, $4, $5, $6::smallint, $7::smallint, "
     "$8, $9)"},
    {"accounts.csv",
     "mapping.account",
     "account_from;account_to;account_type",
     3,
     {"account_from", "account_to", "account_type"},
     0x1,
     -1,
     false,
     "INSERT INTO mapping.account VALUES ($1, $2, $3, $4)"},
    {"service_codes.csv",
     "mapping.service_code",
     "source;service_code;activity_code;unit;valid_from;valid_to",
     6,
     {"source", "service_code", "activity_code", "unit", "valid_from", "valid_to"},
     0x1 | 0x2 | 0x10,
     4,
     false,
     "INSERT INTO mapping.service_code VALUES ($1, $2, $3, $4, $5, $6::smallint, "
     "$7::smallint)"},
};

struct row {
	int line;
	char *cell[MAX_COLUMNS]; /* NULL for an empty cell */
};

struct mapping_set {
	char checksum[SHA256_HEX_LEN + 1];
	char *dir;
	struct row *rows[T_COUNT];
	size_t count[T_COUNT];
};

struct checker {
	const char *path;
	bool ok;
};

static void problem(struct checker *c, int line, int column, const char *column_name,
                    const char *fmt, const char *value)
{
	struct strbuf msg = STRBUF_INIT;

	strbuf_addf(&msg, fmt, value ? value : "");
	log_error("%s:%d: column %d (%s): %s", c->path, line, column, column_name, msg.buf);
	strbuf_release(&msg);
	c->ok = false;
}

/* The columns a file of table t must have: all but an optional last one
 * (activities.csv's target, org_units.csv's district). */
static int required_columns(enum table t)
{
	return tables[t].last_optional ? tables[t].columns - 1 : tables[t].columns;
}

/* The columns of a rule that its checksum covers: all but an empty optional
 * last one, so that rules written before that column keep their checksum. */
static int checksum_columns(enum table t, const char *const *cell)
{
	return tables[t].last_optional && cell[tables[t].columns - 1] == NULL
	           ? tables[t].columns - 1
	           : tables[t].columns;
}

/* The name of column (1-based) of table t. */
static const char *column_name(enum table t, int column)
{
	return column >= 1 && column <= tables[t].columns ? tables[t].column[column - 1] : "?";
}

static bool is_year(const char *s, int *year)
{
	char *end;
	long v;

	if (s == NULL)
		return false;
	v = strtol(s, &end, 10);
	if (*end || v < 1900 || v > 2200)
		return false;
	*year = (int)v;
	return true;
}

/* The header line: the table's column names, in order (case and
 * surrounding spaces do not matter). */
static int check_header(const char *path, enum table t, const struct sheet_row *h)
{
	int k;

	for (k = 0; k < tables[t].columns; k++) {
		const char *want = column_name(t, k + 1);
		const char *got = k < h->ncells ? h->cells[k] : NULL;

		if (k >= required_columns(t) && k >= h->ncells)
			break;

		if (got == NULL || strcasecmp(got, want) != 0) {
			log_error("%s:%d: column %d of the header is \"%s\", expected \"%s\"", path,
			          h->line, k + 1, got ? got : "", want);
			log_hint("The header must be \"%s\" (';' or ',' between the names).",
			         tables[t].header);
			return -1;
		}
	}
	if (h->ncells > tables[t].columns) {
		log_error("%s:%d: column %d of the header (\"%s\") is not a column of %s", path,
		          h->line, tables[t].columns + 1,
		          h->cells[tables[t].columns] ? h->cells[tables[t].columns] : "",
		          tables[t].file);
		return -1;
	}
	return 0;
}

/* 0 read, 1 read but some rows have the wrong number of cells, -1 the
 * table could not be read (file, encoding, header). */
static int read_table(struct mapping_set *set, enum table t)
{
	struct strbuf path = STRBUF_INIT;
	struct sheet sheet;
	bool ok = true, rows_ok = true;
	size_t i;

	strbuf_addf(&path, "%s/%s", set->dir, tables[t].file);
	if (sheet_read(path.buf, &sheet) != 0) {
		strbuf_release(&path);
		return -1;
	}
	if (sheet.nrows == 0) {
		log_error("%s:1: the file is empty; the header must be \"%s\"", path.buf,
		          tables[t].header);
		ok = false;
	} else if (check_header(path.buf, t, &sheet.rows[0]) != 0) {
		ok = false;
	}
	for (i = 1; ok && i < sheet.nrows; i++) {
		const struct sheet_row *in = &sheet.rows[i];
		struct row *r;
		int k;

		if (in->ncells > tables[t].columns) {
			log_error("%s:%d: %d columns, %d expected", path.buf, in->line, in->ncells,
			          tables[t].columns);
			rows_ok = false;
			continue;
		}
		set->rows[t] = xrealloc(set->rows[t], (set->count[t] + 1) * sizeof(struct row));
		r = &set->rows[t][set->count[t]++];
		r->line = in->line;
		for (k = 0; k < MAX_COLUMNS; k++) {
			r->cell[k] = k < in->ncells ? in->cells[k] : NULL;
			if (k < in->ncells)
				in->cells[k] = NULL; /* the row owns it now */
		}
	}
	if (ok && (strcmp(sheet.encoding, "UTF-8") != 0 || sheet.delimiter != ';'))
		log_info("read %s as %s with '%c' between the cells", path.buf, sheet.encoding,
		         sheet.delimiter);
	sheet_release(&sheet);
	strbuf_release(&path);
	return !ok ? -1 : rows_ok ? 0 : 1;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The set's SHA-256 is over the rules, not the bytes: per table its file
 * name, then its rows in sorted order, each as its cells joined by 0x1F.
 * The same rules saved by Excel in another encoding, with other line ends
 * or another delimiter, in another order or with comments, or exported by
 * "gbetl mappings --export", have the same checksum.
 */
static void compute_checksum(struct mapping_set *set)
{
	struct digest *d = digest_new();
	struct strbuf row = STRBUF_INIT;
	size_t t, i;
	int k;

	for (t = 0; t < T_COUNT; t++) {
		char **rows = xcalloc(set->count[t] + 1, sizeof(char *));

		for (i = 0; i < set->count[t]; i++) {
			strbuf_reset(&row);
			int n = checksum_columns((enum table)t,
			                         (const char *const *)set->rows[t][i].cell);

			for (k = 0; k < n; k++) {
				if (k > 0)
					strbuf_addch(&row, 0x1F);
				if (set->rows[t][i].cell[k])
					strbuf_addstr(&row, set->rows[t][i].cell[k]);
			}
			rows[i] = xstrdup(row.buf);
		}
		qsort(rows, set->count[t], sizeof(char *), compare_strings);
		digest_update(d, tables[t].file, strlen(tables[t].file) + 1);
		for (i = 0; i < set->count[t]; i++) {
			digest_update(d, rows[i], strlen(rows[i]));
			digest_update(d, "\x1E", 1);
			free(rows[i]);
		}
		free(rows);
	}
	strbuf_release(&row);
	digest_finish(d, set->checksum);
}

/* A code's sort key as mapping.code_key() makes it (schemas/003_mapping.sql):
 * a string of 1 to 20 digits left-padded with zeros to 20, else the code. */
static const char *code_key(const char *code, char key[21])
{
	size_t len = strlen(code);

	if (len == 0 || len > 20 || strspn(code, "0123456789") != len)
		return code;
	memset(key, '0', 20 - len);
	memcpy(key + 20 - len, code, len + 1);
	return key;
}

/* Compare codes as the database does: digit strings as numbers, else text. */
static int code_compare(const char *a, const char *b)
{
	char ka[21], kb[21];

	return strcmp(code_key(a, ka), code_key(b, kb));
}

static bool years_overlap(int from1, int to1, int from2, int to2)
{
	return from1 <= to2 && from2 <= to1;
}

/* Valid years of a row: columns from and to (1-based); to empty = open. */
static bool row_years(struct checker *c, enum table t, const struct row *r, int from_col, int *from,
                      int *to)
{
	bool ok = true;

	if (!is_year(r->cell[from_col - 1], from)) {
		problem(c, r->line, from_col, column_name(t, from_col),
		        "\"%s\" is not a year from 1900 to 2200", r->cell[from_col - 1]);
		ok = false;
	}
	*to = 32767;
	if (r->cell[from_col] && !is_year(r->cell[from_col], to)) {
		problem(c, r->line, from_col + 1, column_name(t, from_col + 1),
		        "\"%s\" is not a year from 1900 to 2200", r->cell[from_col]);
		ok = false;
	}
	if (ok && *to < *from) {
		problem(c, r->line, from_col + 1, column_name(t, from_col + 1),
		        "valid_to %s is before valid_from", r->cell[from_col]);
		ok = false;
	}
	return ok;
}

/* Valid years of a row (columns from and from + 1, 1-based) as read, for
 * rows whose years row_years has checked; to empty = open. */
static void rule_years(const struct row *r, int from_col, int *from, int *to)
{
	*from = 0;
	*to = 32767;
	is_year(r->cell[from_col - 1], from);
	if (r->cell[from_col])
		is_year(r->cell[from_col], to);
}

static bool committee_exists(const struct mapping_set *set, const char *code, int from, int to)
{
	size_t i;

	for (i = 0; i < set->count[T_COMMITTEES]; i++) {
		const struct row *r = &set->rows[T_COMMITTEES][i];
		int f, t;

		if (r->cell[0] == NULL || strcmp(r->cell[0], code) != 0)
			continue;
		rule_years(r, 3, &f, &t);
		if (f <= from && to <= t)
			return true;
	}
	return false;
}

static bool activity_exists(const struct mapping_set *set, const char *code)
{
	size_t i;

	for (i = 0; i < set->count[T_ACTIVITIES]; i++)
		if (set->rows[T_ACTIVITIES][i].cell[0] &&
		    strcmp(set->rows[T_ACTIVITIES][i].cell[0], code) == 0)
			return true;
	return false;
}

/* committees.csv: a code and a name on every row, no code twice in the same years. */
static void check_committees(const struct mapping_set *set, struct checker *c)
{
	size_t i, j;

	for (i = 0; i < set->count[T_COMMITTEES]; i++) {
		const struct row *r = &set->rows[T_COMMITTEES][i];
		int f, t, f2, t2;

		if (r->cell[0] == NULL)
			problem(c, r->line, 1, "committee_code", "empty committee code%s", NULL);
		if (r->cell[1] == NULL)
			problem(c, r->line, 2, "committee_name", "empty committee name%s", NULL);
		if (!row_years(c, T_COMMITTEES, r, 3, &f, &t) || r->cell[0] == NULL)
			continue;
		for (j = 0; j < i; j++) {
			const struct row *o = &set->rows[T_COMMITTEES][j];

			if (o->cell[0] && strcmp(o->cell[0], r->cell[0]) == 0 &&
			    is_year(o->cell[2], &f2) &&
			    (t2 = 32767, !o->cell[3] || is_year(o->cell[3], &t2)) &&
			    years_overlap(f, t, f2, t2))
				problem(c, r->line, 1, "committee_code",
				        "committee \"%s\" is defined twice for the same years",
				        r->cell[0]);
		}
	}
}

/* activities.csv: a code and a name, a known method, household split and target, an age band, no
 * code twice. */
static void check_activities(const struct mapping_set *set, struct checker *c)
{
	size_t i, j;

	for (i = 0; i < set->count[T_ACTIVITIES]; i++) {
		const struct row *r = &set->rows[T_ACTIVITIES][i];
		const char *m = r->cell[2], *hs = r->cell[6];
		int age_from = 0, age_to = 200;

		if (r->cell[0] == NULL)
			problem(c, r->line, 1, "activity_code", "empty activity code%s", NULL);
		if (r->cell[1] == NULL)
			problem(c, r->line, 2, "activity_name", "empty activity name%s", NULL);
		if (m == NULL ||
		    (strcmp(m, "volume") && strcmp(m, "headcount") && strcmp(m, "direct") &&
		     strcmp(m, "aggregate") && strcmp(m, "none")))
			problem(
			    c, r->line, 3, "method",
			    "\"%s\" is not a method (volume, headcount, direct, aggregate, none)",
			    m);
		if (hs && strcmp(hs, "equal") && strcmp(hs, "applicant"))
			problem(c, r->line, 7, "household_split",
			        "\"%s\" is not a household split (equal, applicant)", hs);
		if (r->cell[7] && strcmp(r->cell[7], "balance") && strcmp(r->cell[7], "need"))
			problem(c, r->line, 8, "target", "\"%s\" is not a target (balance, need)",
			        r->cell[7]);
		if (r->cell[4] && (!(age_from = atoi(r->cell[4]),
		                     strspn(r->cell[4], "0123456789") == strlen(r->cell[4])) ||
		                   age_from > 130))
			problem(c, r->line, 5, "age_from", "\"%s\" is not an age", r->cell[4]);
		if (r->cell[5] && (!(age_to = atoi(r->cell[5]),
		                     strspn(r->cell[5], "0123456789") == strlen(r->cell[5])) ||
		                   age_to > 130 || age_to < age_from))
			problem(c, r->line, 6, "age_to", "\"%s\" is not an age at least age_from",
			        r->cell[5]);
		for (j = 0; j < i && r->cell[0]; j++)
			if (set->rows[T_ACTIVITIES][j].cell[0] &&
			    strcmp(set->rows[T_ACTIVITIES][j].cell[0], r->cell[0]) == 0)
				problem(c, r->line, 1, "activity_code",
				        "activity \"%s\" is defined twice", r->cell[0]);
	}
}

/* A district's name, as service records and the population file write
 * it: printable, at most 100 bytes, and none of the names the breakdowns
 * give cells themselves (report_detail.h). */
static const char *district_problem(const char *d)
{
	static const char *const reserved[] = {"okänt område", "övriga (dolda)"};
	size_t i;

	if (strlen(d) > 100)
		return "the district \"%s\" is longer than 100 bytes";
	for (i = 0; d[i]; i++)
		if ((unsigned char)d[i] < 0x20 || d[i] == 0x7f)
			return "the district \"%s\" has a control character";
	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strcasecmp(d, reserved[i]) == 0)
			return "\"%s\" is not a district: the breakdowns use the name for cells of "
			       "their own";
	return NULL;
}

/* org_units.csv: a range that does not end before it starts, a committee valid in all its years,
 * no overlap in the same years, a district that can be one. */
static void check_org_units(const struct mapping_set *set, struct checker *c)
{
	size_t i, j;

	for (i = 0; i < set->count[T_ORG_UNITS]; i++) {
		const struct row *r = &set->rows[T_ORG_UNITS][i];
		const char *bad;
		int f, t;

		if (r->cell[5] && (bad = district_problem(r->cell[5])) != NULL)
			problem(c, r->line, 6, "district", bad, r->cell[5]);
		if (r->cell[0] == NULL || r->cell[1] == NULL) {
			problem(c, r->line, r->cell[0] ? 2 : 1, "org_code", "empty cost centre%s",
			        NULL);
			continue;
		}
		if (code_compare(r->cell[0], r->cell[1]) > 0)
			problem(c, r->line, 2, "org_code_to",
			        "the range ends (%s) before it starts", r->cell[1]);
		if (!row_years(c, T_ORG_UNITS, r, 4, &f, &t))
			continue;
		if (r->cell[2] == NULL || !committee_exists(set, r->cell[2], f, t))
			problem(c, r->line, 3, "committee_code",
			        "unknown committee \"%s\" (or not valid in all the row's years)",
			        r->cell[2]);
		for (j = 0; j < i; j++) {
			const struct row *o = &set->rows[T_ORG_UNITS][j];
			int f2, t2 = 32767;

			if (!o->cell[0] || !o->cell[1] || !is_year(o->cell[3], &f2) ||
			    (o->cell[4] && !is_year(o->cell[4], &t2)))
				continue;
			if (years_overlap(f, t, f2, t2) &&
			    code_compare(r->cell[0], o->cell[1]) <= 0 &&
			    code_compare(o->cell[0], r->cell[1]) <= 0) {
				char lines[32];

				snprintf(lines, sizeof(lines), "%d", o->line);
				problem(c, r->line, 1, "org_code_from",
				        "the range overlaps the one on line %s in the same years",
				        lines);
			}
		}
	}
}

/* accounts.csv: a range that does not end before it starts, a known type, no overlap. */
static void check_accounts(const struct mapping_set *set, struct checker *c)
{
	size_t i, j;

	for (i = 0; i < set->count[T_ACCOUNTS]; i++) {
		const struct row *r = &set->rows[T_ACCOUNTS][i];
		const char *type = r->cell[2];

		if (r->cell[0] == NULL || r->cell[1] == NULL) {
			problem(c, r->line, 1, "account_from", "empty account%s", NULL);
			continue;
		}
		if (code_compare(r->cell[0], r->cell[1]) > 0)
			problem(c, r->line, 2, "account_to", "the range ends (%s) before it starts",
			        r->cell[1]);
		if (type == NULL || (strcmp(type, "cost") && strcmp(type, "revenue") &&
		                     strcmp(type, "internal_revenue") && strcmp(type, "ignore")))
			problem(c, r->line, 3, "account_type",
			        "\"%s\" is not an account type (cost, revenue, internal_revenue, "
			        "ignore)",
			        type);
		for (j = 0; j < i; j++) {
			const struct row *o = &set->rows[T_ACCOUNTS][j];

			if (o->cell[0] && o->cell[1] && code_compare(r->cell[0], o->cell[1]) <= 0 &&
			    code_compare(o->cell[0], r->cell[1]) <= 0)
				problem(c, r->line, 1, "account_from",
				        "the range overlaps another (from %s)", o->cell[0]);
		}
	}
}

/* service_codes.csv: a source and a code, a known activity, no code mapped twice in the same
 * years. */
static void check_service_codes(const struct mapping_set *set, struct checker *c)
{
	size_t i, j;

	for (i = 0; i < set->count[T_SERVICE_CODES]; i++) {
		const struct row *r = &set->rows[T_SERVICE_CODES][i];
		int f, t;

		if (r->cell[0] == NULL)
			problem(c, r->line, 1, "source", "empty source%s", NULL);
		if (r->cell[1] == NULL)
			problem(c, r->line, 2, "service_code", "empty service code%s", NULL);
		if (r->cell[2] == NULL || !activity_exists(set, r->cell[2]))
			problem(c, r->line, 3, "activity_code", "unknown activity \"%s\"",
			        r->cell[2]);
		if (!row_years(c, T_SERVICE_CODES, r, 5, &f, &t) || !r->cell[0] || !r->cell[1])
			continue;
		for (j = 0; j < i; j++) {
			const struct row *o = &set->rows[T_SERVICE_CODES][j];
			int f2, t2 = 32767;

			if (o->cell[0] && o->cell[1] && !strcmp(o->cell[0], r->cell[0]) &&
			    !strcmp(o->cell[1], r->cell[1]) && is_year(o->cell[4], &f2) &&
			    (!o->cell[5] || is_year(o->cell[5], &t2)) &&
			    years_overlap(f, t, f2, t2))
				problem(c, r->line, 2, "service_code",
				        "service code \"%s\" is mapped twice for the same years",
				        r->cell[1]);
		}
	}
}

/* Every rule of every table, each table by its own checker; the order
 * matters only for the messages (committees before the cost centres that
 * name them). */
/* No cell of any table holds an identity number: the tables are the
 * controllers' own files, and a number typed into a name or a district would
 * reach the database and every report (the value is not repeated). */
static void check_identity_numbers(const struct mapping_set *set, enum table t, struct checker *c)
{
	size_t i;
	int k;

	for (i = 0; i < set->count[t]; i++) {
		const struct row *r = &set->rows[t][i];

		for (k = 0; k < MAX_COLUMNS; k++)
			if (r->cell[k] && pnr_scan_contains(r->cell[k], strlen(r->cell[k])))
				problem(c, r->line, k + 1, column_name(t, k + 1),
				        "an identity number has no place in a mapping table%s",
				        NULL);
	}
}

static int check(struct mapping_set *set)
{
	static void (*const checkers[T_COUNT])(const struct mapping_set *, struct checker *) = {
	    [T_COMMITTEES] = check_committees,
	    [T_ACTIVITIES] = check_activities,
	    [T_ORG_UNITS] = check_org_units,
	    [T_ACCOUNTS] = check_accounts,
	    [T_SERVICE_CODES] = check_service_codes};
	static const enum table order[] = {T_COMMITTEES, T_ACTIVITIES, T_ORG_UNITS, T_ACCOUNTS,
	                                   T_SERVICE_CODES};
	struct strbuf path = STRBUF_INIT;
	struct checker c = {NULL, true};
	size_t k;

	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		void (*checker)(const struct mapping_set *, struct checker *) = checkers[order[k]];

		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", set->dir, tables[order[k]].file);
		c.path = path.buf;
		check_identity_numbers(set, order[k], &c);
		checker(set, &c);
	}
	strbuf_release(&path);
	return c.ok ? 0 : -1;
}

struct mapping_set *mappings_read(const char *dir)
{
	struct mapping_set *set = xcalloc(1, sizeof(*set));
	bool unreadable = false;
	int t, rc = 0;

	set->dir = xstrdup(dir);
	for (t = 0; t < T_COUNT; t++) {
		int r = read_table(set, (enum table)t);

		if (r != 0)
			rc = -1;
		if (r < 0)
			unreadable = true;
	}
	compute_checksum(set);
	/* every rule of every table is checked, so that all problems are
	 * reported at once; not when a table could not be read (its rules
	 * would be reported missing everywhere) */
	if (!unreadable && check(set) != 0)
		rc = -1;
	if (rc != 0) {
		mappings_free(set);
		return NULL;
	}
	return set;
}

void mappings_free(struct mapping_set *set)
{
	size_t t, i;
	int k;

	if (set == NULL)
		return;
	for (t = 0; t < T_COUNT; t++) {
		for (i = 0; i < set->count[t]; i++)
			for (k = 0; k < MAX_COLUMNS; k++)
				free(set->rows[t][i].cell[k]);
		free(set->rows[t]);
	}
	free(set->dir);
	free(set);
}

const char *mappings_checksum(const struct mapping_set *set)
{
	return set->checksum;
}

/* Of the rows of table t valid in year (valid_from in column from_col) that
 * match, the one valid from the latest year — as ORDER BY valid_from DESC
 * LIMIT 1 picks it in SQL — or NULL. */
static const struct row *latest_rule(const struct mapping_set *set, enum table t, int from_col,
                                     int year,
                                     bool (*match)(const struct row *, const char *const *),
                                     const char *const *what)
{
	const struct row *best = NULL;
	size_t i;
	int best_from = 0;

	for (i = 0; i < set->count[t]; i++) {
		const struct row *r = &set->rows[t][i];
		int from, to;

		rule_years(r, from_col, &from, &to);
		if (year < from || to < year || !match(r, what))
			continue;
		if (best == NULL || from > best_from) {
			best = r;
			best_from = from;
		}
	}
	return best;
}

/* org_units.csv, accounts.csv: the range holds the code what[0]. */
static bool range_holds(const struct row *r, const char *const *what)
{
	return code_compare(what[0], r->cell[0]) >= 0 && code_compare(what[0], r->cell[1]) <= 0;
}

/* service_codes.csv: source what[0], code what[1]. */
static bool is_service_code(const struct row *r, const char *const *what)
{
	return strcmp(r->cell[0], what[0]) == 0 && strcmp(r->cell[1], what[1]) == 0;
}

const char *mappings_committee_of(const struct mapping_set *set, const char *org_code, int year)
{
	const char *what[] = {org_code};
	const struct row *r = latest_rule(set, T_ORG_UNITS, 4, year, range_holds, what);

	return r ? r->cell[2] : NULL;
}

const char *mappings_service_activity(const struct mapping_set *set, const char *source,
                                      const char *service_code, int year)
{
	const char *what[] = {source, service_code};
	const struct row *r = latest_rule(set, T_SERVICE_CODES, 5, year, is_service_code, what);

	return r ? r->cell[2] : NULL;
}

const char *mappings_account_type(const struct mapping_set *set, const char *account)
{
	const char *what[] = {account};
	size_t i;

	for (i = 0; i < set->count[T_ACCOUNTS]; i++)
		if (range_holds(&set->rows[T_ACCOUNTS][i], what))
			return set->rows[T_ACCOUNTS][i].cell[2];
	return "ignore";
}

bool mappings_activity_known(const struct mapping_set *set, const char *activity_code)
{
	return activity_exists(set, activity_code);
}

int mappings_load(PGconn *conn, const struct mapping_set *set, const char *municipality_code,
                  const char *changes, bool *loaded)
{
	static const char *const clear[] = {
	    "DELETE FROM mapping.committee WHERE municipality_code = $1",
	    "DELETE FROM mapping.org_unit WHERE municipality_code = $1",
	    "DELETE FROM mapping.activity WHERE municipality_code = $1",
	    "DELETE FROM mapping.account WHERE municipality_code = $1",
	    "DELETE FROM mapping.service_code WHERE municipality_code = $1"};
	const char *params[MAX_COLUMNS + 1];
	bool error;
	char *latest;
	size_t t, i;
	int k;

	*loaded = false;
	params[0] = municipality_code;
	latest =
	    db_query_value(conn,
	                   "SELECT sha256 FROM mapping.mapping_set WHERE municipality_code = $1 "
	                   "ORDER BY set_id DESC LIMIT 1",
	                   1, params, &error);
	if (error)
		return -1;
	if (latest && strcmp(latest, set->checksum) == 0) {
		free(latest);
		return 0;
	}
	free(latest);
	if (db_exec(conn, "BEGIN") != 0)
		return -1;
	for (t = 0; t < T_COUNT; t++)
		if (db_command(conn, clear[t], 1, params) != 0)
			goto fail;
	for (t = 0; t < T_COUNT; t++) {
		for (i = 0; i < set->count[t]; i++) {
			for (k = 0; k < tables[t].columns; k++)
				params[k + 1] = set->rows[t][i].cell[k];
			if (db_command(conn, tables[t].insert, tables[t].columns + 1, params) !=
			    0) {
				log_detail("While loading %s, line %d.", tables[t].file,
				           set->rows[t][i].line);
				goto fail;
			}
		}
	}
	params[1] = set->checksum;
	params[2] = set->dir;
	params[3] = changes;
	/* every year with data waits for a new allocation (etl.year_state) */
	if (db_command(
	        conn,
	        "INSERT INTO mapping.mapping_set (municipality_code, sha256, directory, changes) "
	        "VALUES ($1, $2, $3, $4)",
	        4, params) != 0 ||
	    db_command(conn,
	               "SELECT etl.year_mark($1, fiscal_year, 'changed') FROM etl.year_state "
	               "WHERE municipality_code = $1",
	               1, params) != 0 ||
	    db_exec(conn, "COMMIT") != 0)
		goto fail;
	*loaded = true;
	return 0;
fail:
	PQclear(PQexec(conn, "ROLLBACK"));
	return -1;
}

const char *mapping_table_file(enum mapping_table t)
{
	return tables[t].file;
}

int mapping_table_columns(enum mapping_table t)
{
	return tables[t].columns;
}

const char *mapping_table_column(enum mapping_table t, int k)
{
	return tables[t].column[k];
}

unsigned mapping_table_key(enum mapping_table t)
{
	return tables[t].key;
}

int mapping_table_year_column(enum mapping_table t)
{
	return tables[t].years;
}

int mappings_columns_used(const struct mapping_set *set, enum mapping_table t)
{
	size_t i;

	if (!tables[t].last_optional)
		return tables[t].columns;
	for (i = 0; i < set->count[t]; i++)
		if (set->rows[t][i].cell[tables[t].columns - 1] != NULL)
			return tables[t].columns;
	return tables[t].columns - 1;
}

int mappings_rule_columns(const struct mapping_set *set, enum mapping_table t, size_t rule)
{
	return checksum_columns((enum table)t, (const char *const *)set->rows[t][rule].cell);
}

size_t mappings_rule_count(const struct mapping_set *set, enum mapping_table t)
{
	return set->count[t];
}

const char *mappings_cell(const struct mapping_set *set, enum mapping_table t, size_t rule, int k)
{
	return set->rows[t][rule].cell[k];
}

int mappings_rule_line(const struct mapping_set *set, enum mapping_table t, size_t rule)
{
	return set->rows[t][rule].line;
}

/* SELECT col1::text, … FROM table WHERE municipality_code = $1 ORDER BY the key. */
static void select_rules(enum table t, struct strbuf *sql)
{
	int k;

	strbuf_addstr(sql, "SELECT ");
	for (k = 0; k < tables[t].columns; k++)
		strbuf_addf(sql, "%s%s::text", k ? ", " : "", tables[t].column[k]);
	strbuf_addf(sql, " FROM %s WHERE municipality_code = $1 ORDER BY ", tables[t].db_table);
	for (k = 0; k < tables[t].columns; k++)
		if (tables[t].key & (1u << k))
			strbuf_addf(sql, "%smapping.code_key(%s::text)",
			            sql->buf[sql->len - 1] == ' ' ? "" : ", ", tables[t].column[k]);
}

struct mapping_set *mappings_read_loaded(PGconn *conn, const char *municipality_code)
{
	struct mapping_set *set = xcalloc(1, sizeof(*set));
	struct strbuf sql = STRBUF_INIT;
	const char *params[1] = {municipality_code};
	int t;

	set->dir = xstrdup("(loaded)");
	for (t = 0; t < T_COUNT; t++) {
		PGresult *res;
		int i, k, n;

		strbuf_reset(&sql);
		select_rules((enum table)t, &sql);
		res = db_query(conn, sql.buf, 1, params);
		if (res == NULL) {
			strbuf_release(&sql);
			mappings_free(set);
			return NULL;
		}
		n = PQntuples(res);
		set->rows[t] = xcalloc((size_t)n + 1, sizeof(struct row));
		set->count[t] = (size_t)n;
		for (i = 0; i < n; i++) {
			set->rows[t][i].line = i + 2;
			for (k = 0; k < tables[t].columns; k++)
				set->rows[t][i].cell[k] =
				    PQgetisnull(res, i, k) ? NULL : xstrdup(PQgetvalue(res, i, k));
		}
		PQclear(res);
	}
	strbuf_release(&sql);
	compute_checksum(set);
	return set;
}
