/*
 * regular_file.c — opening an input file, and only a regular one
 * (regular_file.h).
 */
#include "regular_file.h"
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int regular_file_open(const char *path, bool allow_stdin)
{
	struct stat st;
	int fd, flags;

	if (allow_stdin && strcmp(path, "-") == 0)
		return STDIN_FILENO;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		/* O_NOFOLLOW on a link: ELOOP */
		log_error("could not open file \"%s\": %s", path,
		          errno == ELOOP ? "not a regular file (a symbolic link)"
		                         : strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		log_error("could not open file \"%s\": %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		log_error("could not open file \"%s\": not a regular file (%s)", path,
		          S_ISDIR(st.st_mode)    ? "a directory"
		          : S_ISFIFO(st.st_mode) ? "a FIFO"
		          : S_ISCHR(st.st_mode)  ? "a character device"
		          : S_ISBLK(st.st_mode)  ? "a block device"
		          : S_ISSOCK(st.st_mode) ? "a socket"
		                                 : "not a file");
		close(fd);
		return -1;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
		log_error("could not open file \"%s\": %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int regular_file_size(const char *path, long long *size)
{
	struct stat st;
	int fd = regular_file_open(path, false), rc = -1;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0) {
		*size = (long long)st.st_size;
		rc = 0;
	} else {
		log_error("could not open file \"%s\": %s", path, strerror(errno));
	}
	close(fd);
	return rc;
}
