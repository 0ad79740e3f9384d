/*
 * cmd_keygen.c — "gbetl keygen FILE": a new pseudonymisation key.
 */
#include "command.h"
#include "exitcode.h"
#include "log.h"
#include "pseudonym.h"

static const char help[] =
    "gbetl keygen — make a new pseudonymisation key\n\n"
    "Usage:\n  gbetl keygen FILE\n\n"
    "Writes 32 random bytes to FILE with mode 0600.  An existing file is never\n"
    "overwritten.  The key turns identity numbers into pseudonyms: keep it\n"
    "secret, readable by the loader only, and backed up — with another key the\n"
    "same person gets another pseudonym, and headcounts across years break.\n\n"
    "Exit status: 0 written; 2 usage; 73 the file exists or cannot be written.\n";

static int cmd_keygen(int argc, char **argv)
{
	int c;

	c = parse_common_options(argc, argv);
	if (c >= 0)
		return c;
	if (optind + 1 != argc) {
		log_error(optind >= argc ? "no key file given" : "too many arguments");
		return usage_error(argv[0]);
	}
	if (pseudonym_keygen(argv[optind]) != 0)
		return EXIT_CANTCREAT;
	log_info("wrote a new pseudonymisation key to \"%s\"", argv[optind]);
	log_hint("Back it up now: losing it breaks headcounts across years.");
	return EXIT_OK;
}

const struct command command_keygen = {"keygen", cmd_keygen, "make a new pseudonymisation key",
                                       help, false};
