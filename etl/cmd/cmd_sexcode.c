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

static const char usage[] =
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
    "     (samordningsnummer with day 60 or month 00); empty when invalid\n";

static const char notes[] = "Exit status: 0 every line read; 2 usage; 74 read error.\n";

static struct pnr_date reference;
static bool interim;

static const struct parse_option options[] = {
    OPT_CALLBACK(0, "reference-date", &reference, "DATE", reference_date_option,
                 "the date a 10-digit number's century is inferred\nfrom (default: today)"),
    OPT_FLAG(0, "interim", &interim, "accept interim numbers (T R S U W X J K L M N)"),
    OPT_END(),
};

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

static int run(struct session *s, int argc, char **argv)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	(void)s;
	(void)argc;
	(void)argv;
	if (reference.year == 0) /* no --reference-date */
		pnr_today(&reference);
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

const struct command command_sexcode = {
    "sexcode", "check identity numbers and code their sex", usage, options, notes, 0, NULL, run};
