/*
 * cmd_keygen.c — "gbetl keygen FILE": a new pseudonymisation key.
 */
#include "command.h"
#include "exitcode.h"
#include "log.h"
#include "pseudonym.h"

static const char usage[] =
    "gbetl keygen — make a new pseudonymisation key\n\n"
    "Usage:\n  gbetl keygen FILE\n\n"
    "Writes 32 random bytes to FILE with mode 0600.  An existing file is never\n"
    "overwritten.  The key turns identity numbers into pseudonyms: keep it\n"
    "secret, readable by the loader only, and backed up — with another key the\n"
    "same person gets another pseudonym, and headcounts across years break.\n";

static const char notes[] =
    "Exit status: 0 written; 2 usage; 73 the file exists or cannot be written.\n";

static int check(int argc, char **argv, unsigned *needs)
{
	(void)needs;
	if (argc != 1) {
		log_error(argc == 0 ? "no key file given" : "too many arguments");
		return EXIT_USAGE;
	}
	(void)argv;
	return EXIT_OK;
}

static int run(struct session *s, int argc, char **argv)
{
	(void)s;
	(void)argc;
	if (pseudonym_keygen(argv[0]) != 0)
		return EXIT_CANTCREAT;
	log_info("wrote a new pseudonymisation key to \"%s\"", argv[0]);
	log_hint("Back it up now: losing it breaks headcounts across years.");
	return EXIT_OK;
}

const struct command command_keygen = {
    "keygen", "make a new pseudonymisation key", usage, NULL, notes, 0, check, run};
