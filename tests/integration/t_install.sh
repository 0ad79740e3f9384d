#!/bin/bash
# make install PREFIX=... DESTDIR=...: every installed file names the
# installed paths (none the default /usr/local, none the DESTDIR); the
# installed binary works against the test database; the manual pages render
# and point at the installed guides; the crontab line, run exactly as cron
# runs it (empty environment, PATH=/usr/bin:/bin), loads the inbox, and a
# failed night prints one line that cron mails, and without a system log
# the whole log goes to stderr; make uninstall removes
# everything but the environment file.
. "$TESTS_LIB/assert.sh"
make_test_config
prefix=$TEST_TMP/opt/gbetl
stage=$TEST_TMP/stage
# A build directory of its own: the paths compiled in differ from the one
# the other tests run.
make -s -C "$GBETL_SRC" install BUILD="$TEST_TMP/build" PREFIX="$prefix" DESTDIR="$stage" \
	>"$TEST_TMP/install.log" 2>&1 || { cat "$TEST_TMP/install.log" >&2; fail "make install"; }
for f in bin/gbetl share/man/man1/gbetl.1 share/man/man5/gbetl.conf.5 share/gbetl/schemas/001_base.sql \
	share/gbetl/mappings/committees.csv share/gbetl/mappings/sources/omsorg.conf \
	share/gbetl/cron/gbetl-nightly share/gbetl/cron/gbetl.timer share/gbetl/cron/gbetl.service \
	share/gbetl/cron/gbetl.cron etc/gbetl/gbetl.env \
	share/doc/gbetl/README.md share/doc/gbetl/docs/operations.md share/doc/gbetl/docs/method.md \
	share/doc/gbetl/docs/sources.md share/doc/gbetl/docs/design.md share/doc/gbetl/mappings/README.md; do
	[ -f "$stage$prefix/$f" ] || fail "installed: $f"
done
[ -x "$stage$prefix/share/gbetl/cron/gbetl-nightly" ] || fail "the nightly wrapper is executable"
if grep -rl -e /usr/local -e "$stage" -e '@[A-Z]*DIR@' -e '@ENVFILE@' "$stage$prefix/share/gbetl/cron" \
	"$stage$prefix/share/man" "$stage$prefix/etc"; then
	fail "an installed file names /usr/local, the DESTDIR or a placeholder instead of the installed path"
fi
cron=$stage$prefix/share/gbetl/cron
grep -q "^EnvironmentFile=$prefix/etc/gbetl/gbetl.env\$" "$cron/gbetl.service" ||
	fail "the service reads the installed environment file"
grep -q "^ExecStart=$prefix/share/gbetl/cron/gbetl-nightly\$" "$cron/gbetl.service" ||
	fail "the service starts the installed wrapper"

# What a package manager does with the DESTDIR: put it in place.
mkdir -p "$prefix"
cp -a "$stage$prefix/." "$prefix/"
bin=$prefix/bin/gbetl
assert_match "$("$bin" --version)" "^gbetl " "the installed binary runs"
assert_match "$("$bin" help allocate)" "$prefix/share/doc/gbetl/docs/method.md" "help points at the installed guide"
grep -Fq "$prefix/share/doc/gbetl/docs/operations.md" "$prefix/share/man/man1/gbetl.1" ||
	fail "man gbetl names the installed guides"
grep -Fq "$prefix/share/doc/gbetl/docs" "$prefix/share/man/man5/gbetl.conf.5" ||
	fail "man gbetl.conf names the installed guides"
if command -v man >/dev/null; then
	page=$(man -l "$prefix/share/man/man1/gbetl.1" 2>/dev/null | col -b)
	assert_match "$page" "close-year" "man gbetl renders every command"
	assert_match "$(man -l "$prefix/share/man/man5/gbetl.conf.5" 2>/dev/null | col -b)" "municipality_code" \
		"man gbetl.conf renders"
fi

# The operator's part: the database, the mapping rules, the environment file.
"$bin" -d "$TEST_DSN" init 2>"$TEST_TMP/init.err" || fail "the installed binary initialises the test database"
assert_eq "$(sql "SELECT count(*) FROM etl.schema_version")" "$(ls "$GBETL_SRC"/schemas/*.sql | wc -l)" \
	"all migrations applied"
"$bin" -d "$TEST_DSN" mappings 2>"$TEST_TMP/mappings.err" || fail "the installed binary loads the mappings"
dbname=$(sql "SELECT current_database()")
envfile=$prefix/etc/gbetl/gbetl.env
sed -i -e "s|^GBETL_CONFIG=.*|GBETL_CONFIG=$TEST_TMP/gbetl.conf|" -e '/^PGSERVICE/d' "$envfile"
cat >>"$envfile" <<ENV
PGHOST=$PGHOST
PGPORT=$PGPORT
PGUSER=$PGUSER
PGDATABASE=$dbname
GBETL_LOG=$TEST_TMP/nightly.log
GBETL_LOCK=$TEST_TMP/nightly.lock
ENV
line=$(grep -E '^[0-9*]' "$cron/gbetl.cron")
assert_match "$line" "^0 2 \* \* \* gbetl $prefix/share/gbetl/cron/gbetl-nightly\$" "the crontab line"
# /etc/cron.d format: five time fields, the user, the command
command=$(echo "$line" | cut -d' ' -f7-)
# night: the crontab line as cron runs it (an empty environment); its exit
# status in rc, what it printed in cron.out and cron.err.
night() {
	rc=0
	env -i PATH=/usr/bin:/bin sh -c "$command" >"$TEST_TMP/cron.out" 2>"$TEST_TMP/cron.err" || rc=$?
}

