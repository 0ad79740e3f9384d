/*
 * decode.c — source encodings to UTF-8 through iconv (see decode.h).
 */
#include "decode.h"
#include "log.h"
#include "xalloc.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct decoder {
	char name[32];
	bool utf8;
	iconv_t cd;
	/* single-byte encodings: the UTF-8 of each byte (len 0 = invalid) */
	bool table_ready;
	unsigned char table_len[256];
	char table[256][4];
};

/* Single-byte encodings convert byte by byte through a table built once
 * with iconv: much faster than an iconv call per field. */
static void build_table(struct decoder *d)
{
	int b;

	for (b = 0x80; b < 256; b++) {
		char in = (char)b, *ip = &in, *op = d->table[b];
		size_t il = 1, ol = sizeof(d->table[b]);

		iconv(d->cd, NULL, NULL, NULL, NULL);
		if (iconv(d->cd, &ip, &il, &op, &ol) == (size_t)-1)
			d->table_len[b] = 0;
		else
			d->table_len[b] = (unsigned char)(sizeof(d->table[b]) - ol);
	}
	d->table_ready = true;
}

static const struct {
	const char *alias;
	const char *name;
} aliases[] = {
    {"UTF-8", "UTF-8"},
    {"UTF8", "UTF-8"},
    {"WINDOWS-1252", "WINDOWS-1252"},
    {"CP1252", "WINDOWS-1252"},
    {"ISO-8859-1", "ISO-8859-1"},
    {"LATIN1", "ISO-8859-1"},
    {"ISO8859-1", "ISO-8859-1"},
    {"ISO-8859-15", "ISO-8859-15"},
    {"LATIN9", "ISO-8859-15"},
    {"ISO8859-15", "ISO-8859-15"},
    {"CP437", "CP437"},
    {"PC8", "CP437"},
    {"IBM437", "CP437"},
    {"US-ASCII", "UTF-8"},
    {"ASCII", "UTF-8"},
};

struct decoder *decoder_new(const char *encoding)
{
	struct decoder *d;
	const char *name = NULL;
	size_t i;

	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcasecmp(encoding, aliases[i].alias) == 0)
			name = aliases[i].name;
	if (name == NULL) {
		log_error("unsupported encoding \"%s\"", encoding);
		log_hint("Use UTF-8, WINDOWS-1252, ISO-8859-1, ISO-8859-15 or CP437 (PC8).");
		return NULL;
	}
	d = xcalloc(1, sizeof(*d));
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->utf8 = strcmp(name, "UTF-8") == 0;
	d->cd = (iconv_t)-1;
	if (!d->utf8) {
		d->cd = iconv_open("UTF-8", name);
		if (d->cd == (iconv_t)-1) {
			log_error("could not convert from encoding \"%s\": %s", name,
			          strerror(errno));
			free(d);
			return NULL;
		}
		build_table(d);
	}
	return d;
}

void decoder_free(struct decoder *d)
{
	if (d == NULL)
		return;
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	free(d);
}

const char *decoder_name(const struct decoder *d)
{
	return d->name;
}

bool decoder_is_utf8(const struct decoder *d)
{
	return d->utf8;
}

bool ascii_only(const char *s, size_t len)
{
	size_t i = 0;

	/* eight bytes at a time: most fields are short ASCII */
	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			return false;
	}
	for (; i < len; i++)
		if ((unsigned char)s[i] & 0x80)
			return false;
	return true;
}

bool utf8_valid(const char *str, size_t len, size_t *bad_offset)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n, k;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			goto bad;
		}
		if (len - i <= n) /* the sequence runs past the end */
			goto bad;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += n + 1;
	}
	return true;
bad:
	if (bad_offset)
		*bad_offset = i;
	return false;
}

int decoder_append(struct decoder *d, const char *in, size_t len, struct strbuf *out,
                   size_t *bad_offset)
{
	char *inp = (char *)in;
	size_t inleft = len;

	if (d->utf8 || ascii_only(in, len)) {
		if (d->utf8 && !utf8_valid(in, len, bad_offset))
			return -1;
		strbuf_add(out, in, len);
		return 0;
	}
	if (d->table_ready) {
		size_t i;

		strbuf_grow(out, len * 3);
		for (i = 0; i < len; i++) {
			unsigned char c = (unsigned char)in[i];

			if (c < 0x80) {
				out->buf[out->len++] = (char)c;
			} else if (d->table_len[c] == 0) {
				out->buf[out->len] = '\0';
				if (bad_offset)
					*bad_offset = i;
				return -1;
			} else {
				memcpy(out->buf + out->len, d->table[c], d->table_len[c]);
				out->len += d->table_len[c];
			}
		}
		out->buf[out->len] = '\0';
		return 0;
	}
	iconv(d->cd, NULL, NULL, NULL, NULL);
	while (inleft > 0) {
		size_t room, before, r;
		char *outp;

		strbuf_grow(out, inleft * 2 + 8);
		room = out->alloc - out->len - 1;
		outp = out->buf + out->len;
		before = room;
		r = iconv(d->cd, &inp, &inleft, &outp, &room);
		strbuf_setlen(out, out->len + (before - room));
		if (r == (size_t)-1 && errno != E2BIG) {
			if (bad_offset)
				*bad_offset = (size_t)(inp - in);
			return -1;
		}
	}
	return 0;
}
