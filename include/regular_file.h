/*
 * regular_file.h — opening an input file, and only a regular one.
 *
 * Every reader and the file digest open their input here.  A symbolic
 * link, a FIFO, a device, a socket or a directory is refused before a byte
 * is read ("not a regular file"): a FIFO would block a nightly run, a
 * device could be read for ever, and a link can point anywhere.  The open
 * itself never blocks (O_NONBLOCK, cleared again for a regular file) and
 * never follows a link (O_NOFOLLOW).
 */
#ifndef GBETL_REGULAR_FILE_H
#define GBETL_REGULAR_FILE_H

#include <stdbool.h>

/* Open path for reading: a descriptor (close-on-exec) or -1 with one line
 * logged ("could not open file "x": not a regular file", or the system's
 * reason).  With allow_stdin, "-" gives standard input (not closed by the
 * caller, STDIN_FILENO), whatever it is. */
int regular_file_open(const char *path, bool allow_stdin);

/* The size of the regular file at path, by the same checks (no byte read):
 * 0, or -1 with one line logged. */
int regular_file_size(const char *path, long long *size);

#endif
