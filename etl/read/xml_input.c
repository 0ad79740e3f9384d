/*
 * xml_input.c — secure streaming XML input (see xml_input.h).
 */
#include "xml_input.h"
#include "log.h"
#include "regular_file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static void on_error(void *arg, xmlErrorPtr error)
{
	struct xml_input *in = arg;
	int line;

	/* the first error says what is wrong; the ones after it are echoes */
	if (error == NULL || error->level == XML_ERR_WARNING || in->failed)
		return;
	/* encoding and I/O errors come without a parser, so without a line */
	line = error->line > 0 ? error->line : in->reader ? xml_input_line(in) : 0;
	log_error("%s:%d: malformed XML: %.*s", in->src.path, line,
	          error->message ? (int)strcspn(error->message, "\n") : 7,
	          error->message ? error->message : "unknown");
	in->failed = true;
}

/* What libxml2 prints to stderr unless told otherwise: every message also
 * reaches on_error, so this one says nothing. */
static void XMLCDECL discard(void *arg, const char *format, ...)
{
	(void)arg;
	(void)format;
}

static int io_read(void *context, char *buffer, int len)
{
	struct xml_input *in = context;
	long n = reader_read_block(&in->src, buffer, (size_t)len);

	if (n < 0)
		in->failed = true; /* logged: libxml2's echo of it is not */
	return (int)n;
}

static int io_close(void *context)
{
	(void)context;
	return 0;
}

int xml_input_open(struct xml_input *in, const char *path, struct digest *digest)
{
	memset(in, 0, sizeof(*in));
	in->src.path = path;
	in->src.digest = digest;
	in->src.fd = regular_file_open(path, true);
	if (in->src.fd < 0)
		return -1;
	/* libxml2 reports encoding and I/O errors outside the reader's handler,
	 * through the thread's global ones: both come here while the file is open */
	xmlSetStructuredErrorFunc(in, on_error);
	xmlSetGenericErrorFunc(NULL, discard);
	in->reader = xmlReaderForIO(io_read, io_close, in, path, NULL, XML_PARSE_NONET);
	if (in->reader == NULL) {
		log_error("could not start reading XML file \"%s\"", path);
		read_input_close(&in->src);
		xmlSetStructuredErrorFunc(NULL, NULL);
		xmlSetGenericErrorFunc(NULL, NULL);
		return -1;
	}
	xmlTextReaderSetStructuredErrorHandler(in->reader, on_error, in);
	return 0;
}

int xml_input_read(struct xml_input *in)
{
	int r = xmlTextReaderRead(in->reader);

	if (r == 1 && !in->failed &&
	    xmlTextReaderNodeType(in->reader) == XML_READER_TYPE_DOCUMENT_TYPE) {
		log_error("XML file \"%s\" has a document type declaration (DOCTYPE); refused for "
		          "security",
		          in->src.path);
		log_detail("Exports never need one; a DOCTYPE is how external entities and entity "
		           "expansion attacks come in.");
		return -1;
	}
	if (r < 0 || in->failed) {
		if (!in->failed)
			log_error("%s:%d: malformed XML", in->src.path, xml_input_line(in));
		return -1;
	}
	return r;
}

int xml_input_line(const struct xml_input *in)
{
	return xmlTextReaderGetParserLineNumber(in->reader);
}

int xml_input_node_line(const struct xml_input *in)
{
	xmlNodePtr node = xmlTextReaderCurrentNode(in->reader);
	long line = node ? xmlGetLineNo(node) : -1;

	return line > 0 && line <= 0x7fffffff ? (int)line : xml_input_line(in);
}

const char *xml_input_encoding(const struct xml_input *in)
{
	const xmlChar *enc = xmlTextReaderConstEncoding(in->reader);

	return enc ? (const char *)enc : "UTF-8";
}

void xml_input_close(struct xml_input *in)
{
	if (in->reader)
		xmlFreeTextReader(in->reader);
	read_input_close(&in->src);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	memset(in, 0, sizeof(*in));
}
