/*
 * test_read_csv.c — the CSV reader: dialects, encodings, line numbers,
 * header matching, and what it does with broken input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "reader.h"
#include "source.h"
#include "strbuf.h"
#include "testutil.h"

static const char *def_text = "[source]\nkind = aggregate\nformat = csv\nencoding = %s\n"
                              "delimiter = %s\n\n[fields]\nperiod_start = Datum från\norg_code = "
                              "#2\nactivity_code = Verksamhet\nsex = Kön\ncount = Antal\narea = "
                              "\"Norr\"\n";

static void load_def(struct source_def *def, const char *encoding, const char *delimiter)
{
	char text[1024];
	int n = snprintf(text, sizeof(text), def_text, encoding, delimiter);

	assert_int_equal(source_load(write_temp(0, ".conf", text, (size_t)n), def), 0);
}

static int read_all(struct source_def *def, const char *path, struct raw_record *recs, int max)
{
	struct reader *r = reader_open(def, path);
	int n = 0, rc = 0;

	if (r == NULL)
		return -1;
	while (n < max && (rc = reader_next(r, &recs[n])) == 1) {
		/* keep copies: values live until the next call */
		int f;

		for (f = 0; f < FIELD_COUNT_ALL; f++)
			if (recs[n].value[f])
				recs[n].value[f] = strdup(recs[n].value[f]);
		n++;
	}
	reader_close(r);
	return rc < 0 ? -1 : n;
}

static void free_all(struct raw_record *recs, int n)
{
	int i, f;

	for (i = 0; i < n; i++)
		for (f = 0; f < FIELD_COUNT_ALL; f++)
			if (recs[i].value[f])
				free((char *)recs[i].value[f]);
}

static void test_dialect_quotes_newlines_and_lines(void **state)
{
	/* BOM, CRLF, a quoted field with the delimiter, doubled quotes and a
	 * newline, an empty line, a column by position */
	static const char csv[] = "\xEF\xBB\xBF"
	                          "Datum från;Ansvar;Verksamhet;Kön;Antal\r\n"
	                          "2024-01;4010;3500;2;12\r\n"
	                          "2024-02;\"40;10\";\"35\"\"00\";1;\"1\r\n3\"\r\n"
	                          "\r\n"
	                          "2024-03;4010;3500;0;7\r\n";
	struct raw_record recs[8];
	struct source_def def;
	int n;

	(void)state;
	load_def(&def, "UTF-8", ";");
	n = read_all(&def, write_temp(1, ".csv", csv, sizeof(csv) - 1), recs, 8);
	assert_int_equal(n, 3);
	assert_string_equal(recs[0].value[FIELD_PERIOD_START], "2024-01");
	assert_int_equal(recs[0].line, 2);
	assert_string_equal(recs[1].value[FIELD_ORG_CODE], "40;10");
	assert_string_equal(recs[1].value[FIELD_ACTIVITY_CODE], "35\"00");
	assert_string_equal(recs[1].value[FIELD_COUNT], "1\r\n3");
	assert_int_equal(recs[1].line, 3);
	assert_int_equal(recs[2].line, 6); /* after a field spanning two lines and an empty line */
	assert_string_equal(recs[2].value[FIELD_AREA], "Norr"); /* a constant */
	free_all(recs, n);
	source_free(&def);
}

static void test_windows_1252_header_and_values(void **state)
{
	static const char csv[] = "Datum fr\xE5n,Ansvar,Verksamhet,K\xF6n,Antal\n"
	                          "2024-01,S\xF6\x64\x65r,3500,2,12\n";
	struct raw_record recs[4];
	struct source_def def;
	int n;

	(void)state;
	load_def(&def, "windows-1252", ",");
	n = read_all(&def, write_temp(1, ".csv", csv, sizeof(csv) - 1), recs, 4);
	assert_int_equal(n, 1);
	assert_string_equal(recs[0].value[FIELD_ORG_CODE], "Söder");
	free_all(recs, n);
	source_free(&def);
}

static void test_invalid_byte_is_a_problem_not_a_crash(void **state)
{
	static const char csv[] = "Datum från;Ansvar;Verksamhet;Kön;Antal\n"
	                          "2024-01;4010;35\xFF"
	                          "0;2;12\n"
	                          "2024-02;4010;3500;2;12\n";
	struct raw_record recs[4];
	struct source_def def;
	int n;

	(void)state;
	load_def(&def, "UTF-8", ";");
	n = read_all(&def, write_temp(1, ".csv", csv, sizeof(csv) - 1), recs, 4);
	assert_int_equal(n, 2); /* nothing lost */
	assert_string_equal(recs[0].problem_code, "encoding");
	assert_int_equal(recs[0].problem_field, FIELD_ACTIVITY_CODE);
	assert_null(recs[1].problem_code);
	free_all(recs, n);
	source_free(&def);
}

