/*
 * extract_check.c — "gbetl extract --check": count, look the codes up,
 * keep nothing (extract_check.h).
 */
#include "extract_check.h"
#include "code_check.h"
#include "log.h"
#include "mappings.h"
#include "pnr_scan.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --check: count, look the codes up, keep nothing. */
struct extract_check {
	const struct source_def *def;
	const char *mappings_dir;
	long shown;                   /* rejects logged so far */
	struct mapping_set *mappings; /* NULL when they could not be read */
	struct code_check *codes;     /* NULL without mappings */
	struct record_sink sink;
};

static int check_begin(void *ctx, const struct batch_header *h)
{
	(void)ctx;
	(void)h;
	return 0;
}

static int check_row(void *ctx, const char *line, size_t len)
{
	struct extract_check *check = ctx;

	if (check->codes)
		code_check_row(check->codes, line, len);
	return 0;
}

static int check_reject(void *ctx, const struct reject *r)
{
	struct extract_check *check = ctx;

	if (check->shown++ < 20)
		log_info("line %ld: field \"%s\": %s: %s%s%s%s", r->line, r->field, r->reason,
		         r->message, r->value_masked ? " (value \"" : "",
		         r->value_masked ? r->value_masked : "", r->value_masked ? "\")" : "");
	return 0;
}

static int check_end(void *ctx, const struct batch_trailer *t)
{
	(void)ctx;
	(void)t;
	return 0;
}

struct extract_check *extract_check_new(const struct source_def *def, const char *mappings_dir)
{
	struct extract_check *check = xcalloc(1, sizeof(*check));

	check->def = def;
	check->mappings_dir = mappings_dir;
	/* no mapping rules at all is not an error here: the summary says so */
	if (def->kind != KIND_POPULATION && access(mappings_dir, X_OK) == 0 &&
	    (check->mappings = mappings_read(mappings_dir)))
		check->codes = code_check_new(check->mappings, def->name, def->kind);
	check->sink =
	    (struct record_sink){check, check_begin, check_row, NULL, check_reject, check_end};
	return check;
}

struct record_sink *extract_check_sink(struct extract_check *check)
{
	return &check->sink;
}

void extract_check_free(struct extract_check *check)
{
	if (check == NULL)
		return;
	code_check_free(check->codes);
	mappings_free(check->mappings);
	free(check);
}

static double percent(long long part, long long whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

void extract_check_print(const struct extract_check *check, const char *path,
                         const struct extract_result *res, FILE *out)
{
	const struct source_def *def = check->def;
	const struct batch_trailer *c = &res->counts;
	struct strbuf shown = STRBUF_INIT;
	int i;

	fprintf(out, "source:     %s (%s, %s, %s)\n", def->name, record_kind_name(def->kind),
	        source_format_name(def->format), res->encoding);
	pnr_scan_mask_to(&shown, path, strlen(path)); /* a file name may hold a number */
	fprintf(out, "file:       %s (%lld bytes)\n", shown.buf, res->bytes);
	strbuf_release(&shown);
	fprintf(out, "records:    %lld read, %lld kept, %lld rejected (%.2f %%)%s\n", c->read,
	        c->records_ok, c->rejected, percent(c->rejected, c->read),
	        res->over_threshold ? " — over the source's reject threshold" : "");
	fprintf(out, "rows:       %lld\n", c->emitted);
	if (c->persons)
		fprintf(
		    out,
		    "persons:    %lld person fields, sex known for %lld (coverage %.2f %%), %lld "
		    "conflicts between number and field, %lld invalid identity numbers\n",
		    c->persons, c->sex_known, percent(c->sex_known, c->persons), c->sex_conflicts,
		    c->id_invalid);
	if (c->period_min[0])
		fprintf(out, "period:     %s to %s\n", c->period_min, c->period_max);
	if (res->skipped_labels)
		fprintf(out, "skipped:    %ld unknown labels\n", res->skipped_labels);
	if (res->reason_count) {
		fprintf(out, "rejects by reason:\n");
		for (i = 0; i < res->reason_count; i++)
			fprintf(out, "  %-28s %lld\n", res->reasons[i].reason,
			        res->reasons[i].count);
	}
	if (check->codes)
		code_check_print(check->codes, out, 20);
	else if (def->kind != KIND_POPULATION)
		fprintf(out, "codes:      not checked: no valid mapping rules in \"%s\"\n",
		        check->mappings_dir);
}

void extract_check_warn_threshold(const struct source_def *def, const char *path,
                                  const struct extract_result *res)
{
	if (def->reject_max_count >= 0 && res->counts.rejected > def->reject_max_count)
		log_warning("file \"%s\": %lld of %lld records rejected, over source \"%s\"'s "
		            "reject_max_count %ld",
		            path, res->counts.rejected, res->counts.read, def->name,
		            def->reject_max_count);
	else
		log_warning("file \"%s\": %lld of %lld records rejected, over source \"%s\"'s "
		            "reject_max_ratio %g",
		            path, res->counts.rejected, res->counts.read, def->name,
		            def->reject_max_ratio);
}
