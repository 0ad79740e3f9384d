/*
 * html.h — text into HTML (and XML), escaped: & < > and " become entities,
 * so a committee named "<script>" or "=HYPERLINK(…)" is shown as it is
 * written, never run.  The report, its budget section and gbetl impact's
 * fragment all write text through it.
 */
#ifndef GBETL_HTML_H
#define GBETL_HTML_H

#include <stdio.h>

/* Write s (NULL writes nothing) to f with & < > " escaped. */
void html_escape(FILE *f, const char *s);

#endif
