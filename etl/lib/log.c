/*
 * log.c — timestamped messages on stderr, text or JSON (see log.h).
 */
#include "log.h"
#include "pnr_scan.h"
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static enum log_level current_level = LOG_LEVEL_INFO;
static enum log_format current_format = LOG_FORMAT_TEXT;
static bool with_timestamps = true;
static enum log_level last_level = LOG_LEVEL_INFO;
static bool progress_drawn;
static char last_error[512]; /* the latest error, masked, for log_last_error() */

void log_set_level(enum log_level level)
{
	current_level = level;
}

enum log_level log_get_level(void)
{
	return current_level;
}

void log_set_format(enum log_format format)
{
	current_format = format;
}

int log_parse_format(const char *name, enum log_format *format)
{
	if (strcmp(name, "text") == 0)
		*format = LOG_FORMAT_TEXT;
	else if (strcmp(name, "json") == 0)
		*format = LOG_FORMAT_JSON;
	else
		return -1;
	return 0;
}

void log_set_timestamps(bool on)
{
	with_timestamps = on;
}

static void add_timestamp(struct strbuf *sb, bool iso)
{
	char stamp[40];
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), iso ? "%Y-%m-%dT%H:%M:%S%z" : "%Y-%m-%d %H:%M:%S", &tm);
	strbuf_addstr(sb, stamp);
}

static void add_json_string(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, c);
		} else if (c == '\n') {
			strbuf_addstr(sb, "\\n");
		} else if (c == '\t') {
			strbuf_addstr(sb, "\\t");
		} else if (c < 0x20) {
			strbuf_addf(sb, "\\u%04x", c);
		} else {
			strbuf_addch(sb, c);
		}
	}
	strbuf_addch(sb, '"');
}

/* Messages from libraries (libpq) end in newlines and may span lines: fold
 * them into one line so that every message is exactly one line. */
static void fold_lines(struct strbuf *sb)
{
	size_t i, out = 0;

	while (sb->len && (sb->buf[sb->len - 1] == '\n' || sb->buf[sb->len - 1] == ' '))
		strbuf_setlen(sb, sb->len - 1);
	for (i = 0; i < sb->len; i++) {
		char c = sb->buf[i];

		if (c == '\n' || c == '\t') {
			if (out > 0 && sb->buf[out - 1] != ' ')
				sb->buf[out++] = ' ';
			continue;
		}
		sb->buf[out++] = c;
	}
	strbuf_setlen(sb, out);
}

static void emit(enum log_level level, const char *label, const char *fmt, va_list ap)
{
	struct strbuf raw = STRBUF_INIT, msg = STRBUF_INIT, line = STRBUF_INIT;

	if (level < current_level)
		return;
	strbuf_vaddf(&raw, fmt, ap);
	/* a message may quote input (a file name, a header line): no identity
	 * number reaches the log in clear */
	pnr_scan_mask_to(&msg, raw.buf, raw.len);
	strbuf_release(&raw);
	fold_lines(&msg);
	if (progress_drawn)
		log_progress_done();
	if (current_format == LOG_FORMAT_JSON) {
		strbuf_addstr(&line, "{\"time\":\"");
		add_timestamp(&line, true);
		strbuf_addstr(&line, "\",\"program\":\"gbetl\",\"level\":");
		add_json_string(&line, label);
		strbuf_addstr(&line, ",\"message\":");
		add_json_string(&line, msg.buf);
		strbuf_addstr(&line, "}\n");
	} else {
		if (with_timestamps) {
			add_timestamp(&line, false);
			strbuf_addch(&line, ' ');
		}
		strbuf_addf(&line, "gbetl: %s: %s\n", label, msg.buf);
	}
	fputs(line.buf, stderr);
	fflush(stderr);
	strbuf_release(&msg);
	strbuf_release(&line);
}

static void emit_args(enum log_level level, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void emit_args(enum log_level level, const char *label, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(level, label, fmt, ap);
	va_end(ap);
}

#define DEFINE_LOG(name, level, label)                                                             \
	void name(const char *fmt, ...)                                                            \
	{                                                                                          \
		va_list ap;                                                                        \
		last_level = level;                                                                \
		va_start(ap, fmt);                                                                 \
		emit(level, label, fmt, ap);                                                       \
		va_end(ap);                                                                        \
	}

DEFINE_LOG(log_warning, LOG_LEVEL_WARNING, "warning")
DEFINE_LOG(log_info, LOG_LEVEL_INFO, "info")
DEFINE_LOG(log_debug, LOG_LEVEL_DEBUG, "debug")

void log_error(const char *fmt, ...)
{
	struct strbuf raw = STRBUF_INIT;
	va_list ap;

	last_level = LOG_LEVEL_ERROR;
	va_start(ap, fmt);
	strbuf_vaddf(&raw, fmt, ap);
	va_end(ap);
	/* kept whatever the level: the cause a caller may write elsewhere
	 * (a file's .reason) */
	pnr_scan_mask_str(raw.buf, last_error, sizeof(last_error));
	last_error[strcspn(last_error, "\n")] = '\0';
	emit_args(LOG_LEVEL_ERROR, "error", "%s", raw.buf);
	strbuf_release(&raw);
}

const char *log_last_error(void)
{
	return last_error[0] ? last_error : NULL;
}

void log_forget_last_error(void)
{
	last_error[0] = '\0';
}

void log_detail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(last_level, "detail", fmt, ap);
	va_end(ap);
}

void log_hint(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(last_level, "hint", fmt, ap);
	va_end(ap);
}

bool log_progress_allowed(void)
{
	return current_level <= LOG_LEVEL_INFO && current_format == LOG_FORMAT_TEXT &&
	       isatty(STDERR_FILENO);
}

void log_progress(const char *fmt, ...)
{
	va_list ap;

	if (!log_progress_allowed())
		return;
	fputs("\r\033[K", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fflush(stderr);
	progress_drawn = true;
}

void log_progress_done(void)
{
	if (!progress_drawn)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	progress_drawn = false;
}
