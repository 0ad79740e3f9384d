/*
 * source.c — reading and checking source definitions (see source.h).
 */
#include "source.h"
#include "ini.h"
#include "log.h"
#include "strbuf.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct parse_ctx {
	struct source_def *def;
	bool saw_kind, saw_format;
	int kind_line;
};

static const char *const format_names[] = {"csv", "xml", "sie4", "sie5"};

const char *source_format_name(enum source_format format)
{
	return (unsigned)format < 4 ? format_names[format] : "?";
}

const char *value_map_get(const struct value_map *map, const char *value)
{
	size_t i, len;

	while (*value == ' ')
		value++;
	len = strlen(value);
	while (len > 0 && value[len - 1] == ' ')
		len--;
	for (i = 0; i < map->count; i++)
		if (map->from_len[i] == len && map->from[i][0] == value[0] &&
		    memcmp(map->from[i], value, len) == 0)
			return map->to[i];
	return NULL;
}

static void value_map_add(struct value_map *map, const char *from, const char *to)
{
	map->from = xrealloc(map->from, (map->count + 1) * sizeof(char *));
	map->to = xrealloc(map->to, (map->count + 1) * sizeof(char *));
	map->from_len = xrealloc(map->from_len, (map->count + 1) * sizeof(size_t));
	map->from_len[map->count] = strlen(from);
	map->from[map->count] = xstrdup(from);
	map->to[map->count] = xstrdup(to);
	map->count++;
}

static void value_map_free(struct value_map *map)
{
	size_t i;

	for (i = 0; i < map->count; i++) {
		free(map->from[i]);
		free(map->to[i]);
	}
	free(map->from);
	free(map->from_len);
	free(map->to);
	memset(map, 0, sizeof(*map));
}

/* A one-character setting: the character itself, or a name for the
 * awkward ones. */
static int parse_char(const struct ini_entry *e, char *out, bool allow_none)
{
	const char *v = e->value;

	if (!strcasecmp(v, "tab") || !strcmp(v, "\\t"))
		*out = '\t';
	else if (!strcasecmp(v, "space"))
		*out = ' ';
	else if (allow_none && (!strcasecmp(v, "none") || v[0] == '\0'))
		*out = 0;
	else if (!strcasecmp(v, "semicolon"))
		*out = ';';
	else if (!strcasecmp(v, "comma"))
		*out = ',';
	else if (!strcasecmp(v, "dot"))
		*out = '.';
	else if (strlen(v) == 1)
		*out = v[0];
	else if (strlen(v) == 3 && v[0] == '"' && v[2] == '"')
		*out = v[1];
	else
		return ini_error(e, "\"%s\" is not a single character", v);
	return 0;
}

static int parse_number(const struct ini_entry *e, long min, long *out)
{
	if (!ini_whole_number(e, 10, min, LONG_MAX, out))
		return ini_error(e, "\"%s\" is not a whole number of at least %ld", e->value, min);
	return 0;
}

