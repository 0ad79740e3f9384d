/*
 * read_xml.c — the XML reader, on libxml2's streaming xmlTextReader
 * (see reader.h).
 *
 * The source definition names the record element by its absolute path
 * (/Utbetalningar/Hushall/Utbetalning) and fields by paths relative to it:
 * child, child/grandchild, @attr, and values of enclosing elements —
 * ../@attr, ../child, ../../child — where "../child" means a simple child
 * of the parent that came before the record.  Each open element keeps its
 * attributes and the text of its simple children seen so far, with a cap on
 * how many and how long, so memory does not depend on the file's size.
 *
 * Secure by default: no network (XML_PARSE_NONET), no DTD loading, no entity
 * substitution, and any document with a DOCTYPE is refused outright —
 * exports never have one, and every XXE or entity-expansion attack needs one.
 */
#include "log.h"
#include "reader.h"
#include "strbuf.h"
#include "xalloc.h"
#include "xml_input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_DEPTH  256
#define MAX_VALUES 64          /* attributes + child texts kept per element */
#define MAX_TEXT   (64 * 1024) /* longer texts of simple children are cut */

struct pair {
	char *name;
	char *value; /* the first one seen */
	int count;   /* how many there were: more than 1 is ambiguous */
	long line;   /* of the element or attribute holding the (first) value */
};

struct frame {
	char *name;
	long line;                      /* where the element starts */
	struct pair values[MAX_VALUES]; /* "@attr" or "child" (or "a/b" inside the record) */
	int count;
	struct strbuf text;
	bool has_children;
};

struct xml_state {
	struct xml_input in; /* first (reader.h): it starts with the read_input */
	const struct source_def *def;
	const char *path;
	struct frame frames[MAX_DEPTH];
	int depth;        /* frames in use */
	int record_depth; /* frame index of the open record, or -1 */
	char **record_parts;
	int record_part_count;
	long record_line;
	/* the record handed out last, and its storage */
	struct strbuf values;
	char too_long_detail[120];
};

/* Keep a value of f: the first one of a name, and how many came (count of
 * them in this value, more than 1 when it was ambiguous already below). */
static void set_value(struct frame *f, const char *name, const char *value, int count, long line)
{
	int i;

	if (name == NULL || value == NULL) /* libxml2 gives NULL after an error */
		return;
	for (i = 0; i < f->count; i++) {
		if (strcmp(f->values[i].name, name) == 0) {
			f->values[i].count += count;
			return;
		}
	}
	if (f->count == MAX_VALUES)
		return;
	f->values[f->count].name = xstrdup(name);
	f->values[f->count].value = xstrdup(value);
	f->values[f->count].count = count;
	f->values[f->count].line = line;
	f->count++;
}

static const struct pair *get_value(const struct frame *f, const char *name)
{
	int i;

	for (i = 0; i < f->count; i++)
		if (strcmp(f->values[i].name, name) == 0)
			return &f->values[i];
	return NULL;
}

static void clear_frame(struct frame *f)
{
	int i;

	for (i = 0; i < f->count; i++) {
		free(f->values[i].name);
		free(f->values[i].value);
	}
	f->count = 0;
	free(f->name);
	f->name = NULL;
	strbuf_release(&f->text);
	f->has_children = false;
}

