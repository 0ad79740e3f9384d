/*
 * report_html.c — the report as one self-contained HTML document (see
 * report.h): a title block, the municipality's summary, one section per
 * committee, the reconciliation and the data quality; SVG charts with a
 * text alternative; CSS for a phone, a desktop and A4 paper.  No script,
 * no external resource.
 */
#include "fmt_num.h"
#include "html.h"
#include "report_budget.h"
#include "report_int.h"
#include "strbuf.h"
#include "version.h"

#include <stdlib.h>
#include <string.h>

#define EN(r) ((r)->english ? FMT_EN : 0)

/* A CSS string's content: quotes, backslashes and markup escaped. */
static void css_string(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\' || *s == '<' || *s == '>' || *s == '&' || *s == '\n')
			fprintf(f, "\\%x ", (unsigned char)*s);
		else
			fputc(*s, f);
	}
}

/* Format a decimal as fmt asks into sb (emptied first); false when v is
 * not a number. */
static bool format(const struct report *r, struct strbuf *sb, const char *v, enum fmt how)
{
	int flags = EN(r);

	strbuf_reset(sb);
	switch (how) {
	case F_MONEY:
		return fmt_number(sb, v, 0, flags) == 0;
	case F_ORE:
		return fmt_number(sb, v, 2, flags) == 0;
	case F_PCT:
	case F_DEC1:
		return fmt_number(sb, v, 1, flags) == 0;
	case F_PP:
		return fmt_number(sb, v, 1, flags | FMT_PLUS) == 0;
	case F_COUNT:
		return fmt_number(sb, v, 0, flags) == 0;
	case F_DEC2:
		return fmt_number(sb, v, 2, flags) == 0;
	}
	return false;
}

/* A number cell: ".." when hidden by the disclosure rule, "–" when there
 * is no figure. */
void html_num_td(FILE *f, const struct report *r, const char *v, enum fmt how, bool hidden)
{
	struct strbuf sb = STRBUF_INIT;

	fputs("<td class=\"n\">", f);
	if (v && format(r, &sb, v, how))
		fputs(sb.buf, f);
	else
		fputs(hidden ? ".." : "–", f);
	fputs("</td>", f);
	strbuf_release(&sb);
}

void html_num_tds(FILE *f, const struct report *r, PGresult *res, int row,
                  const struct num_col *cols, size_t n, bool hidden)
{
	size_t k;

	for (k = 0; k < n; k++)
		html_num_td(f, r, report_value(res, row, cols[k].col), cols[k].how, hidden);
}

void html_text_td(FILE *f, const char *v)
{
	fputs("<td>", f);
	html_escape(f, v && *v ? v : "–");
	fputs("</td>", f);
}

/* A section's heading. */
static void heading(FILE *f, const char *text)
{
	fputs("<h2>", f);
	html_escape(f, text);
	fputs("</h2>\n", f);
}

/* Numbers the tables of one document, for their headings' ids. */
static int tables;

/* A balance band: kept on one line. */
static void band_td(FILE *f, const char *v)
{
	fputs("<td class=\"band\">", f);
	html_escape(f, v && *v ? v : "–");
	fputs("</td>", f);
}

void html_table_open(FILE *f, const struct report *r, const char *caption, const enum label *heads,
                     size_t n)
{
	size_t i;

	tables++;
	if (caption) {
		fprintf(f, "<h3 id=\"tbl%d\">", tables);
		html_escape(f, caption);
		fprintf(f, "</h3>\n<div class=\"scroll\"><table%s aria-labelledby=\"tbl%d\">\n",
		        n >= 6 ? " class=\"wide\"" : "", tables);
	} else {
		fprintf(f, "<div class=\"scroll\"><table%s>\n", n >= 6 ? " class=\"wide\"" : "");
	}
	fputs("<thead><tr>", f);
	for (i = 0; i < n; i++) {
		fputs(i == 0 ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"n\">", f);
		html_escape(f, report_label(heads[i], r->english));
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
}

void html_table_close(FILE *f)
{
	fputs("</tbody>\n</table></div>\n", f);
}

static const char *code_label(const struct report *r, enum code_kind kind, const char *code)
{
	const char *l = report_code_label(kind, code, r->english);

	return l ? l : code;
}

/* Tenths of a per-cent figure ("54.9" -> 549, "54.96" -> 550), clamped to
 * 0..1000 for drawing; -1 for no figure.  Parsed from the decimal text. */
static int tenths(const char *v)
{
	long t = 0;
	bool negative;
	const char *p = v;

	if (v == NULL)
		return -1;
	negative = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	for (; *p >= '0' && *p <= '9' && t < 100000; p++)
		t = t * 10 + (*p - '0');
	t *= 10;
	if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
		t += p[1] - '0';
		if (p[2] >= '5' && p[2] <= '9')
			t++;
	}
	if (negative)
		t = -t;
	return t < 0 ? 0 : t > 1000 ? 1000 : (int)t;
}

static void pct_text(const struct report *r, struct strbuf *sb, int t)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%d.%d", t / 10, t % 10);
	fmt_percent(sb, buf, EN(r));
}

