/*
 * ini.c — line-based INI parser for config and source definitions (ini.h).
 */
#include "ini.h"
#include "log.h"
#include "strbuf.h"

#include <errno.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *trim(char *s, char **end)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		e--;
	*e = '\0';
	if (end)
		*end = e;
	return s;
}

/* Cut a trailing " # comment" from a value, outside double quotes; a '#' at
 * the very start of the value is part of it (#N column references). */
static void strip_comment(char *value)
{
	bool quoted = false;
	char *p;

	while (*value == ' ' || *value == '\t')
		value++;
	for (p = value; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == '#' && p > value && (p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			break;
		}
	}
}

int ini_error(const struct ini_entry *entry, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	if (entry->key)
		log_error("%s:%d: key \"%s\": %s", entry->file, entry->line, entry->key, msg.buf);
	else
		log_error("%s:%d: %s", entry->file, entry->line, msg.buf);
	strbuf_release(&msg);
	return -1;
}

int ini_parse_text(const char *name, const char *text, size_t len, ini_callback cb, void *ctx)
{
	struct strbuf line = STRBUF_INIT, section = STRBUF_INIT;
	const char *p = text, *end = text + len;
	int lineno = 0, rc = 0;

	/* A UTF-8 byte order mark at the start is allowed and ignored. */
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct ini_entry entry = {name, ++lineno, NULL, NULL, NULL};
		char *s, *eq, *e;

		strbuf_reset(&line);
		strbuf_add(&line, p, n);
		p += n + (nl ? 1 : 0);
		if (memchr(line.buf, '\0', line.len)) {
			rc = ini_error(&entry, "line contains a NUL byte");
			continue;
		}
		s = trim(line.buf, &e);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *close = strchr(s, ']');
			char *rest;

			if (close == NULL) {
				rc = ini_error(&entry, "section header lacks \"]\"");
				continue;
			}
			*close = '\0';
			rest = close + 1;
			strip_comment(rest);
			rest = trim(rest, NULL);
			if (*rest != '\0' && *rest != '#' && *rest != ';') {
				rc = ini_error(&entry, "unexpected text after section header");
				continue;
			}
			strbuf_reset(&section);
			strbuf_addstr(&section, trim(s + 1, NULL));
			continue;
		}
		eq = strchr(s, '=');
		if (eq == NULL) {
			rc = ini_error(&entry, "expected \"key = value\", found \"%.40s\"", s);
			continue;
		}
		*eq = '\0';
		entry.section = section.buf;
		entry.key = trim(s, NULL);
		if (*entry.key == '\0') {
			entry.key = NULL;
			rc = ini_error(&entry, "missing key before \"=\"");
			continue;
		}
		strip_comment(eq + 1);
		entry.value = trim(eq + 1, NULL);
		if (cb(&entry, ctx) != 0)
			rc = -1;
	}
	strbuf_release(&line);
	strbuf_release(&section);
	return rc;
}

int ini_parse_file(const char *path, ini_callback cb, void *ctx)
{
	struct strbuf text = STRBUF_INIT;
	char chunk[8192];
	size_t n;
	FILE *f;
	int rc;

	f = fopen(path, "rb");
	if (f == NULL) {
		log_error("could not open file \"%s\": %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(&text, chunk, n);
	if (ferror(f)) {
		log_error("could not read file \"%s\": %s", path, strerror(errno));
		fclose(f);
		strbuf_release(&text);
		return -1;
	}
	fclose(f);
	rc = ini_parse_text(path, text.buf, text.len, cb, ctx);
	strbuf_release(&text);
	return rc;
}

int ini_yes_no(const struct ini_entry *entry, bool *out)
{
	static const char *const yes[] = {"yes", "true", "on", "1"}, *const no[] = {"no", "false",
	                                                                            "off", "0"};
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcasecmp(entry->value, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(entry->value, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return ini_error(entry, "\"%s\" is not yes or no", entry->value);
}

int ini_one_of(const struct ini_entry *entry, const char *first, const char *second, int *out)
{
	if (strcmp(entry->value, first) == 0)
		*out = 0;
	else if (strcmp(entry->value, second) == 0)
		*out = 1;
	else
		return ini_error(entry, "\"%s\" is not %s or %s", entry->value, first, second);
	return 0;
}

int ini_ratio(const struct ini_entry *entry, double *out)
{
	char *end;
	double r;

	errno = 0;
	r = strtod(entry->value, &end);
	if (errno || *end || end == entry->value || !(r >= 0.0 && r <= 1.0))
		return ini_error(entry, "\"%s\" is not a ratio from 0 to 1", entry->value);
	*out = r;
	return 0;
}

bool ini_whole_number(const struct ini_entry *entry, int base, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(entry->value, &end, base);
	if (errno || *end || end == entry->value || v < min || v > max)
		return false;
	*out = v;
	return true;
}
