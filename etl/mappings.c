/*
 * mappings.c — reading, checking and loading the mapping tables
 * (see mappings.h).
 */
#include "mappings.h"
#include "db.h"
#include "digest.h"
#include "log.h"
#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum table { T_COMMITTEES, T_ORG_UNITS, T_ACTIVITIES, T_ACCOUNTS, T_SERVICE_CODES, T_COUNT };

static const struct {
	const char *file;
	const char *header;
	int columns;
	const char *insert;
} tables[T_COUNT] = {
    {"committees.csv", "committee_code;committee_name;valid_from;valid_to", 4,
     "INSERT INTO mapping.committee VALUES ($1, $2, $3, $4::smallint, $5::smallint)"},
    {"org_units.csv", "org_code_from;org_code_to;committee_code;valid_from;valid_to", 5,
     "INSERT INTO mapping.org_unit VALUES ($1, $2, $3, $4, $5::smallint, $6::smallint)"},
    {"activities.csv",
     "activity_code;activity_name;method;volume_unit;age_from;age_to;household_split", 7,
     "INSERT INTO mapping.activity VALUES ($1, $2, $3, $4, $5, $6::smallint, $7::smallint, "
     "$8)"},
    {"accounts.csv", "account_from;account_to;account_type", 3,
     "INSERT INTO mapping.account VALUES ($1, $2, $3, $4)"},
    {"service_codes.csv", "source;service_code;activity_code;unit;valid_from;valid_to", 6,
     "INSERT INTO mapping.service_code VALUES ($1, $2, $3, $4, $5, $6::smallint, "
     "$7::smallint)"},
};

#define MAX_COLUMNS 8

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

static const char *column_name(enum table t, int column)
{
	static char name[64];
	const char *p = tables[t].header;
	int i;

	for (i = 1; i < column && p; i++) {
		p = strchr(p, ';');
		if (p)
			p++;
	}
	if (p == NULL)
		return "?";
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(p, ";"), p);
	return name;
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

/* Split one line at ';' into cells, trimmed; empty cells are NULL. */
static int split(char *line, char **cells)
{
	int n = 0;
	char *p = line;

	for (;;) {
		char *end = strchr(p, ';'), *e;

		if (end)
			*end = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		e = p + strlen(p);
		while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			*--e = '\0';
		if (n < MAX_COLUMNS)
			cells[n] = *p ? p : NULL;
		n++;
		if (end == NULL)
			break;
		p = end + 1;
	}
	return n;
}