/* The legend of a chart: women solid, men hatched, the 40–60 band. */
static void svg_legend(FILE *f, const struct report *r, int y)
{
	fprintf(f,
	        "<g class=\"legend\"><rect x=\"0\" y=\"%d\" width=\"18\" height=\"14\" "
	        "class=\"women\"/><text x=\"24\" y=\"%d\">%s</text><rect x=\"120\" y=\"%d\" "
	        "width=\"18\" height=\"14\" class=\"men\"/><text x=\"144\" y=\"%d\">%s</text>"
	        "<line x1=\"240\" y1=\"%d\" x2=\"258\" y2=\"%d\" class=\"band\"/><text x=\"264\" "
	        "y=\"%d\">%s</text></g>\n",
	        y, y + 12, report_label(L_WOMEN, r->english), y, y + 12,
	        report_label(L_MEN, r->english), y + 7, y + 7, y + 12,
	        report_label(L_CHART_BAND, r->english));
}

/* Horizontal 100 % bars: women's and men's share of the cost per item,
 * direct labels, an axis, the 40–60 band; title and desc for a screen
 * reader.  names/shares: n items. */
static void svg_shares(FILE *f, const struct report *r, const char *id, enum label of,
                       const char *const *names, const char *const *shares, int n)
{
	struct strbuf title = STRBUF_INIT, sb = STRBUF_INIT;
	int i, y, h = 40 + n * 70 + 50, t;

	if (n == 0)
		return;
	strbuf_addstr(&title, report_label(of, r->english));
	fprintf(f, "<figure class=\"chart\">\n<figcaption>");
	html_escape(f, title.buf);
	fprintf(f,
	        "</figcaption>\n<svg role=\"img\" aria-labelledby=\"%s-t %s-d\" viewBox=\"-4 0 "
	        "488 %d\" width=\"488\" height=\"%d\">\n<title id=\"%s-t\">",
	        id, id, h, h, id);
	html_escape(f, title.buf);
	fprintf(f, "</title>\n<desc id=\"%s-d\">", id);
	for (i = 0; i < n; i++) {
		strbuf_reset(&sb);
		if (shares[i])
			fmt_percent(&sb, shares[i], EN(r));
		if (i > 0)
			fputs("; ", f);
		html_escape(f, names[i]);
		fputs(": ", f);
		if (shares[i]) {
			fputs(report_label(L_WOMEN, r->english), f);
			fputc(' ', f);
			fputs(sb.buf, f);
		} else {
			fputs("–", f);
		}
	}
	fputs(".</desc>\n", f);
	svg_legend(f, r, 4);
	y = 40;
	for (i = 0; i < n; i++, y += 70) {
		fprintf(f, "<text x=\"0\" y=\"%d\" class=\"name\">", y + 14);
		html_escape(f, names[i]);
		fputs("</text>\n", f);
		t = tenths(shares[i]);
		if (t < 0) {
			fprintf(f, "<text x=\"480\" y=\"%d\" text-anchor=\"end\">–</text>\n",
			        y + 14);
			continue;
		}
		strbuf_reset(&sb);
		fmt_percent(&sb, shares[i], EN(r));
		fprintf(f,
		        "<rect x=\"0\" y=\"%d\" width=\"%.1f\" height=\"20\" class=\"women\" "
		        "data-share=\"%s\"/><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"20\" "
		        "class=\"men\"/>\n",
		        y + 20, t * 0.48, shares[i], t * 0.48, y + 20, (1000 - t) * 0.48);
		fprintf(f, "<text x=\"0\" y=\"%d\" class=\"value\">%s %s</text>", y + 58,
		        report_label(L_WOMEN, r->english), sb.buf);
		strbuf_reset(&sb);
		pct_text(r, &sb, 1000 - t);
		fprintf(
		    f,
		    "<text x=\"480\" y=\"%d\" text-anchor=\"end\" class=\"value\">%s %s</text>\n",
		    y + 58, report_label(L_MEN, r->english), sb.buf);
	}
	/* the band over the bars, and the axis */
	fprintf(f,
	        "<line x1=\"192\" y1=\"56\" x2=\"192\" y2=\"%d\" class=\"band\"/><line x1=\"288\" "
	        "y1=\"56\" x2=\"288\" y2=\"%d\" class=\"band\"/>\n<line x1=\"0\" y1=\"%d\" "
	        "x2=\"480\" y2=\"%d\" class=\"axis\"/>\n",
	        y, y, y + 4, y + 4);
	for (i = 0; i <= 100; i += 20)
		fprintf(
		    f,
		    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/><text x=\"%d\" "
		    "y=\"%d\" text-anchor=\"%s\" class=\"tick\">%d</text>\n",
		    i * 48 / 10, y + 4, i * 48 / 10, y + 9, i * 48 / 10, y + 24,
		    i == 0     ? "start"
		    : i == 100 ? "end"
		               : "middle",
		    i);
	fprintf(f, "<text x=\"240\" y=\"%d\" text-anchor=\"middle\" class=\"axis-title\">", y + 44);
	html_escape(f, report_label(L_CHART_AXIS, r->english));
	fputs("</text>\n</svg>\n</figure>\n", f);
	strbuf_release(&title);
	strbuf_release(&sb);
}

