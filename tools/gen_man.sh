#!/bin/sh
# gen_man.sh GBETL OUT [DOCDIR] — write gbetl(1) from the binary's own help
# texts, so that the manual and --help never disagree.  DOCDIR is where make
# install puts the guides (default /usr/local/share/doc/gbetl).
set -eu
gbetl=$1
out=$2
docdir=${3:-/usr/local/share/doc/gbetl}
version=$("$gbetl" --version | cut -d' ' -f2)
esc() { sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\\&'/"; }
{
	echo ".TH GBETL 1 \"\" \"gbetl $version\" \"gbetl manual\""
	echo ".SH NAME"
	echo "gbetl \\- gender-budget ETL for Swedish municipalities"
	echo ".SH SYNOPSIS"
	echo ".B gbetl"
	printf "%s\n" "[\\fIOPTION\\fR]... \\fICOMMAND\\fR [\\fIARG\\fR]..."
	echo ".SH DESCRIPTION"
	echo "gbetl reads the exports of a municipality's systems, sex-codes and pseudonymises"
	echo "every person, loads everything into PostgreSQL in all-or-nothing batches, and"
	echo "computes how much of each committee's money went to women and to men, exact to"
	echo "the \\[:o]re.  See gbetl.conf(5) for the configuration."
	echo ".SH OVERVIEW"
	echo ".nf"
	"$gbetl" --help | esc
	echo ".fi"
	echo ".SH COMMANDS"
	for cmd in $("$gbetl" --help | awk '/^Commands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^$/{on=0}'); do
		[ "$cmd" = help ] && continue
		echo ".SS $cmd"
		echo ".nf"
		"$gbetl" help "$cmd" | sed '/^Common options:/,$d' | esc
		echo ".fi"
	done
	echo ".SH ENVIRONMENT"
	echo ".TP"
	echo ".B GBETL_CONFIG"
	echo "The configuration file (default /etc/gbetl/gbetl.conf)."
	echo ".TP"
	echo ".B PGHOST, PGDATABASE, PGSERVICE, ..."
	echo "The database connection, as for every PostgreSQL client (see libpq)."
	echo ".SH EXIT STATUS"
	echo "0 success; 1 finished but something needs attention; 2 usage; 65 bad input;"
	echo "69 database unreachable; 73 cannot create output; 75 another run holds the lock;"
	echo "77 the database role lacks a privilege; 78 bad configuration."
	echo ".SH FILES"
	echo ".TP"
	echo ".I $docdir/docs/operations.md"
	echo "Installing, database roles, the nightly job, a failed night."
	echo ".TP"
	echo ".I $docdir/docs/sources.md"
	echo "The source definitions: every key, field references, examples."
	echo ".TP"
	echo ".I $docdir/docs/method.md"
	echo "How the cost is split, for finance and auditors."
	echo ".TP"
	echo ".I $docdir/docs/analysts.md"
	echo "The reporting schema and example queries."
	echo ".TP"
	echo ".I $docdir/mappings/README.md"
	echo "The mapping tables."
	echo ".SH SEE ALSO"
	echo "gbetl.conf(5), psql(1)"
} >"$out"
