/*
 * read_sie5.c — the SIE 5 reader (XML, namespace http://www.sie.se/sie5),
 * streaming with xmlTextReader (see reader.h).
 *
 * Ledger records come from Journal/JournalEntry/LedgerEntry: accountId,
 * amount, optional quantity, ledgerDate (else the entry's journalDate) and
 * text (else the entry's), with ObjectReference dimId/objectId mapped by
 * dim:N.  A LedgerEntry with an Overstrike child is struck out and is not
 * part of the ledger.  Each JournalEntry is a voucher, held and checked for
 * balance like a SIE 4 #VER (sie_voucher.h); series = the Journal's id,
 * number = the entry's id.  Everything else (accounts, balances, invoices)
 * is skipped.  As for every XML input: no network, and a DOCTYPE is refused.
 */
#include "log.h"
#include "reader.h"
#include "sie_voucher.h"
#include "xalloc.h"
#include "xml_input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sie5_state {
	struct xml_input in; /* first (reader.h): it starts with the read_input */
	const struct source_def *def;
	const char *path;
	bool root_checked;
	char journal[64];
	char entry_date[16], entry_text[256];
	bool in_entry;
	/* the LedgerEntry being read */
	struct sie_row *row;
	bool struck;
	struct sie_voucher v;
	int dim_field[1000];
};

static void *sie5_open(const struct source_def *def, const char *path, struct digest *digest)
{
	struct sie5_state *s = xcalloc(1, sizeof(*s));
	int f, d;

	s->def = def;
	s->path = path;
	if (xml_input_open(&s->in, path, digest) != 0) {
		free(s);
		return NULL;
	}
	for (d = 0; d < 1000; d++)
		s->dim_field[d] = -1;
	for (f = 0; f < FIELD_COUNT_ALL; f++)
		if (def->fields[f].type == REF_DIMENSION && def->fields[f].index < 1000)
			s->dim_field[def->fields[f].index] = f;
	return s;
}

static char *attribute(struct sie5_state *s, const char *name)
{
	return (char *)xmlTextReaderGetAttribute(s->in.reader, (const xmlChar *)name);
}

static void put_attribute(struct sie5_state *s, int field, const char *name)
{
	char *v = attribute(s, name);

	sie_voucher_put(&s->v, s->row, field, v);
	xmlFree(v);
}

static void start_entry(struct sie5_state *s)
{
	char *id = attribute(s, "id"), *date = attribute(s, "journalDate"),
	     *text = attribute(s, "text");

	sie_voucher_reset(&s->v);
	snprintf(s->v.series, sizeof(s->v.series), "%s", s->journal);
	snprintf(s->v.number, sizeof(s->v.number), "%s", id ? id : "");
	s->v.line = xml_input_node_line(&s->in);
	sie_iso_date(date ? date : "", s->entry_date);
	snprintf(s->entry_text, sizeof(s->entry_text), "%s", text ? text : "");
	s->in_entry = true;
	xmlFree(id);
	xmlFree(date);
	xmlFree(text);
}

static void start_ledger_entry(struct sie5_state *s)
{
	char *date = attribute(s, "ledgerDate"), *text = attribute(s, "text");
	char iso[16];

	s->row = sie_voucher_add(&s->v, xml_input_node_line(&s->in));
	s->struck = false;
	if (s->row == NULL) {
		xmlFree(date);
		xmlFree(text);
		return;
	}
	put_attribute(s, FIELD_ACCOUNT, "accountId");
	put_attribute(s, FIELD_AMOUNT, "amount");
	put_attribute(s, FIELD_QUANTITY, "quantity");
	sie_iso_date(date ? date : s->entry_date, iso);
	sie_voucher_put(&s->v, s->row, FIELD_DATE, iso);
	sie_voucher_put(&s->v, s->row, FIELD_TEXT, text && *text ? text : s->entry_text);
	sie_voucher_put(&s->v, s->row, FIELD_VOUCHER_SERIES, s->v.series);
	sie_voucher_put(&s->v, s->row, FIELD_VOUCHER_NUMBER, s->v.number);
	if (s->row->off[FIELD_ACCOUNT] == (size_t)-1 || s->row->off[FIELD_AMOUNT] == (size_t)-1)
		sie_row_problem(s->row, "malformed_entry",
		                "a LedgerEntry needs accountId and amount");
	xmlFree(date);
	xmlFree(text);
}

