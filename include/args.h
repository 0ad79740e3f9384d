/*
 * args.h — command-line arguments that several commands share: the fiscal
 * year.
 *
 * Every command that works on one fiscal year (allocate, report, close-year,
 * reopen-year) takes it the same two ways, which mean the same:
 *     gbetl close-year --year 2024
 *     gbetl close-year 2024
 * --year is an OPT_YEAR option (parse_options.h), which checks it with
 * year_argument(); the bare one is taken by command_year().
 */
#ifndef GBETL_ARGS_H
#define GBETL_ARGS_H

/* A fiscal year: exactly four digits, 1900 to 2200.  0 with *year set, or
 * -1 (nothing reported). */
int parse_year(const char *s, int *year);

/* parse_year() for an argument: 0, or -1 after a one-line error naming it. */
int year_argument(const char *s, int *year);

/*
 * The fiscal year of a command, after its options: option is the value of
 * --year (0 when not given); a bare YYYY at argv[*next] is taken too (and
 * *next moves past it).  Given both ways, they must agree.  0 with the year
 * in out as "YYYY", or -1 after a one-line error (a usage error).
 */
int command_year(int option, int argc, char **argv, int *next, char out[5]);

#endif
