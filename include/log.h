/*
 * log.h — messages to stderr in PostgreSQL's style.
 *
 * Every line starts with a timestamp and the program name:
 *     2026-11-24 02:00:13 gbetl: error: could not open file "x.csv": No such file or directory
 *     2026-11-24 02:00:13 gbetl: detail: ...
 * Primary messages are lowercase, without a final period, the failing thing
 * first with its subject quoted; details and hints are full sentences.
 * With LOG_FORMAT_JSON each message is one JSON object per line instead,
 * for log collectors.  Library code reports through here and returns an
 * error; it never exits.
 *
 * Nothing that could be a personal identity number may be passed here
 * unmasked: use pnr_mask() first.
 */
#ifndef GBETL_LOG_H
#define GBETL_LOG_H

#include <stdbool.h>

enum log_level {
	LOG_LEVEL_DEBUG = 0,
	LOG_LEVEL_INFO = 1,
	LOG_LEVEL_WARNING = 2,
	LOG_LEVEL_ERROR = 3,
};

enum log_format {
	LOG_FORMAT_TEXT = 0,
	LOG_FORMAT_JSON = 1,
};

/* Messages below this level are dropped (default: LOG_LEVEL_INFO). */
void log_set_level(enum log_level level);
enum log_level log_get_level(void);
void log_set_format(enum log_format format);
/* Parse "text" or "json"; -1 if neither. */
int log_parse_format(const char *name, enum log_format *format);
/* Turn timestamps off (used by tests comparing output); default on. */
void log_set_timestamps(bool on);

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Detail and hint belong to the message just before them (same level). */
void log_detail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_hint(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The latest log_error() message (identity numbers masked, one line), or
 * NULL when there was none since log_forget_last_error(): the cause a
 * caller passes on, e.g. a parser's own error for a set-aside file. */
const char *log_last_error(void);
void log_forget_last_error(void);

/* True when stderr is a terminal and the level lets info through: only then
 * may a command draw a progress line (never in cron output). */
bool log_progress_allowed(void);
/* Draw (overwrite) a progress line on stderr; log_progress_done() clears it. */
void log_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_progress_done(void);

#endif
