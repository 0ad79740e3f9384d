/*
 * test_outfile.c — report files are replaced whole or not at all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "outfile.h"

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

static void test_commit_replaces(void **state)
{
	char path[128], tmp[128];
	struct outfile o;

	(void)state;
	paths_in("report.csv", path, tmp);
	write_whole(path, "old\n");
	assert_int_equal(outfile_open(&o, path), 0);
	fputs("new\n", o.f);
	assert_string_equal(read_whole(path), "old\n"); /* not yet */
	assert_int_equal(outfile_commit(&o), 0);
	assert_string_equal(read_whole(path), "new\n");
	assert_int_not_equal(access(tmp, F_OK), 0);
}

static void test_abort_keeps_the_old_file(void **state)
{
	char path[128], tmp[128];
	struct outfile o;

	(void)state;
	paths_in("kept.html", path, tmp);
	write_whole(path, "yesterday\n");
	assert_int_equal(outfile_open(&o, path), 0);
	fputs("half of to", o.f);
	outfile_abort(&o);
	assert_string_equal(read_whole(path), "yesterday\n");
	assert_int_not_equal(access(tmp, F_OK), 0);
}

static void test_a_stale_temporary_file_is_replaced(void **state)
{
	char path[128], tmp[128];
	struct outfile o;

	(void)state;
	paths_in("stale.csv", path, tmp);
	write_whole(tmp, "left by a killed run");
	assert_int_equal(outfile_open(&o, path), 0);
	fputs("whole\n", o.f);
	assert_int_equal(outfile_commit(&o), 0);
	assert_string_equal(read_whole(path), "whole\n");
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
	    cmocka_unit_test(test_commit_replaces),
	    cmocka_unit_test(test_abort_keeps_the_old_file),
	    cmocka_unit_test(test_a_stale_temporary_file_is_replaced),
	    cmocka_unit_test(test_failures_keep_the_old_file),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