static int source_key(struct parse_ctx *ctx, const struct ini_entry *e)
{
	struct source_def *def = ctx->def;
	const char *v = e->value;
	int i;

	if (!strcmp(e->key, "kind")) {
		i = record_kind_lookup(v);
		if (i < 0)
			return ini_error(e,
			                 "unknown kind \"%s\" (service, ledger, population, "
			                 "aggregate or budget)",
			                 v);
		def->kind = (enum record_kind)i;
		ctx->saw_kind = true;
		ctx->kind_line = e->line;
	} else if (!strcmp(e->key, "format")) {
		for (i = 0; i < 4; i++)
			if (!strcasecmp(v, format_names[i]))
				break;
		if (i == 4)
			return ini_error(e, "unknown format \"%s\" (csv, xml, sie4 or sie5)", v);
		def->format = (enum source_format)i;
		ctx->saw_format = true;
	} else if (!strcmp(e->key, "encoding")) {
		free(def->encoding);
		def->encoding = xstrdup(v);
	} else if (!strcmp(e->key, "delimiter")) {
		return parse_char(e, &def->delimiter, false);
	} else if (!strcmp(e->key, "quote")) {
		return parse_char(e, &def->quote, true);
	} else if (!strcmp(e->key, "header")) {
		return ini_yes_no(e, &def->header);
	} else if (!strcmp(e->key, "decimal")) {
		if (parse_char(e, &def->decimal, false) != 0)
			return -1;
		if (def->decimal != ',' && def->decimal != '.')
			return ini_error(e, "the decimal separator must be \",\" or \".\"");
	} else if (!strcmp(e->key, "thousands")) {
		if (parse_char(e, &def->thousands, true) != 0)
			return -1;
		if (def->thousands != 0 && def->thousands != ' ' && def->thousands != '.' &&
		    def->thousands != ',')
			return ini_error(e, "the thousands separator must be none, space, \".\" or "
			                    "\",\"");
	} else if (!strcmp(e->key, "date_format")) {
		char *copy = xstrdup(v), *save = NULL, *tok;

		for (i = 0; i < (int)def->date_format_count; i++)
			free(def->date_formats[i]);
		def->date_format_count = 0;
		for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			while (*tok == ' ')
				tok++;
			if (*tok == '\0')
				continue;
			if (def->date_format_count == SOURCE_MAX_DATE_FORMATS) {
				free(copy);
				return ini_error(e, "more than %d date formats",
				                 SOURCE_MAX_DATE_FORMATS);
			}
			if (strcmp(tok, "%Y-%m-%d") && strcmp(tok, "%Y%m%d") &&
			    strcmp(tok, "%Y-%m") && strcmp(tok, "%Y%m") &&
			    strcmp(tok, "%d.%m.%Y") && strcmp(tok, "%Y/%m/%d")) {
				ini_error(e, "unsupported date format \"%s\"", tok);
				log_hint(
				    "Use %%Y-%%m-%%d, %%Y%%m%%d, %%Y-%%m, %%Y%%m, %%Y/%%m/%%d or "
				    "%%d.%%m.%%Y.");
				free(copy);
				return -1;
			}
			def->date_formats[def->date_format_count++] = xstrdup(tok);
		}
		free(copy);
	} else if (!strcmp(e->key, "file_pattern")) {
		free(def->file_pattern);
		def->file_pattern = xstrdup(v);
	} else if (!strcmp(e->key, "replace")) {
		/* period: the file supersedes the source's earlier rows in exactly the
		 * calendar months it has records in (source.h) */
		if (ini_one_of(e, "append", "period", &i) != 0)
			return -1;
		def->replace = i == 0 ? REPLACE_APPEND : REPLACE_PERIOD;
	} else if (!strcmp(e->key, "reject_max_count")) {
		return parse_number(e, -1, &def->reject_max_count);
	} else if (!strcmp(e->key, "reject_max_ratio")) {
		return ini_ratio(e, &def->reject_max_ratio);
	} else if (!strcmp(e->key, "replace_min_ratio")) {
		return ini_ratio(e, &def->replace_min_ratio);
	} else if (!strcmp(e->key, "allow_empty")) {
		return ini_yes_no(e, &def->allow_empty);
	} else if (!strcmp(e->key, "sex_precedence")) {
		if (ini_one_of(e, "number", "field", &i) != 0)
			return -1;
		def->sex_precedence = i == 0 ? SEX_PRECEDENCE_NUMBER : SEX_PRECEDENCE_FIELD;
	} else if (!strcmp(e->key, "interim_numbers")) {
		def->interim_numbers_given = true;
		return ini_yes_no(e, &def->interim_numbers);
	} else if (!strcmp(e->key, "allow_negative")) {
		/* allow_negative = yes: the source writes corrections as negative
		 * quantities, counts or populations; without it they are rejects
		 * ("negative_quantity") */
		return ini_yes_no(e, &def->allow_negative);
	} else if (!strcmp(e->key, "record_path")) {
		if (v[0] != '/')
			return ini_error(e, "the record path must start with \"/\"");
		free(def->record_path);
		def->record_path = xstrdup(v);
	} else if (!strcmp(e->key, "unbalanced_voucher")) {
		if (ini_one_of(e, "reject", "warn", &i) != 0)
			return -1;
		def->unbalanced_voucher_reject = i == 0;
	} else {
		return ini_error(e, "unknown key in section [source]");
	}
	return 0;
}

