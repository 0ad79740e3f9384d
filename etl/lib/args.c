/*
 * args.c — the fiscal year of a command (args.h).
 */
#include "args.h"
#include "log.h"

#include <stdio.h>
#include <string.h>

int parse_year(const char *s, int *year)
{
	int y = 0, i;

	if (s == NULL || strlen(s) != 4)
		return -1;
	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	if (y < 1900 || y > 2200)
		return -1;
	*year = y;
	return 0;
}

int year_argument(const char *s, int *year)
{
	if (parse_year(s, year) == 0)
		return 0;
	log_error("invalid fiscal year \"%s\"", s);
	log_detail("A fiscal year is four digits, 1900 to 2200.");
	return -1;
}

int command_year(int option, int argc, char **argv, int *next, char out[5])
{
	const char *bare = *next < argc ? argv[*next] : NULL;
	int year = option, other = 0;

	if (option == 0 && bare == NULL) {
		log_error("no fiscal year given (--year YYYY, or YYYY)");
		return -1;
	}
	if (bare) {
		if (year_argument(bare, &other) != 0)
			return -1;
		if (option && other != year) {
			log_error("two fiscal years given: %d (--year) and %d", year, other);
			return -1;
		}
		year = other;
		(*next)++;
	}
	snprintf(out, 5, "%04d", year);
	return 0;
}
