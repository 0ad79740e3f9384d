/*
 * cluster.h — the private PostgreSQL cluster of "gbetl demo".
 *
 * The embedded default: a cluster under VAR/pg (data, socket, log), created
 * on first use with initdb, started with pg_ctl, listening on its unix
 * socket only, reused afterwards.  PostgreSQL refuses to run as root, so
 * when gbetl runs as root the server runs as the "postgres" user; if that
 * user cannot reach VAR (a home directory of mode 0700, say), the cluster
 * lives in /var/tmp/gbetl-demo-<hash of VAR> instead and VAR/pg.location
 * says where.
 */
#ifndef GBETL_CLUSTER_H
#define GBETL_CLUSTER_H

#include <limits.h>
#include <stdbool.h>

struct private_cluster {
	char var_dir[PATH_MAX];  /* absolute */
	char base[PATH_MAX + 8]; /* holds data/, run/, log/ */
	char data[PATH_MAX + 16];
	char run[PATH_MAX + 16];
	char log_file[PATH_MAX + 40];
	char bindir[PATH_MAX];
	char conninfo[PATH_MAX + 80]; /* for the "gbetl" database */
	const char *owner;            /* "postgres" when root, else NULL */
};

/* Work out where the cluster of var_dir lives (creating directories) and
 * find the PostgreSQL server programs.  0 or -1 (logged). */
int cluster_locate(const char *var_dir, struct private_cluster *c);
bool cluster_running(const struct private_cluster *c);
/* initdb when there is no cluster yet, start it when it is not running,
 * create the database "gbetl" when missing.  0 or -1 (logged). */
int cluster_start(struct private_cluster *c);
int cluster_stop(const struct private_cluster *c);

#endif
