/*
 * parse_options.h — command-line options from a declarative table.
 *
 * A command declares its options once, as a table:
 *
 *     static int year;
 *     static bool accept;
 *     static const struct parse_option options[] = {
 *         OPT_YEAR('y', "year", &year, "the fiscal year"),
 *         OPT_FLAG(0, "accept-unmapped", &accept, "close although cost is unmapped"),
 *         OPT_END(),
 *     };
 *
 * and the same table drives parsing (parse_options()) and the options part
 * of its help (parse_options_help()), so the two cannot disagree.  Every
 * option has a long name; a short one is optional.  A value is checked when
 * it is parsed (a year, a number in a range, one word of a list), and a bad
 * one is a one-line error naming the option and what it takes.
 *
 * The engine is GNU getopt_long(): options and operands may be mixed
 * (options after operands are found), "--" ends the options, a long name
 * may be shortened to any unambiguous prefix, and "--name=VALUE",
 * "--name VALUE", "-xVALUE" and "-x VALUE" all work.
 */
#ifndef GBETL_PARSE_OPTIONS_H
#define GBETL_PARSE_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

enum parse_option_type {
	OPTION_END = 0,  /* ends a table */
	OPTION_FLAG,     /* bool *value: set to true; takes no argument */
	OPTION_STRING,   /* const char **value: the argument as given */
	OPTION_INT,      /* long long *value: a whole number from min to max */
	OPTION_YEAR,     /* int *value: a fiscal year (parse_year()) */
	OPTION_ENUM,     /* int *value: the index of the argument in words[] */
	OPTION_CALLBACK, /* callback(option, argument), value free for it to use;
	                  * argument NULL when arg_name is */
	OPTION_HELP,     /* -h, --help: parse_options() returns PARSE_OPTIONS_HELP */
};

struct parse_option {
	enum parse_option_type type;
	int short_name;           /* a letter, or 0 for a long-only option */
	const char *long_name;    /* without the leading "--" */
	void *value;              /* where the value goes; see the types */
	const char *arg_name;     /* "YYYY", "DIR": shown as --name=ARG; NULL for none,
	                        * and for an enum, whose words are shown instead */
	const char *help;         /* the help line; a '\n' continues it on the next line */
	const char *const *words; /* OPTION_ENUM: NULL-terminated */
	long long min, max;       /* OPTION_INT: the range */
	int (*callback)(const struct parse_option *, const char *); /* 0, or -1 when logged */
};

/*
 * The entries.  The value pointer's type is checked by the compiler: a
 * flag needs a bool *, a string a const char **, a number a long long *, a
 * year and an enum an int *; a callback's value is any pointer (or NULL).
 */
/* clang-format off */
#define OPTION_VALUE(type, v) ((void *)(1 ? (v) : (type)0))
#define OPT_FLAG(s, l, v, h) {OPTION_FLAG, (s), (l), OPTION_VALUE(bool *, v), NULL, (h)}
#define OPT_STRING(s, l, v, a, h) \
	{OPTION_STRING, (s), (l), OPTION_VALUE(const char **, v), (a), (h)}
#define OPT_INT(s, l, v, a, lo, hi, h) \
	{OPTION_INT, (s), (l), OPTION_VALUE(long long *, v), (a), (h), NULL, (lo), (hi)}
#define OPT_YEAR(s, l, v, h) {OPTION_YEAR, (s), (l), OPTION_VALUE(int *, v), "YYYY", (h)}
#define OPT_ENUM(s, l, v, w, h) {OPTION_ENUM, (s), (l), OPTION_VALUE(int *, v), NULL, (h), (w)}
#define OPT_CALLBACK(s, l, v, a, cb, h) \
	{OPTION_CALLBACK, (s), (l), (v), (a), (h), NULL, 0, 0, (cb)}
#define OPT_HELP() {OPTION_HELP, 'h', "help", NULL, NULL, "show this help, then exit"}
#define OPT_END() {OPTION_END, 0, NULL, NULL, NULL, NULL}
/* clang-format on */

/* What parse_options() returns besides the index of the first operand. */
enum {
	PARSE_OPTIONS_HELP = -1,  /* -h or --help was given: print the help, exit 0 */
	PARSE_OPTIONS_ERROR = -2, /* a usage error, already logged in one line */
};

/* Flags of parse_options(). */
enum {
	PARSE_OPTIONS_STOP_AT_OPERAND = 1, /* the first operand ends the options (gbetl's own
	                                    * options end at the command's name) */
};

/*
 * Parse argv[1..argc-1] against the NULL-terminated list of tables, storing
 * each value as its entry says, in the order given (a later -q/-v wins).
 * argv may be permuted (operands move behind the options).  Returns the
 * index in argv of the first operand (argc when there is none),
 * PARSE_OPTIONS_HELP, or PARSE_OPTIONS_ERROR after logging what is wrong:
 * an unknown option, a missing argument, or a bad value.
 */
int parse_options(int argc, char **argv, const struct parse_option *const *tables, int flags);

/*
 * Print the options of the tables, one entry a line (more for a help with
 * '\n'), all in one column:
 *       -y, --year=YYYY      the fiscal year
 *           --cost=gross|own gross cost, or ...
 * An entry too long for the column has its help on the next line.
 */
void parse_options_help(FILE *out, const struct parse_option *const *tables);

/* The index of word in the NULL-terminated words, or -1. */
int parse_enum(const char *word, const char *const *words);

#endif
