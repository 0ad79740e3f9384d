/*
 * xml_input.h — a secure, streaming XML input for the XML and SIE 5 readers.
 *
 * libxml2's xmlTextReader over a file descriptor, with no network access
 * (XML_PARSE_NONET), no DTD loading and no entity substitution; any
 * document with a DOCTYPE is refused outright — exports never have one, and
 * every external-entity or entity-expansion attack needs one.  libxml2's
 * messages go to the log with file and line instead of stderr.  Memory is
 * libxml2's sliding window: independent of the file's size.
 */
#ifndef GBETL_XML_INPUT_H
#define GBETL_XML_INPUT_H

#include <libxml/xmlreader.h>
#include <stdbool.h>

#include "reader.h"

struct xml_input {
	struct read_input src; /* first: the file (fd, path, bytes read, digest) */
	bool failed;
	xmlTextReaderPtr reader;
};

/* Open path ("-" for stdin), its bytes fed to digest as they are read
 * (NULL: none; the caller's).  0, or -1 (logged). */
int xml_input_open(struct xml_input *in, const char *path, struct digest *digest);
/* Move to the next node: 1, 0 at the end, -1 on malformed XML or a DOCTYPE
 * (logged with the line). */
int xml_input_read(struct xml_input *in);
int xml_input_line(const struct xml_input *in);
/* The line the node the reader is on starts on (for an element, the line
 * of its start tag's end), for rejects that point at the value; the
 * parser's line when libxml2 knows none. */
int xml_input_node_line(const struct xml_input *in);
/* The declared encoding once known, else "UTF-8". */
const char *xml_input_encoding(const struct xml_input *in);
void xml_input_close(struct xml_input *in);

#endif
