#!/bin/bash
# bench/run.sh — "make bench": every bench/bench_*.sh in turn, one run, one machine.
#
# Each section prints its own figures (medians of several runs, ratios against
# the limit, peak RSS).  Benchmarks are never timed assertions in "make check".
# Environment for the sections: GBETL (the binary), BUILD (build directory,
# absolute), MEASURE (bench/measure: times one command),
# BENCH_DIR (scratch space, removed at the end), BENCH_SCALE (inhabitants for
# the sample municipality; default 1000000), and a throwaway PostgreSQL
# cluster (PGHOST, PGPORT, PGUSER) shared by all sections.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
export BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$top/$BUILD ;; esac
export GBETL=$BUILD/gbetl
export MEASURE=$BUILD/bench/measure
export GBETL_SRC=$top
export BENCH_SCALE=${BENCH_SCALE:-1000000}
. "$top/tests/lib/pgcluster.sh"
export BENCH_DIR=$(mktemp -d /var/tmp/gbetl-bench.XXXXXX)
chmod 0755 "$BENCH_DIR"
trap 'pgcluster_stop; rm -rf "$BENCH_DIR"' EXIT
trap 'exit 130' INT TERM
"$top/tools/deps.sh" auto bench || exit 1
pgcluster_start || exit 1

echo "gbetl benchmarks — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -m)"
echo "scale: $BENCH_SCALE inhabitants (BENCH_SCALE=N to change)"
status=0
for s in "$here"/bench_*.sh; do
	[ -f "$s" ] || continue
	[ -n "${SECTION:-}" ] && ! echo "$s" | grep -q -- "$SECTION" && continue
	echo
	echo "== $(basename "$s" .sh)"
	bash "$s" || { echo "   (section failed)"; status=1; }
done
exit $status
