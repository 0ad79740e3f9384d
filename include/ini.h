/*
 * ini.h — the small INI dialect of gbetl's configuration and source files.
 *
 *     # comment                  ; whole-line comments start with # or ;
 *     [section]
 *     key = value   # comment    ; " #" after the value starts a comment
 *     key = "quoted value"       ; quotes are kept: callers decide what they mean
 *     key = #3                   ; a value may itself start with '#'
 *
 * Keys and values are trimmed.  Keys before any section have section "".
 * The parser calls back once per key; the callback returns 0 to go on or -1
 * to record an error (it has logged it) — parsing continues so that all
 * errors in a file are reported at once.
 */
#ifndef GBETL_INI_H
#define GBETL_INI_H

#include <stdbool.h>
#include <stddef.h>

struct ini_entry {
	const char *file;
	int line;
	const char *section;
	const char *key;
	const char *value;
};

typedef int (*ini_callback)(const struct ini_entry *entry, void *ctx);

/* Parse path.  Returns 0 when the file was read and every callback and line
 * was fine, -1 otherwise (each problem logged with file and line). */
int ini_parse_file(const char *path, ini_callback cb, void *ctx);

/* Parse an in-memory text (name is used in messages). */
int ini_parse_text(const char *name, const char *text, size_t len, ini_callback cb, void *ctx);

/* A yes/no value: yes, true, on or 1; no, false, off or 0 (any case).
 * 0, or -1 with "FILE:LINE: key "KEY": "VALUE" is not yes or no" logged. */
int ini_yes_no(const struct ini_entry *entry, bool *out);

/* One of two words, exactly: *out = 0 for first, 1 for second.  0, or -1
 * with "FILE:LINE: key "KEY": "VALUE" is not FIRST or SECOND" logged. */
int ini_one_of(const struct ini_entry *entry, const char *first, const char *second, int *out);

/* A ratio from 0 to 1 (a share of records, never money).  0, or -1 with
 * "... "VALUE" is not a ratio from 0 to 1" logged. */
int ini_ratio(const struct ini_entry *entry, double *out);

/* The value as a whole number in base (10, or 8 for a file mode) from min
 * to max.  True and *out set, or false with nothing logged: the caller
 * says what the number had to be. */
bool ini_whole_number(const struct ini_entry *entry, int base, long min, long max, long *out);

/* Log "FILE:LINE: key "KEY": MESSAGE" as an error; returns -1. */
int ini_error(const struct ini_entry *entry, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
