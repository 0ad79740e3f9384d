# bench/lib.sh — helpers for benchmark sections (sourced).

# median of numbers on stdin
median() {
	sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "nan"; exit} if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}

# time_run OUTVAR CMD... — wall seconds of one run, measured by bench/measure
# (monotonic clock and wait4's rusage, to the microsecond); also the peak RSS
# in KiB in ${OUTVAR}_rss and the CPU seconds (user + system) in ${OUTVAR}_cpu.
time_run() {
	local var=$1 tf
	shift
	tf=$(mktemp)
	"$MEASURE" "$tf" "$@" 2>"$tf.err" || {
		echo "   command failed: $*" >&2; tail -n 5 "$tf.err" >&2; rm -f "$tf" "$tf.err"; return 1; }
	read -r secs rss user sys <"$tf"
	printf -v "$var" '%s' "$secs"
	printf -v "${var}_rss" '%s' "$rss"
	printf -v "${var}_cpu" '%s' "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.6f", u + s }')"
	rm -f "$tf" "$tf.err"
}
