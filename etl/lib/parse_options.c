/*
 * parse_options.c — command-line options from a declarative table
 * (parse_options.h), parsed by getopt_long() from arrays built out of the
 * tables.
 */
#include "parse_options.h"
#include "args.h"
#include "log.h"
#include "strbuf.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* More options than any command has; a longer table is a programming error. */
#define MAX_OPTIONS 64
/* An entry whose "  -x, --name=ARG" is longer has its help on the next line. */
#define MAX_COLUMN 32
/* getopt_long()'s value of the long option i: past every letter. */
#define LONG_VALUE_BASE 256

/* The tables' entries in one array, so that an entry has one number. */
struct flat {
	const struct parse_option *entry[MAX_OPTIONS];
	int count;
};

static void flatten(const struct parse_option *const *tables, struct flat *f)
{
	const struct parse_option *o;

	f->count = 0;
	for (; *tables; tables++)
		for (o = *tables; o->type != OPTION_END && f->count < MAX_OPTIONS; o++)
			f->entry[f->count++] = o;
}

static bool takes_argument(const struct parse_option *o)
{
	switch (o->type) {
	case OPTION_FLAG:
	case OPTION_HELP:
		return false;
	case OPTION_CALLBACK:
		return o->arg_name != NULL;
	default:
		return true;
	}
}

int parse_enum(const char *word, const char *const *words)
{
	int i;

	for (i = 0; words[i]; i++)
		if (strcmp(word, words[i]) == 0)
			return i;
	return -1;
}

/* "a", "a" or "b", "a", "b" or "c" */
static void add_word_list(struct strbuf *sb, const char *const *words)
{
	int i;

	for (i = 0; words[i]; i++) {
		if (i > 0)
			strbuf_addstr(sb, words[i + 1] ? ", " : " or ");
		strbuf_addf(sb, "\"%s\"", words[i]);
	}
}

static int bad_value(const struct parse_option *o, const char *arg)
{
	struct strbuf hint = STRBUF_INIT;

	log_error("invalid value \"%s\" for option --%s", arg, o->long_name);
	if (o->type == OPTION_ENUM) {
		strbuf_addstr(&hint, "Use ");
		add_word_list(&hint, o->words);
		log_hint("%s.", hint.buf);
	} else if (o->type == OPTION_INT) {
		log_hint("Give a whole number from %lld to %lld.", o->min, o->max);
	}
	strbuf_release(&hint);
	return PARSE_OPTIONS_ERROR;
}

/* Store the value of one option.  0, or an error code of parse_options(). */
static int apply(const struct parse_option *o, const char *arg)
{
	long long number;
	char *end;
	int i;

	switch (o->type) {
	case OPTION_FLAG:
		*(bool *)o->value = true;
		return 0;
	case OPTION_STRING:
		*(const char **)o->value = arg;
		return 0;
	case OPTION_INT:
		errno = 0;
		number = strtoll(arg, &end, 10);
		if (arg[0] == '\0' || *end != '\0' || errno != 0 || number < o->min ||
		    number > o->max)
			return bad_value(o, arg);
		*(long long *)o->value = number;
		return 0;
	case OPTION_YEAR:
		return year_argument(arg, (int *)o->value) == 0 ? 0 : PARSE_OPTIONS_ERROR;
	case OPTION_ENUM:
		i = parse_enum(arg, o->words);
		if (i < 0)
			return bad_value(o, arg);
		*(int *)o->value = i;
		return 0;
	case OPTION_CALLBACK:
		return o->callback(o, arg) == 0 ? 0 : PARSE_OPTIONS_ERROR;
	case OPTION_HELP:
		return PARSE_OPTIONS_HELP;
	default:
		return PARSE_OPTIONS_ERROR;
	}
}