static int read_table(struct mapping_set *set, enum table t, struct digest *d)
{
	struct strbuf path = STRBUF_INIT;
	struct checker c;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0;
	FILE *f;

	strbuf_addf(&path, "%s/%s", set->dir, tables[t].file);
	c.path = path.buf;
	c.ok = true;
	f = fopen(path.buf, "r");
	if (f == NULL) {
		log_error("could not open mapping file \"%s\": %s", path.buf, strerror(errno));
		strbuf_release(&path);
		return -1;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		char *cells[MAX_COLUMNS] = {NULL};
		struct row *r;
		int n, i;

		digest_update(d, line, (size_t)len);
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (lineno == 1) {
			const char *h = line;

			if (strncmp(h, "\xEF\xBB\xBF", 3) == 0)
				h += 3;
			if (strcmp(h, tables[t].header) != 0) {
				log_error("%s:1: the header must be \"%s\"", path.buf,
				          tables[t].header);
				c.ok = false;
				break;
			}
			continue;
		}
		if (len == 0 || line[0] == '#')
			continue;
		n = split(line, cells);
		if (n != tables[t].columns) {
			log_error("%s:%d: %d columns, %d expected", path.buf, lineno, n,
			          tables[t].columns);
			c.ok = false;
			continue;
		}
		set->rows[t] = xrealloc(set->rows[t], (set->count[t] + 1) * sizeof(struct row));
		r = &set->rows[t][set->count[t]++];
		r->line = lineno;
		for (i = 0; i < MAX_COLUMNS; i++)
			r->cell[i] = i < n && cells[i] ? xstrdup(cells[i]) : NULL;
	}
	free(line);
	fclose(f);
	strbuf_release(&path);
	return c.ok ? 0 : -1;
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

static int check(struct mapping_set *set)
{
	struct strbuf path = STRBUF_INIT;
	struct checker c = {NULL, true};
	size_t i, j;

#define AT(t)                                                                                      \
	do {                                                                                       \
		strbuf_reset(&path);                                                               \
		strbuf_addf(&path, "%s/%s", set->dir, tables[t].file);                             \
		c.path = path.buf;                                                                 \
	} while (0)

	AT(T_COMMITTEES);
	for (i = 0; i < set->count[T_COMMITTEES]; i++) {
		const struct row *r = &set->rows[T_COMMITTEES][i];
		int f, t, f2, t2;

		if (r->cell[0] == NULL)
			problem(&c, r->line, 1, "committee_code", "empty committee code%s", NULL);
		if (r->cell[1] == NULL)
			problem(&c, r->line, 2, "committee_name", "empty committee name%s", NULL);
		if (!row_years(&c, T_COMMITTEES, r, 3, &f, &t) || r->cell[0] == NULL)
			continue;
		for (j = 0; j < i; j++) {
			const struct row *o = &set->rows[T_COMMITTEES][j];

			if (o->cell[0] && strcmp(o->cell[0], r->cell[0]) == 0 &&
			    is_year(o->cell[2], &f2) &&
			    (t2 = 32767, !o->cell[3] || is_year(o->cell[3], &t2)) &&
			    years_overlap(f, t, f2, t2))
				problem(&c, r->line, 1, "committee_code",
				        "committee \"%s\" is defined twice for the same years",
				        r->cell[0]);
		}
	}
	AT(T_ACTIVITIES);
	for (i = 0; i < set->count[T_ACTIVITIES]; i++) {
		const struct row *r = &set->rows[T_ACTIVITIES][i];
		const char *m = r->cell[2], *hs = r->cell[6];
		int age_from = 0, age_to = 200;

		if (r->cell[0] == NULL)
			problem(&c, r->line, 1, "activity_code", "empty activity code%s", NULL);
		if (r->cell[1] == NULL)
			problem(&c, r->line, 2, "activity_name", "empty activity name%s", NULL);
		if (m == NULL ||
		    (strcmp(m, "volume") && strcmp(m, "headcount") && strcmp(m, "direct") &&
		     strcmp(m, "aggregate") && strcmp(m, "none")))
			problem(
			    &c, r->line, 3, "method",
			    "\"%s\" is not a method (volume, headcount, direct, aggregate, none)",
			    m);
		if (hs && strcmp(hs, "equal") && strcmp(hs, "applicant"))
			problem(&c, r->line, 7, "household_split",
			        "\"%s\" is not a household split (equal, applicant)", hs);
		if (r->cell[4] && (!(age_from = atoi(r->cell[4]),
		                     strspn(r->cell[4], "0123456789") == strlen(r->cell[4])) ||
		                   age_from > 130))
			problem(&c, r->line, 5, "age_from", "\"%s\" is not an age", r->cell[4]);
		if (r->cell[5] && (!(age_to = atoi(r->cell[5]),
		                     strspn(r->cell[5], "0123456789") == strlen(r->cell[5])) ||
		                   age_to > 130 || age_to < age_from))
			problem(&c, r->line, 6, "age_to", "\"%s\" is not an age at least age_from",
			        r->cell[5]);
		for (j = 0; j < i && r->cell[0]; j++)
			if (set->rows[T_ACTIVITIES][j].cell[0] &&
			    strcmp(set->rows[T_ACTIVITIES][j].cell[0], r->cell[0]) == 0)
				problem(&c, r->line, 1, "activity_code",
				        "activity \"%s\" is defined twice", r->cell[0]);
	}
	AT(T_ORG_UNITS);
	for (i = 0; i < set->count[T_ORG_UNITS]; i++) {
		const struct row *r = &set->rows[T_ORG_UNITS][i];
		int f, t;

		if (r->cell[0] == NULL || r->cell[1] == NULL) {
			problem(&c, r->line, r->cell[0] ? 2 : 1, "org_code", "empty cost centre%s",
			        NULL);
			continue;
		}
		if (code_compare(r->cell[0], r->cell[1]) > 0)
			problem(&c, r->line, 2, "org_code_to",
			        "the range ends (%s) before it starts", r->cell[1]);
		if (!row_years(&c, T_ORG_UNITS, r, 4, &f, &t))
			continue;
		if (r->cell[2] == NULL || !committee_exists(set, r->cell[2], f, t))
			problem(&c, r->line, 3, "committee_code",
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
				problem(&c, r->line, 1, "org_code_from",
				        "the range overlaps the one on line %s in the same years",
				        lines);
			}
		}
	}
	AT(T_ACCOUNTS);
	for (i = 0; i < set->count[T_ACCOUNTS]; i++) {
		const struct row *r = &set->rows[T_ACCOUNTS][i];
		const char *type = r->cell[2];

		if (r->cell[0] == NULL || r->cell[1] == NULL) {
			problem(&c, r->line, 1, "account_from", "empty account%s", NULL);
			continue;
		}
		if (code_compare(r->cell[0], r->cell[1]) > 0)
			problem(&c, r->line, 2, "account_to",
			        "the range ends (%s) before it starts", r->cell[1]);
		if (type == NULL || (strcmp(type, "cost") && strcmp(type, "revenue") &&
		                     strcmp(type, "internal_revenue") && strcmp(type, "ignore")))
			problem(&c, r->line, 3, "account_type",
			        "\"%s\" is not an account type (cost, revenue, internal_revenue, "
			        "ignore)",
			        type);
		for (j = 0; j < i; j++) {
			const struct row *o = &set->rows[T_ACCOUNTS][j];

			if (o->cell[0] && o->cell[1] && code_compare(r->cell[0], o->cell[1]) <= 0 &&
			    code_compare(o->cell[0], r->cell[1]) <= 0)
				problem(&c, r->line, 1, "account_from",
				        "the range overlaps another (from %s)", o->cell[0]);
		}
	}
	AT(T_SERVICE_CODES);
	for (i = 0; i < set->count[T_SERVICE_CODES]; i++) {
		const struct row *r = &set->rows[T_SERVICE_CODES][i];
		int f, t;

		if (r->cell[0] == NULL)
			problem(&c, r->line, 1, "source", "empty source%s", NULL);
		if (r->cell[1] == NULL)
			problem(&c, r->line, 2, "service_code", "empty service code%s", NULL);
		if (r->cell[2] == NULL || !activity_exists(set, r->cell[2]))
			problem(&c, r->line, 3, "activity_code", "unknown activity \"%s\"",
			        r->cell[2]);
		if (!row_years(&c, T_SERVICE_CODES, r, 5, &f, &t) || !r->cell[0] || !r->cell[1])
			continue;
		for (j = 0; j < i; j++) {
			const struct row *o = &set->rows[T_SERVICE_CODES][j];
			int f2, t2 = 32767;

			if (o->cell[0] && o->cell[1] && !strcmp(o->cell[0], r->cell[0]) &&
			    !strcmp(o->cell[1], r->cell[1]) && is_year(o->cell[4], &f2) &&
			    (!o->cell[5] || is_year(o->cell[5], &t2)) &&
			    years_overlap(f, t, f2, t2))
				problem(&c, r->line, 2, "service_code",
				        "service code \"%s\" is mapped twice for the same years",
				        r->cell[1]);
		}
	}
#undef AT
	strbuf_release(&path);
	return c.ok ? 0 : -1;
}

struct mapping_set *mappings_read(const char *dir)
{
	struct mapping_set *set = xcalloc(1, sizeof(*set));
	struct digest *d = digest_new();
	int t, rc = 0;

	set->dir = xstrdup(dir);
	for (t = 0; t < T_COUNT; t++)
		if (read_table(set, (enum table)t, d) != 0)
			rc = -1;
	digest_finish(d, set->checksum);
	/* check what could be read, so that all problems are reported at once */
	if (check(set) != 0)
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
                  bool *loaded)
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
	/* every year with data waits for a new allocation (etl.year_state) */
	if (db_command(conn,
	               "INSERT INTO mapping.mapping_set (municipality_code, sha256, directory) "
	               "VALUES ($1, $2, $3)",
	               3, params) != 0 ||
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
