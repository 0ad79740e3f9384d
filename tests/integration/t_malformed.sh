#!/bin/bash
# The malformed-input corpus (tests/data/malformed/, its README says what
# each file is): every file gets the behaviour tests/data/malformed/cases.tsv
# gives it — exit status, a reject or error naming line, field and reason,
# and records read = kept + rejected — and what is not a regular file is
# refused without a byte read (a FIFO does not block).
. "$TESTS_LIB/assert.sh"
make_test_config
D="-d $TEST_DSN"
C=$GBETL_SRC/tests/data/malformed
mkdir -p sources
cp "$GBETL_SRC"/mappings/sources/*.conf "$C"/sources/*.conf sources/
run_gbetl 0 $D init

cases=0
files=" "
while IFS=$'\t' read -r file command source want counts expect; do
	[ "$file" = file ] && continue
	expect=${expect//\\t/$'\t'}
	case $command in
	extract) run_gbetl "$want" extract --sources sources --source "$source" "$C/$file" ;;
	load)
		run_gbetl "$want" $D load "$C/$file"
		if [ "$want" != 0 ]; then
			assert_eq "$(grep -c 'error:' err.txt)" "1" "$file: one error line"
			assert_eq "$(sql "SELECT count(*) FROM etl.batch WHERE status = 'loaded'")" "0" "$file: nothing loaded"
		fi
		;;
	*) fail "cases.tsv: unknown command $command" ;;
	esac
	grep -Eq -- "$expect" out.txt err.txt || fail "$file: no line matches /$expect/: $(cat out.txt err.txt)"
	if [ "$counts" != - ]; then
		end=$(grep '^GBETL-END' out.txt) || fail "$file: no stream trailer"
		read -r _ read _ kept rejected _ <<<"$end"
		assert_eq "$read/$kept/$rejected" "$counts" "$file: records read/kept/rejected"
		assert_eq "$((kept + rejected))" "$read" "$file: read = kept + rejected"
		assert_eq "$(grep -c '^REJECT' out.txt || true)" "$rejected" "$file: one REJECT line per rejected record"
	fi
	cases=$((cases + 1))
	files="$files$file "
done <"$C/cases.tsv"
# every file of the corpus has a case, and the README lists it
for f in "$C"/*; do
	n=$(basename "$f")
	case $n in README.md | cases.tsv | sources) continue ;; esac
	[[ $files == *" $n "* ]] || fail "corpus file $n has no case in cases.tsv"
	grep -q -- "$n" "$C/README.md" || fail "corpus file $n is not in the README"
done
assert_eq "$(sql "SELECT count(*) FROM etl.batch WHERE status = 'loaded'")" "1" "only the whole stream loaded"

# Not regular files: a symbolic link, a FIFO (nothing writes to it: opening
# it for reading must not wait for a writer), a directory.
batches=$(sql "SELECT count(*) FROM etl.batch")
cp "$C/negative_population.csv" befolkning_2024.csv
ln -s befolkning_2024.csv link.csv
mkfifo fifo.csv
mkdir dir.csv
for f in link.csv fifo.csv dir.csv; do
	timeout 20 "$GBETL" extract --source befolkning "$f" >out.txt 2>err.txt && rc=0 || rc=$?
	assert_eq "$rc" "66" "extract of $f"
	assert_match "$(cat err.txt)" "could not open file \"$f\": not a regular file" "extract of $f says why"
	assert_eq "$(wc -l <err.txt)" "1" "extract of $f: one line"
	[ ! -s out.txt ] || fail "extract of $f wrote a stream"
	timeout 20 "$GBETL" $D import --source befolkning "$f" >out.txt 2>err.txt && rc=0 || rc=$?
	assert_eq "$rc" "65" "import of $f"
	assert_match "$(cat err.txt)" "could not open file \"$f\": not a regular file" "import of $f says why"
done
assert_eq "$(sql "SELECT count(*) FROM etl.batch")" "$batches" "nothing of them recorded"
echo "$cases cases"
