/*
 * command.h — the subcommand table and the options every command shares.
 *
 * Each subcommand lives in etl/cmd/cmd_<name>.c and defines one
 *     const struct command command_<name> = {...};
 * The build collects every etl/cmd/cmd_*.c into the dispatch table of gbetl.c
 * (build/gen/commands.inc), so adding a command is adding its file.
 *
 * The dispatcher (gbetl.c) does for every command, in this order:
 *   1. parses its options (its table and the common one, parse_options.h);
 *      -h prints the help made of usage, the tables and notes, exit 0;
 *   2. checks the operands (the arguments left after the options): a
 *      command that works on one fiscal year has its year (--year YYYY or
 *      a bare YYYY, and no other operand) checked here; then check(),
 *      which may also change what the command needs, is called with them;
 *      a command with neither takes no operand;
 *   3. opens the session the command needs (session.h): the configuration,
 *      then (after prepare(), when the command has one) the database and
 *      the run lock named by the command — or gives the exit status of the
 *      failure (78, 69, 75);
 *   4. calls run() with the session and the operands;
 *   5. closes the session.
 * A usage error anywhere (EXIT_USAGE from check() or run(), after a
 * one-line error) gets the "Try ..." line from the dispatcher.  A command
 * never calls exit() and never calls another command (commands reuse
 * modules, not commands).
 */
#ifndef GBETL_COMMAND_H
#define GBETL_COMMAND_H

#include <stdbool.h>
#include <stdio.h>

#include "parse_options.h"
#include "session.h"

struct year_operand;

struct command {
	const char *name;
	const char *summary; /* one line for "gbetl --help" */
	const char *usage;   /* the help before the options: title, synopsis, what it does */
	const struct parse_option *options; /* its own options; NULL for none */
	const char *notes;                  /* the help after the options: exit status */
	unsigned needs;                     /* SESSION_* of session.h */
	/* The operands, before anything is opened: EXIT_OK to go on, or the exit
	 * status to give (EXIT_USAGE after a one-line error).  May change *needs. */
	int (*check)(int argc, char **argv, unsigned *needs);
	/* The work: argv holds the operands only (argc may be 0). */
	int (*run)(struct session *s, int argc, char **argv);
	/* Optional: the input checked with the configuration loaded, before the
	 * connection and the lock (bad input is 65 even when the database is
	 * down or busy).  EXIT_OK to go on, or the exit status to give. */
	int (*prepare)(struct session *s, int argc, char **argv);
	/* Optional: the fiscal year of a command that works on one (its table
	 * has OPT_YEAR into year->option); the dispatcher checks it (step 2),
	 * and run() reads year->text. */
	struct year_operand *year;
};

/* Options that every command accepts, before or after the command name. */
struct gbetl_options {
	const char *dbname;      /* -d/--dbname: conninfo or URI; NULL = libpq defaults */
	const char *config_path; /* --config; else $GBETL_CONFIG; else /etc/gbetl/gbetl.conf */
	bool config_explicit;    /* the path was given, so a missing file is an error */
};
extern struct gbetl_options gbetl_opts;

/* The options every command takes, before or after its name: -d, --config,
 * -q, -v, --log-format, -h. */
extern const struct parse_option common_options[];

/* An OPT_CALLBACK for a date YYYY-MM-DD into value, a struct pnr_date *
 * (pnr.h): --reference-date. */
int reference_date_option(const struct parse_option *o, const char *arg);

/* The operands of a command that reads files as a source (extract: exactly
 * one file; import: one or more): EXIT_OK, or EXIT_USAGE after saying what
 * is missing (--source NAME, or the file). */
int source_operands(const char *source_name, int argc, bool exactly_one);

/* An OPT_CALLBACK for free text a command stores or prints (a reopening's
 * reason, a snapshot's name, an impact's text) into value, a const char **:
 * an identity number in it is masked ("YYYYMMDD-****", pnr_scan.h), with a
 * warning, so that none reaches the database, a log or an output. */
int free_text_option(const struct parse_option *o, const char *arg);

struct source_def;
struct pseudonym_key;
/* The source definition name (--source NAME) from dir (--sources DIR) or
 * else the configuration's sources_dir, with the configuration's defaults
 * applied (config_apply_source_defaults()); and, for a service source (the
 * only kind with identity numbers), the pseudonymisation key into *key: the
 * configuration's key_file, or with throwaway_key a random key that is
 * never stored (pseudonym_key_ephemeral()).  *key is NULL for other kinds.
 * EXIT_OK, or EXIT_CONFIG after logging why, with nothing left to free;
 * after EXIT_OK free def with source_free() and *key with
 * pseudonym_key_free(). */
int command_source(struct gbetl_config *cfg, const char *dir, const char *name, bool throwaway_key,
                   struct source_def *def, struct pseudonym_key **key);

/* Where a command prints its results: stdout, or NULL under -q (errors
 * only). */
FILE *command_output(void);

/* A check() for a command whose operands are none: "too many arguments". */
int command_no_operands(int argc, char **argv, unsigned *needs);

/* The fiscal year of a command that works on one: --year YYYY (an OPT_YEAR
 * into option) or a bare YYYY (args.h), and no other operand.  The command
 * names it in struct command's year. */
struct year_operand {
	int option;   /* --year; 0 when not given */
	char text[5]; /* the year, "YYYY", after year_operand_check() */
};

/* The check of such a command's operands, by the dispatcher: EXIT_OK, or
 * EXIT_USAGE after one line. */
int year_operand_check(struct year_operand *year, int argc, char **argv);

/* Absolute path of the running gbetl binary (for commands that run stages
 * as child processes, like demo). */
const char *gbetl_self_path(void);

#endif
