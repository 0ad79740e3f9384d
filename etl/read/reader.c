/*
 * reader.c — one interface over the four readers (see reader.h).
 */
#include "reader.h"
#include "log.h"
#include "xalloc.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct reader {
	const struct reader_ops *ops;
	void *state;
};

long reader_read_block(struct read_input *in, void *buf, size_t size)
{
	ssize_t n;

	do
		n = read(in->fd, buf, size);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		log_error("could not read file \"%s\": %s", in->path, strerror(errno));
		return -1;
	}
	in->bytes += n;
	if (in->digest)
		digest_update(in->digest, buf, (size_t)n);
	return (long)n;
}

void read_input_close(struct read_input *in)
{
	if (in->fd > STDIN_FILENO)
		close(in->fd);
	in->fd = -1;
}

size_t reader_block_size(int fd, size_t max)
{
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
	    (unsigned long long)st.st_size < max)
		return (size_t)st.st_size + 1;
	return max;
}

void raw_record_clear(struct raw_record *rec)
{
	memset(rec->value, 0, sizeof(rec->value));
	memset(rec->value_line, 0, sizeof(rec->value_line));
	rec->problem_code = NULL;
	rec->problem_field = -1;
	rec->problem_detail[0] = '\0';
}

static const struct reader_ops *ops_for(enum source_format format)
{
	switch (format) {
	case FORMAT_CSV:
		return &csv_reader_ops;
	case FORMAT_XML:
		return &xml_reader_ops;
	case FORMAT_SIE4:
		return &sie4_reader_ops;
	case FORMAT_SIE5:
		return &sie5_reader_ops;
	}
	return NULL;
}

static struct reader *open_reader(const struct source_def *def, const char *path,
                                  struct digest *digest)
{
	const struct reader_ops *ops = ops_for(def->format);
	struct reader *r;
	void *state;

	if (ops == NULL) {
		log_error("source \"%s\": this build of gbetl cannot read format \"%s\"", def->name,
		          source_format_name(def->format));
		return NULL;
	}
	state = ops->open(def, path, digest);
	if (state == NULL)
		return NULL;
	r = xmalloc(sizeof(*r));
	r->ops = ops;
	r->state = state;
	return r;
}

struct reader *reader_open(const struct source_def *def, const char *path)
{
	return open_reader(def, path, NULL);
}

struct reader *reader_open_hashed(const struct source_def *def, const char *path)
{
	struct digest *digest = digest_new();
	struct reader *r = open_reader(def, path, digest);
	char unused[SHA256_HEX_LEN + 1];

	if (r == NULL)
		digest_finish(digest, unused);
	return r;
}

int reader_next(struct reader *r, struct raw_record *rec)
{
	return r->ops->next(r->state, rec);
}

long long reader_bytes(const struct reader *r)
{
	return r->ops->bytes(r->state);
}

const char *reader_encoding(const struct reader *r)
{
	return r->ops->encoding(r->state);
}

long reader_skipped_labels(const struct reader *r)
{
	return r->ops->skipped_labels ? r->ops->skipped_labels(r->state) : 0;
}

int reader_sha256(struct reader *r, char hex[SHA256_HEX_LEN + 1], long long *size)
{
	struct read_input *in = (struct read_input *)r->state;
	char rest[1 << 14];
	long n;

	if (in->digest == NULL)
		return -1;
	while ((n = reader_read_block(in, rest, sizeof(rest))) > 0)
		;
	digest_finish(in->digest, hex);
	in->digest = NULL;
	*size = in->bytes;
	return n < 0 ? -1 : 0;
}

void reader_close(struct reader *r)
{
	struct read_input *in;

	if (r == NULL)
		return;
	in = (struct read_input *)r->state;
	if (in->digest) {
		char unused[SHA256_HEX_LEN + 1];

		digest_finish(in->digest, unused);
		in->digest = NULL;
	}
	r->ops->close(r->state);
	free(r);
}