/* Vertical 100 % bars per year for one committee ("" = the municipality). */
static void svg_years(FILE *f, const struct report *r, const char *id, const char *committee,
                      const char *of)
{
	struct strbuf title = STRBUF_INIT, sb = STRBUF_INIT;
	PGresult *y = r->years;
	int i, n = 0, first = -1, k, x, t, step;

	for (i = 0; i < PQntuples(y); i++)
		if (strcmp(PQgetvalue(y, i, Y_COMMITTEE), committee) == 0) {
			if (first < 0)
				first = i;
			n++;
		}
	for (i = first, k = 0; first >= 0 && i < first + n; i++)
		if (report_value(y, i, Y_SHARE))
			k++;
	if (k == 0) /* nothing was ever split by sex */
		goto out;
	step = n > 8 ? 560 / n : n < 5 ? 90 : 70;
	strbuf_addf(&title, report_label(L_CHART_YEARS, r->english), of);
	fputs("<figure class=\"chart years\">\n<figcaption>", f);
	html_escape(f, title.buf);
	fprintf(f,
	        "</figcaption>\n<svg role=\"img\" aria-labelledby=\"%s-t %s-d\" viewBox=\"0 0 %d "
	        "300\" width=\"%d\" height=\"300\">\n<title id=\"%s-t\">",
	        id, id, 90 + n * step < 380 ? 380 : 90 + n * step,
	        90 + n * step < 380 ? 380 : 90 + n * step, id);
	html_escape(f, title.buf);
	fprintf(f, "</title>\n<desc id=\"%s-d\">", id);
	for (i = first; i < first + n; i++) {
		strbuf_reset(&sb);
		if (i > first)
			fputs("; ", f);
		fputs(PQgetvalue(y, i, Y_YEAR), f);
		fputs(": ", f);
		if (report_value(y, i, Y_SHARE) &&
		    fmt_percent(&sb, PQgetvalue(y, i, Y_SHARE), EN(r)) == 0)
			fprintf(f, "%s %s", report_label(L_WOMEN, r->english), sb.buf);
		else
			fputs("–", f);
	}
	fputs(".</desc>\n", f);
	svg_legend(f, r, 4);
	/* y axis: 0 % at 250, 100 % at 50 */
	for (k = 0; k <= 100; k += 20)
		fprintf(
		    f,
		    "<line x1=\"44\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"grid\"/><text x=\"40\" "
		    "y=\"%d\" text-anchor=\"end\" class=\"tick\">%d %%</text>\n",
		    250 - 2 * k, 60 + n * step, 250 - 2 * k, 254 - 2 * k, k);
	x = 60;
	for (i = first; i < first + n; i++, x += step) {
		t = tenths(report_value(y, i, Y_SHARE));
		if (t >= 0) {
			strbuf_reset(&sb);
			fmt_percent(&sb, PQgetvalue(y, i, Y_SHARE), EN(r));
			fprintf(f,
			        "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" "
			        "class=\"women\" "
			        "data-share=\"%s\"/><rect x=\"%d\" y=\"50\" width=\"%d\" "
			        "height=\"%.1f\" "
			        "class=\"men\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\" "
			        "class=\"onbar\">%s</text>\n",
			        x, 250 - t * 0.2, step - 20, t * 0.2, PQgetvalue(y, i, Y_SHARE), x,
			        step - 20, 200 - t * 0.2, x + (step - 20) / 2,
			        t >= 100 ? 244.0 : 44.0, sb.buf);
		}
		fprintf(
		    f, "<text x=\"%d\" y=\"270\" text-anchor=\"middle\" class=\"tick\">%s</text>\n",
		    x + (step - 20) / 2, PQgetvalue(y, i, Y_YEAR));
	}
	fprintf(f,
	        "<line x1=\"44\" y1=\"110\" x2=\"%d\" y2=\"110\" class=\"band\"/><line x1=\"44\" "
	        "y1=\"170\" x2=\"%d\" y2=\"170\" class=\"band\"/>\n",
	        60 + n * step, 60 + n * step);
	fprintf(f,
	        "<text x=\"%d\" y=\"292\" text-anchor=\"middle\" class=\"axis-title\">%s</text>\n",
	        (60 + n * step) / 2 + 20, report_label(L_CHART_YEAR_AXIS, r->english));
	fputs("</svg>\n</figure>\n", f);
out:
	strbuf_release(&title);
	strbuf_release(&sb);
}

