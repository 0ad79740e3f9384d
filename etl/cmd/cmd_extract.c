/*
 * cmd_extract.c — "gbetl extract": one export file to the canonical stream.
 */
#include "code_check.h"
#include "command.h"
#include "config.h"
#include "exitcode.h"
#include "extract.h"
#include "log.h"
#include "regular_file.h"
#include "mappings.h"
#include "pnr.h"
#include "pnr_scan.h"
#include "pseudonym.h"
#include "source.h"
#include "stream.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
    "gbetl extract — read one export file into the canonical record stream\n\n"
    "Usage:\n  gbetl extract --source NAME [OPTION]... FILE\n\n"
    "Reads FILE as the source definition NAME.conf says (in the configuration's\n"
    "sources_dir, or --sources DIR), validates every record, sex-codes and\n"
    "pseudonymises every person, and writes the canonical stream to standard\n"
    "output for \"gbetl load\".  Bad records become rejects (file line, field,\n"
    "reason, the value masked); records read = records kept + rejected.\n\n"
    "Options:\n"
    "  -s, --source=NAME          the source definition\n"
    "      --sources=DIR          where source definitions are (default: sources_dir)\n"
    "      --reference-date=DATE  the date a 10-digit identity number in a record\n"
    "                             without a date is read against (default: the\n"
    "                             file's modification time); a record with a\n"
    "                             date is always read against its own date\n"
    "      --check                only validate, and print a summary: records,\n"
    "                             rejects by reason, sex-coding coverage, and the\n"
    "                             codes no mapping rule (mappings_dir) matches\n\n"
    "Exit status: 0 done; 1 rejects passed the source's threshold; 2 usage;\n"
    "65 the file cannot be read as the source says; 66 no such file, or not a\n"
    "regular file (a link, FIFO, device or directory);\n"
    "78 bad configuration or source definition.\n";

enum { OPT_SOURCES = OPT_FIRST_COMMAND_OPTION, OPT_REFERENCE, OPT_CHECK };

/* --check: count, look the codes up, keep nothing. */
struct check {
	long shown;               /* rejects logged so far */
	struct code_check *codes; /* NULL when the mappings could not be read */
};

static int check_begin(void *ctx, const struct batch_header *h)
{
	(void)ctx;
	(void)h;
	return 0;
}

static int check_row(void *ctx, const char *line, size_t len)
{
	struct check *check = ctx;

	if (check->codes)
		code_check_row(check->codes, line, len);
	return 0;
}

static int check_reject(void *ctx, const struct reject *r)
{
	struct check *check = ctx;

	if (check->shown++ < 20)
		log_info("line %ld: field \"%s\": %s: %s%s%s%s", r->line, r->field, r->reason,
		         r->message, r->value_masked ? " (value \"" : "",
		         r->value_masked ? r->value_masked : "", r->value_masked ? "\")" : "");
	return 0;
}

static int check_end(void *ctx, const struct batch_trailer *t)
{
	(void)ctx;
	(void)t;
	return 0;
}

