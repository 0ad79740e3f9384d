/*
 * impact.c — the gender impact of a proposed change (impact.h).
 */
#include "impact.h"
#include "html.h"
#include "csv_out.h"
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "outfile.h"
#include "pnr_scan.h"
#include "report_labels.h"
#include "strbuf.h"
#include "value_parse.h"
#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Columns of result.impact(). */
enum {
	C_REF_YEAR,
	C_REFERENCE,
	C_COMMITTEE_NAME,
	C_ACTIVITY_NAME,
	C_UNIT,
	C_COST,
	C_WOMEN,
	C_MEN,
	C_D_WOMEN,
	C_D_MEN,
	C_D_UNKNOWN,
	C_D_NOT_INDIVIDUAL,
	C_D_UNALLOCATED,
	C_VOL_WOMEN,
	C_VOL_MEN,
	C_REC_WOMEN,
	C_REC_MEN,
	C_SHARE_BEFORE,
	C_SHARE_AFTER,
	C_COMMITTEE_SHARE_BEFORE,
	C_COMMITTEE_SHARE_AFTER,
	C_INH_WOMEN_BEFORE,
	C_INH_WOMEN_AFTER,
	C_INH_MEN_BEFORE,
	C_INH_MEN_AFTER,
	C_MUN_WOMEN,
	C_MUN_MEN,
};

/* Columns of the totals query. */
enum { T_CHANGE, T_WOMEN, T_MEN, T_UNKNOWN, T_NOT_INDIVIDUAL, T_UNALLOCATED, T_BEFORE, T_AFTER };

/* A volume unit's word (report_labels.c), or the unit itself */
static const char *unit_name(const char *unit, bool english)
{
	const char *label = report_code_label(CODE_UNIT, unit, english);

	return label ? label : unit;
}

int impact_parse_sek(const char *text, long long *ore)
{
	const char *why;
	char decimal = strchr(text, ',') ? ',' : '.';

	while (*text == ' ')
		text++;
	if (*text == '\0')
		return -1;
	return parse_amount_ore(text, decimal, ' ', ore, &why);
}

void impact_format(const char *number, bool ore, bool english, char *out, size_t size)
{
	char digits[64], frac[64];
	const char *p = number;
	size_t nd = 0, nf = 0, i, o = 0;
	bool neg = false;

	if (number == NULL || *number == '\0') {
		snprintf(out, size, "–");
		return;
	}
	if (*p == '-') {
		neg = true;
		p++;
	}
	for (; *p && *p != '.' && nd + 1 < sizeof(digits); p++)
		digits[nd++] = *p;
	if (*p == '.')
		for (p++; *p && nf + 1 < sizeof(frac); p++)
			frac[nf++] = *p;
	if (ore) { /* move the point two places left */
		while (nd < 3) {
			memmove(digits + 1, digits, nd);
			digits[0] = '0';
			nd++;
		}
		frac[0] = digits[nd - 2];
		frac[1] = digits[nd - 1];
		nf = 2;
		nd -= 2;
	}
	if (size == 0)
		return;
	if (neg && o + 1 < size)
		out[o++] = '-';
	for (i = 0; i < nd && o + 4 < size; i++) {
		out[o++] = digits[i];
		if ((nd - i - 1) % 3 == 0 && i + 1 < nd)
			out[o++] = english ? ',' : ' ';
	}
	if (nf && o + 2 < size) {
		out[o++] = english ? '.' : ',';
		for (i = 0; i < nf && o + 1 < size; i++)
			out[o++] = frac[i];
	}
	out[o] = '\0';
}