static void css(FILE *f, const struct report *r, const char *running)
{
	fputs("<style>\n"
	      ":root{--women:#e66100;--men:#5d3a9b;--ink:#1a1a1a;--rule:#c8c8c8}\n"
	      "*{box-sizing:border-box}h1,h2,h3,h4,p,li,dd,figcaption{overflow-wrap:anywhere}\n"
	      "body{font-family:'DejaVu Sans',Arial,sans-serif;color:var(--ink);margin:0 auto;"
	      "padding:1rem;max-width:72rem;line-height:1.4;font-size:15px}\n"
	      "h1{font-size:1.6rem;margin:.2rem 0 .6rem;overflow-wrap:anywhere}"
	      "h2{font-size:1.3rem;margin:2rem 0 .4rem;border-bottom:2px solid var(--ink);"
	      "break-after:avoid}h3{font-size:1.05rem;margin:1.2rem 0 .3rem;break-after:avoid}"
	      "h4{font-size:.95rem;margin:1rem 0 .2rem;break-after:avoid}p.need{margin:.2rem 0}\n"
	      ".kicker{text-transform:uppercase;letter-spacing:.05em;font-size:.8rem;margin:0}\n"
	      "dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;"
	      "margin:.5rem 0 1rem}dl.meta dt{font-weight:bold}dl.meta dd{margin:0;"
	      "overflow-wrap:anywhere}\n"
	      ".status-open{color:#8a3b00}.note{font-size:.85em;color:#444}\n"
	      ".scroll{overflow-x:auto;max-width:100%;margin:.5rem 0 1rem}\n"
	      "table{border-collapse:collapse;font-size:.85em}"
	      "caption{text-align:left;font-weight:bold;padding:.3rem 0;caption-side:top}\n"
	      "th,td{border:1px solid var(--rule);padding:.25rem .45rem;vertical-align:top}"
	      "th{background:#eee;text-align:left;font-weight:bold;min-width:5.5em}"
	      "td.band{white-space:nowrap}td.file{overflow-wrap:anywhere}td.n,th.n{text-align:"
	      "right}td.n{white-space:nowrap;"
	      "font-variant-numeric:tabular-nums}tr.total td{font-weight:bold}"
	      "tr.group th{background:#f6f6f6;font-weight:normal;font-style:italic}"
	      "tr.others td{color:#444}\n"
	      "figure.chart{margin:1rem 0;max-width:36rem}figure.chart.years{max-width:"
	      "36rem}figcaption{font-weight:bold;margin-bottom:.3rem}\n"
	      "svg{display:block;max-width:100%;height:auto}svg text{font-size:15px;"
	      "fill:var(--ink)}\n"
	      ".women{fill:var(--women)}.men{fill:url(#hatch)}"
	      ".band{stroke:var(--ink);stroke-width:2;stroke-dasharray:5 4}"
	      ".axis{stroke:var(--ink)}.grid{stroke:#ddd}text.tick{font-size:13px}"
	      "text.axis-title{font-size:13px}text.onbar{font-size:13px;font-weight:bold}"
	      "text.value{font-size:14px}\n"
	      "ul.notes{font-size:.85em;padding-left:1.2rem}\n"
	      "footer{margin-top:2rem;font-size:.8rem;color:#555}\n"
	      "@page{size:A4 portrait;margin:18mm 12mm 16mm 12mm;"
	      "@top-left{content:\"",
	      f);
	css_string(f, running);
	fprintf(f,
	        "\";font-family:'DejaVu Sans',Arial,sans-serif;font-size:8pt;color:#444}"
	        "@bottom-right{content:\"%s \" counter(page) \" %s \" counter(pages);"
	        "font-family:'DejaVu Sans',Arial,sans-serif;font-size:8pt;color:#444}}\n",
	        report_label(L_PAGE, r->english), report_label(L_PAGE_OF, r->english));
	fputs("@media print{body{max-width:none;padding:0;font-size:9pt}"
	      "h2{font-size:13pt;margin-top:1.2rem}"
	      "h3{font-size:10pt}.scroll{overflow:visible}table{font-size:7.5pt}"
	      "td:first-child{overflow-wrap:anywhere}"
	      "table.wide{width:100%}"
	      "th,td{padding:.15rem .3rem}th{min-width:0}"
	      "tr,figure,caption{break-inside:avoid}thead{display:table-header-group}"
	      "figure.chart{max-width:120mm}figure.chart.years{max-width:90mm}"
	      "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
	      "@media (max-width:40rem){body{padding:.6rem;font-size:14px}"
	      "h1{font-size:1.3rem}dl.meta{grid-template-columns:1fr}dl.meta dd{margin-bottom:"
	      ".3rem}}\n"
	      "</style>\n",
	      f);
}

/* The pattern the men's bars are filled with: stays apart from the
 * women's solid fill in greyscale and for colour-blind readers. */
static void svg_defs(FILE *f)
{
	fputs(
	    "<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\">"
	    "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
	    "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#5d3a9b\"/>"
	    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#fff\" stroke-width=\"2.5\"/>"
	    "</pattern></defs></svg>\n",
	    f);
}

/* The status of the year: the running header of the printed pages
 * ("Exempelby kommun · 2025 · Jämställdhetsbudget · preliminär") and the
 * status line of the title block. */
static bool year_status(const struct report *r, struct strbuf *running, struct strbuf *detail)
{
	PGresult *s = r->status;
	bool has = PQntuples(s) > 0, closed = has && report_true(s, 0, S_CLOSED);
	const char *version = has ? report_value(s, 0, S_VERSION) : NULL;
	const char *at = has ? report_value(s, 0, S_CLOSED_AT) : NULL;
	const char *by = has ? report_value(s, 0, S_CLOSED_BY) : NULL;
	const char *data = has ? report_value(s, 0, S_DATA_AS_OF) : NULL;

	if (data == NULL && has)
		data = report_value(s, 0, S_COMPUTED_AT);
	strbuf_addf(running, "%s · %s · %s · ", r->municipality_name, r->year,
	            report_label(L_TITLE, r->english));
	if (closed) {
		strbuf_addf(running, report_label(L_VERSION, r->english), version ? version : "?");
		strbuf_addf(detail, report_label(L_CLOSED_DETAIL, r->english),
		            version ? version : "?", at ? at : "?", by ? by : "?");
	} else {
		strbuf_addstr(running, report_label(L_PRELIMINARY, r->english));
		strbuf_addf(detail, report_label(L_OPEN_DETAIL, r->english), data ? data : "?");
		if (version) {
			strbuf_addstr(detail, ". ");
			strbuf_addf(detail, report_label(L_REOPENED, r->english), version);
		}
	}
	return closed;
}

