/*
 * pnr.h — Swedish personal identity numbers: parse, validate, sex-code, mask.
 *
 * Handles personnummer, samordningsnummer (day + 60, including
 * Skatteverket's month 00 / day 60 for an unknown date) and, when a source
 * enables them, interim numbers (a letter T R S U W X J K L M N in the
 * seventh position, counted as 1 in the Luhn sum).  Forms: 10 or 12 digits,
 * with '-', '+' or no separator, surrounding spaces allowed.  A 10-digit
 * number takes its century from the reference date, which is the date of
 * the record the number is in (not the day of the run, so that a file read
 * years later gives the same people): '-' (or none) = under 100 in the
 * reference year; '+' = 100 or older, where 99 in the reference year is
 * taken as 100 in the next (an export is written up to a year after the
 * period it covers).  A birth date after the reference date is invalid
 * (PNR_BORN_AFTER_RECORD).  Organisation numbers (month >= 20) are not
 * persons.
 *
 * Nothing here allocates; nothing here logs (the number must not reach a log).
 */
#ifndef GBETL_PNR_H
#define GBETL_PNR_H

#include <stdbool.h>
#include <stddef.h>

enum pnr_type {
	PNR_INVALID = 0,
	PNR_PERSONNUMMER,
	PNR_SAMORDNINGSNUMMER,
	PNR_INTERIM,
};

enum pnr_reason {
	PNR_OK = 0,
	PNR_EMPTY,        /* nothing but spaces */
	PNR_BAD_FORMAT,   /* not 10/12 digits with an optional separator */
	PNR_BAD_DATE,     /* no such calendar date */
	PNR_BAD_CHECKSUM, /* Luhn check digit wrong */
	PNR_BIRTH_NUMBER_000,
	PNR_ORGANISATION, /* an organisation number, not a person */
	PNR_INTERIM_NOT_ALLOWED,
	PNR_BORN_AFTER_RECORD, /* born after the reference (the record's) date */
};

struct pnr_date {
	int year, month, day;
};

struct pnr {
	enum pnr_type type;
	enum pnr_reason reason;
	char canonical[13]; /* YYYYMMDDNNNC (interim: letter in place 9), NUL; "" if invalid */
	int birth_year;     /* 0 when invalid */
	int birth_month;    /* 0 when unknown (samordningsnummer month 00) */
	int birth_day;      /* 0 when unknown (day 60) */
	int sex;            /* ISO/IEC 5218: 1 man, 2 woman; 0 when invalid */
};

/*
 * Parse s (len bytes, not necessarily NUL-terminated).  reference is the date
 * against which a 10-digit number's century is inferred and after which no
 * one can be born: the record's date; allow_interim accepts interim numbers.  Fills *out and
 * returns true for a valid number, false (out->reason says why) otherwise.
 */
bool pnr_parse(const char *s, size_t len, const struct pnr_date *reference, bool allow_interim,
               struct pnr *out);

/* Age in whole years at date at; -1 when the birth date is too partial or
 * the number invalid (a partial date uses what is known: month 00 -> the
 * age the person has for sure, or -1). */
int pnr_age(const struct pnr *p, const struct pnr_date *at);

/* "personnummer", "samordningsnummer", "interim", "invalid" */
const char *pnr_type_name(enum pnr_type type);
/* A short reason code ("bad_checksum", ...) and an English sentence. */
const char *pnr_reason_code(enum pnr_reason reason);
const char *pnr_reason_text(enum pnr_reason reason);

/*
 * Mask for anything a person reads: "YYYYMMDD-****" from a valid number;
 * from anything else the digits of the date part that can be recognised and
 * '*' for the rest, never more than the first 8 characters in clear, always
 * NUL-terminated in out (size outsz >= 16 recommended).
 */
void pnr_mask(const char *s, size_t len, char *out, size_t outsz);

/* True when the (valid) number's date of birth, as far as it is known, is
 * after at: the same test pnr_parse() makes against its reference. */
bool pnr_born_after(const struct pnr *p, const struct pnr_date *at);

/* Today's date (local time), for a default reference date.  Tests move the
 * clock with the environment variable GBETL_TEST_NOW=YYYY-MM-DD, read here
 * and nowhere else. */
void pnr_today(struct pnr_date *d);
/* Parse "YYYY-MM-DD"; 0 or -1. */
int pnr_parse_date(const char *s, struct pnr_date *d);

#endif