"$bin" sample --out "$TEST_TMP/sample" --inhabitants 300 >/dev/null 2>&1
cp "$TEST_TMP"/sample/inbox/* "$TEST_TMP/inbox/"
night
assert_eq "$rc" "0" "the nightly run as cron runs it succeeds ($(cat "$TEST_TMP/cron.err"))"
assert_eq "$(cat "$TEST_TMP/cron.out" "$TEST_TMP/cron.err")" "" "a good night prints nothing (cron sends no mail)"
assert_eq "$(ls "$TEST_TMP/inbox" | wc -l)" "0" "the nightly run emptied the inbox"
assert_eq "$(sql "SELECT count(*) FROM etl.batch WHERE status = 'loaded'")" "$(ls "$TEST_TMP/sample/inbox" | wc -l)" \
	"every file of the inbox loaded"
[ "$(sql "SELECT count(*) FROM result.allocation")" -gt 0 ] || fail "the nightly run allocated"
[ -s "$TEST_TMP/nightly.log" ] || fail "the run's output went to GBETL_LOG"

# A file no reader can read: the night fails, and says so in one line.
printf 'this is not a ledger\n' >"$TEST_TMP/inbox/huvudbok_2025.se"
night
[ "$rc" -ne 0 ] || fail "a night with a bad file exits non-zero"
assert_eq "$(wc -l <"$TEST_TMP/cron.err")" "1" "a failed night prints one line to stderr"
assert_match "$(cat "$TEST_TMP/cron.err")" "^gbetl-nightly: gbetl run exited with status $rc \(see $TEST_TMP/nightly.log\): " \
	"the line gives the status and where the log is"

# The database unreachable: one line, exit 69.
sed -i "s|^PGDATABASE=.*|PGDATABASE=no_such_database|" "$envfile"
night
assert_eq "$rc" "69" "an unreachable database is exit 69"
assert_eq "$(wc -l <"$TEST_TMP/cron.err")" "1" "an unreachable database prints one line to stderr"
assert_match "$(cat "$TEST_TMP/cron.err")" "status 69.*no_such_database" "the line names the cause"

# A lock file it may not open: one line, exit 73.
sed -i "s|^GBETL_LOCK=.*|GBETL_LOCK=$TEST_TMP/no/such/dir/nightly.lock|" "$envfile"
night
assert_eq "$rc" "73" "a lock file that cannot be opened is exit 73"
assert_eq "$(wc -l <"$TEST_TMP/cron.err")" "1" "an unopenable lock file prints one line"
assert_match "$(cat "$TEST_TMP/cron.err")" "cannot open the lock file" "the line names the lock file"
sed -i "s|^GBETL_LOCK=.*|GBETL_LOCK=$TEST_TMP/nightly.lock|" "$envfile"

# No environment file: one line, exit 78.
mv "$envfile" "$envfile.away"
night
assert_eq "$rc" "78" "a missing environment file is exit 78"
assert_match "$(cat "$TEST_TMP/cron.err")" "environment file \"$envfile\"" "the line names the environment file"
mv "$envfile.away" "$envfile"

# No GBETL_LOG and no syslog socket (a container, a chroot): logger would
# swallow the log without a word, so it goes to stderr, which cron mails.
sed -i -e "s|^PGDATABASE=.*|PGDATABASE=$dbname|" -e '/^GBETL_LOG=/d' "$envfile"
echo "GBETL_DEVLOG=$TEST_TMP/no-such-socket" >>"$envfile"
night
assert_eq "$rc" "0" "a good night without a system log succeeds ($(cat "$TEST_TMP/cron.err"))"
assert_match "$(head -n 1 "$TEST_TMP/cron.err")" "^gbetl-nightly: no system log \($TEST_TMP/no-such-socket\) and no GBETL_LOG in $envfile" \
	"without a system log the wrapper says so"
[ "$(wc -l <"$TEST_TMP/cron.err")" -gt 1 ] || fail "without a system log the run's log goes to stderr"

make -s -C "$GBETL_SRC" uninstall BUILD="$TEST_TMP/build" PREFIX="$prefix" DESTDIR="$stage" >/dev/null
assert_eq "$(find "$stage" -type f | sed "s|^$stage$prefix/||")" "etc/gbetl/gbetl.env" \
	"make uninstall removes every file but the environment file"