static void *xml_open(const struct source_def *def, const char *path, struct digest *digest)
{
	struct xml_state *s = xcalloc(1, sizeof(*s));
	char *copy, *save = NULL, *tok;

	s->def = def;
	s->path = path;
	s->record_depth = -1;
	if (xml_input_open(&s->in, path, digest) != 0) {
		free(s);
		return NULL;
	}
	copy = xstrdup(def->record_path);
	for (tok = strtok_r(copy, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		s->record_parts =
		    xrealloc(s->record_parts, (size_t)(s->record_part_count + 1) * sizeof(char *));
		s->record_parts[s->record_part_count++] = xstrdup(tok);
	}
	free(copy);
	return s;
}

/* Does the stack of open elements equal the record path? */
static bool at_record(const struct xml_state *s)
{
	int i;

	if (s->depth != s->record_part_count)
		return false;
	for (i = 0; i < s->depth; i++)
		if (strcmp(s->frames[i].name, s->record_parts[i]) != 0)
			return false;
	return true;
}

/* The value of a field path for the record at frame index rec. */
static const struct pair *lookup(struct xml_state *s, int rec, const char *path)
{
	int level = rec;

	while (strncmp(path, "../", 3) == 0) {
		path += 3;
		level--;
		if (level < 0)
			return NULL;
	}
	return get_value(&s->frames[level], path);
}

static void fill_record(struct xml_state *s, struct raw_record *rec)
{
	const struct source_def *def = s->def;
	size_t offsets[FIELD_COUNT_ALL];
	bool present[FIELD_COUNT_ALL];
	int f;

	raw_record_clear(rec);
	rec->line = s->record_line;
	strbuf_reset(&s->values);
	for (f = 0; f < FIELD_COUNT_ALL; f++) {
		const struct field_ref *ref = &def->fields[f];
		const char *v = NULL;

		present[f] = false;
		if (ref->type == REF_CONSTANT) {
			v = ref->text;
		} else if (ref->type == REF_XML_PATH) {
			const struct pair *p = lookup(s, s->record_depth, ref->text);

			if (p != NULL) {
				v = p->value;
				rec->value_line[f] = p->line;
				if (p->count > 1 && rec->problem_code == NULL) {
					/* which of them is meant? never a silent choice */
					rec->problem_code = "ambiguous";
					rec->problem_field = f;
					snprintf(rec->problem_detail, sizeof(rec->problem_detail),
					         "ambiguous: %d values of \"%s\" in the record",
					         p->count, ref->text);
				}
			}
		}
		if (v == NULL)
			continue;
		offsets[f] = s->values.len;
		strbuf_addstr(&s->values, v);
		strbuf_addch(&s->values, '\0');
		present[f] = true;
		rec->length[f] = strlen(v);
	}
	for (f = 0; f < FIELD_COUNT_ALL; f++)
		if (present[f])
			rec->value[f] = s->values.buf + offsets[f];
	if (s->too_long_detail[0]) {
		rec->problem_code = "field_too_long";
		rec->problem_field = -1;
		snprintf(rec->problem_detail, sizeof(rec->problem_detail), "%s",
		         s->too_long_detail);
		s->too_long_detail[0] = '\0';
	}
}

/* An element starts: a frame with its attributes as values.  1 when it is
 * empty (<x/>: it ends at once), 0 when not, -1 on an error (logged). */
static int start_element(struct xml_state *s)
{
	const xmlChar *name = xmlTextReaderConstLocalName(s->in.reader);
	bool empty = xmlTextReaderIsEmptyElement(s->in.reader);
	struct frame *f;

	if (name == NULL)
		return -1;
	if (s->depth == MAX_DEPTH) {
		log_error("%s:%d: XML nested deeper than %d elements", s->path,
		          xml_input_line(&s->in), MAX_DEPTH);
		return -1;
	}
	if (s->depth > 0)
		s->frames[s->depth - 1].has_children = true;
	f = &s->frames[s->depth++];
	f->name = xstrdup((const char *)name);
	f->line = xml_input_node_line(&s->in);
	while (xmlTextReaderMoveToNextAttribute(s->in.reader) == 1) {
		char key[256];

		snprintf(key, sizeof(key), "@%s",
		         (const char *)xmlTextReaderConstLocalName(s->in.reader));
		set_value(f, key, (const char *)xmlTextReaderConstValue(s->in.reader), 1, f->line);
	}
	xmlTextReaderMoveToElement(s->in.reader);
	if (s->record_depth < 0 && at_record(s)) {
		s->record_depth = s->depth - 1;
		s->record_line = xml_input_line(&s->in);
	}
	return empty ? 1 : 0;
}

/* Text or CDATA: added to the open element's text, up to MAX_TEXT. */
static void add_text(struct xml_state *s)
{
	const char *text = (const char *)xmlTextReaderConstValue(s->in.reader);
	struct frame *f;
	size_t len;

	if (s->depth == 0 || text == NULL)
		return;
	f = &s->frames[s->depth - 1];
	len = strlen(text);
	if (f->text.len + len > MAX_TEXT) {
		if (s->record_depth >= 0)
			snprintf(s->too_long_detail, sizeof(s->too_long_detail),
			         "the text of <%s> is longer than %d bytes", f->name, MAX_TEXT);
		return;
	}
	strbuf_add(&f->text, text, len);
}

/* An element ends: its text (a leaf) or its values (inside the record)
 * become its parent's.  1 with *rec filled when it was the record. */
static int end_element(struct xml_state *s, struct raw_record *rec)
{
	struct frame *f = &s->frames[s->depth - 1];
	bool was_record = s->record_depth == s->depth - 1;

	if (s->depth >= 2) {
		struct frame *parent = &s->frames[s->depth - 2];
		bool inside = s->record_depth >= 0 && s->depth - 1 > s->record_depth;
		int i;

		if (!f->has_children) {
			strbuf_trim(&f->text);
			set_value(parent, f->name, f->text.buf, 1, f->line);
		} else if (inside) {
			/* child/grandchild (and child/@attr) paths inside the record */
			for (i = 0; i < f->count; i++) {
				char key[512];

				snprintf(key, sizeof(key), "%s/%s", f->name, f->values[i].name);
				set_value(parent, key, f->values[i].value, f->values[i].count,
				          f->values[i].line);
			}
		}
	}
	if (was_record) {
		fill_record(s, rec);
		s->record_depth = -1;
	}
	clear_frame(f);
	s->depth--;
	return was_record;
}

static int xml_next(void *state, struct raw_record *rec)
{
	struct xml_state *s = state;
	int r;

	while ((r = xml_input_read(&s->in)) == 1) {
		switch (xmlTextReaderNodeType(s->in.reader)) {
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
			add_text(s);
			continue;
		case XML_READER_TYPE_ELEMENT:
			r = start_element(s);
			if (r < 0)
				return -1;
			if (r == 0)
				continue;
			break; /* <x/>: it ends at once */
		case XML_READER_TYPE_END_ELEMENT:
			break;
		default:
			continue;
		}
		if (end_element(s, rec))
			return 1;
	}
	return r < 0 ? -1 : 0;
}

static long long xml_bytes(const void *state)
{
	return ((const struct xml_state *)state)->in.src.bytes;
}

static const char *xml_encoding(const void *state)
{
	return xml_input_encoding(&((const struct xml_state *)state)->in);
}

static void xml_close(void *state)
{
	struct xml_state *s = state;
	int i;

	if (s == NULL)
		return;
	/* a frame is cleared when its element ends: only open ones hold anything */
	for (i = 0; i < s->depth; i++)
		clear_frame(&s->frames[i]);
	for (i = 0; i < s->record_part_count; i++)
		free(s->record_parts[i]);
	free(s->record_parts);
	xml_input_close(&s->in);
	strbuf_release(&s->values);
	free(s);
}

const struct reader_ops xml_reader_ops = {xml_open,     xml_next, xml_bytes,
                                          xml_encoding, NULL,     xml_close};
