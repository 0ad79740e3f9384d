/*
 * outfile.c — write a temporary file, then rename it over (see outfile.h).
 */
#include "outfile.h"
#include "log.h"
#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void clear(struct outfile *o)
{
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	o->f = NULL;
}

int outfile_open(struct outfile *o, const char *path)
{
	struct strbuf tmp = STRBUF_INIT;
	const char *slash = strrchr(path, '/');
	int fd;

	memset(o, 0, sizeof(*o));
	if (slash)
		strbuf_addf(&tmp, "%.*s/.%s.tmp", (int)(slash - path), path, slash + 1);
	else
		strbuf_addf(&tmp, ".%s.tmp", path);
	o->tmp = strbuf_detach(&tmp, NULL);
	o->path = xstrdup(path);
	/* a temporary file left by a process that was killed is ours to replace;
	 * anything else by that name (a directory) makes the open fail */
	(void)unlink(o->tmp);
	fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0) {
		log_error("could not write \"%s\": could not create \"%s\": %s", path, o->tmp,
		          strerror(errno));
		clear(o);
		return -1;
	}
	o->f = fdopen(fd, "w");
	if (o->f == NULL) {
		log_error("could not write \"%s\": %s", path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		clear(o);
		return -1;
	}
	return 0;
}

/* fsync the directory of path, so that the rename survives a crash */
static void sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	struct strbuf dir = STRBUF_INIT;
	int fd;

	if (slash)
		strbuf_addf(&dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
	else
		strbuf_addstr(&dir, ".");
	fd = open(dir.buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	strbuf_release(&dir);
}

int outfile_commit(struct outfile *o)
{
	int rc = 0, err = 0;

	if (o->f == NULL)
		return -1;
	if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0)
		err = errno ? errno : EIO;
	if (fclose(o->f) != 0 && err == 0)
		err = errno ? errno : EIO;
	o->f = NULL;
	if (err == 0 && rename(o->tmp, o->path) != 0)
		err = errno;
	if (err != 0) {
		log_error("could not write \"%s\": %s", o->path, strerror(err));
		log_detail("The file as it was before is unchanged.");
		unlink(o->tmp);
		rc = -1;
	} else {
		sync_dir(o->path);
	}
	clear(o);
	return rc;
}

void outfile_abort(struct outfile *o)
{
	if (o->f) {
		fclose(o->f);
		unlink(o->tmp);
	}
	clear(o);
}