static void end_ledger_entry(struct sie5_state *s)
{
	if (s->row && s->struck) /* struck out: not part of the ledger */
		s->v.count--;
	s->row = NULL;
}

static int sie5_next(void *state, struct raw_record *rec)
{
	struct sie5_state *s = state;
	int r;

	if (s->v.pos < s->v.count)
		return sie_voucher_next(&s->v, s->def, rec);
	while ((r = xml_input_read(&s->in)) == 1) {
		int type = xmlTextReaderNodeType(s->in.reader);
		const char *name = (const char *)xmlTextReaderConstLocalName(s->in.reader);

		if (name == NULL)
			continue;
		if (type == XML_READER_TYPE_ELEMENT) {
			if (!s->root_checked) {
				s->root_checked = true;
				if (strcmp(name, "Sie") != 0 && strcmp(name, "SieEntry") != 0) {
					log_error(
					    "file \"%s\" is not a SIE 5 file: its root element is "
					    "<%s>",
					    s->path, name);
					return -1;
				}
			}
			if (strcmp(name, "Journal") == 0) {
				char *id = attribute(s, "id");

				snprintf(s->journal, sizeof(s->journal), "%s", id ? id : "");
				xmlFree(id);
			} else if (strcmp(name, "JournalEntry") == 0) {
				start_entry(s);
				if (xmlTextReaderIsEmptyElement(s->in.reader))
					s->in_entry = false;
			} else if (s->in_entry && strcmp(name, "LedgerEntry") == 0) {
				start_ledger_entry(s);
				if (xmlTextReaderIsEmptyElement(s->in.reader))
					end_ledger_entry(s);
			} else if (s->row && strcmp(name, "Overstrike") == 0) {
				s->struck = true;
			} else if (s->row && strcmp(name, "ObjectReference") == 0) {
				char *dim = attribute(s, "dimId"),
				     *object = attribute(s, "objectId");
				long d = dim ? strtol(dim, NULL, 10) : 0;

				if (d > 0 && d < 1000 && s->dim_field[d] >= 0)
					sie_voucher_put(&s->v, s->row, s->dim_field[d], object);
				xmlFree(dim);
				xmlFree(object);
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (s->row && strcmp(name, "LedgerEntry") == 0) {
				end_ledger_entry(s);
			} else if (s->in_entry && strcmp(name, "JournalEntry") == 0) {
				s->in_entry = false;
				sie_voucher_check(&s->v, s->path,
				                  s->def->unbalanced_voucher_reject);
				if (s->v.count > 0)
					return sie_voucher_next(&s->v, s->def, rec);
			}
		}
	}
	if (r < 0)
		return -1;
	if (s->in_entry) {
		log_error("%s: the file ends inside journal entry %s %s: truncated", s->path,
		          s->v.series, s->v.number);
		return -1;
	}
	return 0;
}

static long long sie5_bytes(const void *state)
{
	return ((const struct sie5_state *)state)->in.src.bytes;
}

static const char *sie5_encoding(const void *state)
{
	return xml_input_encoding(&((const struct sie5_state *)state)->in);
}

static void sie5_close(void *state)
{
	struct sie5_state *s = state;

	if (s == NULL)
		return;
	xml_input_close(&s->in);
	sie_voucher_release(&s->v);
	free(s);
}

const struct reader_ops sie5_reader_ops = {sie5_open,     sie5_next, sie5_bytes,
                                           sie5_encoding, NULL,      sie5_close};
