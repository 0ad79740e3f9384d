/*
 * sink.h — where extracted records go.
 *
 * The extract module (extract.h) reads a file and delivers its batch to a
 * sink: begin (what the batch is), rows (COPY text, one record kind), rejects,
 * end (the counts).  Two sinks exist: the stream writer (stream.h), which
 * writes the canonical stream for "gbetl extract", and the loader's COPY
 * sink (load.h), which sends rows straight to PostgreSQL for "gbetl import".
 * "gbetl load" reads a stream back and replays it into the COPY sink.
 *
 * Every callback returns 0 to go on, -1 to stop (the sink has logged why).
 */
#ifndef GBETL_SINK_H
#define GBETL_SINK_H

#include <stdbool.h>
#include <stddef.h>

#include "digest.h"
#include "record.h"

struct batch_header {
	enum record_kind kind;
	const char *source;    /* source definition name */
	const char *file_name; /* base name of the input file */
	/* "" when the SHA-256 is computed while the file is read (extract.h's
	 * hash_while_reading): the trailer then carries it */
	char sha256[SHA256_HEX_LEN + 1];
	long long file_size;
	const char *encoding; /* what the reader used / detected */
	int replace;          /* enum replace_policy of the source */
	/* fingerprint of the pseudonymisation key the rows were made with
	 * (keyprint.h), or NULL when no key was used */
	const char *key_fingerprint;
};

struct reject {
	long line;                /* line in the input file */
	const char *field;        /* canonical field name, or "" for the record */
	const char *reason;       /* reason code: "invalid_date", "missing_field" ... */
	const char *value_masked; /* the offending value; identity numbers masked */
	const char *message;      /* one human-readable sentence, no identity number */
};

struct batch_trailer {
	long long read;          /* records read from the file */
	long long emitted;       /* rows delivered (an aggregate record may give several) */
	long long records_ok;    /* records that gave rows: read = records_ok + rejected */
	long long rejected;      /* records rejected */
	long long persons;       /* person fields seen (person_id and co_person_id) */
	long long sex_known;     /* of which with sex 1 or 2 */
	long long sex_conflicts; /* number and field disagreed */
	long long id_invalid;    /* identity numbers that did not validate */
	char period_min[11];     /* earliest date the batch covers, YYYY-MM-DD, or "" */
	char period_max[11];     /* latest date */
	bool over_threshold;     /* rejects passed the threshold: do not commit */
	/* the file's SHA-256 and size as read, when the header had none (else
	 * the header's) */
	char sha256[SHA256_HEX_LEN + 1];
	long long file_size;
};

struct record_sink {
	void *ctx;
	int (*begin)(void *ctx, const struct batch_header *header);
	/* line: one COPY text row of the header's kind, ending in '\n' */
	int (*row)(void *ctx, const char *line, size_t len);
	/* optional: several whole rows at once (count of them), for a sink that
	 * need not see them one by one; NULL to get them through row() */
	int (*rows)(void *ctx, const char *rows, size_t len, long long count);
	int (*reject)(void *ctx, const struct reject *reject);
	int (*end)(void *ctx, const struct batch_trailer *trailer);
};

#endif
