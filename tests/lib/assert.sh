# assert.sh — helpers for integration tests (sourced by tests/integration/t_*.sh).
#
# Environment from the runner: GBETL (the binary), TEST_DSN (this test's
# database), TEST_TMP (a directory of its own, also the working directory),
# GBETL_SRC (the source tree; test data under tests/data/).
set -euo pipefail

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# assert_eq ACTUAL EXPECTED MESSAGE
assert_eq() {
	[ "$1" = "$2" ] || fail "$3: expected [$2], got [$1]"
}

# assert_match TEXT REGEX MESSAGE (extended regex, grep -E)
assert_match() {
	grep -Eq -- "$2" <<<"$1" || fail "$3: [$1] does not match /$2/"
}

# assert_not_match TEXT REGEX MESSAGE
assert_not_match() {
	! grep -Eq -- "$2" <<<"$1" || fail "$3: [$1] matches /$2/"
}

# run_gbetl EXPECTED_STATUS ARGS... — runs $GBETL, keeps stdout in $OUT and
# stderr in $ERR (also in files out.txt and err.txt), fails on another status.
run_gbetl() {
	local want=$1 rc=0
	shift
	"$GBETL" "$@" >"$TEST_TMP/out.txt" 2>"$TEST_TMP/err.txt" || rc=$?
	OUT=$(cat "$TEST_TMP/out.txt")
	ERR=$(cat "$TEST_TMP/err.txt")
	if [ "$rc" -ne "$want" ]; then
		echo "--- stdout:" >&2; head -c 4000 "$TEST_TMP/out.txt" >&2
		echo "--- stderr:" >&2; head -c 4000 "$TEST_TMP/err.txt" >&2
		fail "gbetl $*: expected exit $want, got $rc"
	fi
}

# sql QUERY — one value per line, fields separated by |
sql() {
	psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$TEST_DSN" -c "$1"
}

# A full Swedish identity number (10 or 12 digits, optional separator) that
# is not masked: used to prove that none reaches an output.
PNR_REGEX='(^|[^0-9])((19|20)?[0-9]{6}[-+]?[0-9]{4})([^0-9]|$)'

# assert_no_pnr FILE... — no unmasked identity number from KNOWN_PNRS (a
# file with one number per line, 12-digit canonical form) appears.
assert_no_pnr_from() {
	local list=$1
	shift
	local n short
	while read -r n; do
		[ -n "$n" ] || continue
		short=${n:2}
		for f in "$@"; do
			if grep -Fq -e "$n" -e "${short:0:6}-${short:6}" -e "${n:0:8}-${n:8}" -e "$short" "$f"; then
				fail "identity number ${n:0:8}-**** appears in clear in $f"
			fi
		done
	done <"$list"
}

# A config file for this test: key file and directories under TEST_TMP.
make_test_config() {
	local key=$TEST_TMP/pseudonym.key
	[ -f "$key" ] || { head -c 32 /dev/urandom >"$key"; chmod 600 "$key"; }
	cat >"$TEST_TMP/gbetl.conf" <<CONF
municipality_code = 0999
key_file          = $key
mappings_dir      = $GBETL_SRC/mappings
sources_dir       = $GBETL_SRC/mappings/sources
inbox_dir         = $TEST_TMP/inbox
archive_dir       = $TEST_TMP/archive
failed_dir        = $TEST_TMP/failed
report_dir        = $TEST_TMP/reports
settle_seconds    = 0
CONF
	chmod 600 "$TEST_TMP/gbetl.conf"
	mkdir -p "$TEST_TMP/inbox" "$TEST_TMP/archive" "$TEST_TMP/failed" "$TEST_TMP/reports"
	export GBETL_CONFIG=$TEST_TMP/gbetl.conf
}

# make_analyst_login — a login of this test's own with the role
# gbetl_analyst, as the database administrator gives one to an analyst
# (docs/analysts.md); as_analyst PSQL-ARGS... (-c QUERY or -f FILE) runs
# psql as it, one value per line, fields separated by |.
make_analyst_login() {
	ANALYST=analyst_$TEST_NAME
	sql "DROP ROLE IF EXISTS $ANALYST; CREATE ROLE $ANALYST LOGIN; GRANT gbetl_analyst TO $ANALYST" >/dev/null 2>&1
}
as_analyst() {
	psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$TEST_DSN" -U "$ANALYST" "$@"
}

# init_db [mappings] — this test's config (make_test_config), D for gbetl's
# database option (-d $TEST_DSN) and the schema (gbetl init); with
# "mappings" also the default rules (gbetl mappings).
init_db() {
	make_test_config
	D="-d $TEST_DSN"
	run_gbetl 0 $D init
	if [ "${1:-}" = mappings ]; then
		run_gbetl 0 $D mappings
	elif [ -n "${1:-}" ]; then
		fail "init_db: unknown argument [$1]"
	fi
}

# make_sample INHABITANTS [YEARS] — the sample municipality of that size
# (gbetl sample; every year it makes unless YEARS, e.g. 2024,2025) in
# $TEST_TMP/s: its export files in s/inbox, what they must give in
# s/expected.txt (read by sample_expected).
make_sample() {
	run_gbetl 0 sample --out "$TEST_TMP/s" --inhabitants "$1" ${2:+--years "$2"}
}

# sample_expected YEAR KEY — the figure KEY of YEAR in s/expected.txt.
sample_expected() {
	awk -v y="$1" -v k="$2" '$1=="year"{cur=$2} cur==y && $1==k {print $2}' "$TEST_TMP/s/expected.txt"
}

# load_sample INHABITANTS [YEARS] — a database with the default rules
# (init_db mappings) and every file of the sample (make_sample) put in the
# inbox, loaded and allocated by gbetl run; $OUT and $ERR are the run's.
load_sample() {
	init_db mappings
	make_sample "$@"
	cp "$TEST_TMP"/s/inbox/* "$TEST_TMP/inbox/"
	run_gbetl 0 $D run
}

# sql_postgres QUERY — QUERY on the cluster's postgres database, for the
# roles and databases a test makes of its own; its output is discarded.
sql_postgres() {
	psql -X -q -A -t -v ON_ERROR_STOP=1 -d postgres -c "$1" >/dev/null
}
