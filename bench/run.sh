#!/bin/bash
# bench/run.sh — "make bench": every bench/bench_*.sh in turn, one run, one machine.
#
# Each section prints its own figures (medians of several runs, ratios against
# the limit, peak RSS).  Benchmarks are never timed assertions in "make check".
# Environment for the sections: GBETL (the binary), BUILD (build directory,
# absolute), MEASURE (bench/measure: times one command),
# BENCH_DIR (scratch space, removed at the end), BENCH_SCALE (inhabitants for
# the sample municipality; default 1000000), BENCH_BASELINE (a git revision
# whose gbetl the extract and the allocation are measured against in the
# same run; default fe1d164, the last commit before the consolidation of
# the tree; empty for none), and a throwaway PostgreSQL cluster (PGHOST,
# PGPORT, PGUSER) shared by all sections.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
export BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$top/$BUILD ;; esac
export GBETL=$BUILD/gbetl
export MEASURE=$BUILD/bench/measure
export GBETL_SRC=$top
export BENCH_SCALE=${BENCH_SCALE:-1000000}
export BENCH_BASELINE=${BENCH_BASELINE-fe1d164}
. "$top/tests/lib/pgcluster.sh"
export BENCH_DIR=$(mktemp -d /var/tmp/gbetl-bench.XXXXXX)
chmod 0755 "$BENCH_DIR"
trap 'pgcluster_stop; rm -rf "$BENCH_DIR"' EXIT
trap 'exit 130' INT TERM
"$top/tools/deps.sh" auto bench || exit 1
pgcluster_start || exit 1

echo "gbetl benchmarks — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -m)"
echo "scale: $BENCH_SCALE inhabitants (BENCH_SCALE=N to change); baseline: ${BENCH_BASELINE:-none} (BENCH_BASELINE=REV)"
status=0
# The sections that read files run first; allocate, which writes ~6 GB into
# the cluster and drops it, runs last: the kernel's writeback of that data
# otherwise runs beside the next section and cost the extract a quarter of
# its throughput in one run (149 against 203 MB per CPU second).  Each
# section starts with the dirty pages of the one before written out.
for name in extract sie pnr load allocate $(cd "$here" && ls bench_*.sh | sed 's/^bench_//; s/\.sh$//'); do
	s=$here/bench_$name.sh
	case " ${done_sections:-} " in *" $name "*) continue ;; esac
	done_sections="${done_sections:-} $name"
	[ -f "$s" ] || continue
	[ -n "${SECTION:-}" ] && ! echo "$s" | grep -q -- "$SECTION" && continue
	sync
	echo
	echo "== $(basename "$s" .sh)"
	bash "$s" || { echo "   (section failed)"; status=1; }
done
exit $status