int impact_read_proposal(const char *path, struct impact_change **changes, size_t *count)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	size_t alloc = 0;
	long n = 0;
	int rc = -1;

	*changes = NULL;
	*count = 0;
	if (f == NULL) {
		log_error("could not open proposal file \"%s\": %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *field[4] = {NULL, NULL, NULL, NULL}, *p = line, *s;
		struct impact_change *c;
		int k = 0;

		n++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			log_error("%s:%ld: a line longer than %zu bytes", path, n,
			          sizeof(line) - 2);
			goto out;
		}
		line[strcspn(line, "\r\n")] = '\0';
		if (n == 1 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
			p += 3; /* Excel's byte order mark */
		if (*p == '\0')
			continue;
		while (k < 4 && p) {
			field[k++] = p;
			s = k < 4 ? strchr(p, ';') : NULL;
			if (s)
				*s++ = '\0';
			p = s;
		}
		for (k = 0; k < 4; k++) { /* trim spaces and quotes */
			size_t len;

			if (field[k] == NULL)
				continue;
			while (*field[k] == ' ' || *field[k] == '"')
				field[k]++;
			len = strlen(field[k]);
			while (len && (field[k][len - 1] == ' ' || field[k][len - 1] == '"'))
				field[k][--len] = '\0';
		}
		xgrow((void **)changes, sizeof(**changes), *count + 1, &alloc);
		c = &(*changes)[*count];
		memset(c, 0, sizeof(*c));
		if (field[2] == NULL || impact_parse_sek(field[2], &c->change_ore) != 0) {
			if (*count == 0 && n == 1)
				continue; /* a header */
			log_error("%s:%ld: field 3 (change): \"%.40s\" is not an amount in kronor",
			          path, n, field[2] ? field[2] : "");
			log_hint("A line is committee;activity;change in SEK;text, e.g. "
			         "VON;5101;-2000000;Minskad hemtjänst.");
			goto out;
		}
		if (field[0][0] == '\0' || field[1] == NULL || field[1][0] == '\0' ||
		    strlen(field[0]) >= sizeof(c->committee) ||
		    strlen(field[1]) >= sizeof(c->activity)) {
			log_error("%s:%ld: a change needs a committee and an activity code", path,
			          n);
			goto out;
		}
		snprintf(c->committee, sizeof(c->committee), "%s", field[0]);
		snprintf(c->activity, sizeof(c->activity), "%s", field[1]);
		/* free text for the outputs: an identity number in it is masked */
		pnr_scan_mask_str(field[3] ? field[3] : "", c->text, sizeof(c->text));
		(*count)++;
	}
	if (ferror(f)) {
		log_error("could not read proposal file \"%s\": %s", path, strerror(errno));
		goto out;
	}
	if (*count == 0) {
		log_error("proposal file \"%s\" has no changes", path);
		goto out;
	}
	rc = 0;
out:
	fclose(f);
	if (rc != 0) {
		free(*changes);
		*changes = NULL;
		*count = 0;
	}
	return rc;
}

/* --- the outputs ------------------------------------------------------------- */

struct estimate {
	const struct impact_options *o;
	const struct impact_change *changes;
	size_t count;
	PGresult **rows;  /* one result.impact() row per change */
	PGresult *totals; /* the totals query */
};

static void sex_rows(FILE *f, const struct estimate *e, PGresult *r,
                     void (*row)(FILE *, const char *, const char *, const char *));

/* A label (report_labels.h) in the language of the estimate. */
static const char *word(const struct estimate *e, enum label l)
{
	return report_label(l, e->o->english);
}

static const char *v(PGresult *res, int col)
{
	return PQgetisnull(res, 0, col) ? NULL : PQgetvalue(res, 0, col);
}

/* A formatted number into one of a few rotating buffers. */
static const char *fmt(const struct estimate *e, const char *number, bool ore)
{
	static char buf[8][64];
	static int next;
	char *b = buf[next++ % 8];

	impact_format(number, ore, e->o->english, b, 64);
	return b;
}

static const char *change_text(const struct estimate *e, size_t i)
{
	static char buf[32];

	snprintf(buf, sizeof(buf), "%lld", e->changes[i].change_ore);
	return fmt(e, buf, true);
}

/* "VON Vård- och omsorgsnämnden, 5101 Hemtjänst" (codes alone when a name
 * is unknown). */
static const char *heading(PGresult *r, const struct impact_change *c, char *buf, size_t size)
{
	const char *cn = v(r, C_COMMITTEE_NAME), *an = v(r, C_ACTIVITY_NAME);

	snprintf(buf, size, "%s%s%s, %s%s%s", c->committee, cn ? " " : "", cn ? cn : "",
	         c->activity, an ? " " : "", an ? an : "");
	return buf;
}

