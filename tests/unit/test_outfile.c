/*
 * test_outfile.c — report files are replaced whole or not at all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "outfile.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

/* path: the file name in the test's directory; tmp: the temporary file
 * outfile writes beside it (".name.tmp"). */
static void paths_in(const char *name, char path[128], char tmp[128])
{
	snprintf(path, 128, "%s/%s", dir, name);
	snprintf(tmp, 128, "%s/.%s.tmp", dir, name);
}

static void write_whole(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static char *read_whole(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/gbetl-unit-outfile-%d", (int)getpid());
	return mkdir(dir, 0700);
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Open, write, then commit or abort.  Until the end the target keeps its
 * old text; after it, the target holds what was written (commit) or still
 * the old text (abort), and the temporary file is gone either way. */
static void test_commit_replaces_abort_keeps(void **state)
{
	static const struct {
		const char *name;
		bool stale; /* the old text is in a temporary file a killed run left */
		const char *old, *written;
		bool commit;
		const char *after; /* the target's text at the end */
	} cases[] = {
	    /* a commit replaces the file */
	    {"report.csv", false, "old\n", "new\n", true, "new\n"},
	    /* an abort keeps the old file */
	    {"kept.html", false, "yesterday\n", "half of to", false, "yesterday\n"},
	    /* a stale temporary file is replaced */
	    {"stale.csv", true, "left by a killed run", "whole\n", true, "whole\n"},
	};
	char path[128], tmp[128];
	struct outfile o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		paths_in(cases[i].name, path, tmp);
		write_whole(cases[i].stale ? tmp : path, cases[i].old);
		assert_int_equal(outfile_open(&o, path), 0);
		fputs(cases[i].written, o.f);
		if (!cases[i].stale)
			assert_string_equal(read_whole(path), cases[i].old); /* not yet */
		if (cases[i].commit)
			assert_int_equal(outfile_commit(&o), 0);
		else
			outfile_abort(&o);
		assert_string_equal(read_whole(path), cases[i].after);
		assert_int_not_equal(access(tmp, F_OK), 0);
	}
}

static void test_failures_keep_the_old_file(void **state)
{
	char path[128], tmp[128], target[128], inside[160];
	struct outfile o;

	(void)state;
	/* the temporary name is taken by a directory: open fails */
	paths_in("blocked.html", path, tmp);
	write_whole(path, "yesterday\n");
	assert_int_equal(mkdir(tmp, 0700), 0);
	assert_int_equal(outfile_open(&o, path), -1);
	assert_string_equal(read_whole(path), "yesterday\n");
	/* the target is a directory that is not empty: the rename fails and the
	 * temporary file goes */
	paths_in("dir.csv", target, tmp);
	snprintf(inside, sizeof(inside), "%s/x", target);
	assert_int_equal(mkdir(target, 0700), 0);
	write_whole(inside, "x");
	assert_int_equal(outfile_open(&o, target), 0);
	fputs("new\n", o.f);
	assert_int_equal(outfile_commit(&o), -1);
	assert_int_not_equal(access(tmp, F_OK), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_commit_replaces_abort_keeps),
	    cmocka_unit_test(test_failures_keep_the_old_file),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