/* The cost basis of the figures shown and the mapping rules they were
 * computed with, as two more rows of the title block. */
static void basis_and_rules(FILE *f, const struct report *r)
{
	const char *basis = report_value(r->basis, 0, 0), *rest = report_value(r->basis, 0, 1);
	const char *set = report_value(r->basis, 0, 2);
	const char *words;
	struct strbuf text = STRBUF_INIT;

	if (basis) {
		words = report_code_label(CODE_COST_BASIS, basis, r->english);
		strbuf_addf(&text, report_label(L_BASIS_DETAIL, r->english), words ? words : basis,
		            basis);
	}
	if (rest) {
		words = report_code_label(CODE_REMAINDER, rest, r->english);
		if (text.len)
			strbuf_addstr(&text, "; ");
		strbuf_addf(&text, report_label(L_REMAINDER, r->english), words ? words : rest,
		            rest);
	}
	fprintf(f, "<dt>%s</dt><dd>", report_label(L_BASIS, r->english));
	html_escape(f, text.buf);
	fprintf(f, "</dd>\n<dt>%s</dt><dd>", report_label(L_RULES, r->english));
	strbuf_reset(&text);
	if (set)
		strbuf_addf(&text, report_label(L_RULES_DETAIL, r->english), set,
		            report_value(r->basis, 0, 3), report_value(r->basis, 0, 4));
	else
		strbuf_addstr(&text, report_label(L_RULES_NONE, r->english));
	html_escape(f, text.buf);
	fputs("</dd>\n", f);
	strbuf_release(&text);
}

static void title_block(FILE *f, const struct report *r)
{
	struct strbuf running = STRBUF_INIT, detail = STRBUF_INIT;
	bool closed = year_status(r, &running, &detail);

	fputs("<header class=\"title\">\n<p class=\"kicker\">", f);
	html_escape(f, report_label(L_TITLE, r->english));
	fputs(" · ", f);
	html_escape(f, report_label(L_KICKER, r->english));
	fputs("</p>\n<h1>", f);
	html_escape(f, r->municipality_name);
	fprintf(f, " %s</h1>\n<dl class=\"meta\">\n<dt>", r->year);
	html_escape(f, report_label(L_MUNICIPALITY, r->english));
	fputs("</dt><dd>", f);
	html_escape(f, r->municipality_name);
	if (PQntuples(r->muni) > 0)
		fprintf(f, " (%s)", PQgetvalue(r->muni, 0, M_CODE));
	fprintf(f, "</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt>",
	        report_label(L_YEAR, r->english), r->year, report_label(L_DATE, r->english),
	        r->today, report_label(L_STATUS, r->english));
	fprintf(f, "<dd class=\"%s\"><strong>%s</strong> — ",
	        closed ? "status-closed" : "status-open",
	        report_label(closed ? L_CLOSED : L_OPEN, r->english));
	html_escape(f, detail.buf);
	fputs("</dd>\n", f);
	basis_and_rules(f, r);
	fputs("</dl>\n<p class=\"note\">", f);
	fprintf(f, report_label(L_SUPPRESSED, r->english), r->threshold, r->threshold - 1);
	fputs("</p>\n</header>\n", f);
	strbuf_release(&running);
	strbuf_release(&detail);
}

