# bench/lib.sh — helpers for benchmark sections (sourced).

# median of numbers on stdin
median() {
	sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "nan"; exit} if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}

# time_run OUTVAR CMD... — wall seconds of one run, measured by bench/measure
# (monotonic clock and wait4's rusage, to the microsecond); also the peak RSS
# in KiB in ${OUTVAR}_rss, the CPU seconds (user + system) in ${OUTVAR}_cpu
# and the bytes it read (read(2) and its kin; -1 unknown) in ${OUTVAR}_read.
time_run() {
	local var=$1 tf
	shift
	tf=$(mktemp)
	"$MEASURE" "$tf" "$@" 2>"$tf.err" || {
		echo "   command failed: $*" >&2; tail -n 5 "$tf.err" >&2; rm -f "$tf" "$tf.err"; return 1; }
	read -r secs rss user sys rchar <"$tf"
	printf -v "$var" '%s' "$secs"
	printf -v "${var}_rss" '%s' "$rss"
	printf -v "${var}_read" '%s' "${rchar:--1}"
	printf -v "${var}_cpu" '%s' "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.6f", u + s }')"
	rm -f "$tf" "$tf.err"
}

# baseline_gbetl — the gbetl of BENCH_BASELINE (a git revision; run.sh
# defaults it to the last commit before this round's consolidation), built
# once from its own sources under BENCH_DIR/baseline; prints the binary's
# path, or nothing (and says why on stderr) when BENCH_BASELINE is empty or
# the revision is not in this tree's history (a shallow clone, a tarball).
# Its own mapping tables and source definitions are beside it, in
# BENCH_DIR/baseline/mappings: a later file may have columns it does not know.
baseline_gbetl() {
	local rev=${BENCH_BASELINE:-} d=$BENCH_DIR/baseline
	[ -n "$rev" ] || return 0
	if [ ! -x "$d/build/gbetl" ]; then
		git -C "$GBETL_SRC" cat-file -e "$rev^{commit}" 2>/dev/null || {
			echo "   (no baseline: $rev is not in this tree's git history)" >&2; return 0; }
		mkdir -p "$d"
		git -C "$GBETL_SRC" archive "$rev" | tar -x -C "$d"
		# (its own build directory: not the BUILD, flags or level of this make)
		env -u BUILD -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$d" -s build/gbetl >"$d.log" 2>&1 || {
			echo "   (the baseline $rev does not build: $(tail -n 1 "$d.log"))" >&2; return 0; }
	fi
	echo "$d/build/gbetl"
}

# extract_turns RUNS SOURCE FILE BIN_B CONF_B — gbetl extract of FILE by
# this gbetl (with GBETL_CONFIG) and by BIN_B (with the configuration
# CONF_B), the two taking turns RUNS times so that the machine's noise falls
# on both alike: the median CPU seconds of each in turns_a and turns_b.
extract_turns() {
	local runs=$1 source=$2 file=$3 bin=$4 conf=$5 a=() b=() i
	for i in $(seq "$runs"); do
		time_run t "$GBETL" -q extract --source "$source" "$file"
		a+=("$t_cpu")
		GBETL_CONFIG=$conf time_run t "$bin" -q extract --source "$source" "$file"
		b+=("$t_cpu")
	done
	turns_a=$(printf '%s\n' "${a[@]}" | median)
	turns_b=$(printf '%s\n' "${b[@]}" | median)
}

# against_baseline LABEL SOURCE FILE RUNS OLDCONF — extract_turns against
# the baseline's gbetl ($old, from baseline_gbetl, with its configuration
# OLDCONF): MB per CPU second of each and the ratio (above 1: this gbetl is
# faster).
against_baseline() {
	extract_turns "$4" "$2" "$3" "$old" "$5"
	awk -v l="$1" -v s="$(stat -c %s "$3")" -v x="$turns_a" -v y="$turns_b" -v r="$BENCH_BASELINE" -v n="$4" 'BEGIN {
		printf "   %-12s this gbetl %6.1f MB per CPU second, baseline %s %6.1f: ratio %.3f (above 1: faster; taking turns, median of %d)\n",
			l, s / 1e6 / x, r, s / 1e6 / y, y / x, n }'
}
