/*
 * read_sie4.c — the SIE 4 reader (see reader.h).
 *
 * SIE 4 is a line-based tagged format: #LABEL followed by fields, quoted
 * strings with \" for a quote, object lists in braces, and vouchers as
 *     #VER series number date "text" [regdate sign]
 *     {
 *     #TRANS account {dim "object" ...} amount [date] ["text"] [quantity] [sign]
 *     }
 * One ledger record per #TRANS.  #BTRANS (a removed row) is not part of the
 * ledger; #RTRANS (an added row) is always followed by an identical #TRANS
 * for older readers, so the #TRANS is the one read.  Each voucher is held
 * until its closing brace (bounded), its rows are summed in öre and an
 * unbalanced voucher is a problem on each of its rows, or a warning, as the
 * source says.  Unknown labels are skipped and counted.
 *
 * A source of kind budget reads the #PBUDGET rows instead (one budget
 * record each) and skips the vouchers:
 *     #PBUDGET yearindex period account {dim "object" ...} amount [quantity]
 * The fiscal year is the period's (YYYYMM), as the ledger's is its date's;
 * a row without a period takes the start year of its #RAR year index (0 the
 * current year, -1 the one before).
 *
 * "#FORMAT PC8" means CP437, but some programs write UTF-8 or Latin-1 and
 * still say PC8: the first block of the file decides (valid UTF-8 with
 * multi-byte sequences is UTF-8; otherwise the letters å ä ö in Latin-1 or
 * CP437 positions), and reader_encoding() says what was found.
 */
#include "decode.h"
#include "sie_voucher.h"
#include "log.h"
#include "reader.h"
#include "regular_file.h"
#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK      (256 * 1024)
#define MAX_LINE   (1024 * 1024)
#define MAX_TOKENS 32

struct sie4_state {
	struct read_input in; /* first (reader.h): fd and path as read, the digest */
	const struct source_def *def;
	const char *path;
	int fd;
	struct decoder *decoder;
	char encoding[64];
	char *block;
	size_t block_size, block_len, block_pos;
	bool eof;
	long long bytes;
	long line;
	long skipped;
	struct strbuf raw, text; /* the current line, raw and decoded */
	/* the open voucher */
	bool in_voucher, expect_brace;
	char voucher_date[16], voucher_text[256];
	struct sie_voucher v;
	bool ready;          /* the voucher is finished (or holds a lone record) */
	int dim_field[1000]; /* dimension number -> field id, or -1 */
	bool budget;         /* kind budget: #PBUDGET rows, not #TRANS */
	int rar_year[10];    /* #RAR 0, -1 ... -9: the start year, 0 unknown */
};

/* --- encoding ---------------------------------------------------------------- */

static void detect_encoding(struct sie4_state *s, const char *p, size_t n)
{
	const char *declared = NULL, *name;
	size_t i, bad;
	long latin = 0, pc8 = 0;
	bool multibyte = false;
	const char *f = NULL;

	for (i = 0; i + 7 <= n && f == NULL; i++)
		if (memcmp(p + i, "#FORMAT", 7) == 0)
			f = p + i;

	if (f) {
		const char *v = f + 7;

		while (v < p + n && (*v == ' ' || *v == '\t'))
			v++;
		declared = (size_t)(p + n - v) >= 3 && memcmp(v, "PC8", 3) == 0 ? "PC8" : "other";
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c >= 0x80)
			multibyte = true;
		if (c == 0xE5 || c == 0xE4 || c == 0xF6 || c == 0xC5 || c == 0xC4 || c == 0xD6 ||
		    c == 0xE9)
			latin++;
		if (c == 0x86 || c == 0x84 || c == 0x94 || c == 0x8F || c == 0x8E || c == 0x99 ||
		    c == 0x82)
			pc8++;
	}
	/* a block cut in the middle of a character is still UTF-8 */
	if (multibyte && (utf8_valid(p, n, &bad) || n - bad < 4)) {
		name = "UTF-8";
	} else if (latin > pc8) {
		name = "ISO-8859-1";
	} else {
		name = "CP437";
	}
	s->decoder = decoder_new(name);
	if (declared && strcmp(name, "CP437") != 0 && multibyte)
		snprintf(s->encoding, sizeof(s->encoding), "%s (declared %s)", name, declared);
	else
		snprintf(s->encoding, sizeof(s->encoding), "%s", name);
}

