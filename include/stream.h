/*
 * stream.h — the canonical record stream of "gbetl extract" / "gbetl load".
 *
 * A text format, one line per item, every text field escaped as in
 * PostgreSQL's COPY text format (\\, \t, \n, \r; NULL is \N):
 *
 *   GBETL-STREAM<TAB>1<TAB>kind<TAB>source<TAB>file_name<TAB>sha256<TAB>size<TAB>encoding<TAB>replace[<TAB>key]
 *   <row>        COPY text row of the kind's columns (record.h); it starts
 *                with source_line, so with a digit
 *   REJECT<TAB>line<TAB>field<TAB>reason<TAB>value_masked<TAB>message
 *   GBETL-END<TAB>read<TAB>emitted<TAB>records_ok<TAB>rejected<TAB>persons<TAB>sex_known
 *            <TAB>sex_conflicts<TAB>id_invalid<TAB>period_min<TAB>period_max
 *
 * (replace is "append" or "period"; key, when present, is the fingerprint of
 * the pseudonymisation key the rows were made with (keyprint.h), which
 * "gbetl load" compares with the database's; the GBETL-END line is one
 * line.)
 * The trailer is the proof that the stream is whole: a reader that reaches
 * the end of input without it, or whose counts differ from what it saw,
 * reports a truncated stream and the load does not commit.
 */
#ifndef GBETL_STREAM_H
#define GBETL_STREAM_H

#include <stdio.h>

#include "sink.h"

/* A sink that writes the stream to out (buffered; flushed at end).  The
 * returned sink's ctx is owned by it: free with stream_writer_free(). */
struct record_sink *stream_writer_new(FILE *out);
void stream_writer_free(struct record_sink *sink);

/* What stream_read() returns for a malformed or truncated stream. */
#define STREAM_MALFORMED (-2)
/* Lines longer than this are malformed (a row holds a few values of at most
 * 1 MB each). */
#define STREAM_MAX_LINE (64u << 20)

/* Read a stream from fd and replay it into sink: begin, rows, rejects, end.
 * Returns 0 when the stream was whole and every callback succeeded;
 * STREAM_MALFORMED for a malformed or truncated stream (one line logged:
 * "stream is truncated: no GBETL-END line", "line 3: a NUL byte" ...); -1
 * when reading failed or a callback failed.  Every line is checked before
 * the sink sees it: control lines field by field, rows for a line number
 * first and the kind's number of columns (their values are the database's
 * to judge).  The sink's end() is only called for a whole stream, so a
 * truncated one can never commit. */
int stream_read(int fd, const char *name, struct record_sink *sink);

/* Append a reject's line to sb: prefix (NULL: none), line, field, reason,
 * value_masked, message (a NULL field, reason or message as "").  The
 * stream's REJECT lines and the loader's rows of etl.reject. */
struct strbuf;
void stream_reject_line(struct strbuf *sb, const char *prefix, const struct reject *r);

#endif
