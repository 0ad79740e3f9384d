/*
 * cmd_demo.c — "gbetl demo": the embedded default (the work is in
 * etl/demo/demo.c).
 */
#include "command.h"
#include "demo.h"

static const char usage[] =
    "gbetl demo — the sample municipality on a private PostgreSQL\n\n"
    "Usage:\n  gbetl demo [--var DIR] [--inhabitants N]\n  gbetl demo --stop [--var DIR]\n\n"
    "Creates (on first use) and starts a private PostgreSQL cluster under DIR\n"
    "(default ./var), listening on a unix socket inside it only; writes a\n"
    "configuration and a pseudonymisation key there; generates the sample\n"
    "municipality; and runs every stage: init, mappings, the nightly run\n"
    "(import, allocate, report).  Ends with a summary and the psql command\n"
    "that opens the result.  Running it again reuses everything.\n";

static struct demo_options demo = {NULL, "var", "10000", false};

static const struct parse_option options[] = {
    OPT_STRING(0, "var", &demo.var_dir, "DIR",
               "where the demo keeps its cluster and files (./var)"),
    OPT_STRING(0, "inhabitants", &demo.inhabitants, "N",
               "size of the sample municipality (default 10000)"),
    OPT_FLAG(0, "stop", &demo.stop, "stop the private PostgreSQL server"),
    OPT_END(),
};

static int run(struct session *s, int argc, char **argv)
{
	(void)s;
	(void)argc;
	(void)argv;
	demo.self = gbetl_self_path();
	return demo_run(&demo);
}

const struct command command_demo = {
    "demo", "the sample municipality on a private PostgreSQL", usage, options, NULL, 0, NULL, run};