/* --- lines and tokens -------------------------------------------------------- */

static int fill(struct sie4_state *s)
{
	long n = reader_read_block(&s->in, s->block, s->block_size);

	if (n < 0)
		return -1;
	if (n == 0)
		s->eof = true;
	if (s->decoder == NULL)
		detect_encoding(s, s->block, (size_t)n);
	s->block_len = (size_t)n;
	s->block_pos = 0;
	s->bytes += n;
	return 0;
}

/* The next line into s->text (decoded). 1, 0 at the end, -1 error. */
static int next_line(struct sie4_state *s)
{
	strbuf_reset(&s->raw);
	for (;;) {
		char *nl;
		size_t take;

		if (s->block_pos == s->block_len) {
			if (s->eof)
				break;
			if (fill(s) != 0)
				return -1;
			continue;
		}
		nl = memchr(s->block + s->block_pos, '\n', s->block_len - s->block_pos);
		take = nl ? (size_t)(nl - (s->block + s->block_pos)) : s->block_len - s->block_pos;
		if (strbuf_add_checked(&s->raw, s->block + s->block_pos, take) != 0) {
			log_error("%s:%ld: a line longer than %d bytes; not a SIE file", s->path,
			          s->line + 1, MAX_LINE);
			return -1;
		}
		s->block_pos += take;
		if (nl) {
			s->block_pos++;
			goto have;
		}
	}
	if (s->raw.len == 0)
		return 0;
have:
	s->line++;
	while (s->raw.len && (s->raw.buf[s->raw.len - 1] == '\r'))
		strbuf_setlen(&s->raw, s->raw.len - 1);
	strbuf_reset(&s->text);
	{
		size_t bad;

		if (decoder_append(s->decoder, s->raw.buf, s->raw.len, &s->text, &bad) != 0) {
			/* keep the line readable: the bad byte becomes U+FFFD */
			strbuf_reset(&s->text);
			strbuf_add(&s->text, s->raw.buf, bad);
			strbuf_addstr(&s->text, "\xEF\xBF\xBD");
			decoder_append(s->decoder, s->raw.buf + bad + 1, s->raw.len - bad - 1,
			               &s->text, &bad);
		}
	}
	return 1;
}

/* Split a decoded line into tokens in place: words, "quoted strings"
 * (\" inside), and {object lists} kept whole (without the braces). */
static int tokenize(char *p, char **tok, bool *quoted, int max)
{
	int n = 0;

	while (*p && n < max) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		quoted[n] = false;
		if (*p == '"') {
			char *out = ++p;

			tok[n] = out;
			quoted[n] = true;
			while (*p && *p != '"') {
				if (*p == '\\' && p[1] == '"')
					p++;
				*out++ = *p++;
			}
			if (*p == '"')
				p++;
			*out = '\0';
			if (*p && *p != ' ' && *p != '\t')
				*p++ = '\0';
		} else if (*p == '{') {
			char *start = ++p;
			bool in_quote = false;

			while (*p && (in_quote || *p != '}')) {
				if (*p == '"')
					in_quote = !in_quote;
				p++;
			}
			if (*p != '}')
				return -1; /* an object list that does not close */
			*p++ = '\0';
			tok[n] = start;
			quoted[n] = true; /* marks an object list too: never a label */
		} else {
			tok[n] = p;
			while (*p && *p != ' ' && *p != '\t')
				p++;
			if (*p)
				*p++ = '\0';
		}
		n++;
	}
	return n;
}

/* --- records ------------------------------------------------------------------ */

