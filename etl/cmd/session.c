/*
 * session.c — configuration, connection and lock for a command (session.h).
 */
#include "session.h"
#include "command.h"
#include "db.h"
#include "exitcode.h"
#include "lock.h"
#include "migrate.h"
#include "report_access.h"

#include <string.h>

int session_load_config(struct session *s, unsigned needs)
{
	int r;

	memset(s, 0, sizeof(*s));
	if (!(needs & (SESSION_CONFIG | SESSION_CONFIG_FILE)))
		return EXIT_OK;
	s->have_config = true;
	r = needs & SESSION_CONFIG_FILE ? config_load_required(&s->cfg) : config_load(&s->cfg);
	if (r != 0)
		return EXIT_CONFIG;
	report_access_set(&s->cfg);
	return EXIT_OK;
}

int session_connect(struct session *s, unsigned needs, const char *lock_what)
{
	int r;

	if (!(needs & SESSION_DB))
		return EXIT_OK;
	s->conn = db_connect(gbetl_opts.dbname);
	if (s->conn == NULL)
		return EXIT_UNAVAILABLE;
	if (needs & SESSION_SCHEMA) {
		r = migrate_require_current(s->conn);
		if (r != 0)
			return r > 0 ? EXIT_CONFIG : db_exit_status(s->conn);
	}
	if (!(needs & SESSION_LOCK))
		return EXIT_OK;
	lock_set_application_name(s->conn, lock_what);
	r = lock_take(s->conn);
	if (r != 0)
		return r > 0 ? EXIT_TEMPFAIL : db_exit_status(s->conn);
	s->locked = true;
	return EXIT_OK;
}

void session_close(struct session *s)
{
	if (s->locked)
		lock_release(s->conn);
	db_close(s->conn);
	if (s->have_config)
		config_free(&s->cfg);
	memset(s, 0, sizeof(*s));
}
