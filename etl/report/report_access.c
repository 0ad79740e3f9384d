/*
 * report_access.c — mode and group of the reports (see report_access.h).
 */
#include "report_access.h"
#include "log.h"
#include "strbuf.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static mode_t file_mode = 0640;
static gid_t group = (gid_t)-1;

void report_access_set(const struct gbetl_config *cfg)
{
	file_mode = (mode_t)cfg->report_mode;
	group = cfg->report_gid >= 0 ? (gid_t)cfg->report_gid : (gid_t)-1;
}

/* The directory's mode: the file mode with x beside every r. */
static mode_t dir_mode(void)
{
	mode_t m = file_mode | ((file_mode & 0444) >> 2);

	return group != (gid_t)-1 ? (m | S_ISGID) : m;
}

static int set_one(const char *path, mode_t mode, bool must)
{
	if (group != (gid_t)-1 && chown(path, (uid_t)-1, group) != 0) {
		if (must) {
			log_error("could not give \"%s\" the report group: %s", path,
			          strerror(errno));
			log_hint(
			    "The gbetl user must be a member of the report_group of gbetl.conf.");
			return -1;
		}
		log_warning("could not give the report directory \"%s\" the report group: %s", path,
		            strerror(errno));
	}
	if (chmod(path, mode) != 0) {
		if (must) {
			log_error("could not set the mode of \"%s\": %s", path, strerror(errno));
			return -1;
		}
		log_warning("could not set the mode of the report directory \"%s\": %s", path,
		            strerror(errno));
	}
	return 0;
}

int report_access_apply(const char *dir, const char *year)
{
	struct strbuf prefix = STRBUF_INIT, path = STRBUF_INIT;
	struct dirent *e;
	DIR *d;
	int rc = 0;

	set_one(dir, dir_mode(), false);
	strbuf_addf(&prefix, "gbetl-%s", year);
	d = opendir(dir);
	if (d == NULL) {
		log_error("could not open directory \"%s\": %s", dir, strerror(errno));
		rc = -1;
		goto out;
	}
	while ((e = readdir(d)) != NULL) {
		struct stat st;

		if (strncmp(e->d_name, prefix.buf, prefix.len) != 0)
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir, e->d_name);
		if (lstat(path.buf, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (set_one(path.buf, file_mode, true) != 0)
			rc = -1;
	}
	closedir(d);
out:
	strbuf_release(&prefix);
	strbuf_release(&path);
	return rc;
}
