/*
 * xalloc.h — allocation that cannot fail.
 *
 * gbetl is a batch program: when memory runs out there is nothing sensible
 * to do but stop.  These wrappers print one line and exit with status 71
 * (EX_OSERR) instead of returning NULL, so callers never check.  This is the
 * one place library code may exit.
 */
#ifndef GBETL_XALLOC_H
#define GBETL_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *array (of elements of elem_size) so that it holds at least need
 * elements; *alloc holds its current capacity and is updated.  Growth is
 * geometric. */
void xgrow(void **array, size_t elem_size, size_t need, size_t *alloc);

#endif
