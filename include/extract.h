/*
 * extract.h — read one export file and deliver its batch to a sink.
 *
 * extract_file() is the whole extract stage for one file: SHA-256 and size
 * (before reading, or while reading: hash_while_reading),
 * open the reader its source definition names, transform every raw record
 * (validate, sex-code, pseudonymise — transform.h), send rows and rejects to
 * the sink, and finish with the trailer.  It never stops at a bad record.
 * It is used by "gbetl extract" (sink = stream writer), "gbetl import" and
 * "gbetl run" (sink = the loader).
 */
#ifndef GBETL_EXTRACT_H
#define GBETL_EXTRACT_H

#include <stdbool.h>

#include "config.h"
#include "sink.h"
#include "source.h"

struct pseudonym_key;

struct extract_options {
	const struct source_def *source;
	const char *path;                /* the input file */
	const struct pseudonym_key *key; /* NULL only for --check without persons */
	/* the date a 10-digit number in a record without a date is read
	 * against; 0 = the file's modification time (standard input: today) */
	int reference_year, reference_month, reference_day;
	/* the file's SHA-256 when the caller has it already (else computed) */
	const char *sha256;
	long long file_size;
	/* compute the SHA-256 in the reader's own read loop, so the file is read
	 * once: the header then has none and the trailer carries it (the
	 * loader's sink takes it there).  Without it, the file is hashed before
	 * it is read, for a sink that needs the SHA-256 first: the stream's
	 * header holds it. */
	bool hash_while_reading;
};

struct extract_result {
	struct batch_trailer counts;
	bool over_threshold; /* rejects passed the source's count or ratio limit */
	long long bytes;
	char encoding[64];
	long skipped_labels;
	/* rejects by reason, for the --check summary */
	struct {
		char reason[40];
		long long count;
	} reasons[32];
	int reason_count;
};

/* 0 when the file was read to the end (rejects or not); -1 on a fatal error
 * (logged) or when the sink failed.  result is filled in both cases; with
 * hash_while_reading its counts carry the file's SHA-256 even on a failure,
 * the rest of the file read for it ("" when that failed too). */
int extract_file(const struct extract_options *opts, struct record_sink *sink,
                 struct extract_result *result);

#endif
