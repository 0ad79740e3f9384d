/*
 * demo.h — "gbetl demo": a private PostgreSQL cluster under a directory
 * (created on first use, reused after), the sample municipality, and every
 * stage of the pipeline run as the operator would run them — each stage is
 * the gbetl binary run as a child process, so the demo exercises exactly
 * the commands a user has.  Running it again is quick: the cluster, the key
 * and the sample are kept, and files already loaded are not loaded again.
 */
#ifndef GBETL_DEMO_H
#define GBETL_DEMO_H

#include <stdbool.h>

struct demo_options {
	const char *self;        /* the gbetl binary the stages run */
	const char *var_dir;     /* where the cluster and its files are ("var") */
	const char *inhabitants; /* size of the sample municipality ("10000") */
	bool stop;               /* only stop the cluster */
};

/* Run the demo, or stop its cluster.  Returns an exit status: 0; 1 a stage
 * needs attention; 69 the server did not start; 73 cannot create files. */
int demo_run(const struct demo_options *o);

#endif