/* Objects of a row's object list to the fields mapped by dim:N. */
static void objects(struct sie4_state *s, struct sie_row *r, char *list)
{
	char *objects[64];
	bool q[64];
	int i, k = tokenize(list, objects, q, 64);

	if (k < 0 || k % 2 != 0) {
		sie_row_problem(r, "malformed_objects",
		                "the object list is not pairs of dimension and object");
		return;
	}
	for (i = 0; i < k; i += 2) {
		long dim = strtol(objects[i], NULL, 10);

		if (dim > 0 && dim < 1000 && s->dim_field[dim] >= 0)
			sie_voucher_put(&s->v, r, (enum field_id)s->dim_field[dim], objects[i + 1]);
	}
}

/* A #TRANS line: account {objects} amount [date] [text] [quantity] [sign]. */
static void trans(struct sie4_state *s, char **tok, bool *quoted, int n)
{
	struct sie_row *r = sie_voucher_add(&s->v, s->line);
	char date[16];

	if (r == NULL)
		return;
	sie_voucher_put(&s->v, r, FIELD_VOUCHER_SERIES, s->in_voucher ? s->v.series : NULL);
	sie_voucher_put(&s->v, r, FIELD_VOUCHER_NUMBER, s->in_voucher ? s->v.number : NULL);
	if (!s->in_voucher)
		sie_row_problem(r, "trans_outside_voucher", "a #TRANS row outside a #VER voucher");
	if (n < 4 || !quoted[2]) {
		sie_row_problem(r, "malformed_trans",
		                "a #TRANS row needs an account, an object list and an amount");
		if (n >= 2)
			sie_voucher_put(&s->v, r, FIELD_ACCOUNT, tok[1]);
		return;
	}
	sie_voucher_put(&s->v, r, FIELD_ACCOUNT, tok[1]);
	sie_voucher_put(&s->v, r, FIELD_AMOUNT, tok[3]);
	objects(s, r, tok[2]); /* pairs of dimension and object */
	sie_iso_date(n > 4 && tok[4][0] ? tok[4] : s->voucher_date, date);
	sie_voucher_put(&s->v, r, FIELD_DATE, date);
	sie_voucher_put(&s->v, r, FIELD_TEXT, n > 5 && tok[5][0] ? tok[5] : s->voucher_text);
	if (n > 6 && tok[6][0])
		sie_voucher_put(&s->v, r, FIELD_QUANTITY, tok[6]);
}

/* A #RAR line: index start end. */
static void rar(struct sie4_state *s, char **tok, int n)
{
	long index, start;

	if (n < 3)
		return;
	index = strtol(tok[1], NULL, 10);
	start = strtol(tok[2], NULL, 10); /* YYYYMMDD */
	if (index <= 0 && index > -10 && start >= 18000101 && start <= 22001231)
		s->rar_year[-index] = (int)(start / 10000);
}

/* A #PBUDGET line: yearindex period account {objects} amount [quantity]. */
static void pbudget(struct sie4_state *s, char **tok, bool *quoted, int n)
{
	struct sie_row *r = sie_voucher_add(&s->v, s->line);
	long index;
	char year[8];

	if (r == NULL)
		return;
	if (n < 6 || !quoted[4]) {
		sie_row_problem(
		    r, "malformed_pbudget",
		    "a #PBUDGET row needs a year index, a period, an account, an object "
		    "list and an amount");
		return;
	}
	index = strtol(tok[1], NULL, 10);
	if (tok[2][0]) {
		sie_voucher_put(&s->v, r, FIELD_PERIOD, tok[2]);
	} else if (index <= 0 && index > -10 && s->rar_year[-index]) {
		snprintf(year, sizeof(year), "%d", s->rar_year[-index]);
		sie_voucher_put(&s->v, r, FIELD_YEAR, year);
	} else {
		sie_row_problem(r, "unknown_year",
		                "the row has no period and no #RAR line gives its year index");
	}
	sie_voucher_put(&s->v, r, FIELD_ACCOUNT, tok[3]);
	sie_voucher_put(&s->v, r, FIELD_AMOUNT, tok[5]);
	if (n > 6 && tok[6][0])
		sie_voucher_put(&s->v, r, FIELD_QUANTITY, tok[6]);
	objects(s, r, tok[4]);
}

