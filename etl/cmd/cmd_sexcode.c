/*
 * cmd_sexcode.c — "gbetl sexcode": check a list of identity numbers.
 *
 * The output format is an interface (other tools read it, and external test
 * suites run through it): one line per input line, five TAB-separated
 * columns.  This is the one command that prints numbers in clear: its user
 * gave them on stdin and asked for them back.
 */
#include "command.h"
#include "exitcode.h"
#include "log.h"
#include "pnr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "gbetl sexcode — check identity numbers and code their sex\n\n"
    "Usage:\n  gbetl sexcode [--reference-date YYYY-MM-DD] [--interim] < NUMBERS\n\n"
    "Reads one personnummer, samordningsnummer or (with --interim) interim\n"
    "number per line on standard input, in any common form, and writes one line\n"
    "per input line with five TAB-separated columns:\n"
    "  1. the input as given (without its line end)\n"
    "  2. type: personnummer, samordningsnummer, interim or invalid\n"
    "  3. the canonical 12-character form (empty when invalid)\n"
    "  4. sex as ISO/IEC 5218: 1 man, 2 woman, 0 not known (invalid)\n"
    "  5. date of birth YYYY-MM-DD, or YYYY-MM / YYYY when only partly known\n"
    "     (samordningsnummer with day 60 or month 00); empty when invalid\n\n"
    "Options:\n"
    "      --reference-date=DATE  the date a 10-digit number's century is inferred\n"
    "                             from (default: today)\n"
    "      --interim              accept interim numbers (T R S U W X J K L M N)\n\n"
    "Exit status: 0 every line read; 2 usage; 74 read error.\n";

enum { OPT_REFERENCE_DATE = OPT_FIRST_COMMAND_OPTION, OPT_INTERIM };

static void print_birth(const struct pnr *p)
{
	if (p->type == PNR_INVALID)
		return;
	if (p->birth_month == 0)
		printf("%04d", p->birth_year);
	else if (p->birth_day == 0)
		printf("%04d-%02d", p->birth_year, p->birth_month);
	else
		printf("%04d-%02d-%02d", p->birth_year, p->birth_month, p->birth_day);
}

static int cmd_sexcode(int argc, char **argv)
{
	static const struct option options[] = {
	    COMMON_LONG_OPTIONS,
	    {"reference-date", required_argument, NULL, OPT_REFERENCE_DATE},
	    {"interim", no_argument, NULL, OPT_INTERIM},
	    {NULL, 0, NULL, 0}};
	struct pnr_date reference;
	bool interim = false;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int c;

	pnr_today(&reference);
	while ((c = getopt_long(argc, argv, COMMON_SHORT_OPTIONS, options, NULL)) != -1) {
		int r = common_option(c, optarg);

		if (r == 1)
			continue;
		if (c == 'h')
			return command_help(argv[0]);
		if (c == OPT_REFERENCE_DATE) {
			if (pnr_parse_date(optarg, &reference) != 0) {
				log_error("invalid reference date \"%s\"", optarg);
				log_hint("Give a date as YYYY-MM-DD.");
				return usage_error(argv[0]);
			}
		} else if (c == OPT_INTERIM) {
			interim = true;
		} else {
			return usage_error(argv[0]);
		}
	}
	if (optind < argc) {
		log_error("too many arguments: \"%s\"", argv[optind]);
		return usage_error(argv[0]);
	}
	while ((len = getline(&line, &cap, stdin)) >= 0) {
		struct pnr p;

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		pnr_parse(line, (size_t)len, &reference, interim, &p);
		printf("%s\t%s\t%s\t%d\t", line, pnr_type_name(p.type), p.canonical, p.sex);
		print_birth(&p);
		putchar('\n');
	}
	free(line);
	if (ferror(stdin)) {
		log_error("could not read standard input");
		return EXIT_IOERR;
	}
	if (fflush(stdout) != 0) {
		log_error("could not write standard output");
		return EXIT_IOERR;
	}
	return EXIT_OK;
}

const struct command command_sexcode = {"sexcode", cmd_sexcode,
                                        "check identity numbers and code their sex", help, false};
