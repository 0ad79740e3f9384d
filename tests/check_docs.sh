#!/bin/sh
# check_docs.sh — the documentation holds together, without a database:
#
# 1. docs/sources.md documents every key the source-definition parser
#    accepts: the [source] keys of etl/pipeline/source.c, the canonical fields of
#    etl/pipeline/record.c and the [values.*] sections;
# 2. its examples are the files of mappings/sources/ they name;
# 3. nothing refers to a Markdown file or a docs/ path that is not in the
#    repository (Markdown, C sources and headers, SQL, man pages and their
#    generator, the cron files).
# Run from the top of the source tree; exits 1 naming every problem.
set -u
bad=0
problem() {
	echo "gbetl: error: $*" >&2
	bad=1
}
doc=docs/sources.md
[ -f "$doc" ] || { problem "$doc is missing"; exit 1; }

# --- 1. keys --------------------------------------------------------------------
# the keys of one section of the reference: "| `key` |" rows under "## HEADING"
documented() {
	awk -v h="$1" '/^## /{on = (index($0, h) == 4)} on && /^\| `[^`]*` \|/' "$doc" |
		sed 's/^| `\([^`]*\)`.*/\1/'
}
parsed_source=$(sed -n '/^static int source_key(/,/^}/p' etl/pipeline/source.c |
	grep -o 'e->key, "[a-z_0-9]*"' | sed 's/.*"\(.*\)"/\1/' | sort -u)
parsed_fields=$(grep -o '\[FIELD_[A-Z_]*\] = "[a-z_0-9]*"' etl/pipeline/record.c | sed 's/.*"\(.*\)"/\1/' | sort -u)
parsed_values=$(grep -o 'e->section, "values\.[a-z_0-9]*"' etl/pipeline/source.c | sed 's/.*"\(.*\)"/[\1]/' | sort -u)
[ "$(echo "$parsed_source" | grep -cx -e kind -e format)" -eq 2 ] ||
	problem "could not read the [source] keys from etl/pipeline/source.c (source_key())"
[ "$(echo "$parsed_fields" | grep -c .)" -ge 20 ] ||
	problem "could not read the canonical fields from etl/pipeline/record.c"
[ "$(echo "$parsed_values" | grep -c .)" -ge 2 ] ||
	problem "could not read the [values.*] sections from etl/pipeline/source.c"
doc_source=$(documented "[source]")
doc_fields=$(documented "[fields]")
doc_values=$(documented "[values.*]")
for k in $parsed_source; do
	echo "$doc_source" | grep -qx "$k" || problem "$doc: [source] key \"$k\" is accepted by etl/pipeline/source.c but not documented"
done
for k in $parsed_fields; do
	echo "$doc_fields" | grep -qx "$k" || problem "$doc: field \"$k\" is accepted by etl/pipeline/source.c but not documented"
done
for k in $parsed_values; do
	echo "$doc_values" | grep -qxF "$k" || problem "$doc: section \"$k\" is accepted by etl/pipeline/source.c but not documented"
done

# --- 2. examples ----------------------------------------------------------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for f in $(sed -n 's/^<!-- example: \(.*\) -->$/\1/p' "$doc"); do
	n=$((n + 1))
	awk -v f="$f" '$0 == "<!-- example: " f " -->" {on = 1; next}
		on == 1 && /^```/ {on = 2; next} on == 2 && /^```/ {exit} on == 2' "$doc" >"$tmp/example"
	if [ ! -f "$f" ]; then
		problem "$doc: the example names $f, which does not exist"
	elif ! cmp -s "$tmp/example" "$f"; then
		problem "$doc: the example of $f differs from the file"
	fi
done
for f in mappings/sources/*.conf; do
	grep -qx "<!-- example: $f -->" "$doc" || problem "$doc: $f has no example"
done

# --- 3. references ----------------------------------------------------------------
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	files=$(git ls-files -co --exclude-standard)
else
	files=$(find . -type f ! -path './build*' ! -path './.git/*' ! -path './var/*' | sed 's|^\./||')
fi
files=$(echo "$files" | grep -E '\.(md|h|c|sql)$|^docs/man/|^tools/gen_man\.sh$|^cron/|^Makefile$' |
	grep -v -e '^build' -e '^var/' -e '^tests/check_docs\.sh$')
for f in $files; do
	[ -f "$f" ] || continue
	dir=$(dirname "$f")
	# Markdown link targets, then any other mention of a .md file or a docs/ path
	{
		grep -o '\](\([^)#]*\)' "$f" 2>/dev/null | sed 's/^](//' | grep -v -e '://' -e '^mailto:' -e '^$' |
			sed 's/^/link /'
		grep -oE '[A-Za-z0-9_./-]*[A-Za-z0-9_-]\.md\b|(^|[^A-Za-z0-9_])docs/[A-Za-z0-9_./-]*[A-Za-z0-9_]' "$f" 2>/dev/null |
			sed -E 's/^[^A-Za-z0-9_./-]//' | sed 's/^/ref /'
	} | sort -u | while read -r how ref; do
		case "$ref" in //*) continue ;; esac
		if [ "$how" = link ]; then
			[ -e "$dir/$ref" ] || echo "$f: link to \"$ref\", which is not in the repository"
			continue
		fi
		ref=${ref#*share/doc/gbetl/}
		ref=${ref#docdir/}
		ref=${ref#/}
		# released migrations cannot change: their "DESIGN.md" is docs/design.md
		case "$f:$ref" in schemas/*:DESIGN.md | docs/design.md:DESIGN.md) ref=docs/design.md ;; esac
		[ -e "$dir/$ref" ] || [ -e "$ref" ] || echo "$f: refers to \"$ref\", which is not in the repository"
	done
done >"$tmp/refs"
if [ -s "$tmp/refs" ]; then
	sed 's/^/gbetl: error: /' "$tmp/refs" >&2
	bad=1
fi

if [ "$bad" -ne 0 ]; then
	echo "gbetl: hint: document the key in docs/sources.md, or write what the reference needs into docs/." >&2
	exit 1
fi
echo "docs: $(echo "$parsed_source" | wc -w) source keys, $(echo "$parsed_fields" | wc -w) fields, $n examples, references in $(echo "$files" | wc -w) files checked"
