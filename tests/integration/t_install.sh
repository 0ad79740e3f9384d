#!/bin/bash
# make install into a DESTDIR: the installed binary works against the test
# database, the manual pages render, make uninstall removes everything.
. "$TESTS_LIB/assert.sh"
root=$TEST_TMP/root
build=$(basename "$(dirname "$GBETL")")
make -s -C "$GBETL_SRC" install BUILD="$build" PREFIX=/usr/local DESTDIR="$root" >"$TEST_TMP/install.log" 2>&1 ||
	{ cat "$TEST_TMP/install.log" >&2; fail "make install"; }
bin=$root/usr/local/bin/gbetl
[ -x "$bin" ] || fail "the binary is installed"
for f in share/man/man1/gbetl.1 share/man/man5/gbetl.conf.5 share/gbetl/schemas/001_base.sql \
	share/gbetl/mappings/committees.csv share/gbetl/mappings/sources/omsorg.conf \
	share/gbetl/cron/gbetl-nightly share/gbetl/cron/gbetl.timer share/gbetl/cron/gbetl.service; do
	[ -f "$root/usr/local/$f" ] || fail "installed: $f"
done
[ -x "$root/usr/local/share/gbetl/cron/gbetl-nightly" ] || fail "the nightly wrapper is executable"
assert_match "$("$bin" --version)" "^gbetl " "the installed binary runs"
"$bin" -d "$TEST_DSN" init 2>"$TEST_TMP/init.err" || fail "the installed binary initialises the test database"
assert_eq "$(sql "SELECT count(*) FROM etl.schema_version")" "$(ls "$GBETL_SRC"/schemas/*.sql | wc -l)" "all migrations applied"
if command -v man >/dev/null; then
	assert_match "$(man -l "$root/usr/local/share/man/man1/gbetl.1" 2>/dev/null | col -b)" "close-year" "man gbetl renders every command"
	assert_match "$(man -l "$root/usr/local/share/man/man5/gbetl.conf.5" 2>/dev/null | col -b)" "municipality_code" "man gbetl.conf renders"
fi
make -s -C "$GBETL_SRC" uninstall BUILD="$build" PREFIX=/usr/local DESTDIR="$root" >/dev/null
assert_eq "$(find "$root" -type f | wc -l)" "0" "make uninstall removes every file"