/* The number of a field reference ("#N", "dim:N"): text is a whole number
 * from 1 to max.  True and *n set, or false. */
static bool reference_number(const char *text, long max, int *n)
{
	char *end;
	long v = strtol(text, &end, 10);

	if (*end || end == text || v < 1 || v > max)
		return false;
	*n = (int)v;
	return true;
}

/* A field reference: "#N", "dim:N", "\"constant\"", else a column name
 * or an XML path (decided once the format is known). */
static int field_key(struct parse_ctx *ctx, const struct ini_entry *e)
{
	struct field_ref *ref;
	const char *v = e->value;
	size_t len = strlen(v);
	int id = field_lookup(e->key);

	if (id < 0)
		return ini_error(e, "unknown canonical field");
	ref = &ctx->def->fields[id];
	free(ref->text);
	memset(ref, 0, sizeof(*ref));
	ref->line = e->line;
	if (len == 0)
		return ini_error(e, "empty field reference");
	if (v[0] == '#') {
		if (!reference_number(v + 1, 10000, &ref->index))
			return ini_error(e, "\"%s\" is not a column position (#1, #2 ...)", v);
		ref->type = REF_POSITION;
	} else if (!strncmp(v, "dim:", 4)) {
		if (!reference_number(v + 4, 999, &ref->index))
			return ini_error(e, "\"%s\" is not a SIE dimension (dim:1, dim:20 ...)", v);
		ref->type = REF_DIMENSION;
	} else if (len >= 2 && v[0] == '"' && v[len - 1] == '"') {
		ref->type = REF_CONSTANT;
		ref->text = xstrndup(v + 1, len - 2);
	} else {
		ref->type = REF_COLUMN; /* or REF_XML_PATH: settled in check() */
		ref->text = xstrdup(v);
	}
	return 0;
}

static int entry(const struct ini_entry *e, void *arg)
{
	struct parse_ctx *ctx = arg;

	if (!strcmp(e->section, "source"))
		return source_key(ctx, e);
	if (!strcmp(e->section, "fields"))
		return field_key(ctx, e);
	if (!strcmp(e->section, "values.sex")) {
		if (strcmp(e->value, "0") && strcmp(e->value, "1") && strcmp(e->value, "2") &&
		    strcmp(e->value, "9"))
			return ini_error(e, "a sex value maps to 0, 1, 2 or 9 (ISO/IEC 5218)");
		value_map_add(&ctx->def->sex_values, e->key, e->value);
		return 0;
	}
	if (!strcmp(e->section, "values.unit")) {
		value_map_add(&ctx->def->unit_values, e->key, e->value);
		return 0;
	}
	if (e->section[0] == '\0')
		return ini_error(e, "key outside a section");
	return ini_error(e, "unknown section [%s]", e->section);
}

static bool mapped(const struct source_def *def, enum field_id id)
{
	return def->fields[id].type != REF_NONE;
}

/* The required fields of each kind (docs/sources.md), and references that fit
 * the format. */
