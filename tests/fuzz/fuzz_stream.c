/*
 * fuzz_stream.c — libFuzzer target: the stream reader of "gbetl load" on any
 * bytes.  Checked: it never crashes; it returns 0 only for a whole stream
 * (begin, then end, exactly once each, with the rows and rejects the
 * trailer counts), and STREAM_MALFORMED for anything else (the sink here
 * never fails); no callback comes before begin or after end; every row it
 * passes on is one line that starts with a digit.
 */
#define _GNU_SOURCE /* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "log.h"
#include "stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	int begins, ends;
	long long rows, rejects;
};

static int on_begin(void *ctx, const struct batch_header *h)
{
	struct seen *s = ctx;

	if (s->begins++ || h->source == NULL || h->file_name == NULL || h->encoding == NULL)
		abort();
	return 0;
}

static int on_row(void *ctx, const char *line, size_t len)
{
	struct seen *s = ctx;

	if (s->begins != 1 || s->ends || len < 2 || line[0] < '0' || line[0] > '9' ||
	    line[len - 1] != '\n' || memchr(line, '\n', len - 1) != NULL)
		abort();
	s->rows++;
	return 0;
}

static int on_reject(void *ctx, const struct reject *r)
{
	struct seen *s = ctx;

	if (s->begins != 1 || s->ends || r->field == NULL || r->reason == NULL ||
	    r->message == NULL)
		abort();
	s->rejects++;
	return 0;
}

static int on_end(void *ctx, const struct batch_trailer *t)
{
	struct seen *s = ctx;

	if (s->begins != 1 || s->ends++ || t->emitted != s->rows || t->rejected != s->rejects ||
	    t->read != t->records_ok + t->rejected)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int quiet;
	struct seen seen = {0, 0, 0, 0};
	struct record_sink sink = {&seen, on_begin, on_row, NULL, on_reject, on_end};
	int fd, rc;

	if (!quiet) {
		log_set_level((enum log_level)(LOG_LEVEL_ERROR + 1));
		quiet = 1;
	}
	/* the input as a file in memory */
	fd = memfd_create("fuzz-stream", MFD_CLOEXEC);
	if (fd < 0 || (size > 0 && write(fd, data, size) != (ssize_t)size) ||
	    lseek(fd, 0, SEEK_SET) != 0)
		abort();
	rc = stream_read(fd, "fuzz", &sink);
	close(fd);
	if (rc == 0 ? seen.ends != 1 : (rc != STREAM_MALFORMED || seen.ends != 0))
		abort();
	return 0;
}
