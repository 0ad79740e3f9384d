/*
 * reader.h — the interface every reader (CSV, XML, SIE 4, SIE 5) offers.
 *
 * A reader streams a file in constant memory and hands out one raw record
 * at a time: the values of the canonical fields its source definition maps,
 * already decoded to UTF-8, plus the line it came from.  It does not judge
 * values (the transform does); it reports only what it alone can see — an
 * invalid byte for the encoding, a field over the size cap, a missing
 * column, an unbalanced SIE voucher — in raw_record.problem, and the
 * record still counts as read (so read = emitted + rejected holds).
 *
 * Fatal errors (cannot open, not the declared format at all, XML that is
 * not well-formed past a point, a DOCTYPE) are logged with file and line,
 * and reader_next() returns -1.
 */
#ifndef GBETL_READER_H
#define GBETL_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "record.h"
#include "digest.h"
#include "source.h"

/* Values longer than this are a problem (reason "field_too_long"), never an OOM. */
#define READER_MAX_FIELD (1024 * 1024)

struct raw_record {
	long line; /* 1-based line of the record (CSV: its first line; XML: the
		    * record element's line; SIE: the #TRANS row) */
	const char *value[FIELD_COUNT_ALL]; /* NUL-terminated UTF-8, or NULL when the
					     * field is not mapped or absent */
	size_t length[FIELD_COUNT_ALL];     /* meaningful where value[] is set */
	long value_line[FIELD_COUNT_ALL];   /* the line a value is on when it is not
					     * the record's (XML: its element or
					     * attribute); 0 = line */
	/* A problem found by the reader; the record becomes a reject with it. */
	const char *problem_code; /* e.g. "encoding", "field_too_long", "missing_column",
				     * "unbalanced_voucher", "nul_byte", "ambiguous" (an
				     * XML path with several values); NULL when none */
	int problem_field;        /* enum field_id or -1 for the whole record */
	char problem_detail[200]; /* human-readable, no identity numbers */
};

struct reader;

/* Open path (or "-" for stdin) for the source.  NULL on error (logged). */
struct reader *reader_open(const struct source_def *def, const char *path);

/* The next record: 1 and *rec filled (valid until the next call), 0 at the
 * end, -1 on a fatal error (logged). */
int reader_next(struct reader *r, struct raw_record *rec);

/* Bytes consumed so far (for progress and throughput). */
long long reader_bytes(const struct reader *r);

/* Free everything; accepts NULL. */
void reader_close(struct reader *r);

/* The file's SHA-256, computed in the read loop the reader runs anyway:
 * reader_open_hashed() opens as reader_open() does and hashes every byte
 * read, from the first; reader_sha256(), once reader_next() has returned
 * 0, reads what the reader left unread (the bytes after an XML document's
 * end) into it and writes the 64 hex digits and the file's size.  0, or -1
 * when the rest cannot be read (logged) or the reader was not opened
 * hashed (or reader_sha256() was called before). */
struct reader *reader_open_hashed(const struct source_def *def, const char *path);
int reader_sha256(struct reader *r, char hex[SHA256_HEX_LEN + 1], long long *size);

/* What the reader learnt about the file, for the summary and the batch row:
 * the encoding it used ("CP437", "UTF-8 (declared PC8)" ...) and notes such as
 * how many unknown SIE labels it skipped.  Strings owned by the reader. */
const char *reader_encoding(const struct reader *r);
long reader_skipped_labels(const struct reader *r);

/* --- for reader implementations (read_csv.c, read_xml.c, read_sie4.c, read_sie5.c) --- */

/* An open input file as every reader reads it: each block goes through
 * reader_read_block(), which counts it and, when a digest is set, feeds it
 * to the file's SHA-256 — so a file is read once for both. */
struct digest;
struct read_input {
	int fd;
	const char *path;
	struct digest *digest; /* NULL: not hashed */
	long long bytes;       /* read so far */
};

struct reader_ops {
	/* The state open() returns begins with the struct read_input the
	 * reader reads through (reader.c reaches the file through it).
	 * digest: the bytes read go to it (NULL: none); the caller's to free. */
	void *(*open)(const struct source_def *def, const char *path, struct digest *digest);
	int (*next)(void *state, struct raw_record *rec);
	long long (*bytes)(const void *state);
	const char *(*encoding)(const void *state);
	long (*skipped_labels)(const void *state); /* may be NULL */
	void (*close)(void *state);
};

extern const struct reader_ops csv_reader_ops;

/* The CSV reader splits plain lines itself and gives the rest to libcsv;
 * false makes libcsv read every line (tests compare the two). */
extern bool csv_reader_fast_path;
extern const struct reader_ops xml_reader_ops;
extern const struct reader_ops sie4_reader_ops;
extern const struct reader_ops sie5_reader_ops;

/* read(2) of up to size bytes of the input, again when a signal interrupts
 * it: the bytes read (0 at the end), or -1 with the error logged.  The
 * bytes are counted and hashed (struct read_input). */
long reader_read_block(struct read_input *in, void *buf, size_t size);

/* Close the input's file (not standard input); its digest is the caller's. */
void read_input_close(struct read_input *in);

/* How large a read block for fd should be: max, or for a regular file
 * smaller than that its size and one (no 256 KiB buffer for a small file). */
size_t reader_block_size(int fd, size_t max);

/* Clear a raw record before filling it. */
void raw_record_clear(struct raw_record *rec);

#endif
