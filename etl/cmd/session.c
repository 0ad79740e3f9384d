/*
 * session.c — configuration, connection and lock for a command (session.h).
 */
#include "session.h"
#include "command.h"
#include "db.h"
#include "exitcode.h"
#include "lock.h"
#include "report_access.h"

#include <string.h>

int session_open(struct session *s, const char *lock_what)
{
	int r;

	memset(s, 0, sizeof(*s));
	if (config_load_required(&s->cfg) != 0)
		return EXIT_CONFIG;
	report_access_set(&s->cfg);
	s->conn = db_connect(gbetl_opts.dbname);
	if (s->conn == NULL)
		return EXIT_UNAVAILABLE;
	if (lock_what == NULL)
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
	config_free(&s->cfg);
	memset(s, 0, sizeof(*s));
}
