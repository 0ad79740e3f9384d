/*
 * cmd_extract.c — "gbetl extract": one export file to the canonical stream.
 */
#include "command.h"
#include "exitcode.h"
#include "extract.h"
#include "extract_check.h"
#include "log.h"
#include "pnr.h"
#include "pseudonym.h"
#include "regular_file.h"
#include "source.h"
#include "stream.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "gbetl extract — read one export file into the canonical record stream\n\n"
    "Usage:\n  gbetl extract --source NAME [OPTION]... FILE\n\n"
    "Reads FILE as the source definition NAME.conf says (in the configuration's\n"
    "sources_dir, or --sources DIR), validates every record, sex-codes and\n"
    "pseudonymises every person, and writes the canonical stream to standard\n"
    "output for \"gbetl load\".  Bad records become rejects (file line, field,\n"
    "reason, the value masked); records read = records kept + rejected.\n";

static const char notes[] =
    "Exit status: 0 done; 1 rejects passed the source's threshold; 2 usage;\n"
    "65 the file cannot be read as the source says; 66 no such file, or not a\n"
    "regular file (a link, FIFO, device or directory);\n"
    "78 bad configuration or source definition.\n";

static const char *source_name, *sources_dir;
static struct pnr_date reference;
static bool check_only;

static const struct parse_option options[] = {
    OPT_STRING('s', "source", &source_name, "NAME", "the source definition"),
    OPT_STRING(0, "sources", &sources_dir, "DIR",
               "where source definitions are (default: sources_dir)"),
    OPT_CALLBACK(0, "reference-date", &reference, "DATE", reference_date_option,
                 "the date a 10-digit identity number in a record\n"
                 "without a date is read against (default: the\n"
                 "file's modification time); a record with a\n"
                 "date is always read against its own date"),
    OPT_FLAG(0, "check", &check_only,
             "only validate, and print a summary: records,\n"
             "rejects by reason, sex-coding coverage, and the\n"
             "codes no mapping rule (mappings_dir) matches"),
    OPT_END(),
};

static int check(int argc, char **argv, unsigned *needs)
{
	int fd;

	(void)needs;
	if (source_operands(source_name, argc, true) != EXIT_OK)
		return EXIT_USAGE;
	/* only a regular file (or "-"): nothing of anything else is read */
	fd = regular_file_open(argv[0], true);
	if (fd < 0)
		return EXIT_NOINPUT;
	if (fd != STDIN_FILENO)
		close(fd);
	return EXIT_OK;
}

static int run(struct session *s, int argc, char **argv)
{
	struct gbetl_config *cfg = &s->cfg;
	struct extract_options opts;
	struct extract_result res;
	struct source_def def;
	struct pseudonym_key *key = NULL;
	struct record_sink *sink = NULL;
	struct extract_check *checked = NULL;
	int status;

	(void)argc;
	/* --check writes no pseudonym: a throwaway key will do */
	status = command_source(cfg, sources_dir, source_name, check_only, &def, &key);
	if (status != EXIT_OK)
		return status;
	opts = (struct extract_options){.source = &def,
	                                .path = argv[0],
	                                .key = key,
	                                .reference_year = reference.year,
	                                .reference_month = reference.month,
	                                .reference_day = reference.day};
	if (check_only) {
		checked = extract_check_new(&def, cfg->mappings_dir);
		sink = extract_check_sink(checked);
	} else {
		/* the stream is large: write it in 128 KiB pieces, not stdio's 4 KiB */
		setvbuf(stdout, NULL, _IOFBF, 1 << 17);
		sink = stream_writer_new(stdout);
	}
	if (extract_file(&opts, sink, &res) != 0) {
		status = EXIT_DATAERR;
		goto out;
	}
	if (checked)
		extract_check_print(checked, argv[0], &res, stdout);
	if (res.over_threshold) {
		extract_check_warn_threshold(&def, argv[0], &res);
		status = EXIT_ATTENTION;
	}
out:
	if (checked == NULL)
		stream_writer_free(sink);
	extract_check_free(checked);
	pseudonym_key_free(key);
	source_free(&def);
	return status;
}

const struct command command_extract = {"extract", "read one export file into the canonical stream",
                                        usage,     options,
                                        notes,     SESSION_CONFIG,
                                        check,     run};
