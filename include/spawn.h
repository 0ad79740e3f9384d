/*
 * spawn.h — running another program and waiting for it.
 *
 * For the few places gbetl drives other programs: the private PostgreSQL of
 * "gbetl demo" (initdb, pg_ctl) and the demo's stages (gbetl itself).  No
 * shell is involved: argv goes to execvp as is.
 */
#ifndef GBETL_SPAWN_H
#define GBETL_SPAWN_H

/*
 * Run argv[0] with argv, optionally as another user (run_as: a user name,
 * used only when running as root; it goes through runuser(1)), with stdout
 * and stderr appended to log_path when that is not NULL.  Returns the exit
 * status (0–255), 128+signal when it was killed, or -1 when it could not be
 * started (logged).
 */
int spawn_wait(char *const argv[], const char *run_as, const char *log_path);

#endif
