# pgcluster.sh — start a throwaway PostgreSQL cluster for the tests (sourced).
#
# pgcluster_start: initdb into a fresh temporary directory, unix socket only
# (listen_addresses = ''), started with pg_ctl; exports PGHOST (the socket
# directory), PGPORT, PGUSER and PG_BINDIR.  As root the server runs as the
# unprivileged "postgres" user (PostgreSQL refuses root) in a directory that
# user owns.  pgcluster_stop stops it and removes everything; callers install
# it as an EXIT/INT/TERM trap so that nothing is left behind.

pg_bindir() {
	if [ -n "${PG_BINDIR:-}" ]; then echo "$PG_BINDIR"; return; fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		[ -x "$d/initdb" ] && { echo "$d"; return; }
	done
	command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
}

# Run a command as the cluster's owner.
pg_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

pgcluster_start() {
	PG_BINDIR=$(pg_bindir)
	[ -n "$PG_BINDIR" ] || { echo "pgcluster: initdb not found" >&2; return 1; }
	PGCLUSTER_DIR=$(mktemp -d /tmp/gbetl-pg.XXXXXX)
	chmod 0755 "$PGCLUSTER_DIR"
	mkdir -p "$PGCLUSTER_DIR/data" "$PGCLUSTER_DIR/run" "$PGCLUSTER_DIR/log"
	if [ "$(id -u)" -eq 0 ]; then
		chown -R postgres "$PGCLUSTER_DIR/data" "$PGCLUSTER_DIR/run" "$PGCLUSTER_DIR/log"
	fi
	pg_as_owner "$PG_BINDIR/initdb" -D "$PGCLUSTER_DIR/data" -U gbetl_test --auth=trust \
		-E UTF8 --locale=C.UTF-8 >"$PGCLUSTER_DIR/initdb.log" 2>&1 || {
		cat "$PGCLUSTER_DIR/initdb.log" >&2; return 1; }
	cat >>"$PGCLUSTER_DIR/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$PGCLUSTER_DIR/run'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
shared_buffers = 128MB
log_min_messages = warning
CONF
	PGPORT=${PGCLUSTER_PORT:-$((20000 + $$ % 20000))}
	pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PGCLUSTER_DIR/data" -o "-p $PGPORT" \
		-l "$PGCLUSTER_DIR/log/server.log" -w -t 60 start >/dev/null || {
		cat "$PGCLUSTER_DIR/log/server.log" >&2; return 1; }
	export PGHOST="$PGCLUSTER_DIR/run" PGPORT PGUSER=gbetl_test PG_BINDIR PGCLUSTER_DIR
	unset PGDATABASE PGSERVICE PGPASSWORD
}

pgcluster_stop() {
	[ -n "${PGCLUSTER_DIR:-}" ] || return 0
	if [ -f "$PGCLUSTER_DIR/data/postmaster.pid" ]; then
		pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PGCLUSTER_DIR/data" -m immediate -w stop \
			>/dev/null 2>&1 || true
	fi
	rm -rf "$PGCLUSTER_DIR"
	PGCLUSTER_DIR=
}

# Restart the server (fault tests: the server going away mid-load).
pgcluster_restart() {
	pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PGCLUSTER_DIR/data" -m immediate -w restart \
		-o "-p $PGPORT" -l "$PGCLUSTER_DIR/log/server.log" >/dev/null
}