static void summary(FILE *f, const struct report *r)
{
	static const enum label parts[] = {L_WOMEN, L_MEN, L_PART_UNKNOWN, L_PART_NOT_INDIVIDUAL,
	                                   L_PART_UNALLOCATED};
	static const int amount[] = {M_WOMEN, M_MEN, M_UNKNOWN, M_NOT_INDIVIDUAL, M_UNALLOCATED};
	static const int pct[] = {M_PCT_WOMEN, M_PCT_MEN, M_PCT_UNKNOWN, M_PCT_NOT_INDIVIDUAL,
	                          M_PCT_UNALLOCATED};
	static const enum label part_heads[] = {L_PART, L_COST_SEK, L_SHARE_OF_TOTAL};
	static const enum label inh_heads[] = {L_SEX, L_POPULATION, L_COST_PER_INHABITANT};
	static const enum label c_heads[] = {L_COMMITTEE, L_TOTAL, L_WOMEN_SEK, L_MEN_SEK,
	                                     L_OTHER_SEK, L_SHARE, L_BAND,      L_SHARE_CHANGE};
	static const struct num_col c_cost[] = {{C_TOTAL, F_MONEY},
	                                        {C_WOMEN, F_MONEY},
	                                        {C_MEN, F_MONEY},
	                                        {C_OTHER, F_MONEY},
	                                        {C_SHARE, F_PCT}};
	static const struct num_col m_cost[] = {{M_TOTAL, F_MONEY},
	                                        {M_WOMEN, F_MONEY},
	                                        {M_MEN, F_MONEY},
	                                        {M_OTHER, F_MONEY},
	                                        {M_SHARE, F_PCT}};
	PGresult *m = r->muni, *c = r->committees;
	struct strbuf total = STRBUF_INIT, share = STRBUF_INIT, pop = STRBUF_INIT;
	const char **names, **shares;
	int i, n = PQntuples(c);

	if (PQntuples(m) == 0)
		return;
	fputs("<section id=\"summary\" class=\"summary\">\n", f);
	heading(f, report_label(L_SUMMARY, r->english));
	fputs("<p class=\"lead\">", f);
	fmt_money(&total, report_value(m, 0, M_TOTAL), 0, EN(r));
	if (report_value(m, 0, M_SHARE)) {
		fmt_percent(&share, PQgetvalue(m, 0, M_SHARE), EN(r));
		if (fmt_percent(&pop, report_value(m, 0, M_POP_SHARE), EN(r)) != 0)
			strbuf_addstr(&pop, "–");
		fprintf(f, report_label(L_SUMMARY_LEAD, r->english), r->municipality_name, r->year,
		        total.buf, share.buf, pop.buf);
	} else {
		fprintf(f, report_label(L_SUMMARY_NO_SPLIT, r->english), r->municipality_name,
		        r->year, total.buf);
	}
	fputs("</p>\n", f);
	html_table_open(f, r, NULL, part_heads, 3);
	for (i = 0; i < 5; i++) {
		fputs("<tr>", f);
		html_text_td(f, report_label(parts[i], r->english));
		html_num_td(f, r, report_value(m, 0, amount[i]), F_MONEY, false);
		html_num_td(f, r, report_value(m, 0, pct[i]), F_PCT, false);
		fputs("</tr>\n", f);
	}
	fputs("<tr class=\"total\">", f);
	html_text_td(f, report_label(L_PART_TOTAL, r->english));
	html_num_td(f, r, report_value(m, 0, M_TOTAL), F_MONEY, false);
	html_num_td(f, r, "100", F_PCT, false);
	fputs("</tr>\n", f);
	html_table_close(f);
	html_table_open(f, r, report_label(L_PER_INHABITANT, r->english), inh_heads, 3);
	fputs("<tr>", f);
	html_text_td(f, report_label(L_WOMEN, r->english));
	html_num_td(f, r, report_value(m, 0, M_POP_WOMEN), F_COUNT, false);
	html_num_td(f, r, report_value(m, 0, M_CPI_WOMEN), F_MONEY, false);
	fputs("</tr>\n<tr>", f);
	html_text_td(f, report_label(L_MEN, r->english));
	html_num_td(f, r, report_value(m, 0, M_POP_MEN), F_COUNT, false);
	html_num_td(f, r, report_value(m, 0, M_CPI_MEN), F_MONEY, false);
	fputs("</tr>\n", f);
	html_table_close(f);

	names = calloc((size_t)n + 1, sizeof(*names));
	shares = calloc((size_t)n + 1, sizeof(*shares));
	if (names && shares) {
		int k = 0;

		for (i = 0; i < n; i++)
			if (report_value(c, i, C_SHARE)) {
				names[k] = report_committee_name(r, c, i, C_COMMITTEE, C_NAME);
				shares[k++] = PQgetvalue(c, i, C_SHARE);
			}
		svg_shares(f, r, "chart-committees", L_CHART_SHARES, names, shares, k);
	}
	free(names);
	free(shares);
	html_table_open(f, r, report_label(L_COMMITTEES_BY_COST, r->english), c_heads, 8);
	for (i = 0; i < n; i++) {
		fputs("<tr>", f);
		html_text_td(f, report_committee_name(r, c, i, C_COMMITTEE, C_NAME));
		html_num_tds(f, r, c, i, c_cost, sizeof(c_cost) / sizeof(c_cost[0]), false);
		band_td(f, code_label(r, CODE_BAND, report_value(c, i, C_BAND)));
		html_num_td(f, r, report_value(c, i, C_SHARE_CHANGE), F_PP, false);
		fputs("</tr>\n", f);
	}
	fputs("<tr class=\"total\">", f);
	html_text_td(f, report_label(L_WHOLE_MUNICIPALITY, r->english));
	html_num_tds(f, r, m, 0, m_cost, sizeof(m_cost) / sizeof(m_cost[0]), false);
	band_td(f, code_label(r, CODE_BAND, report_value(m, 0, M_BAND)));
	html_num_td(f, r, report_value(m, 0, M_SHARE_CHANGE), F_PP, false);
	fputs("</tr>\n", f);
	html_table_close(f);
	svg_years(f, r, "chart-years", "", r->municipality_name);
	fputs("</section>\n", f);
	strbuf_release(&total);
	strbuf_release(&share);
	strbuf_release(&pop);
}

static bool individual(const char *method)
{
	return strcmp(method, "volume") == 0 || strcmp(method, "headcount") == 0 ||
	       strcmp(method, "direct") == 0 || strcmp(method, "aggregate") == 0;
}

/* A volume per recipient with its unit: "212,5 timmar". */
static void volume_td(FILE *f, const struct report *r, int row, int col, bool hidden)
{
	const char *v = report_value(r->alloc, row, col),
	           *unit = report_value(r->alloc, row, A_UNIT);
	struct strbuf sb = STRBUF_INIT;

	fputs("<td class=\"n\">", f);
	if (v && fmt_number(&sb, v, 1, EN(r)) == 0) {
		fputs(sb.buf, f);
		if (unit) {
			fputs(" ", f);
			html_escape(f, code_label(r, CODE_UNIT, unit));
		}
	} else {
		fputs(hidden ? ".." : "–", f);
	}
	fputs("</td>", f);
	strbuf_release(&sb);
}