static int check(struct parse_ctx *ctx)
{
	struct source_def *def = ctx->def;
	struct ini_entry at = {def->path, 1, "", NULL, NULL};
	int rc = 0, i;

	if (!ctx->saw_kind) {
		at.key = "kind";
		rc = ini_error(&at, "missing in section [source]");
	}
	if (!ctx->saw_format) {
		at.key = "format";
		rc = ini_error(&at, "missing in section [source]");
	}
	if (rc)
		return rc;
	for (i = 0; i < FIELD_COUNT_ALL; i++) {
		struct field_ref *ref = &def->fields[i];

		at.line = ref->line;
		at.key = field_name((enum field_id)i);
		if (ref->type == REF_COLUMN && def->format == FORMAT_XML)
			ref->type = REF_XML_PATH;
		if (ref->type == REF_DIMENSION && def->format != FORMAT_SIE4 &&
		    def->format != FORMAT_SIE5)
			rc = ini_error(&at, "dim:N references are for SIE sources only");
		if (ref->type == REF_POSITION && def->format != FORMAT_CSV)
			rc = ini_error(&at, "#N column positions are for CSV sources only");
		if (ref->type == REF_COLUMN &&
		    (def->format == FORMAT_SIE4 || def->format == FORMAT_SIE5))
			rc = ini_error(&at,
			               "a SIE source maps fields with dim:N or the ledger's own "
			               "fields");
	}
	at.line = ctx->kind_line;
	at.key = "kind";
	switch (def->kind) {
	case KIND_SERVICE:
		if (!mapped(def, FIELD_PERSON_ID) && !mapped(def, FIELD_PERSON_KEY))
			rc = ini_error(&at, "a service source must map person_id or person_key");
		if (!mapped(def, FIELD_SERVICE_CODE) || !mapped(def, FIELD_ORG_CODE) ||
		    !mapped(def, FIELD_PERIOD_START))
			rc = ini_error(&at, "a service source must map service_code, org_code and "
			                    "period_start");
		break;
	case KIND_LEDGER:
		if (def->format == FORMAT_SIE4 || def->format == FORMAT_SIE5)
			break; /* date, account and amount come from the ledger itself */
		if ((!mapped(def, FIELD_DATE) && !mapped(def, FIELD_PERIOD)) ||
		    !mapped(def, FIELD_ACCOUNT) || !mapped(def, FIELD_AMOUNT))
			rc =
			    ini_error(&at, "a ledger source must map date (or period), account and "
			                   "amount");
		break;
	case KIND_POPULATION:
		if (!mapped(def, FIELD_YEAR) || !mapped(def, FIELD_SEX) ||
		    !mapped(def, FIELD_COUNT) ||
		    (!mapped(def, FIELD_AGE) &&
		     !(mapped(def, FIELD_AGE_FROM) && mapped(def, FIELD_AGE_TO))))
			rc = ini_error(&at, "a population source must map year, sex, count and age "
			                    "(or age_from and age_to)");
		break;
	case KIND_AGGREGATE:
		if (!mapped(def, FIELD_PERIOD_START) || !mapped(def, FIELD_ORG_CODE) ||
		    (!mapped(def, FIELD_ACTIVITY_CODE) && !mapped(def, FIELD_SERVICE_CODE)))
			rc = ini_error(&at, "an aggregate source must map period_start, org_code "
			                    "and activity_code or service_code");
		if (!(mapped(def, FIELD_SEX) && mapped(def, FIELD_COUNT)) &&
		    !(mapped(def, FIELD_COUNT_WOMEN) && mapped(def, FIELD_COUNT_MEN)))
			rc = ini_error(&at, "an aggregate source must map sex and count, or "
			                    "count_women and count_men");
		break;
	case KIND_BUDGET:
		/* SIE 4 budgets are its #PBUDGET rows; a version replaces itself */
		if (def->format == FORMAT_SIE5)
			rc = ini_error(&at, "a budget source reads SIE 4 (#PBUDGET), CSV or XML");
		else if (def->format != FORMAT_SIE4 &&
		         (!mapped(def, FIELD_AMOUNT) ||
		          (!mapped(def, FIELD_YEAR) && !mapped(def, FIELD_PERIOD))))
			rc = ini_error(&at, "a budget source must map amount and year (or period)");
		if (def->replace == REPLACE_PERIOD)
			rc = ini_error(&at, "a budget replaces by version and year, not by period: "
			                    "leave replace out");
		break;
	default:
		break;
	}
	if (def->format == FORMAT_XML && def->record_path == NULL) {
		at.key = "record_path";
		rc = ini_error(&at, "an XML source needs record_path");
	}
	if ((mapped(def, FIELD_SEX) || mapped(def, FIELD_CO_SEX)) && def->sex_values.count == 0 &&
	    def->kind != KIND_POPULATION && def->kind != KIND_AGGREGATE) {
		at.key = "sex";
		rc = ini_error(&at, "a mapped sex field needs a [values.sex] section");
	}
	return rc;
}