/* What getopt_long() found wrong, in one line. */
static int usage(const struct flat *f, int c, char **argv)
{
	const char *bad = argv[optind - 1];
	int i;

	if (c == ':') {
		for (i = 0; i < f->count; i++)
			if (optopt == (f->entry[i]->short_name ? f->entry[i]->short_name
			                                       : LONG_VALUE_BASE + i))
				break;
		if (i < f->count)
			log_error("option --%s needs an argument (--%s=%s)", f->entry[i]->long_name,
			          f->entry[i]->long_name,
			          f->entry[i]->arg_name ? f->entry[i]->arg_name : "VALUE");
		else
			log_error("option \"%s\" needs an argument", bad);
	} else if (optopt != 0 && optopt < LONG_VALUE_BASE) {
		log_error("unknown option \"-%c\"", optopt);
	} else {
		log_error("unknown option \"%.*s\"", (int)strcspn(bad, "="), bad);
	}
	return PARSE_OPTIONS_ERROR;
}

int parse_options(int argc, char **argv, const struct parse_option *const *tables, int flags)
{
	struct option longs[MAX_OPTIONS + 1];
	char shorts[2 * MAX_OPTIONS + 3], *p = shorts;
	struct flat f;
	int c, i, rc;

	flatten(tables, &f);
	if (flags & PARSE_OPTIONS_STOP_AT_OPERAND)
		*p++ = '+';
	*p++ = ':'; /* a missing argument is ':', an unknown option '?' */
	for (i = 0; i < f.count; i++) {
		const struct parse_option *o = f.entry[i];

		longs[i].name = o->long_name;
		longs[i].has_arg = takes_argument(o) ? required_argument : no_argument;
		longs[i].flag = NULL;
		longs[i].val = o->short_name ? o->short_name : LONG_VALUE_BASE + i;
		if (o->short_name) {
			*p++ = (char)o->short_name;
			if (takes_argument(o))
				*p++ = ':';
		}
	}
	*p = '\0';
	memset(&longs[f.count], 0, sizeof(longs[0]));

	optind = 0; /* start afresh: GNU getopt re-initialises */
	opterr = 0; /* the messages are ours */
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (c == '?' || c == ':')
			return usage(&f, c, argv);
		for (i = 0; i < f.count; i++)
			if (c == longs[i].val)
				break;
		if (i == f.count)
			return usage(&f, '?', argv);
		rc = apply(f.entry[i], optarg);
		if (rc != 0)
			return rc;
	}
	return optind;
}

/* "  -y, --year=YYYY" or "      --cost=gross|own" */
static void option_spec(struct strbuf *sb, const struct parse_option *o)
{
	int i;

	strbuf_reset(sb);
	if (o->short_name)
		strbuf_addf(sb, "  -%c, --%s", o->short_name, o->long_name);
	else
		strbuf_addf(sb, "      --%s", o->long_name);
	if (o->type == OPTION_ENUM && o->arg_name == NULL) {
		for (i = 0; o->words[i]; i++)
			strbuf_addf(sb, "%c%s", i ? '|' : '=', o->words[i]);
	} else if (takes_argument(o)) {
		strbuf_addf(sb, "=%s", o->arg_name);
	}
}

void parse_options_help(FILE *out, const struct parse_option *const *tables)
{
	struct strbuf spec = STRBUF_INIT;
	struct flat f;
	size_t column = 0;
	int i;

	flatten(tables, &f);
	for (i = 0; i < f.count; i++) {
		option_spec(&spec, f.entry[i]);
		if (spec.len + 2 <= MAX_COLUMN && spec.len + 2 > column)
			column = spec.len + 2;
	}
	for (i = 0; i < f.count; i++) {
		const char *line = f.entry[i]->help;

		option_spec(&spec, f.entry[i]);
		if (spec.len + 2 > column)
			fprintf(out, "%s\n%*s", spec.buf, (int)column, "");
		else
			fprintf(out, "%-*s", (int)column, spec.buf);
		for (;;) {
			size_t len = strcspn(line, "\n");

			fprintf(out, "%.*s\n", (int)len, line);
			if (line[len] == '\0')
				break;
			line += len + 1;
			fprintf(out, "%*s", (int)column, "");
		}
	}
	strbuf_release(&spec);
}
