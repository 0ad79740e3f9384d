/*
 * importer.c — one file, one batch: extract into the loader (importer.h).
 */
#include "importer.h"
#include "db.h"
#include "digest.h"
#include "regular_file.h"
#include "exitcode.h"
#include "log.h"
#include "pnr_scan.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int import_file(PGconn *conn, const struct gbetl_config *cfg, const struct source_def *def,
                const struct pseudonym_key *key, const char *path, bool force,
                struct import_result *result)
{
	struct load_policy policy;
	struct batch_header header;
	struct extract_options opts;
	struct extract_result res;
	struct loader *l;
	const char *slash = strrchr(path, '/');
	char name[512]; /* the file name as stored: identity numbers masked */
	double start = now();
	int rc;

	memset(result, 0, sizeof(*result));
	result->coverage_pct = -1;
	memset(&header, 0, sizeof(header));
	if (regular_file_size(path, &header.file_size) != 0) {
		result->outcome = LOAD_FAILED;
		snprintf(result->message, sizeof(result->message), "the file cannot be read");
		result->exit_status = EXIT_ATTENTION;
		return -1;
	}
	/* the SHA-256 is computed as the file is read, once; whether the file is
	 * already loaded is known at its end, when the loader rolls back */
	header.kind = def->kind;
	header.source = def->name;
	pnr_scan_mask_str(slash ? slash + 1 : path, name, sizeof(name));
	header.file_name = name;
	header.replace = def->replace;
	memset(&opts, 0, sizeof(opts));
	opts.source = def;
	opts.path = path;
	opts.key = key;
	opts.hash_while_reading = true;
	l = loader_new(conn, cfg->municipality_code);
	loader_set_header(l, &header);
	loader_set_path(l, path);
	policy.replace_min_ratio = def->replace_min_ratio;
	policy.force = force;
	policy.allow_empty = def->allow_empty;
	policy.reject_max_ratio = def->reject_max_ratio; /* with the configuration's defaults */
	policy.reject_max_count = def->reject_max_count;
	policy.allow_negative = def->allow_negative;
	loader_set_policy(l, &policy);
	memset(&res, 0, sizeof(res));
	if (header.file_size == 0 && !def->allow_empty) {
		/* nothing to read: a zero-byte file is an export that failed */
		log_error("file \"%s\" has no records (it is empty)", path);
		loader_set_sha256(l, SHA256_OF_NOTHING, 0);
		loader_reject(l, "no records");
	} else {
		log_forget_last_error();
		rc = extract_file(&opts, loader_sink(l), &res);
		if (rc != 0) {
			/* the reader's own one-line error is the cause to pass on */
			char cause[512];

			snprintf(cause, sizeof(cause), "could not be read to the end: %s",
			         log_last_error() ? log_last_error() : "see the log");
			loader_abort(l, cause);
		}
		/* an attempt that failed before the end waits for it to be recorded */
		loader_set_sha256(l, res.counts.sha256[0] ? res.counts.sha256 : NULL,
		                  res.counts.file_size);
	}
	result->outcome = loader_outcome(l);
	result->batch_id = loader_batch_id(l);
	result->read = res.counts.read;
	result->rows = loader_rows(l);
	result->rejected = res.counts.rejected;
	if (res.counts.persons > 0)
		result->coverage_pct =
		    100.0 * (double)res.counts.sex_known / (double)res.counts.persons;
	if (loader_message(l))
		snprintf(result->message, sizeof(result->message), "%s", loader_message(l));
	switch (result->outcome) {
	case LOAD_ALREADY_LOADED:
		result->exit_status = EXIT_OK;
		result->batch_id = loader_earlier_batch(l);
		log_info("file \"%s\" is already loaded (batch %lld): nothing to do", path,
		         result->batch_id);
		break;
	case LOAD_LOADED:
		result->exit_status = EXIT_OK;
		log_info("file \"%s\": %s as batch %lld: %lld records read, %lld rows loaded, %lld "
		         "rejected",
		         path, load_outcome_name(result->outcome), result->batch_id, result->read,
		         result->rows, result->rejected);
		break;
	case LOAD_REFUSED:
		result->exit_status = EXIT_DATAERR;
		break;
	case LOAD_REJECTED:
		result->exit_status = EXIT_ATTENTION;
		if (result->rejected > 0 && result->batch_id > 0) {
			size_t n = strlen(result->message);

			snprintf(result->message + n, sizeof(result->message) - n,
			         "%slist them with: gbetl status --rejects %lld", n ? "; " : "",
			         result->batch_id);
		}
		log_error("file \"%s\" was not loaded: %s", path, result->message);
		break;
	default:
		result->exit_status =
		    loader_connection_lost(l) ? EXIT_UNAVAILABLE : db_exit_status(conn);
		if (result->outcome == LOAD_PENDING)
			result->outcome = LOAD_FAILED;
		log_error("file \"%s\" was not loaded: %s", path,
		          result->message[0] ? result->message : "see the messages above");
		break;
	}
	result->changed = loader_file_changed(l);
	loader_free(l);
	result->seconds = now() - start;
	return result->outcome == LOAD_LOADED || result->outcome == LOAD_ALREADY_LOADED ? 0 : -1;
}
