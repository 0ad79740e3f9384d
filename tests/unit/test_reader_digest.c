/*
 * test_reader_digest.c — the SHA-256 computed in a reader's own read loop
 * (reader_open_hashed, reader_sha256) is the file's, for a reader that reads to
 * the end (CSV) and for one that stops at the end of the document (XML:
 * what follows the root element is read for the digest).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "digest.h"
#include "reader.h"
#include "source.h"
#include "testutil.h"

/* Read every record of path as the source conf says, hashing as it goes;
 * compare with the digest of the whole file read apart. */
static void same_digest(const char *conf, const char *path, long records)
{
	struct source_def def;
	struct raw_record rec;
	struct reader *r;
	char in_loop[SHA256_HEX_LEN + 1], apart[SHA256_HEX_LEN + 1];
	long long size_in_loop = -1, size_apart = -2;
	long n = 0;

	assert_int_equal(source_load(write_temp(0, ".conf", conf, strlen(conf)), &def), 0);
	r = reader_open_hashed(&def, path);
	assert_non_null(r);
	while (reader_next(r, &rec) == 1)
		n++;
	assert_int_equal(n, records);
	assert_int_equal(reader_sha256(r, in_loop, &size_in_loop), 0);
	reader_close(r);
	assert_int_equal(digest_file_hex(path, apart, &size_apart), 0);
	assert_string_equal(in_loop, apart);
	assert_true(size_in_loop == size_apart);
	source_free(&def);
}

static void test_csv(void **state)
{
	static const char conf[] = "[source]\nkind = population\nformat = csv\n[fields]\n"
	                           "year = Ar\nsex = Kon\nage = Alder\ncount = Antal\n";
	static const char data[] = "Ar;Kon;Alder;Antal\n2024;1;30;12\n2024;2;30;14\n";

	(void)state;
	same_digest(conf, write_temp(1, ".csv", data, sizeof(data) - 1), 2);
}

static void test_xml_with_bytes_after_the_document(void **state)
{
	static const char conf[] =
	    "[source]\nkind = population\nformat = xml\nrecord_path = /Befolkning/Rad\n"
	    "[fields]\nyear = @ar\nsex = @kon\nage = @alder\ncount = @antal\n";
	static const char data[] = "<?xml version=\"1.0\"?>\n<Befolkning>"
	                           "<Rad ar=\"2024\" kon=\"1\" alder=\"30\" antal=\"12\"/>"
	                           "</Befolkning>\n<!-- written by the export at 02:00 -->\n\n";

	(void)state;
	same_digest(conf, write_temp(1, ".xml", data, sizeof(data) - 1), 1);
}

static void test_not_hashed(void **state)
{
	static const char conf[] = "[source]\nkind = population\nformat = csv\n[fields]\n"
	                           "year = Ar\nsex = Kon\nage = Alder\ncount = Antal\n";
	static const char data[] = "Ar;Kon;Alder;Antal\n2024;1;30;12\n";
	struct source_def def;
	struct reader *r;
	char hex[SHA256_HEX_LEN + 1];
	long long size;

	(void)state;
	assert_int_equal(source_load(write_temp(0, ".conf", conf, sizeof(conf) - 1), &def), 0);
	r = reader_open(&def, write_temp(1, ".csv", data, sizeof(data) - 1));
	assert_non_null(r);
	assert_int_equal(reader_sha256(r, hex, &size), -1); /* not opened hashed */
	reader_close(r);
	source_free(&def);
}

UNIT_MAIN(cmocka_unit_test(test_csv), cmocka_unit_test(test_xml_with_bytes_after_the_document),
          cmocka_unit_test(test_not_hashed))
