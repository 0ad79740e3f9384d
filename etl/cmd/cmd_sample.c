/*
 * cmd_sample.c — "gbetl sample": write the sample municipality.
 */
#include "args.h"
#include "command.h"
#include "exitcode.h"
#include "log.h"
#include "sample.h"
#include "version.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "gbetl sample — write the exports of a fictitious municipality\n\n"
    "Usage:\n  gbetl sample --out DIR [--inhabitants N] [--years Y1,Y2...] [--seed S]\n\n"
    "Writes the exports of Exempelby (municipality code 0999) into DIR/inbox:\n"
    "care-system CSV (Windows-1252), a social-services XML export, youth-centre\n"
    "visit counts, population by sex and age, and the ledger; and DIR/expected.txt\n"
    "with figures computed by the generator, for tests.  The same options always\n"
    "give the same bytes.  See " GBETL_DOCDIR "/docs/sample.md.\n";

static const char notes[] = "Exit status: 0 written; 2 usage; 73 cannot write.\n";

static struct sample_options sample = {NULL, 10000, {2024, 2025}, 2, 880};
static long long inhabitants = 10000;

/* --years 2024,2025 */
static int set_years(const struct parse_option *o, const char *text)
{
	const char *p = text;

	(void)o;
	sample.year_count = 0;
	for (;;) {
		size_t len = strcspn(p, ",");
		char one[8];
		int y;

		if (len >= sizeof(one) || sample.year_count == 8)
			break;
		memcpy(one, p, len);
		one[len] = '\0';
		if (parse_year(one, &y) != 0 || y > 2100)
			break;
		sample.years[sample.year_count++] = y;
		if (p[len] == '\0')
			return 0;
		p += len + 1;
	}
	log_error("invalid list of years \"%s\"", text);
	log_hint("Give years like 2024,2025.");
	return -1;
}

static int set_seed(const struct parse_option *o, const char *text)
{
	char *end;

	(void)o;
	sample.seed = strtoull(text, &end, 10);
	if (*end == '\0' && text[0] != '\0')
		return 0;
	log_error("invalid seed \"%s\"", text);
	return -1;
}

static const struct parse_option options[] = {
    OPT_STRING(0, "out", &sample.out_dir, "DIR", "where to write (created if missing)"),
    OPT_INT(0, "inhabitants", &inhabitants, "N", 10, 20000000,
            "size of the municipality (default 10000)"),
    OPT_CALLBACK(0, "years", NULL, "LIST", set_years,
                 "fiscal years, comma-separated (default 2024,2025)"),
    OPT_CALLBACK(0, "seed", NULL, "S", set_seed, "seed of the generator (default 880)"),
    OPT_END(),
};

static int check(int argc, char **argv, unsigned *needs)
{
	(void)argv;
	(void)needs;
	if (sample.out_dir == NULL || argc > 0) {
		log_error(sample.out_dir == NULL ? "no output directory given (--out DIR)"
		                                 : "too many arguments");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int run(struct session *s, int argc, char **argv)
{
	(void)s;
	(void)argc;
	(void)argv;
	sample.inhabitants = (long)inhabitants;
	if (sample_write(&sample) != 0)
		return EXIT_CANTCREAT;
	log_info("wrote the sample municipality (%ld inhabitants) to \"%s\"", sample.inhabitants,
	         sample.out_dir);
	return EXIT_OK;
}

const struct command command_sample = {
    "sample", "write the exports of a fictitious municipality", usage, options, notes, 0, check,
    run};
