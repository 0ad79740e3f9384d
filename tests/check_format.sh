#!/bin/sh
# check_format.sh — every C file must be as clang-format (.clang-format) leaves it.
files=$(ls etl/*/*.c include/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c tests/fuzz/*.h tools/*.c bench/*.c 2>/dev/null)
bad=""
for f in $files; do
	if ! clang-format --style=file "$f" | cmp -s - "$f"; then
		bad="$bad $f"
	fi
done
if [ -n "$bad" ]; then
	echo "gbetl: error: files not formatted as .clang-format says:$bad" >&2
	echo "gbetl: hint: run \"make format\"." >&2
	exit 1
fi
echo "format: $(echo $files | wc -w) files clean"