static void test_missing_header_column_and_short_row(void **state)
{
	static const char no_column[] = "Datum från;Ansvar;Kön;Antal\n2024-01;4010;2;12\n";
	static const char short_row[] = "Datum från;Ansvar;Verksamhet;Kön;Antal\n2024-01;4010\n";
	struct raw_record recs[4];
	struct source_def def;
	int n;

	(void)state;
	load_def(&def, "UTF-8", ";");
	assert_int_equal(
	    read_all(&def, write_temp(1, ".csv", no_column, sizeof(no_column) - 1), recs, 4), -1);
	n = read_all(&def, write_temp(1, ".csv", short_row, sizeof(short_row) - 1), recs, 4);
	assert_int_equal(n, 1);
	assert_string_equal(recs[0].problem_code, "missing_column");
	free_all(recs, n);
	source_free(&def);
}

static void test_unbalanced_quote_and_huge_field(void **state)
{
	static const char unbalanced[] = "Datum från;Ansvar;Verksamhet;Kön;Antal\n"
	                                 "2024-01;\"4010;3500;2;12\n";
	struct raw_record recs[4];
	struct source_def def;
	size_t big = 100u * 1024 * 1024, head;
	char *data;

	(void)state;
	load_def(&def, "UTF-8", ";");
	assert_int_equal(
	    read_all(&def, write_temp(1, ".csv", unbalanced, sizeof(unbalanced) - 1), recs, 4), -1);
	/* a 100 MB field: a clear error, bounded memory, no crash */
	data = malloc(big + 200);
	assert_non_null(data);
	head = (size_t)snprintf(data, 200, "Datum från;Ansvar;Verksamhet;Kön;Antal\n2024-01;");
	memset(data + head, 'x', big);
	memcpy(data + head + big, ";3500;2;1\n", 10);
	assert_int_equal(read_all(&def, write_temp(2, ".csv", data, head + big + 10), recs, 4), -1);
	free(data);
	unlink(write_temp(2, ".csv", "", 0));
	source_free(&def);
}

/* Many rows over many of the reader's 256 KiB blocks: every value, every
 * line number.  (tests/integration/t_scale.sh covers the sample at scale.) */
static void test_rows_across_blocks(void **state)
{
	struct strbuf csv = STRBUF_INIT;
	struct source_def def;
	struct raw_record rec;
	struct reader *r;
	static const char pad[] =
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
	long i, n = 0;
	char want[200];

	(void)state;
	load_def(&def, "windows-1252", ";");
	strbuf_addstr(&csv, "Datum fr\xE5n;Ansvar;Verksamhet;K\xF6n;Antal\n");
	for (i = 0; i < 40000; i++)
		/* later rows are longer, so later blocks overwrite more */
		strbuf_addf(&csv,
		            "2024-01;S\xF6"
		            "der %.*s%ld;35%ld;2;%ld\n",
		            (int)(i / 400), pad, i, i % 7, i);
	r = reader_open(&def, write_temp(1, ".csv", csv.buf, csv.len));
	assert_non_null(r);
	while (reader_next(r, &rec) == 1) {
		snprintf(want, sizeof(want), "Söder %.*s%ld", (int)(n / 400), pad, n);
		assert_string_equal(rec.value[FIELD_ORG_CODE], want);
		snprintf(want, sizeof(want), "%ld", n);
		assert_string_equal(rec.value[FIELD_COUNT], want);
		assert_int_equal(rec.line, n + 2);
		assert_null(rec.problem_code);
		n++;
	}
	assert_int_equal(n, 40000);
	reader_close(r);
	strbuf_release(&csv);
	source_free(&def);
}

/* One random value: mostly plain, sometimes quoted (with the delimiter,
 * doubled quotes, line ends), padded with spaces, empty, non-ASCII (valid
 * or not in the encoding). */
static void random_value(struct strbuf *csv, unsigned *seed, char delimiter)
{
	static const char *const plain[] = {"2024-01", "4010", "S\xF6\x64\x65r", "3500", "12",
	                                    "x\ty",    "a b",  "\xC3\xB6",       "\x81", "K",
	                                    "",        "0"};
	int kind = (int)(rand_r(seed) % 20);

	if (kind == 0) {
		strbuf_addf(csv, "\"4%c0\"\"1\"", delimiter);
	} else if (kind == 1) {
		strbuf_addstr(csv, (rand_r(seed) & 1) ? "\"a\r\nb\"" : "\"a\nb\"");
	} else if (kind == 2) {
		strbuf_addstr(csv, "  \"q\"  ");
	} else {
		const char *v = plain[rand_r(seed) % (sizeof(plain) / sizeof(plain[0]))];

		strbuf_addf(csv, "%s%s%s", kind == 3 ? "  " : "", v, kind == 4 ? " " : "");
	}
}