/* One committee: rows first..last-1 of r->alloc. */
static void committee(FILE *f, const struct report *r, int first, int last, int index)
{
	static const enum label cost_heads[] = {L_ACTIVITY, L_METHOD,    L_TOTAL, L_WOMEN_SEK,
	                                        L_MEN_SEK,  L_OTHER_SEK, L_SHARE, L_BAND};
	static const enum label rec_heads[] = {L_ACTIVITY, L_REC_WOMEN, L_REC_MEN, L_CPR_WOMEN,
	                                       L_CPR_MEN,  L_VPR_WOMEN, L_VPR_MEN};
	static const enum label pop_heads[] = {L_ACTIVITY,   L_CPI_WOMEN, L_CPI_MEN,
	                                       L_POP_SHARE,  L_SHARE,     L_SHARE_CHANGE,
	                                       L_COST_CHANGE};
	static const struct num_col cost_cols[] = {{A_TOTAL, F_MONEY},
	                                           {A_WOMEN, F_MONEY},
	                                           {A_MEN, F_MONEY},
	                                           {A_OTHER, F_MONEY},
	                                           {A_SHARE, F_PCT}};
	static const struct num_col pop_cols[] = {{A_CPI_WOMEN, F_MONEY}, {A_CPI_MEN, F_MONEY},
	                                          {A_POP_SHARE, F_PCT},   {A_SHARE, F_PCT},
	                                          {A_SHARE_CHANGE, F_PP}, {A_COST_CHANGE, F_PP}};
	PGresult *a = r->alloc, *c = r->committees;
	const char *code = PQgetvalue(a, first, A_COMMITTEE);
	const char **names = calloc((size_t)(last - first), sizeof(*names));
	const char **shares = calloc((size_t)(last - first), sizeof(*shares));
	struct strbuf total = STRBUF_INIT, share = STRBUF_INIT, id = STRBUF_INIT;
	bool seen_volume = false, seen_headcount = false, seen_aggregate = false,
	     seen_other = false;
	int i, k = 0, crow = -1, n_individual = 0;

	for (i = 0; i < PQntuples(c); i++)
		if (strcmp(PQgetvalue(c, i, C_COMMITTEE), code) == 0)
			crow = i;
	fprintf(f, "<section class=\"committee\" id=\"c%d\">\n", index);
	heading(f, report_committee_name(r, a, first, A_COMMITTEE, A_COMMITTEE_NAME));
	fputs("<p class=\"lead\">", f);
	if (crow >= 0) {
		fmt_money(&total, report_value(c, crow, C_TOTAL), 0, EN(r));
		if (report_value(c, crow, C_SHARE)) {
			fmt_percent(&share, PQgetvalue(c, crow, C_SHARE), EN(r));
			fprintf(f, report_label(L_COMMITTEE_LEAD, r->english), total.buf, share.buf,
			        code_label(r, CODE_BAND, report_value(c, crow, C_BAND)));
		} else {
			fprintf(f, report_label(L_COMMITTEE_LEAD_NO_SPLIT, r->english), total.buf);
		}
	}
	fputs("</p>\n", f);
	for (i = first; i < last && names && shares; i++)
		if (report_value(a, i, A_SHARE)) {
			names[k] = report_activity_name(r, i);
			shares[k++] = PQgetvalue(a, i, A_SHARE);
		}
	strbuf_addf(&id, "chart-c%d", index);
	if (k > 0)
		svg_shares(f, r, id.buf, L_CHART_SHARES_ACTIVITY, names, shares, k);

	html_table_open(f, r, report_label(L_COST_TABLE, r->english), cost_heads, 8);
	for (i = first; i < last; i++) {
		fputs("<tr>", f);
		html_text_td(f, report_activity_name(r, i));
		html_text_td(f, code_label(r, CODE_METHOD, PQgetvalue(a, i, A_METHOD)));
		html_num_tds(f, r, a, i, cost_cols, sizeof(cost_cols) / sizeof(cost_cols[0]),
		             false);
		band_td(f, code_label(r, CODE_BAND, report_value(a, i, A_BAND)));
		fputs("</tr>\n", f);
		if (individual(PQgetvalue(a, i, A_METHOD)))
			n_individual++;
		else
			seen_other = true;
	}
	html_table_close(f);

	if (n_individual > 0) {
		html_table_open(f, r, report_label(L_RECIPIENT_TABLE, r->english), rec_heads, 7);
		for (i = first; i < last; i++) {
			const char *method = PQgetvalue(a, i, A_METHOD);
			bool hidden = report_true(a, i, A_SUPPRESSED);
			bool visits = strcmp(method, "aggregate") == 0;

			if (!individual(method))
				continue;
			seen_volume |= strcmp(method, "volume") == 0;
			seen_headcount |= strcmp(method, "headcount") == 0;
			seen_aggregate |= visits;
			fputs("<tr>", f);
			html_text_td(f, report_activity_name(r, i));
			if (visits) {
				volume_td(f, r, i, A_VOL_WOMEN, hidden);
				volume_td(f, r, i, A_VOL_MEN, hidden);
			} else {
				html_num_td(f, r, report_value(a, i, A_REC_WOMEN), F_COUNT, hidden);
				html_num_td(f, r, report_value(a, i, A_REC_MEN), F_COUNT, hidden);
			}
			html_num_td(f, r, report_value(a, i, A_CPR_WOMEN), F_MONEY, hidden);
			html_num_td(f, r, report_value(a, i, A_CPR_MEN), F_MONEY, hidden);
			volume_td(f, r, i, A_VPR_WOMEN, hidden);
			volume_td(f, r, i, A_VPR_MEN, hidden);
			fputs("</tr>\n", f);
		}
		html_table_close(f);
		html_table_open(f, r, report_label(L_POPULATION_TABLE, r->english), pop_heads, 7);
		for (i = first; i < last; i++) {
			if (!individual(PQgetvalue(a, i, A_METHOD)))
				continue;
			fputs("<tr>", f);
			html_text_td(f, report_activity_name(r, i));
			html_num_tds(f, r, a, i, pop_cols, sizeof(pop_cols) / sizeof(pop_cols[0]),
			             false);
			fputs("</tr>\n", f);
		}
		html_table_close(f);
	}
	if (seen_volume || seen_headcount || seen_aggregate || seen_other) {
		fputs("<ul class=\"notes\">\n", f);
		if (seen_volume)
			fprintf(f, "<li>%s</li>\n", report_label(L_NOTE_VOLUME, r->english));
		if (seen_headcount)
			fprintf(f, "<li>%s</li>\n", report_label(L_NOTE_HEADCOUNT, r->english));
		if (seen_aggregate)
			fprintf(f, "<li>%s</li>\n", report_label(L_NOTE_AGGREGATE, r->english));
		if (seen_other && n_individual > 0)
			fprintf(f, "<li>%s</li>\n", report_label(L_NOTE_OTHER, r->english));
		fputs("</ul>\n", f);
	}
	strbuf_reset(&id);
	strbuf_addf(&id, "chart-y%d", index);
	svg_years(f, r, id.buf, code,
	          report_committee_name(r, a, first, A_COMMITTEE, A_COMMITTEE_NAME));
	report_html_detail(f, r, code, index);
	fputs("</section>\n", f);
	free(names);
	free(shares);
	strbuf_release(&total);
	strbuf_release(&share);
	strbuf_release(&id);
}

