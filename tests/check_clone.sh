#!/bin/sh
# check_clone.sh — the repository tests itself with nothing beside it: its
# files (what git tracks, as a clone would have them; the tree without
# build output when there is no git) are copied into an empty temporary
# directory with no sibling directory (so no test data from outside the
# repository), and there the unit tests and one integration test (t_sie:
# test data of tests/data/) run.
# Run from the top of the source tree.
set -eu
top=$(pwd)
tmp=$(mktemp -d /tmp/gbetl-clone.XXXXXX)
chmod 0755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
copy=$tmp/gbetl
mkdir "$copy"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z | (cd "$top" && xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\n" "$f"; done' sh) >"$tmp/files"
else
	find . -type f ! -path './build*' ! -path './.git/*' ! -path './var/*' | sed 's|^\./||' >"$tmp/files"
fi
tar -cf - -T "$tmp/files" | (cd "$copy" && tar -xf -)
rm "$tmp/files"
[ "$(ls -A "$tmp")" = gbetl ] || { echo "gbetl: error: the copy is not alone in $tmp" >&2; exit 1; }
cd "$copy"
log=$tmp/log
if ! { make -s all unit-bins && make -s check-unit && T=t_sie GBETL="$copy/build/gbetl" tests/run_integration.sh; } >"$log" 2>&1; then
	tail -n 40 "$log" >&2
	echo "gbetl: error: the repository alone, copied to $copy, does not pass its tests" >&2
	echo "gbetl: hint: a test reads a file outside the repository, or a file is not tracked by git." >&2
	exit 1
fi
grep -E '^(unit tests|integration tests)' "$log" | sed 's/^/clone: /'
