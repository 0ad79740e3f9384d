/*
 * strbuf.h — a growable, always NUL-terminated byte buffer.
 *
 * A strbuf owns its memory; strbuf_release() frees it and leaves an empty,
 * reusable buffer.  A buffer may carry a size cap (limit > 0): the checked
 * append functions then refuse to grow past it and return -1, so untrusted
 * input (a 100 MB CSV field) becomes a reject instead of an OOM.  The
 * unchecked ones (strbuf_add*, returning void) are for trusted data and ignore
 * the cap.
 */
#ifndef GBETL_STRBUF_H
#define GBETL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct strbuf {
	char *buf;    /* always NUL-terminated; never NULL after init */
	size_t len;   /* bytes used, not counting the NUL */
	size_t alloc; /* bytes allocated; 0 while buf points at a static "" */
	size_t limit; /* 0 = no cap; else the most len may reach */
};

#define STRBUF_INIT                                                                                \
	{                                                                                          \
		strbuf_empty, 0, 0, 0                                                              \
	}
extern char strbuf_empty[];

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
/* Hand the buffer to the caller (free() it); sb becomes empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_reset(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_setlen(struct strbuf *sb, size_t len);

/* Appends.  Inline: they are most of the work of building a COPY row; only
 * growing the buffer is a call. */
static inline void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (sb->len + len >= sb->alloc)
		strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

static inline void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

static inline void strbuf_addch(struct strbuf *sb, int c)
{
	if (sb->len + 1 >= sb->alloc)
		strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

/* Capped appends: 0 on success, -1 (buffer unchanged) past sb->limit. */
int strbuf_add_checked(struct strbuf *sb, const void *data, size_t len);

/* Remove leading and trailing ASCII white space. */
void strbuf_trim(struct strbuf *sb);

#endif