static void defaults(struct source_def *def, const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');

	memset(def, 0, sizeof(*def));
	def->path = xstrdup(path);
	def->name = dot ? xstrndup(base, (size_t)(dot - base)) : xstrdup(base);
	def->encoding = xstrdup("UTF-8");
	def->delimiter = ';';
	def->quote = '"';
	def->header = true;
	def->decimal = ',';
	def->date_formats[0] = xstrdup("%Y-%m-%d");
	def->date_format_count = 1;
	def->reject_max_count = SOURCE_NOT_GIVEN;
	def->reject_max_ratio = -1.0;
	def->replace_min_ratio = 0.5;
	def->unbalanced_voucher_reject = true;
}

int source_load(const char *path, struct source_def *def)
{
	struct parse_ctx ctx;
	int rc;

	defaults(def, path);
	memset(&ctx, 0, sizeof(ctx));
	ctx.def = def;
	rc = ini_parse_file(path, entry, &ctx);
	if (rc == 0)
		rc = check(&ctx);
	return rc;
}

int source_load_named(const char *dir, const char *name, struct source_def *def)
{
	struct strbuf path = STRBUF_INIT;
	int rc;
	const char *p;

	for (p = name; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-')) {
			log_error("invalid source name \"%s\"", name);
			log_hint("A source name is the name of its definition file in the sources "
			         "directory, without \".conf\".");
			memset(def, 0, sizeof(*def));
			return -1;
		}
	}
	strbuf_addf(&path, "%s/%s.conf", dir, name);
	rc = source_load(path.buf, def);
	strbuf_release(&path);
	return rc;
}

void source_free(struct source_def *def)
{
	size_t i;

	free(def->name);
	free(def->path);
	free(def->encoding);
	for (i = 0; i < def->date_format_count; i++)
		free(def->date_formats[i]);
	free(def->file_pattern);
	free(def->record_path);
	for (i = 0; i < FIELD_COUNT_ALL; i++)
		free(def->fields[i].text);
	value_map_free(&def->sex_values);
	value_map_free(&def->unit_values);
	memset(def, 0, sizeof(*def));
}

int source_find_for_file(const char *dir, const char *file_name, struct source_def *def)
{
	struct dirent **entries = NULL;
	int n, i, found = 0;

	memset(def, 0, sizeof(*def));
	n = scandir(dir, &entries, NULL, alphasort);
	if (n < 0) {
		log_error("could not open the sources directory \"%s\": %s", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *name = entries[i]->d_name;
		size_t len = strlen(name);
		struct strbuf path = STRBUF_INIT;
		struct source_def candidate;

		if (found || len < 6 || strcmp(name + len - 5, ".conf") != 0)
			continue;
		strbuf_addf(&path, "%s/%s", dir, name);
		if (source_load(path.buf, &candidate) != 0) {
			found = -1;
		} else if (candidate.file_pattern &&
		           fnmatch(candidate.file_pattern, file_name, 0) == 0) {
			*def = candidate;
			found = 1;
		} else {
			source_free(&candidate);
		}
		strbuf_release(&path);
	}
	for (i = 0; i < n; i++)
		free(entries[i]);
	free(entries);
	return found;
}
