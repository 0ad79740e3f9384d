/*
 * cluster.c — initdb / pg_ctl for the demo's private cluster (see cluster.h).
 */
#include "cluster.h"
#include "db.h"
#include "digest.h"
#include "log.h"
#include "spawn.h"
#include "strbuf.h"

#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEMO_PORT "5432"

static int make_dir(const char *path, mode_t mode)
{
	if (mkdir(path, mode) != 0 && errno != EEXIST) {
		log_error("could not create directory \"%s\": %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int give_to_owner(const struct private_cluster *c, const char *path)
{
	struct passwd *pw;

	if (c->owner == NULL)
		return 0;
	pw = getpwnam(c->owner);
	if (pw == NULL) {
		log_error("user \"%s\" does not exist", c->owner);
		log_detail("PostgreSQL refuses to run as root; gbetl runs it as \"%s\".", c->owner);
		log_hint("Install the postgresql package, or run gbetl as an ordinary user.");
		return -1;
	}
	if (chown(path, pw->pw_uid, pw->pw_gid) != 0) {
		log_error("could not change owner of \"%s\": %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* The newest /usr/lib/postgresql/N/bin with initdb, else initdb on PATH. */
static int find_bindir(char *out, size_t size)
{
	const char *env = getenv("PG_BINDIR");
	DIR *dir;
	struct dirent *e;
	int best = -1;

	if (env && *env) {
		snprintf(out, size, "%s", env);
		return 0;
	}
	dir = opendir("/usr/lib/postgresql");
	if (dir) {
		while ((e = readdir(dir)) != NULL) {
			char probe[PATH_MAX];
			int v = atoi(e->d_name);

			snprintf(probe, sizeof(probe), "/usr/lib/postgresql/%s/bin/initdb",
			         e->d_name);
			if (v > best && access(probe, X_OK) == 0) {
				best = v;
				snprintf(out, size, "/usr/lib/postgresql/%s/bin", e->d_name);
			}
		}
		closedir(dir);
	}
	if (best >= 0)
		return 0;
	if (access("/usr/bin/initdb", X_OK) == 0) {
		snprintf(out, size, "/usr/bin");
		return 0;
	}
	log_error("could not find the PostgreSQL server programs (initdb, pg_ctl)");
	log_hint("Install the postgresql package (\"make deps\"), or set PG_BINDIR.");
	return -1;
}

/* Can the server's user reach and write dir? */
static bool owner_can_use(const struct private_cluster *c, const char *dir)
{
	char *argv[] = {"test", "-w", (char *)dir, "-a", "-x", (char *)dir, NULL};

	return spawn_wait(argv, c->owner, "/dev/null") == 0;
}

static void set_paths(struct private_cluster *c)
{
	snprintf(c->data, sizeof(c->data), "%s/data", c->base);
	snprintf(c->run, sizeof(c->run), "%s/run", c->base);
	snprintf(c->log_file, sizeof(c->log_file), "%s/log/postgresql.log", c->base);
	snprintf(c->conninfo, sizeof(c->conninfo),
	         "host=%s port=" DEMO_PORT " user=gbetl dbname=gbetl", c->run);
}

int cluster_locate(const char *var_dir, struct private_cluster *c)
{
	char location[PATH_MAX + 16];
	FILE *f;

	memset(c, 0, sizeof(*c));
	c->owner = geteuid() == 0 ? "postgres" : NULL;
	if (make_dir(var_dir, 0755) != 0)
		return -1;
	if (realpath(var_dir, c->var_dir) == NULL) {
		log_error("could not resolve \"%s\": %s", var_dir, strerror(errno));
		return -1;
	}
	if (find_bindir(c->bindir, sizeof(c->bindir)) != 0)
		return -1;
	snprintf(location, sizeof(location), "%s/pg.location", c->var_dir);
	f = fopen(location, "r");
	if (f) {
		if (fgets(c->base, sizeof(c->base), f))
			c->base[strcspn(c->base, "\n")] = '\0';
		fclose(f);
	}
	if (c->base[0] == '\0') {
		snprintf(c->base, sizeof(c->base), "%s/pg", c->var_dir);
		if (make_dir(c->base, 0700) != 0 || give_to_owner(c, c->base) != 0)
			return -1;
		if (c->owner && !owner_can_use(c, c->base)) {
			char hex[SHA256_HEX_LEN + 1];

			digest_buffer_hex(c->var_dir, strlen(c->var_dir), hex);
			rmdir(c->base);
			snprintf(c->base, sizeof(c->base), "/var/tmp/gbetl-demo-%.12s", hex);
			log_info("user \"%s\" cannot reach \"%s\": the cluster lives in \"%s\"",
			         c->owner, c->var_dir, c->base);
			if (make_dir(c->base, 0700) != 0 || give_to_owner(c, c->base) != 0)
				return -1;
			f = fopen(location, "w");
			if (f == NULL || fprintf(f, "%s\n", c->base) < 0 || fclose(f) != 0) {
				log_error("could not write \"%s\"", location);
				return -1;
			}
		}
	}
	set_paths(c);
	return 0;
}

bool cluster_running(const struct private_cluster *c)
{
	char pg_ctl[PATH_MAX + 16];
	char *argv[] = {pg_ctl, "status", "-D", (char *)c->data, NULL};

	if (access(c->data, F_OK) != 0)
		return false;
	snprintf(pg_ctl, sizeof(pg_ctl), "%s/pg_ctl", c->bindir);
	return spawn_wait(argv, c->owner, "/dev/null") == 0;
}

static int write_server_config(const struct private_cluster *c)
{
	char path[PATH_MAX + 64];
	FILE *f;

	snprintf(path, sizeof(path), "%s/postgresql.auto.conf", c->data);
	f = fopen(path, "a");
	if (f == NULL) {
		log_error("could not open \"%s\": %s", path, strerror(errno));
		return -1;
	}
	fprintf(f,
	        "# gbetl demo: unix socket only, inside the demo's directory\n"
	        "listen_addresses = ''\n"
	        "unix_socket_directories = '%s'\n"
	        "port = " DEMO_PORT "\n"
	        "max_wal_size = '2GB'\n"
	        "shared_buffers = '256MB'\n",
	        c->run);
	return fclose(f) == 0 ? 0 : -1;
}

static int initdb(struct private_cluster *c)
{
	char program[PATH_MAX + 16], log_dir[PATH_MAX + 40], initdb_log[PATH_MAX + 32];
	char *argv[] = {
	    program, "-D", c->data, "-U", "gbetl", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
	    NULL};
	int rc;

	snprintf(log_dir, sizeof(log_dir), "%s/log", c->base);
	if (make_dir(c->run, 0755) != 0 || give_to_owner(c, c->run) != 0 ||
	    make_dir(log_dir, 0700) != 0 || give_to_owner(c, log_dir) != 0)
		return -1;
	snprintf(program, sizeof(program), "%s/initdb", c->bindir);
	/* initdb's output goes beside, not into, the server's log: the log is
	 * opened by this process, which may be root. */
	snprintf(initdb_log, sizeof(initdb_log), "%s/initdb.log", c->var_dir);
	log_info("creating a private PostgreSQL cluster in \"%s\"", c->data);
	rc = spawn_wait(argv, c->owner, initdb_log);
	if (rc != 0) {
		log_error("initdb failed (exit status %d)", rc);
		log_detail("See \"%s\".", initdb_log);
		return -1;
	}
	if (c->owner) {
		/* postgresql.auto.conf belongs to the server's user: append as root,
		 * then hand it back. */
		char path[PATH_MAX + 64];

		if (write_server_config(c) != 0)
			return -1;
		snprintf(path, sizeof(path), "%s/postgresql.auto.conf", c->data);
		return give_to_owner(c, path);
	}
	return write_server_config(c);
}

static int ensure_database(const struct private_cluster *c)
{
	char maint[PATH_MAX + 80];
	bool error;
	PGconn *conn;
	char *exists;
	int rc = 0;

	snprintf(maint, sizeof(maint), "host=%s port=" DEMO_PORT " user=gbetl dbname=postgres",
	         c->run);
	conn = db_connect(maint);
	if (conn == NULL)
		return -1;
	exists = db_query_value(
	    conn, "SELECT 1 FROM pg_catalog.pg_database WHERE datname = 'gbetl'", 0, NULL, &error);
	if (error)
		rc = -1;
	else if (exists == NULL)
		rc = db_exec(conn, "CREATE DATABASE gbetl");
	free(exists);
	db_close(conn);
	return rc;
}

int cluster_start(struct private_cluster *c)
{
	char program[PATH_MAX + 16];
	char *argv[] = {program, "start", "-w", "-t",        "120",
	                "-D",    c->data, "-l", c->log_file, NULL};
	char version[PATH_MAX + 64];
	int rc;

	snprintf(version, sizeof(version), "%s/PG_VERSION", c->data);
	if (access(version, F_OK) != 0 && initdb(c) != 0)
		return -1;
	if (!cluster_running(c)) {
		snprintf(program, sizeof(program), "%s/pg_ctl", c->bindir);
		rc = spawn_wait(argv, c->owner, "/dev/null");
		if (rc != 0) {
			log_error("could not start the private PostgreSQL server (pg_ctl exit "
			          "status %d)",
			          rc);
			log_detail("See \"%s\".", c->log_file);
			return -1;
		}
		log_info("started the private PostgreSQL server (socket in \"%s\")", c->run);
	}
	return ensure_database(c);
}

int cluster_stop(const struct private_cluster *c)
{
	char program[PATH_MAX + 16];
	char *argv[] = {program, "stop", "-w", "-m", "fast", "-D", (char *)c->data, NULL};

	if (!cluster_running(c)) {
		log_info("the private PostgreSQL server is not running");
		return 0;
	}
	snprintf(program, sizeof(program), "%s/pg_ctl", c->bindir);
	if (spawn_wait(argv, c->owner, "/dev/null") != 0) {
		log_error("could not stop the private PostgreSQL server");
		return -1;
	}
	log_info("stopped the private PostgreSQL server");
	return 0;
}
