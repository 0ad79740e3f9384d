/*
 * copy_text.c — COPY text lines written and split (copy_text.h).
 */
#include "copy_text.h"
#include "strbuf.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

/* The bytes COPY text escapes, and the letter after the backslash. */
static const char copy_escape[256] = {['\\'] = '\\', ['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r'};

#define BYTES(b) (UINT64_C(0x0101010101010101) * (b))

/* Short strings (codes, numbers) are most of what a row holds: copied here
 * with a few word moves instead of a call. */
static inline void copy_short(char *to, const char *from, size_t len)
{
	uint64_t a, b;

	if (len >= 8 && len <= 16) {
		memcpy(&a, from, 8);
		memcpy(&b, from + len - 8, 8);
		memcpy(to, &a, 8);
		memcpy(to + len - 8, &b, 8);
	} else if (len < 8) {
		size_t i;

		for (i = 0; i < len; i++)
			to[i] = from[i];
	} else {
		memcpy(to, from, len);
	}
}

/* True when s[0..len) may have a byte COPY text escapes; eight bytes at a
 * time: a zero byte of x ^ '\\'..., or a byte below 14 (tab, LF, CR). */
static bool needs_escape(const char *s, size_t len)
{
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t x, b;

		memcpy(&x, s + i, 8);
		b = x ^ BYTES('\\');
		if ((((b - BYTES(1)) & ~b) | ((x - BYTES(14)) & ~x)) & BYTES(0x80))
			return true;
	}
	for (; i < len; i++)
		if (copy_escape[(unsigned char)s[i]])
			return true;
	return false;
}

/* Text of len bytes, escaped (at most 2 * len bytes). */
char *copy_put_text(char *w, const char *s, size_t len)
{
	size_t i;

	if (!needs_escape(s, len)) {
		copy_short(w, s, len);
		return w + len;
	}
	for (i = 0; i < len; i++) {
		char escape = copy_escape[(unsigned char)s[i]];

		if (escape == 0) {
			*w++ = s[i];
		} else {
			*w++ = '\\';
			*w++ = escape;
		}
	}
	return w;
}

/* "00" to "99": numbers are written two digits at a time. */
static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324"
                                  "25262728293031323334353637383940414243444546474849"
                                  "50515253545556575859606162636465666768697071727374"
                                  "75767778798081828384858687888990919293949596979899";

/* At most 20 bytes. */
char *copy_put_int(char *w, long long v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	size_t n;

	while (u >= 100) {
		p -= 2;
		memcpy(p, digit_pairs + 2 * (u % 100), 2);
		u /= 100;
	}
	if (u >= 10) {
		p -= 2;
		memcpy(p, digit_pairs + 2 * u, 2);
	} else {
		*--p = (char)('0' + u);
	}
	if (v < 0)
		*--p = '-';
	n = (size_t)(buf + sizeof(buf) - p);
	copy_short(w, p, n);
	return w + n;
}

void copy_row_begin(struct copy_row *row, struct strbuf *out, const char *const *texts,
                    size_t *lengths, size_t n)
{
	size_t bytes = COPY_ROW_FIXED, i;

	assert(n == 0 || (texts != NULL && lengths != NULL));
	for (i = 0; i < n; i++) {
		lengths[i] = texts[i] ? strlen(texts[i]) : 0;
		bytes += 2 * lengths[i];
	}
	strbuf_grow(out, bytes);
	row->out = out;
	row->w = out->buf + out->len;
	row->limit = row->w + bytes;
}

void copy_row_end(struct copy_row *row)
{
	struct strbuf *out = row->out;

	/* the columns wrote without a check per byte: they must have stayed in
	 * the room copy_row_begin() reserved (strbuf_grow() adds the NUL's) */
	assert(row->w > out->buf + out->len && row->w <= row->limit &&
	       row->limit + 1 <= out->buf + out->alloc);
	row->w[-1] = '\n'; /* the last column's tab */
	*row->w = '\0';
	out->len = (size_t)(row->w - out->buf);
}

void copy_text_escape(struct strbuf *sb, const char *s)
{
	size_t len;

	if (s == NULL) {
		strbuf_add(sb, "\\N", 2);
		return;
	}
	len = strlen(s);
	strbuf_grow(sb, 2 * len + 1);
	sb->len = (size_t)(copy_put_text(sb->buf + sb->len, s, len) - sb->buf);
	sb->buf[sb->len] = '\0';
}

int copy_split_row(char *line, char **cols, int max)
{
	int n = 0;
	char *p = line;

	while (n < max) {
		char *start = p, *out = p;

		while (*p && *p != '\t') {
			if (*p == '\\' && p[1]) {
				p++;
				*out++ = *p == 't'   ? '\t'
				         : *p == 'n' ? '\n'
				         : *p == 'r' ? '\r'
				                     : *p;
				if (*p == 'N' && p - 1 == start && (p[1] == '\t' || p[1] == '\0')) {
					start = NULL;
				}
				p++;
				continue;
			}
			*out++ = *p++;
		}
		cols[n++] = start;
		if (*p == '\0') {
			*out = '\0';
			break;
		}
		*out = '\0';
		p++;
	}
	return n;
}
