/*
 * csv_out.c — CSV tables, safe in spreadsheets (see csv_out.h).
 */
#include "csv_out.h"
#include "log.h"
#include "outfile.h"

#include <errno.h>
#include <string.h>

int csv_out_open(struct csv_out *c, const char *path, bool excel)
{
	c->excel = excel;
	c->first = true;
	if (outfile_open(&c->out, path) != 0) {
		c->f = NULL;
		return -1;
	}
	c->f = c->out.f;
	if (excel)
		fputs("\xEF\xBB\xBF", c->f);
	return 0;
}

static void separator(struct csv_out *c)
{
	if (!c->first)
		fputc(c->excel ? ';' : ',', c->f);
	c->first = false;
}

void csv_out_text(struct csv_out *c, const char *text)
{
	char sep = c->excel ? ';' : ',';
	bool formula, quote;
	const char *p;

	separator(c);
	if (text == NULL)
		return;
	formula = text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
	          text[0] == '\t' || text[0] == '\r';
	quote = formula || strchr(text, sep) || strchr(text, '"') || strchr(text, '\n') ||
	        strchr(text, '\r');
	if (quote)
		fputc('"', c->f);
	if (formula)
		fputc('\'', c->f); /* shown as text, never evaluated */
	for (p = text; *p; p++) {
		if (*p == '"')
			fputc('"', c->f);
		fputc(*p, c->f);
	}
	if (quote)
		fputc('"', c->f);
}

void csv_out_number(struct csv_out *c, const char *decimal)
{
	const char *p;

	separator(c);
	if (decimal == NULL)
		return;
	for (p = decimal; *p; p++)
		fputc(*p == '.' && c->excel ? ',' : *p, c->f);
}

void csv_out_end_row(struct csv_out *c)
{
	fputs("\r\n", c->f);
	c->first = true;
}

int csv_out_close(struct csv_out *c)
{
	int rc = 0;

	if (c->f == NULL)
		return 0;
	rc = outfile_commit(&c->out);
	c->f = NULL;
	return rc;
}