/* A random export: a header, then lines of 0 to 7 values ending in LF,
 * CRLF or (rarely) a lone CR; blank lines and lines of spaces; and, when
 * broken is set, one misplaced quote near the end. */
static void random_csv(struct strbuf *csv, unsigned seed, bool utf8, char delimiter, bool broken)
{
	long lines = 9000 + (long)(rand_r(&seed) % 6000), i;

	strbuf_addf(csv,
	            utf8 ? "Datum från%cAnsvar%cVerksamhet%cKön%cAntal\n"
	                 : "Datum fr\xE5n%cAnsvar%cVerksamhet%cK\xF6n%cAntal\n",
	            delimiter, delimiter, delimiter, delimiter);
	for (i = 0; i < lines; i++) {
		int columns = 5, c, end = (int)(rand_r(&seed) % 100);

		if (rand_r(&seed) % 30 == 0)
			columns = (int)(rand_r(&seed) % 8);
		if (rand_r(&seed) % 200 == 0)
			strbuf_addstr(csv, "   ");
		for (c = 0; c < columns; c++) {
			if (c)
				strbuf_addch(csv, delimiter);
			random_value(csv, &seed, delimiter);
		}
		if (broken && i == lines - 10)
			strbuf_addstr(csv, "ab\"c");
		strbuf_addstr(csv, end < 80 ? "\n" : end < 98 ? "\r\n" : "\r");
	}
}

/* Every record both ways: values, lines, problems; and the same end. */
static void compare_both_ways(const struct source_def *def, const char *path)
{
	struct reader *fast, *slow;
	struct raw_record a, b;
	int ra, rb, f;
	long n = 0;

	csv_reader_fast_path = true;
	fast = reader_open(def, path);
	csv_reader_fast_path = false;
	slow = reader_open(def, path);
	csv_reader_fast_path = true;
	assert_non_null(fast);
	assert_non_null(slow);
	do {
		ra = reader_next(fast, &a);
		rb = reader_next(slow, &b);
		assert_int_equal(ra, rb);
		if (ra != 1)
			break;
		n++;
		assert_int_equal(a.line, b.line);
		for (f = 0; f < FIELD_COUNT_ALL; f++) {
			if (a.value[f] == NULL || b.value[f] == NULL) {
				assert_ptr_equal(a.value[f], b.value[f]);
				continue;
			}
			assert_string_equal(a.value[f], b.value[f]);
			assert_int_equal(a.length[f], b.length[f]);
		}
		if (a.problem_code || b.problem_code) {
			assert_non_null(a.problem_code);
			assert_non_null(b.problem_code);
			assert_string_equal(a.problem_code, b.problem_code);
			assert_int_equal(a.problem_field, b.problem_field);
			assert_string_equal(a.problem_detail, b.problem_detail);
		}
	} while (1);
	assert_true(n > 1000);
	reader_close(fast);
	reader_close(slow);
}

/* The reader splits plain lines itself and hands the rest to libcsv: on
 * random files of several blocks, in both encodings and two dialects, it
 * reads exactly what libcsv alone reads — and stops where libcsv stops. */
static void test_fast_path_reads_what_libcsv_reads(void **state)
{
	static const char *const encodings[] = {"windows-1252", "UTF-8"};
	static const char *const delimiters[] = {";", ","};
	unsigned seed;

	(void)state;
	for (seed = 1; seed <= 12; seed++) {
		struct strbuf csv = STRBUF_INIT;
		struct source_def def;

		load_def(&def, encodings[seed % 2], delimiters[seed / 2 % 2]);
		random_csv(&csv, seed, seed % 2 == 1, delimiters[seed / 2 % 2][0], seed % 4 == 3);
		compare_both_ways(&def, write_temp(1, ".csv", csv.buf, csv.len));
		strbuf_release(&csv);
		source_free(&def);
	}
}

UNIT_MAIN(cmocka_unit_test(test_dialect_quotes_newlines_and_lines),
          cmocka_unit_test(test_windows_1252_header_and_values),
          cmocka_unit_test(test_invalid_byte_is_a_problem_not_a_crash),
          cmocka_unit_test(test_missing_header_column_and_short_row),
          cmocka_unit_test(test_unbalanced_quote_and_huge_field),
          cmocka_unit_test(test_rows_across_blocks),
          cmocka_unit_test(test_fast_path_reads_what_libcsv_reads))