/* The voucher is complete: check that it balances. */
static void close_voucher(struct sie4_state *s)
{
	sie_voucher_check(&s->v, s->path, s->def->unbalanced_voucher_reject);
	s->in_voucher = false;
	s->ready = s->v.count > 0;
}

static void *sie4_open(const struct source_def *def, const char *path, struct digest *digest)
{
	struct sie4_state *s = xcalloc(1, sizeof(*s));
	int f, d;

	s->def = def;
	s->path = path;
	s->budget = def->kind == KIND_BUDGET;
	s->fd = regular_file_open(path, true);
	if (s->fd < 0) {
		free(s);
		return NULL;
	}
	s->in = (struct read_input){.fd = s->fd, .path = path, .digest = digest};
	for (d = 0; d < 1000; d++)
		s->dim_field[d] = -1;
	for (f = 0; f < FIELD_COUNT_ALL; f++)
		if (def->fields[f].type == REF_DIMENSION && def->fields[f].index < 1000)
			s->dim_field[def->fields[f].index] = f;
	s->block_size = reader_block_size(s->fd, BLOCK);
	s->block = xmalloc(s->block_size);
	s->raw.limit = MAX_LINE;
	if (fill(s) != 0) {
		read_input_close(&s->in);
		free(s->block);
		free(s);
		return NULL;
	}
	if (s->block_len == 0 ||
	    memchr(s->block, '#', s->block_len < 64 ? s->block_len : 64) == NULL) {
		log_error("file \"%s\" is not a SIE file: it does not start with #labels", path);
		decoder_free(s->decoder);
		read_input_close(&s->in);
		free(s->block);
		free(s);
		return NULL;
	}
	return s;
}

