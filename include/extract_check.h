/*
 * extract_check.h — "gbetl extract --check": a sink that keeps nothing and
 * counts, and the summary it prints: records, rejects by reason (the first
 * 20 logged), sex-coding coverage, and the codes no mapping rule matches.
 */
#ifndef GBETL_EXTRACT_CHECK_H
#define GBETL_EXTRACT_CHECK_H

#include <stdio.h>

#include "extract.h"
#include "sink.h"
#include "source.h"

struct extract_check;

/* A check of a file of the source def, looking its codes up in the mapping
 * rules of mappings_dir (none there is no error: the summary says so).
 * Free with extract_check_free(). */
struct extract_check *extract_check_new(const struct source_def *def, const char *mappings_dir);

/* The sink to give extract_file(); it belongs to the check. */
struct record_sink *extract_check_sink(struct extract_check *check);

/* Print the summary of the file path, after extract_file() gave res. */
void extract_check_print(const struct extract_check *check, const char *path,
                         const struct extract_result *res, FILE *out);

void extract_check_free(struct extract_check *check);

/* Warn that the file at path had more rejects than the source allows,
 * naming the limit it passed (reject_max_count or reject_max_ratio); for
 * "gbetl extract" with or without --check, after res->over_threshold. */
void extract_check_warn_threshold(const struct source_def *def, const char *path,
                                  const struct extract_result *res);

#endif
