/*
 * copy_sender.c — a thread that feeds COPY (see copy_sender.h).
 */
#include "copy_sender.h"
#include "log.h"
#include "xalloc.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUEUE 4

struct chunk {
	char *data;
	size_t len;
};

struct copy_sender {
	PGconn *conn;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct chunk queue[QUEUE];
	int head, count;
	bool done, failed;
	char error[256];
};

static void *sender_main(void *arg)
{
	struct copy_sender *s = arg;

	for (;;) {
		struct chunk c;
		bool ok;

		pthread_mutex_lock(&s->lock);
		while (s->count == 0 && !s->done)
			pthread_cond_wait(&s->changed, &s->lock);
		if (s->count == 0) {
			pthread_mutex_unlock(&s->lock);
			return NULL;
		}
		c = s->queue[s->head];
		s->head = (s->head + 1) % QUEUE;
		s->count--;
		pthread_cond_broadcast(&s->changed);
		pthread_mutex_unlock(&s->lock);

		ok = s->failed || PQputCopyData(s->conn, c.data, (int)c.len) == 1;
		free(c.data);
		if (!ok) {
			pthread_mutex_lock(&s->lock);
			s->failed = true;
			snprintf(s->error, sizeof(s->error),
			         "could not send rows to the database: %s",
			         PQerrorMessage(s->conn));
			pthread_cond_broadcast(&s->changed);
			pthread_mutex_unlock(&s->lock);
		}
	}
}

struct copy_sender *copy_sender_start(PGconn *conn)
{
	struct copy_sender *s = xcalloc(1, sizeof(*s));

	s->conn = conn;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->changed, NULL);
	if (pthread_create(&s->thread, NULL, sender_main, s) != 0) {
		log_error("could not start the sending thread");
		pthread_mutex_destroy(&s->lock);
		pthread_cond_destroy(&s->changed);
		free(s);
		return NULL;
	}
	return s;
}

int copy_sender_send(struct copy_sender *s, char *data, size_t len)
{
	int rc = 0;

	pthread_mutex_lock(&s->lock);
	while (s->count == QUEUE && !s->failed)
		pthread_cond_wait(&s->changed, &s->lock);
	if (s->failed) {
		free(data);
		rc = -1;
	} else {
		s->queue[(s->head + s->count) % QUEUE] = (struct chunk){data, len};
		s->count++;
		pthread_cond_broadcast(&s->changed);
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int copy_sender_finish(struct copy_sender *s, char *msg, size_t msgsize)
{
	int rc;

	pthread_mutex_lock(&s->lock);
	s->done = true;
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	rc = s->failed ? -1 : 0;
	if (s->failed && msg)
		snprintf(msg, msgsize, "%s", s->error);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->changed);
	free(s);
	return rc;
}