/* Pad to width in characters (UTF-8 aware). */
static void put_padded(FILE *f, const char *s, int width, bool right)
{
	int chars = 0;
	const char *p;

	for (p = s; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	if (right)
		fprintf(f, "%*s%s", width > chars ? width - chars : 0, "", s);
	else
		fprintf(f, "%s%*s", s, width > chars ? width - chars : 0, "");
}

static void term_row(FILE *f, const char *label, const char *women, const char *men)
{
	fputs("   ", f);
	put_padded(f, label, 34, false);
	put_padded(f, women, 16, true);
	put_padded(f, men, 16, true);
	fputc('\n', f);
}

static void write_terminal(const struct estimate *e, FILE *f)
{
	const char *ref = v(e->rows[0], C_REF_YEAR);
	char line[600];
	size_t i;

	fprintf(f, word(e, L_IMPACT_TITLE), e->o->year);
	fputc('\n', f);
	fprintf(f, word(e, L_IMPACT_BASE), ref);
	fputs("\n\n", f);
	for (i = 0; i < e->count; i++) {
		PGresult *r = e->rows[i];
		const struct impact_change *c = &e->changes[i];

		fprintf(f, "%zu. %s: %s %s\n", i + 1, heading(r, c, line, sizeof(line)),
		        change_text(e, i), e->o->english ? "SEK" : "kr");
		if (c->text[0])
			fprintf(f, "   %s\n", c->text);
		term_row(f, "", word(e, L_WOMEN), word(e, L_MEN));
		sex_rows(f, e, r, term_row);
		snprintf(line, sizeof(line), word(e, L_IMPACT_BEFORE_AFTER),
		         fmt(e, v(r, C_SHARE_BEFORE), false), fmt(e, v(r, C_SHARE_AFTER), false));
		fprintf(f, "   %s: %s\n", word(e, L_IMPACT_SHARE), line);
		if (v(r, C_COMMITTEE_SHARE_BEFORE)) {
			snprintf(line, sizeof(line), word(e, L_IMPACT_BEFORE_AFTER),
			         fmt(e, v(r, C_COMMITTEE_SHARE_BEFORE), false),
			         fmt(e, v(r, C_COMMITTEE_SHARE_AFTER), false));
			fprintf(f, "   %s: %s\n", word(e, L_IMPACT_COMMITTEE_SHARE), line);
		}
		fputs("   ", f);
		fprintf(f, word(e, L_IMPACT_UNKNOWN_NOT_IND), fmt(e, v(r, C_D_UNKNOWN), true),
		        fmt(e, v(r, C_D_NOT_INDIVIDUAL), true));
		fputc('\n', f);
		if (strcmp(v(r, C_REFERENCE), "activity") == 0) {
			fputs("   ", f);
			fprintf(f, word(e, L_IMPACT_ACTIVITY_WIDE), ref);
			fputc('\n', f);
		}
		if (!v(r, C_REC_WOMEN) && !v(r, C_REC_MEN))
			fprintf(f, "   %s\n", word(e, L_IMPACT_HIDDEN));
		fputc('\n', f);
	}
	fprintf(f, word(e, L_IMPACT_TOTAL), fmt(e, v(e->totals, T_CHANGE), true),
	        fmt(e, v(e->totals, T_WOMEN), true), fmt(e, v(e->totals, T_MEN), true),
	        fmt(e, v(e->totals, T_UNKNOWN), true),
	        fmt(e, v(e->totals, T_NOT_INDIVIDUAL), true));
	fputc('\n', f);
	snprintf(line, sizeof(line), word(e, L_IMPACT_BEFORE_AFTER),
	         fmt(e, v(e->totals, T_BEFORE), false), fmt(e, v(e->totals, T_AFTER), false));
	fprintf(f, "%s: %s\n\n", word(e, L_IMPACT_MUNICIPALITY_SHARE), line);
	fprintf(f, word(e, L_IMPACT_ASSUMPTIONS), ref, ref, ref);
	fputc('\n', f);
}

/* öre text -> "1234.56" for csv_out_number. */
static const char *sek(const char *ore_text, char *buf, size_t size)
{
	if (ore_text == NULL)
		return NULL;
	impact_format(ore_text, true, true, buf, size);
	{ /* drop the thousands commas */
		char *r = buf, *w = buf;

		for (; *r; r++)
			if (*r != ',')
				*w++ = *r;
		*w = '\0';
	}
	return buf;
}

static int write_csv(const struct estimate *e, const char *path)
{
	static const char *const heads[] = {"committee",
	                                    "activity",
	                                    "text",
	                                    "change_sek",
	                                    "change_women_sek",
	                                    "change_men_sek",
	                                    "change_unknown_sek",
	                                    "change_not_individual_sek",
	                                    "volume_unit",
	                                    "volume_change_women",
	                                    "volume_change_men",
	                                    "recipients_change_women",
	                                    "recipients_change_men",
	                                    "share_women_before_pct",
	                                    "share_women_after_pct",
	                                    "committee_share_women_before_pct",
	                                    "committee_share_women_after_pct",
	                                    "cost_per_inhabitant_women_before_sek",
	                                    "cost_per_inhabitant_women_after_sek",
	                                    "cost_per_inhabitant_men_before_sek",
	                                    "cost_per_inhabitant_men_after_sek",
	                                    "reference_year",
	                                    "reference"};
	struct csv_out c;
	char b[64], own[32];
	size_t i, h;

	if (csv_out_open(&c, path, !e->o->english) != 0)
		return -1;
	for (h = 0; h < sizeof(heads) / sizeof(heads[0]); h++)
		csv_out_text(&c, heads[h]);
	csv_out_end_row(&c);
	for (i = 0; i < e->count; i++) {
		PGresult *r = e->rows[i];
		int col;

		csv_out_text(&c, e->changes[i].committee);
		csv_out_text(&c, e->changes[i].activity);
		csv_out_text(&c, e->changes[i].text);
		snprintf(own, sizeof(own), "%lld", e->changes[i].change_ore);
		csv_out_number(&c, sek(own, b, sizeof(b)));
		/* runs of result.impact()'s columns, in its order */
		for (col = C_D_WOMEN; col <= C_D_NOT_INDIVIDUAL; col++)
			csv_out_number(&c, sek(v(r, col), b, sizeof(b)));
		csv_out_text(&c, v(r, C_UNIT) ? v(r, C_UNIT) : "");
		for (col = C_VOL_WOMEN; col <= C_COMMITTEE_SHARE_AFTER; col++)
			csv_out_number(&c, v(r, col));
		for (col = C_INH_WOMEN_BEFORE; col <= C_INH_MEN_AFTER; col++)
			csv_out_number(&c, sek(v(r, col), b, sizeof(b)));
		csv_out_number(&c, v(r, C_REF_YEAR));
		csv_out_text(&c, v(r, C_REFERENCE));
		csv_out_end_row(&c);
	}
	/* the total */
	csv_out_text(&c, e->o->english ? "total" : "totalt");
	csv_out_text(&c, "");
	csv_out_text(&c, "");
	for (i = T_CHANGE; i <= T_NOT_INDIVIDUAL; i++)
		csv_out_number(&c, sek(v(e->totals, (int)i), b, sizeof(b)));
	csv_out_text(&c, "");
	for (i = 0; i < 4; i++)
		csv_out_number(&c, NULL);
	csv_out_number(&c, v(e->totals, T_BEFORE));
	csv_out_number(&c, v(e->totals, T_AFTER));
	for (i = 0; i < 6; i++)
		csv_out_number(&c, NULL);
	csv_out_number(&c, v(e->rows[0], C_REF_YEAR));
	csv_out_text(&c, "");
	csv_out_end_row(&c);
	return csv_out_close(&c);
}

static void html_row(FILE *f, const char *label, const char *women, const char *men)
{
	fputs("<tr><th scope=\"row\">", f);
	html_escape(f, label);
	fputs("</th><td>", f);
	html_escape(f, women);
	fputs("</td><td>", f);
	html_escape(f, men);
	fputs("</td></tr>\n", f);
}

/* The rows by sex of one change (change, volume, recipients, cost per
 * inhabitant before and after), through the terminal's or the HTML's row. */
static void sex_rows(FILE *f, const struct estimate *e, PGresult *r,
                     void (*row)(FILE *, const char *, const char *, const char *))
{
	char label[256];

	row(f, word(e, L_IMPACT_CHANGE), fmt(e, v(r, C_D_WOMEN), true),
	    fmt(e, v(r, C_D_MEN), true));
	if (v(r, C_UNIT)) {
		snprintf(label, sizeof(label), word(e, L_IMPACT_VOLUME),
		         unit_name(v(r, C_UNIT), e->o->english));
		row(f, label, fmt(e, v(r, C_VOL_WOMEN), false), fmt(e, v(r, C_VOL_MEN), false));
	}
	row(f, word(e, L_IMPACT_RECIPIENTS), fmt(e, v(r, C_REC_WOMEN), false),
	    fmt(e, v(r, C_REC_MEN), false));
	row(f, word(e, L_IMPACT_PER_INH_BEFORE), fmt(e, v(r, C_INH_WOMEN_BEFORE), true),
	    fmt(e, v(r, C_INH_MEN_BEFORE), true));
	row(f, word(e, L_IMPACT_PER_INH_AFTER), fmt(e, v(r, C_INH_WOMEN_AFTER), true),
	    fmt(e, v(r, C_INH_MEN_AFTER), true));
}

static int write_html(const struct estimate *e, const char *path)
{
	const char *ref = v(e->rows[0], C_REF_YEAR);
	struct outfile out;
	char line[800], label[256];
	FILE *f;
	size_t i;

	if (outfile_open(&out, path) != 0)
		return -1;
	f = out.f;
	fprintf(f, "<section class=\"gbetl-impact\" lang=\"%s\">\n<h3>",
	        e->o->english ? "en" : "sv");
	snprintf(line, sizeof(line), word(e, L_IMPACT_TITLE), e->o->year);
	html_escape(f, line);
	fputs("</h3>\n<p>", f);
	snprintf(line, sizeof(line), word(e, L_IMPACT_BASE), ref);
	html_escape(f, line);
	fputs("</p>\n", f);
	for (i = 0; i < e->count; i++) {
		PGresult *r = e->rows[i];
		const struct impact_change *c = &e->changes[i];

		heading(r, c, label, sizeof(label));
		snprintf(line, sizeof(line), "%s: %s %s", label, change_text(e, i),
		         e->o->english ? "SEK" : "kr");
		fputs("<h4>", f);
		html_escape(f, line);
		fputs("</h4>\n", f);
		if (c->text[0]) {
			fputs("<p>", f);
			html_escape(f, c->text);
			fputs("</p>\n", f);
		}
		fputs("<table>\n<thead><tr><th></th><th scope=\"col\">", f);
		html_escape(f, word(e, L_WOMEN));
		fputs("</th><th scope=\"col\">", f);
		html_escape(f, word(e, L_MEN));
		fputs("</th></tr></thead>\n<tbody>\n", f);
		sex_rows(f, e, r, html_row);
		fputs("</tbody>\n</table>\n<p>", f);
		snprintf(line, sizeof(line), word(e, L_IMPACT_BEFORE_AFTER),
		         fmt(e, v(r, C_SHARE_BEFORE), false), fmt(e, v(r, C_SHARE_AFTER), false));
		html_escape(f, word(e, L_IMPACT_SHARE));
		fputs(": ", f);
		html_escape(f, line);
		fputs(".", f);
		if (v(r, C_COMMITTEE_SHARE_BEFORE)) {
			snprintf(line, sizeof(line), word(e, L_IMPACT_BEFORE_AFTER),
			         fmt(e, v(r, C_COMMITTEE_SHARE_BEFORE), false),
			         fmt(e, v(r, C_COMMITTEE_SHARE_AFTER), false));
			fputs(" ", f);
			html_escape(f, word(e, L_IMPACT_COMMITTEE_SHARE));
			fputs(": ", f);
			html_escape(f, line);
			fputs(".", f);
		}
		fputs(" ", f);
		snprintf(line, sizeof(line), word(e, L_IMPACT_UNKNOWN_NOT_IND),
		         fmt(e, v(r, C_D_UNKNOWN), true), fmt(e, v(r, C_D_NOT_INDIVIDUAL), true));
		html_escape(f, line);
		if (strcmp(v(r, C_REFERENCE), "activity") == 0) {
			snprintf(line, sizeof(line), word(e, L_IMPACT_ACTIVITY_WIDE), ref);
			fputs(" ", f);
			html_escape(f, line);
		}
		fputs("</p>\n", f);
	}
	fputs("<p>", f);
	snprintf(line, sizeof(line), word(e, L_IMPACT_TOTAL), fmt(e, v(e->totals, T_CHANGE), true),
	         fmt(e, v(e->totals, T_WOMEN), true), fmt(e, v(e->totals, T_MEN), true),
	         fmt(e, v(e->totals, T_UNKNOWN), true),
	         fmt(e, v(e->totals, T_NOT_INDIVIDUAL), true));
	html_escape(f, line);
	fputs(" ", f);
	html_escape(f, word(e, L_IMPACT_MUNICIPALITY_SHARE));
	fputs(": ", f);
	snprintf(line, sizeof(line), word(e, L_IMPACT_BEFORE_AFTER),
	         fmt(e, v(e->totals, T_BEFORE), false), fmt(e, v(e->totals, T_AFTER), false));
	html_escape(f, line);
	fputs(".</p>\n<p>", f);
	snprintf(line, sizeof(line), word(e, L_IMPACT_ASSUMPTIONS), ref, ref, ref);
	html_escape(f, line);
	fputs("</p>\n</section>\n", f);
	return outfile_commit(&out);
}

/* --- the estimate ------------------------------------------------------------ */

/* The sums over the changes and the municipality's women's share before
 * and after them, exactly, in the database. */
static PGresult *totals(PGconn *conn, const struct estimate *e)
{
	static const int cols[6] = {-1,          C_D_WOMEN,          C_D_MEN,
	                            C_D_UNKNOWN, C_D_NOT_INDIVIDUAL, C_D_UNALLOCATED};
	struct strbuf arrays[6];
	const char *params[8];
	PGresult *res;
	size_t i;
	int k;

	for (k = 0; k < 6; k++) {
		strbuf_init(&arrays[k], 0);
		strbuf_addch(&arrays[k], '{');
		for (i = 0; i < e->count; i++) {
			if (i)
				strbuf_addch(&arrays[k], ',');
			if (cols[k] < 0)
				strbuf_addf(&arrays[k], "%lld", e->changes[i].change_ore);
			else
				strbuf_addstr(&arrays[k], v(e->rows[i], cols[k]));
		}
		strbuf_addch(&arrays[k], '}');
		params[k] = arrays[k].buf;
	}
	params[6] = v(e->rows[0], C_MUN_WOMEN) ? v(e->rows[0], C_MUN_WOMEN) : "0";
	params[7] = v(e->rows[0], C_MUN_MEN) ? v(e->rows[0], C_MUN_MEN) : "0";
	res =
	    db_query(conn,
	             "SELECT sum(c)::text, sum(w)::text, sum(m)::text, sum(u)::text, sum(n)::text, "
	             "sum(x)::text, round(100.0 * $7::numeric / nullif($7::numeric + $8::numeric, "
	             "0), 1), round(100.0 * ($7::numeric + sum(w)) / nullif($7::numeric + "
	             "$8::numeric + sum(w) + sum(m), 0), 1) FROM unnest($1::numeric[], "
	             "$2::numeric[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[]) "
	             "AS t(c, w, m, u, n, x)",
	             8, params);
	for (k = 0; k < 6; k++)
		strbuf_release(&arrays[k]);
	return res;
}

int impact_estimate(PGconn *conn, const struct impact_options *o,
                    const struct impact_change *changes, size_t count)
{
	struct estimate e = {o, changes, count, NULL, NULL};
	int status = EXIT_OK;
	size_t i, done = 0;
	e.rows = xcalloc(count, sizeof(*e.rows));
	for (i = 0; i < count; i++, done++) {
		char change[32];
		const char *params[5] = {o->municipality, o->year, changes[i].committee,
		                         changes[i].activity, change};

		snprintf(change, sizeof(change), "%lld", changes[i].change_ore);
		e.rows[i] = PQexecParams(conn,
		                         "SELECT * FROM result.impact($1, $2::smallint, $3, $4, "
		                         "$5::bigint)",
		                         5, NULL, params, NULL, NULL, 0);
		if (PQresultStatus(e.rows[i]) != PGRES_TUPLES_OK) {
			db_log_result_error(conn, e.rows[i], "could not estimate the change");
			if (count > 1)
				log_detail("Change %zu of %zu (committee \"%s\", activity \"%s\"); "
				           "nothing was written.",
				           i + 1, count, changes[i].committee, changes[i].activity);
			status = db_exit_status_of(conn, e.rows[i], SQL_VALUES_GIVEN);
			done++;
			goto out;
		}
	}
	e.totals = totals(conn, &e);
	if (e.totals == NULL) {
		status = db_exit_status(conn);
		goto out;
	}
	if (o->csv_path && write_csv(&e, o->csv_path) != 0) {
		status = EXIT_CANTCREAT;
		goto out;
	}
	if (o->html_path && write_html(&e, o->html_path) != 0) {
		status = EXIT_CANTCREAT;
		goto out;
	}
	if (o->out)
		write_terminal(&e, o->out);
out:
	for (i = 0; i < done && i < count; i++)
		PQclear(e.rows[i]);
	PQclear(e.totals);
	free(e.rows);
	return status;
}