static double percent(long long part, long long whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void print_summary(const struct source_def *def, const char *path,
                          const struct extract_result *res, const struct check *check,
                          const char *mappings_dir)
{
	const struct batch_trailer *c = &res->counts;
	struct strbuf shown = STRBUF_INIT;
	int i;

	printf("source:     %s (%s, %s, %s)\n", def->name, record_kind_name(def->kind),
	       source_format_name(def->format), res->encoding);
	pnr_scan_mask_to(&shown, path, strlen(path)); /* a file name may hold a number */
	printf("file:       %s (%lld bytes)\n", shown.buf, res->bytes);
	strbuf_release(&shown);
	printf("records:    %lld read, %lld kept, %lld rejected (%.2f %%)%s\n", c->read,
	       c->records_ok, c->rejected, percent(c->rejected, c->read),
	       res->over_threshold ? " — over the source's reject threshold" : "");
	printf("rows:       %lld\n", c->emitted);
	if (c->persons)
		printf(
		    "persons:    %lld person fields, sex known for %lld (coverage %.2f %%), %lld "
		    "conflicts between number and field, %lld invalid identity numbers\n",
		    c->persons, c->sex_known, percent(c->sex_known, c->persons), c->sex_conflicts,
		    c->id_invalid);
	if (c->period_min[0])
		printf("period:     %s to %s\n", c->period_min, c->period_max);
	if (res->skipped_labels)
		printf("skipped:    %ld unknown labels\n", res->skipped_labels);
	if (res->reason_count) {
		printf("rejects by reason:\n");
		for (i = 0; i < res->reason_count; i++)
			printf("  %-28s %lld\n", res->reasons[i].reason, res->reasons[i].count);
	}
	if (check->codes)
		code_check_print(check->codes, stdout, 20);
	else if (def->kind != KIND_POPULATION)
		printf("codes:      not checked: no valid mapping rules in \"%s\"\n", mappings_dir);
}

static int cmd_extract(int argc, char **argv)
{
	static const struct option options[] = {
	    COMMON_LONG_OPTIONS,
	    {"source", required_argument, NULL, 's'},
	    {"sources", required_argument, NULL, OPT_SOURCES},
	    {"reference-date", required_argument, NULL, OPT_REFERENCE},
	    {"check", no_argument, NULL, OPT_CHECK},
	    {NULL, 0, NULL, 0}};
	const char *source_name = NULL, *sources_dir = NULL;
	struct pnr_date reference = {0, 0, 0};
	struct extract_options opts;
	struct extract_result res;
	struct gbetl_config cfg;
	struct source_def def;
	struct pseudonym_key *key = NULL;
	struct record_sink *sink = NULL, check_sink;
	struct mapping_set *mappings = NULL;
	struct check checked = {0, NULL};
	bool check = false, have_config = false, have_source = false;
	int c, status = EXIT_OK;

	memset(&def, 0, sizeof(def));
	while ((c = getopt_long(argc, argv, COMMON_SHORT_OPTIONS "s:", options, NULL)) != -1) {
		int r = common_option(c, optarg);

		if (r == 1)
			continue;
		if (r < 0)
			return usage_error(argv[0]);
		switch (c) {
		case 'h':
			return command_help(argv[0]);
		case 's':
			source_name = optarg;
			break;
		case OPT_SOURCES:
			sources_dir = optarg;
			break;
		case OPT_REFERENCE:
			if (pnr_parse_date(optarg, &reference) != 0) {
				log_error("invalid reference date \"%s\"", optarg);
				return usage_error(argv[0]);
			}
			break;
		case OPT_CHECK:
			check = true;
			break;
		default:
			return usage_error(argv[0]);
		}
	}
	if (source_name == NULL || optind + 1 != argc) {
		log_error(source_name == NULL ? "no source given (--source NAME)"
		                              : "give exactly one file");
		return usage_error(argv[0]);
	}
	{
		/* only a regular file (or "-"): nothing of anything else is read */
		int fd = regular_file_open(argv[optind], true);

		if (fd < 0)
			return EXIT_NOINPUT;
		if (fd != STDIN_FILENO)
			close(fd);
	}
	have_config = true;
	if (config_load(&cfg) != 0) {
		status = EXIT_CONFIG;
		goto out;
	}
	if (source_load_named(sources_dir ? sources_dir : cfg.sources_dir, source_name, &def) !=
	    0) {
		status = EXIT_CONFIG;
		goto out;
	}
	have_source = true;
	config_apply_source_defaults(&cfg, &def);
	if (def.kind == KIND_SERVICE) {
		key = check ? pseudonym_key_ephemeral() : pseudonym_key_load(cfg.key_file);
		if (key == NULL) {
			status = EXIT_CONFIG;
			goto out;
		}
	}
	memset(&opts, 0, sizeof(opts));
	opts.source = &def;
	opts.path = argv[optind];
	opts.key = key;
	opts.reference_year = reference.year;
	opts.reference_month = reference.month;
	opts.reference_day = reference.day;
	if (check) {
		/* no mapping rules at all is not an error here: the summary says so */
		if (def.kind != KIND_POPULATION && access(cfg.mappings_dir, X_OK) == 0 &&
		    (mappings = mappings_read(cfg.mappings_dir)))
			checked.codes = code_check_new(mappings, def.name, def.kind);
		check_sink = (struct record_sink){&checked, check_begin,  check_row,
		                                  NULL,     check_reject, check_end};
		sink = &check_sink;
	} else {
		/* the stream is large: write it in 128 KiB pieces, not stdio's 4 KiB */
		setvbuf(stdout, NULL, _IOFBF, 1 << 17);
		sink = stream_writer_new(stdout);
	}
	if (extract_file(&opts, sink, &res) != 0) {
		status = EXIT_DATAERR;
		goto out;
	}
	if (check)
		print_summary(&def, argv[optind], &res, &checked, cfg.mappings_dir);
	if (res.over_threshold) {
		if (def.reject_max_count >= 0 && res.counts.rejected > def.reject_max_count)
			log_warning(
			    "file \"%s\": %lld of %lld records rejected, over source \"%s\"'s "
			    "reject_max_count %ld",
			    argv[optind], res.counts.rejected, res.counts.read, def.name,
			    def.reject_max_count);
		else
			log_warning(
			    "file \"%s\": %lld of %lld records rejected, over source \"%s\"'s "
			    "reject_max_ratio %g",
			    argv[optind], res.counts.rejected, res.counts.read, def.name,
			    def.reject_max_ratio);
		status = EXIT_ATTENTION;
	}
out:
	if (sink && sink != &check_sink)
		stream_writer_free(sink);
	code_check_free(checked.codes);
	mappings_free(mappings);
	pseudonym_key_free(key);
	if (have_source)
		source_free(&def);
	if (have_config)
		config_free(&cfg);
	return status;
}

const struct command command_extract = {
    "extract", cmd_extract, "read one export file into the canonical stream", help, false};
