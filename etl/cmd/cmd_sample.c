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

static const char help[] =
    "gbetl sample — write the exports of a fictitious municipality\n\n"
    "Usage:\n  gbetl sample --out DIR [--inhabitants N] [--years Y1,Y2...] [--seed S]\n\n"
    "Writes the exports of Exempelby (municipality code 0999) into DIR/inbox:\n"
    "care-system CSV (Windows-1252), a social-services XML export, youth-centre\n"
    "visit counts, population by sex and age, and the ledger; and DIR/expected.txt\n"
    "with figures computed by the generator, for tests.  The same options always\n"
    "give the same bytes.  See " GBETL_DOCDIR "/docs/sample.md.\n\n"
    "Options:\n"
    "      --out=DIR          where to write (created if missing)\n"
    "      --inhabitants=N    size of the municipality (default 10000)\n"
    "      --years=LIST       fiscal years, comma-separated (default 2024,2025)\n"
    "      --seed=S           seed of the generator (default 880)\n\n"
    "Exit status: 0 written; 2 usage; 73 cannot write.\n";

enum { OPT_OUT = OPT_FIRST_COMMAND_OPTION, OPT_INHABITANTS, OPT_YEARS, OPT_SEED };

static int parse_years(const char *text, struct sample_options *o)
{
	const char *p = text;

	o->year_count = 0;
	for (;;) {
		size_t len = strcspn(p, ",");
		char one[8];
		int y;

		if (len >= sizeof(one) || o->year_count == 8)
			return -1;
		memcpy(one, p, len);
		one[len] = '\0';
		if (parse_year(one, &y) != 0 || y > 2100)
			return -1;
		o->years[o->year_count++] = y;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	return 0;
}

static int cmd_sample(int argc, char **argv)
{
	static const struct option options[] = {
	    COMMON_LONG_OPTIONS,
	    {"out", required_argument, NULL, OPT_OUT},
	    {"inhabitants", required_argument, NULL, OPT_INHABITANTS},
	    {"years", required_argument, NULL, OPT_YEARS},
	    {"seed", required_argument, NULL, OPT_SEED},
	    {NULL, 0, NULL, 0}};
	struct sample_options o = {NULL, 10000, {2024, 2025}, 2, 880};
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, COMMON_SHORT_OPTIONS, options, NULL)) != -1) {
		int r = common_option(c, optarg);

		if (r == 1)
			continue;
		switch (c) {
		case 'h':
			return command_help(argv[0]);
		case OPT_OUT:
			o.out_dir = optarg;
			break;
		case OPT_INHABITANTS:
			o.inhabitants = strtol(optarg, &end, 10);
			if (*end || o.inhabitants < 10 || o.inhabitants > 20000000) {
				log_error("invalid number of inhabitants \"%s\"", optarg);
				log_hint("Give a whole number from 10 to 20000000.");
				return usage_error(argv[0]);
			}
			break;
		case OPT_YEARS:
			if (parse_years(optarg, &o) != 0) {
				log_error("invalid list of years \"%s\"", optarg);
				log_hint("Give years like 2024,2025.");
				return usage_error(argv[0]);
			}
			break;
		case OPT_SEED:
			o.seed = strtoull(optarg, &end, 10);
			if (*end) {
				log_error("invalid seed \"%s\"", optarg);
				return usage_error(argv[0]);
			}
			break;
		default:
			return usage_error(argv[0]);
		}
	}
	if (o.out_dir == NULL || optind < argc) {
		log_error(o.out_dir == NULL ? "no output directory given (--out DIR)"
		                            : "too many arguments");
		return usage_error(argv[0]);
	}
	if (sample_write(&o) != 0)
		return EXIT_CANTCREAT;
	log_info("wrote the sample municipality (%ld inhabitants) to \"%s\"", o.inhabitants,
	         o.out_dir);
	return EXIT_OK;
}

const struct command command_sample = {
    "sample", cmd_sample, "write the exports of a fictitious municipality", help, false};