static void reconciliation(FILE *f, const struct report *r)
{
	static const enum label heads[] = {L_COMMITTEE, L_LEDGER, L_ALLOCATED, L_DIFFERENCE};
	static const struct num_col amounts[] = {{2, F_ORE}, {3, F_ORE}, {4, F_ORE}};
	PGresult *rec = r->rec;
	int i;

	fputs("<section class=\"appendix\">\n", f);
	heading(f, report_label(L_RECON, r->english));
	fputs("<p>", f);
	html_escape(f, report_label(L_RECON_LEAD, r->english));
	fputs("</p>\n", f);
	html_table_open(f, r, NULL, heads, 4);
	for (i = 0; i < PQntuples(rec); i++) {
		fputs("<tr>", f);
		html_text_td(f, report_committee_name(r, rec, i, 1, 5));
		html_num_tds(f, r, rec, i, amounts, sizeof(amounts) / sizeof(amounts[0]), false);
		fputs("</tr>\n", f);
	}
	html_table_close(f);
}

static void quality(FILE *f, const struct report *r)
{
	static const enum label heads[] = {L_SOURCE, L_FILE, L_READ, L_REJECTED, L_COVERAGE};
	static const struct num_col counts[] = {{3, F_COUNT}, {4, F_COUNT}, {5, F_PCT}};
	PGresult *q = r->quality;
	int i;

	heading(f, report_label(L_QUALITY, r->english));
	html_table_open(f, r, NULL, heads, 5);
	for (i = 0; i < PQntuples(q); i++) {
		fputs("<tr>", f);
		html_text_td(f, report_value(q, i, 1));
		fputs("<td class=\"file\">", f);
		html_escape(f, report_value(q, i, 2));
		fputs("</td>", f);
		html_num_tds(f, r, q, i, counts, sizeof(counts) / sizeof(counts[0]), false);
		fputs("</tr>\n", f);
	}
	html_table_close(f);
	fputs("</section>\n", f);
}

void report_html(struct report *r, FILE *f)
{
	struct strbuf running = STRBUF_INIT;
	PGresult *a = r->alloc;
	int i, first = 0, index = 0;

	tables = 0;
	{
		struct strbuf detail = STRBUF_INIT;

		year_status(r, &running, &detail);
		strbuf_release(&detail);
	}
	fprintf(f,
	        "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	        "<title>",
	        r->english ? "en" : "sv");
	html_escape(f, r->municipality_name);
	fprintf(f, " %s — ", r->year);
	html_escape(f, report_label(L_TITLE, r->english));
	fputs("</title>\n", f);
	css(f, r, running.buf);
	fputs("</head>\n<body>\n", f);
	svg_defs(f);
	title_block(f, r);
	fputs("<main>\n", f);
	summary(f, r);
	for (i = 1; i <= PQntuples(a); i++) {
		if (i < PQntuples(a) &&
		    strcmp(PQgetvalue(a, i, A_COMMITTEE), PQgetvalue(a, first, A_COMMITTEE)) == 0)
			continue;
		committee(f, r, first, i, ++index);
		first = i;
	}
	/* budget against outcome, when a budget is loaded (report_budget.h) */
	if (report_budget_html(r->conn, r->year, r->committee, r->english, f) != 0)
		r->failed = true;
	reconciliation(f, r);
	quality(f, r);
	fputs("</main>\n<footer>", f);
	fprintf(f, report_label(L_MADE_BY, r->english), GBETL_VERSION, r->today);
	fputs("</footer>\n</body>\n</html>\n", f);
	strbuf_release(&running);
}