/* Read lines until a voucher (or a lone row) is ready. 1 ready, 0 end, -1 error. */
static int advance(struct sie4_state *s)
{
	sie_voucher_reset(&s->v);
	s->ready = false;
	while (!s->ready) {
		char *tok[MAX_TOKENS];
		bool quoted[MAX_TOKENS];
		char *label;
		int n, r = next_line(s);

		if (r < 0)
			return -1;
		if (r == 0) {
			if (s->in_voucher || s->expect_brace) {
				log_error("%s:%ld: the file ends inside voucher %s %s (no closing "
				          "\"}\"): "
				          "truncated",
				          s->path, s->v.line, s->v.series, s->v.number);
				return -1;
			}
			return 0;
		}
		strbuf_trim(&s->text);
		if (strcmp(s->text.buf, "{") == 0 || strcmp(s->text.buf, "}") == 0) {
			tok[0] = s->text.buf;
			quoted[0] = false;
			n = 1;
		} else {
			n = tokenize(s->text.buf, tok, quoted, MAX_TOKENS);
		}
		if (n < 0) {
			log_warning("%s:%ld: an object list \"{\" does not close on its line",
			            s->path, s->line);
			if (s->in_voucher) {
				struct sie_row *row = sie_voucher_add(&s->v, s->line);

				if (row)
					sie_row_problem(row, "malformed_objects",
					                "the object list does not close");
			}
			continue;
		}
		if (n == 0)
			continue;
		label = tok[0];
		if (strcmp(label, "{") == 0 && s->expect_brace) {
			s->expect_brace = false;
			s->in_voucher = true;
			continue;
		}
		if (strcmp(label, "}") == 0 && s->in_voucher) {
			close_voucher(s);
			continue;
		}
		if (s->expect_brace) {
			log_error("%s:%ld: voucher %s %s has no \"{\" block", s->path, s->v.line,
			          s->v.series, s->v.number);
			return -1;
		}
		if (strcmp(label, "#VER") == 0) {
			if (s->in_voucher) {
				log_error(
				    "%s:%ld: a #VER inside voucher %s %s (line %ld): a \"}\" is "
				    "missing",
				    s->path, s->line, s->v.series, s->v.number, s->v.line);
				return -1;
			}
			snprintf(s->v.series, sizeof(s->v.series), "%s", n > 1 ? tok[1] : "");
			snprintf(s->v.number, sizeof(s->v.number), "%s", n > 2 ? tok[2] : "");
			snprintf(s->voucher_date, sizeof(s->voucher_date), "%s",
			         n > 3 ? tok[3] : "");
			snprintf(s->voucher_text, sizeof(s->voucher_text), "%s",
			         n > 4 ? tok[4] : "");
			s->v.line = s->line;
			s->expect_brace = !(n > 1 && strcmp(tok[n - 1], "{") == 0);
			s->in_voucher = !s->expect_brace;
			continue;
		}
		if (strcmp(label, "#RAR") == 0) {
			rar(s, tok, n);
			continue;
		}
		if (strcmp(label, "#PBUDGET") == 0 && s->budget) {
			pbudget(s, tok, quoted, n);
			s->ready = true;
			continue;
		}
		if (strcmp(label, "#TRANS") == 0 && s->budget)
			continue; /* the ledger is another source's */
		if (strcmp(label, "#TRANS") == 0) {
			if (s->v.count >= SIE_MAX_VOUCHER_ROWS) {
				log_error("%s:%ld: voucher %s %s has more than %d rows", s->path,
				          s->line, s->v.series, s->v.number, SIE_MAX_VOUCHER_ROWS);
				return -1;
			}
			trans(s, tok, quoted, n);
			if (!s->in_voucher)
				s->ready = true; /* a lone row, with its problem */
			continue;
		}
		if (strcmp(label, "#RTRANS") == 0 || strcmp(label, "#BTRANS") == 0)
			continue; /* see the comment at the top */
		if (label[0] == '#' && !quoted[0]) {
			static const char *const known[] = {
			    "#FLAGGA", "#PROGRAM", "#FORMAT", "#GEN",   "#SIETYP",   "#FNAMN",
			    "#RAR",    "#KONTO",   "#KTYP",   "#DIM",   "#UNDERDIM", "#OBJEKT",
			    "#ORGNR",  "#FNR",     "#ADRESS", "#TAXAR", "#KPTYP",    "#VALUTA",
			    "#SRU",    "#IB",      "#UB",     "#RES",   "#PSALDO",   "#PBUDGET",
			    "#OIB",    "#OUB",     "#FTYP",   "#BKOD",  "#OMFATTN",  "#PROSA",
			    "#ENHET",  "#KSUMMA"};
			size_t i;

			for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
				if (strcmp(label, known[i]) == 0)
					break;
			if (i == sizeof(known) / sizeof(known[0]))
				s->skipped++;
			continue;
		}
		log_warning("%s:%ld: a line that is not a SIE label was skipped", s->path, s->line);
		s->skipped++;
	}
	return 1;
}

static int sie4_next(void *state, struct raw_record *rec)
{
	struct sie4_state *s = state;

	if (s->v.pos >= s->v.count) {
		int rc = advance(s);

		if (rc <= 0)
			return rc;
	}
	return sie_voucher_next(&s->v, s->def, rec);
}

static long long sie4_bytes(const void *state)
{
	return ((const struct sie4_state *)state)->bytes;
}

static const char *sie4_encoding(const void *state)
{
	return ((const struct sie4_state *)state)->encoding;
}

static long sie4_skipped(const void *state)
{
	return ((const struct sie4_state *)state)->skipped;
}

static void sie4_close(void *state)
{
	struct sie4_state *s = state;

	if (s == NULL)
		return;
	decoder_free(s->decoder);
	read_input_close(&s->in);
	free(s->block);
	sie_voucher_release(&s->v);
	strbuf_release(&s->raw);
	strbuf_release(&s->text);
	free(s);
}

const struct reader_ops sie4_reader_ops = {sie4_open,     sie4_next,    sie4_bytes,
                                           sie4_encoding, sie4_skipped, sie4_close};
