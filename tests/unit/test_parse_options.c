/*
 * test_parse_options.c — one declarative table drives parsing and help:
 * every type stores its value, a bad option or value is a usage error
 * naming it, and the help lists exactly the options of the table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "log.h"
#include "parse_options.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool flag;
static const char *name;
static long long month;
static int year, colour = -1, calls;
static const char *const colours[] = {"red", "green", "blue", "turquoise", NULL};

static int count_call(const struct parse_option *o, const char *arg)
{
	(void)o;
	calls++;
	return strcmp(arg, "bad") == 0 ? -1 : 0;
}

static const struct parse_option table[] = {
    OPT_FLAG('f', "flag", &flag, "a flag"),
    OPT_STRING('n', "name", &name, "NAME", "a name"),
    OPT_INT(0, "month", &month, "M", 1, 12, "a month,\nfrom 1 to 12"),
    OPT_YEAR('y', "year", &year, "the fiscal year"),
    OPT_ENUM(0, "colour", &colour, colours, "a colour"),
    OPT_CALLBACK(0, "call", NULL, "X", count_call, "a callback"),
    OPT_HELP(),
    OPT_END(),
};
static const struct parse_option *const tables[] = {table, NULL};

static void reset(void)
{
	flag = false;
	name = NULL;
	month = 0;
	year = 0;
	colour = -1;
	calls = 0;
}

/* Parse a command line given as words; argv must outlive the call. */
static int parse(char **argv)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	reset();
	return parse_options(argc, argv, tables, 0);
}

/* stderr of a call, to check what the error says. */
static char err_text[4096];

static int parse_capturing(char **argv)
{
	FILE *saved = tmpfile(), *capture = tmpfile();
	int fd_saved, rc;
	size_t n;

	assert_non_null(saved);
	assert_non_null(capture);
	fflush(stderr);
	fd_saved = dup(fileno(stderr));
	dup2(fileno(capture), fileno(stderr));
	rc = parse(argv);
	fflush(stderr);
	dup2(fd_saved, fileno(stderr));
	close(fd_saved);
	rewind(capture);
	n = fread(err_text, 1, sizeof(err_text) - 1, capture);
	err_text[n] = '\0';
	fclose(capture);
	fclose(saved);
	return rc;
}

/* argv is refused with a usage error, and what it printed says message. */
static void assert_refused(char **argv, const char *message)
{
	assert_int_equal(parse_capturing(argv), PARSE_OPTIONS_ERROR);
	if (strstr(err_text, message) == NULL)
		fail_msg("%s: [%s] does not say [%s]", argv[1], err_text, message);
}

static void test_types(void **state)
{
	char *argv[] = {"cmd",      "-f",    "--name=x",   "--month", "7", "-y2024",
	                "--colour", "green", "--call=one", "file",    NULL};

	(void)state;
	assert_int_equal(parse(argv), 9); /* the operand is first after the options */
	assert_true(flag);
	assert_string_equal(name, "x");
	assert_int_equal(month, 7);
	assert_int_equal(year, 2024);
	assert_int_equal(colour, 1);
	assert_int_equal(calls, 1);
	assert_string_equal(argv[9], "file");
}

static void test_operands_first(void **state)
{
	char *argv[] = {"cmd", "file", "--flag", "--", "--name", NULL};

	(void)state;
	/* options after an operand are found; "--" ends them */
	assert_int_equal(parse(argv), 3);
	assert_true(flag);
	assert_null(name);
	assert_string_equal(argv[3], "file");
	assert_string_equal(argv[4], "--name");
}

static void test_unambiguous_prefix(void **state)
{
	char *argv[] = {"cmd", "--mon=3", "--fl", NULL};

	(void)state;
	assert_int_equal(parse(argv), 3);
	assert_int_equal(month, 3);
	assert_true(flag);
}

/* Command lines refused with a usage error: what the error says, and its
 * hint where it gives one. */
static void test_refused(void **state)
{
	static const struct {
		const char *argv[4];
		const char *message, *hint;
	} refused[] = {
	    /* unknown options */
	    {{"cmd", "--no-such=1"}, "unknown option \"--no-such\"", NULL},
	    {{"cmd", "-x"}, "unknown option \"-x\"", NULL},
	    /* missing arguments */
	    {{"cmd", "--name"}, "option --name needs an argument (--name=NAME)", NULL},
	    {{"cmd", "-y"}, "option --year needs an argument (--year=YYYY)", NULL},
	    /* bad values */
	    {{"cmd", "--year", "24"}, "invalid fiscal year \"24\"", NULL},
	    {{"cmd", "--month=13"},
	     "invalid value \"13\" for option --month",
	     "Give a whole number from 1 to 12."},
	    {{"cmd", "--month=3x"}, "invalid value \"3x\" for option --month", NULL},
	    {{"cmd", "--colour=pink"},
	     "invalid value \"pink\" for option --colour",
	     "Use \"red\", \"green\", \"blue\" or \"turquoise\"."},
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		char *argv[4];

		for (k = 0; k < 4; k++)
			argv[k] = (char *)refused[i].argv[k];
		assert_refused(argv, refused[i].message);
		if (refused[i].hint && strstr(err_text, refused[i].hint) == NULL)
			fail_msg("%s: [%s] does not say [%s]", argv[1], err_text, refused[i].hint);
	}
}

static void test_refusing_callback(void **state)
{
	char *argv[] = {"cmd", "--call=bad", NULL};

	(void)state;
	assert_int_equal(parse_capturing(argv), PARSE_OPTIONS_ERROR);
	assert_int_equal(calls, 1);
}

static void test_help_option(void **state)
{
	char *argv[] = {"cmd", "--flag", "-h", "--name", NULL};

	(void)state;
	assert_int_equal(parse(argv), PARSE_OPTIONS_HELP);
}

static void test_stop_at_operand(void **state)
{
	char *argv[] = {"gbetl", "-f", "init", "--name=x", NULL};

	(void)state;
	reset();
	assert_int_equal(parse_options(4, argv, tables, PARSE_OPTIONS_STOP_AT_OPERAND), 2);
	assert_true(flag);
	assert_null(name); /* the command's option is left to the command */
}

static void test_help_from_table(void **state)
{
	char text[4096];
	FILE *f = tmpfile();
	size_t n;

	(void)state;
	assert_non_null(f);
	parse_options_help(f, tables);
	rewind(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	/* one column for all; an entry too long for it has its help below */
	assert_string_equal(text, "  -f, --flag       a flag\n"
	                          "  -n, --name=NAME  a name\n"
	                          "      --month=M    a month,\n"
	                          "                   from 1 to 12\n"
	                          "  -y, --year=YYYY  the fiscal year\n"
	                          "      --colour=red|green|blue|turquoise\n"
	                          "                   a colour\n"
	                          "      --call=X     a callback\n"
	                          "  -h, --help       show this help, then exit\n");
}

static void test_parse_enum(void **state)
{
	(void)state;
	assert_int_equal(parse_enum("blue", colours), 2);
	assert_int_equal(parse_enum("Blue", colours), -1);
	assert_int_equal(parse_enum("", colours), -1);
}

UNIT_MAIN(cmocka_unit_test(test_types), cmocka_unit_test(test_operands_first),
          cmocka_unit_test(test_unambiguous_prefix), cmocka_unit_test(test_refused),
          cmocka_unit_test(test_refusing_callback), cmocka_unit_test(test_help_option),
          cmocka_unit_test(test_stop_at_operand), cmocka_unit_test(test_help_from_table),
          cmocka_unit_test(test_parse_enum))
