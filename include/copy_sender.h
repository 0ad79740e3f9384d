/*
 * copy_sender.h — COPY data sent by a thread of its own.
 *
 * While the main thread reads and transforms the next rows, this thread
 * hands the previous buffers to PQputCopyData, so the parsing and the
 * server's work overlap (two cores).  The queue is bounded (a few 1 MiB
 * buffers), which is the back-pressure: a producer faster than the server
 * waits.  While a sender runs, nothing else may use the connection; after
 * copy_sender_finish() the caller ends the COPY itself.
 */
#ifndef GBETL_COPY_SENDER_H
#define GBETL_COPY_SENDER_H

#include <libpq-fe.h>
#include <stddef.h>

struct copy_sender;

/* Start the thread for conn, which is in COPY IN.  NULL on error (logged). */
struct copy_sender *copy_sender_start(PGconn *conn);
/* Queue data (malloc'd; the sender frees it), waiting while the queue is
 * full.  0, or -1 once sending has failed (the data is freed anyway). */
int copy_sender_send(struct copy_sender *s, char *data, size_t len);
/* Wait until all is sent and stop the thread; frees s.  0, or -1 with the
 * reason in msg (size msgsize) when sending failed. */
int copy_sender_finish(struct copy_sender *s, char *msg, size_t msgsize);

#endif
