/*
 * test_sheet.c — tables as spreadsheets save them: encodings, delimiters,
 * quoting, padding, and the files that are not tables at all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "sheet.h"
#include "strbuf.h"
#include "testutil.h"

/* The sheet as "line:cell|cell|…" rows joined by "/"; empty cells as "". */
static void flatten(const struct sheet *s, struct strbuf *out)
{
	size_t i;
	int k;

	for (i = 0; i < s->nrows; i++) {
		strbuf_addf(out, "%s%d:", i ? "/" : "", s->rows[i].line);
		for (k = 0; k < s->rows[i].ncells; k++)
			strbuf_addf(out, "%s%s", k ? "|" : "",
			            s->rows[i].cells[k] ? s->rows[i].cells[k] : "");
	}
}

static void expect(const char *data, size_t len, const char *encoding, char delimiter,
                   const char *rows)
{
	struct sheet s;
	struct strbuf out = STRBUF_INIT;

	assert_int_equal(sheet_read(write_temp(0, ".csv", data, len), &s), 0);
	flatten(&s, &out);
	assert_string_equal(out.buf, rows);
	assert_string_equal(s.encoding, encoding);
	assert_int_equal(s.delimiter, delimiter);
	sheet_release(&s);
	strbuf_release(&out);
}

#define EXPECT(lit, enc, delim, rows) expect(lit, sizeof(lit) - 1, enc, delim, rows)

static void test_excel_windows_1252_semicolons_crlf(void **state)
{
	(void)state;
	EXPECT("code;name;from;to\r\nKS;Kommunstyrelsen;2020;\r\n"
	       "VON;V\xE5rd- och omsorgsn\xE4mnden;2020;2024\r\n;;;\r\n",
	       "WINDOWS-1252", ';',
	       "1:code|name|from|to/2:KS|Kommunstyrelsen|2020/"
	       "3:VON|Vård- och omsorgsnämnden|2020|2024");
}

static void test_utf8_bom_commas_and_quotes(void **state)
{
	(void)state;
	EXPECT("\xEF\xBB\xBF"
	       "a,b,c\n"
	       "1,\"Hemtjänst, äldreomsorg\",x\n"
	       "2,\"say \"\"hi\"\"\",\"two\nlines\"\n"
	       "# a comment,,\n"
	       "3,  padded  ,,,,\n",
	       "UTF-8", ',',
	       "1:a|b|c/2:1|Hemtjänst, äldreomsorg|x/3:2|say \"hi\"|two\nlines/6:3|padded");
}

static void test_protected_text_comes_back(void **state)
{
	(void)state;
	EXPECT("a;b\n1;\"'=HYPERLINK()\"\n2;'-5\n3;'plain\n", "UTF-8", ';',
	       "1:a|b/2:1|=HYPERLINK()/3:2|-5/4:3|'plain");
}

static void test_lone_cr_and_no_final_newline(void **state)
{
	(void)state;
	EXPECT("a;b\r1;2\r\r3;4", "UTF-8", ';', "1:a|b/2:1|2/4:3|4");
}

static void refused(const char *data, size_t len)
{
	struct sheet s;

	assert_int_equal(sheet_read(write_temp(1, ".csv", data, len), &s), -1);
	assert_int_equal(s.nrows, 0);
}

static void test_not_tables(void **state)
{
	static const char zip[] = "PK\x03\x04\x14\x00\x06\x00";
	static const char nul[] = "a;b\n1;\0\n";
	static const char open_quote[] = "a;b\n1;\"never closed\n2;3\n";
	static const char undefined_1252[] = "a;b\n1;\x81\n";
	static const char after_quote[] = "a;b\n1;\"x\"y\n";

	(void)state;
	refused(zip, sizeof(zip) - 1);
	refused(nul, sizeof(nul) - 1);
	refused(open_quote, sizeof(open_quote) - 1);
	refused(undefined_1252, sizeof(undefined_1252) - 1);
	refused(after_quote, sizeof(after_quote) - 1);
}

static void test_empty_file_is_an_empty_sheet(void **state)
{
	(void)state;
	expect("", 0, "UTF-8", ';', "");
}

UNIT_MAIN(cmocka_unit_test(test_excel_windows_1252_semicolons_crlf),
          cmocka_unit_test(test_utf8_bom_commas_and_quotes),
          cmocka_unit_test(test_protected_text_comes_back),
          cmocka_unit_test(test_lone_cr_and_no_final_newline), cmocka_unit_test(test_not_tables),
          cmocka_unit_test(test_empty_file_is_an_empty_sheet))
