/*
 * outfile.h — output files replaced atomically.
 *
 * A report file is never written in place: outfile_open() creates a
 * temporary file beside it (".NAME.tmp" in the same directory, created
 * exclusively, never through a symlink), and outfile_commit() flushes it,
 * fsyncs it, renames it over NAME and fsyncs the directory.  Whatever fails
 * — the temporary name taken, a full disk, a rename that cannot be done —
 * the old NAME stays as it was, byte for byte, the temporary file is
 * removed, and the error names NAME.  A process killed half-way leaves at
 * most the temporary file, which the next write replaces.
 */
#ifndef GBETL_OUTFILE_H
#define GBETL_OUTFILE_H

#include <stdio.h>

struct outfile {
	FILE *f;    /* write here between open and commit */
	char *path; /* the file to replace */
	char *tmp;  /* the temporary file beside it */
};

/* 0, or -1 (logged, naming path). */
int outfile_open(struct outfile *o, const char *path);
/* Put the new file in place.  0, or -1 (logged; old file intact). */
int outfile_commit(struct outfile *o);
/* Give up: remove the temporary file, keep the old one. */
void outfile_abort(struct outfile *o);

#endif
