/*
 * sample.c — writing the sample municipality Exempelby (see sample.h and
 * docs/sample.md, the contract with mappings/ and the tests).
 *
 * Everyone lives in one of five districts; each year every inhabitant may
 * receive home care, residential care, daily activity (LSS), färdtjänst or
 * financial assistance with probabilities that depend on age and sex, one
 * row per person, service and month.  The ledger then books what those
 * services cost on their cost centres, plus the activities that are not
 * individual-based, an internal sale, fees, and a planted amount on a cost
 * centre no mapping knows.  expected.txt holds figures computed here, from
 * the generator's own counters, for the tests to check the pipeline against.
 */
#include "sample.h"
#include "calendar.h"
#include "log.h"
#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct rng {
	unsigned long long state;
};

static unsigned long long next(struct rng *r)
{
	unsigned long long z = (r->state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* uniform in [0, n) */
static long below(struct rng *r, long n)
{
	return (long)(next(r) % (unsigned long long)n);
}

/* true with probability per_million / 1e6 */
static int chance(struct rng *r, long per_million)
{
	return below(r, 1000000) < per_million;
}

struct person {
	short birth_year;
	char birth_month, birth_day;
	short serial; /* birth number NNN, parity = sex */
	char sex;     /* 1 man, 2 woman */
	char district;
	char invalid; /* planted wrong check digit */
	char no_sex;  /* planted empty sex field */
};

static const char *const districts_1252[5] = {"Norr",
                                              "S\xF6"
                                              "der",
                                              "\xD6ster", "V\xE4ster", "Centrum"};
static const char *const districts_utf8[5] = {"Norr", "Söder", "Öster", "Väster", "Centrum"};

static int age_at(const struct person *p, int y, int m, int d)
{
	int age = y - p->birth_year;

	if (m < p->birth_month || (m == p->birth_month && d < p->birth_day))
		age--;
	return age;
}

/* YYYYMMDD-NNNC with a correct (or, when planted, wrong) check digit */
static void identity_number(const struct person *p, char out[32])
{
	int digits[9], sum = 0, i, check;

	snprintf(out, 32, "%02d%02d%02d%03d", p->birth_year % 100, p->birth_month, p->birth_day,
	         p->serial);
	for (i = 0; i < 9; i++) {
		int d = (out[i] - '0') * (i % 2 == 0 ? 2 : 1);

		digits[i] = d > 9 ? d - 9 : d;
		sum += digits[i];
	}
	check = (10 - sum % 10) % 10;
	if (p->invalid)
		check = (check + 1) % 10;
	snprintf(out, 32, "%04d%02d%02d-%03d%d", p->birth_year, p->birth_month, p->birth_day,
	         p->serial, check);
}

struct totals {
	long long cost_ore[10000]; /* per cost centre, cost accounts only */
	long long unmapped_ore;
	long omsorg_records, unknown_code_records, invalid_ids, invalid_ids_ekb, ekb_records;
	long fritid_records, population_records, ledger_records;
	long long budget_ore; /* of the budget files written for the next year */
};

struct generator {
	const struct sample_options *opts;
	struct person *people;
	long count;
	struct rng rng;
	struct totals t;
	/* volumes per cost centre and month, for the ledger */
	double hours[5][12];
	long days_sb[12], days_dv[12], trips[12];
	long long ekb_ore[12];
	long youth[12][3];
};

static FILE *open_out(const char *dir, const char *name, int year)
{
	struct strbuf path = STRBUF_INIT;
	FILE *f;

	strbuf_addf(&path, "%s/inbox/", dir);
	strbuf_addf(&path, name, year);
	f = fopen(path.buf, "wb");
	if (f == NULL)
		log_error("could not create file \"%s\": %s", path.buf, strerror(errno));
	else
		setvbuf(f, NULL, _IOFBF, 1 << 20);
	strbuf_release(&path);
	return f;
}

static int close_out(FILE *f)
{
	if (ferror(f) || fclose(f) != 0) {
		log_error("could not write a sample file: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static void make_people(struct generator *g)
{
	long i;

	g->people = xcalloc((size_t)g->count, sizeof(*g->people));
	for (i = 0; i < g->count; i++) {
		struct person *p = &g->people[i];
		long age;

		/* an ageing municipality: flat to 60, thinning after */
		age = below(&g->rng, 100);
		if (age > 60 && chance(&g->rng, 350000))
			age = below(&g->rng, 60);
		p->birth_year = (short)(g->opts->years[0] - 1 - age);
		p->birth_month = (char)(1 + below(&g->rng, 12));
		p->birth_day = (char)(1 + below(&g->rng, calendar_days_in_month(p->birth_year,
		                                                                p->birth_month)));
		/* more women among the old, as in Swedish statistics */
		p->sex =
		    (char)((age >= 80 ? chance(&g->rng, 600000) : chance(&g->rng, 497000)) ? 2 : 1);
		p->serial = (short)(2 * below(&g->rng, 499) + 1 + (p->sex == 2 ? 1 : 0));
		if (p->serial > 999)
			p->serial = 998;
		p->district = (char)below(&g->rng, 5);
		p->invalid = (char)chance(&g->rng, 2000);
		p->no_sex = (char)chance(&g->rng, 10000);
	}
}

static void care_row(struct generator *g, FILE *f, const struct person *p, const char *code,
                     int org, int y, int m, const char *quantity, const char *unit)
{
	char id[32];

	identity_number(p, id);
	fprintf(f, "%s;%s;%s;%d;%04d-%02d-01;%04d-%02d-%02d;%s;%s;%s\r\n", id,
	        p->no_sex ? "" : (p->sex == 2 ? "K" : "M"), code, org, y, m, y, m,
	        calendar_days_in_month(y, m), quantity, unit, districts_1252[(int)p->district]);
	g->t.omsorg_records++;
	if (p->invalid)
		g->t.invalid_ids++;
}

static int write_omsorg(struct generator *g, int year)
{
	FILE *f = open_out(g->opts->out_dir, "omsorg_%d.csv", year);
	long i;
	int m;

	if (f == NULL)
		return -1;
	fputs(
	    "Personnummer;K\xF6n;Insatskod;Ansvar;Datum fr\xE5n;Datum tom;Antal;Enhet;Stadsdel\r\n",
	    f);
	for (i = 0; i < g->count; i++) {
		const struct person *p = &g->people[i];
		int age = age_at(p, year, 1, 1);
		bool woman = p->sex == 2;
		char q[32];

		if (age >= 65 && chance(&g->rng, woman ? 104000 : 56000)) {
			int base = 10 + (int)below(&g->rng, 50);

			for (m = 1; m <= 12; m++) {
				int tenths = base * 10 + (int)below(&g->rng, 40) - 20;

				snprintf(q, sizeof(q), "%d,%d", tenths / 10, tenths % 10);
				care_row(g, f, p, "HT", 3010 + p->district, year, m, q, "timmar");
				g->hours[(int)p->district][m - 1] += tenths / 10.0;
			}
		}
		if (age >= 80 && chance(&g->rng, woman ? 46000 : 30000)) {
			for (m = 1; m <= 12; m++) {
				int d = calendar_days_in_month(year, m);

				snprintf(q, sizeof(q), "%d", d);
				care_row(g, f, p, "SB", 3110, year, m, q, "dygn");
				g->days_sb[m - 1] += d;
			}
		}
		if (age >= 18 && age <= 64 && chance(&g->rng, woman ? 4800 : 7200)) {
			for (m = 1; m <= 12; m++) {
				int d = 15 + (int)below(&g->rng, 7);

				snprintf(q, sizeof(q), "%d", d);
				care_row(g, f, p, "DV", 3210, year, m, q, "dagar");
				g->days_dv[m - 1] += d;
			}
		}
		if (chance(&g->rng, age >= 65 ? 90000 : 12000)) {
			for (m = 1; m <= 12; m++) {
				int trips = 2 + (int)below(&g->rng, 19);

				snprintf(q, sizeof(q), "%d", trips);
				care_row(g, f, p, "FT", 3050, year, m, q, "resor");
				g->trips[m - 1] += trips;
			}
		}
		if (chance(&g->rng, 1000)) {
			/* a service code no mapping knows: unmapped, planted */
			care_row(g, f, p, "XX", 3010 + p->district, year,
			         1 + (int)below(&g->rng, 12), "1", "st");
			g->t.unknown_code_records++;
		}
	}
	return close_out(f);
}

static int write_ekbistand(struct generator *g, int year)
{
	FILE *f = open_out(g->opts->out_dir, "ekbistand_%d.xml", year);
	long i, households = 0;
	int m;

	if (f == NULL)
		return -1;
	fprintf(f,
	        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
	        "<!-- Exempelby kommun: utbetalningar av ekonomiskt bist\xE5nd %d (fiktiva data) "
	        "-->\n<Utbetalningar kommun=\"0999\" ar=\"%d\">\n",
	        year, year);
	for (i = 0; i < g->count; i++) {
		const struct person *p = &g->people[i];
		int age = age_at(p, year, 1, 1), payments, first;
		char id[32], co[32];

		if (age < 18 || age > 64 || !chance(&g->rng, 30000))
			continue;
		identity_number(p, id);
		fprintf(f, "  <Hushall id=\"H%06ld\" ansvar=\"2010\">\n    <Sokande>%s</Sokande>\n",
		        ++households, id);
		if (chance(&g->rng, 300000)) {
			/* a co-applicant: another adult of the municipality */
			long j = below(&g->rng, g->count);
			int tries = 0;

			while (tries++ < 20 && (age_at(&g->people[j], year, 1, 1) < 18 ||
			                        g->people[j].sex == p->sex))
				j = below(&g->rng, g->count);
			identity_number(&g->people[j], co);
			fprintf(f, "    <Medsokande>%s</Medsokande>\n", co);
			if (g->people[j].invalid)
				g->t.invalid_ids_ekb++;
		}
		if (p->invalid)
			g->t.invalid_ids_ekb++;
		payments = 1 + (int)below(&g->rng, 12);
		first = 1 + (int)below(&g->rng, 13 - payments);
		for (m = first; m < first + payments; m++) {
			long ore = 300000 + below(&g->rng, 600000);

			fprintf(
			    f,
			    "    <Utbetalning datum=\"%04d-%02d-25\">\n      <Insats>EKB</Insats>\n"
			    "      <Belopp>%ld,%02ld</Belopp>\n    </Utbetalning>\n",
			    year, m, ore / 100, ore % 100);
			g->ekb_ore[m - 1] += ore;
			g->t.ekb_records++;
		}
		fputs("  </Hushall>\n", f);
	}
	fputs("</Utbetalningar>\n", f);
	return close_out(f);
}

static int write_fritidsgard(struct generator *g, int year)
{
	FILE *f = open_out(g->opts->out_dir, "fritidsgard_%d.csv", year);
	long young[3] = {0, 0, 0}, i;
	int m;

	if (f == NULL)
		return -1;
	for (i = 0; i < g->count; i++) {
		int age = age_at(&g->people[i], year, 1, 1);

		if (age >= 13 && age <= 19)
			young[g->people[i].sex == 2 ? 0 : 1]++;
	}
	fputs("\xEF\xBB\xBFMånad;Ansvar;Verksamhet;Flickor;Pojkar;Okänt\n", f);
	for (m = 1; m <= 12; m++) {
		/* boys visit youth centres more often than girls */
		long girls = young[0] * (2 + below(&g->rng, 3)) / 10;
		long boys = young[1] * (4 + below(&g->rng, 3)) / 10;
		long unknown = (girls + boys) / 50;

		fprintf(f, "%04d-%02d;4010;3500;%ld;%ld;%ld\n", year, m, girls, boys, unknown);
		g->youth[m - 1][0] = girls;
		g->youth[m - 1][1] = boys;
		g->youth[m - 1][2] = unknown;
		g->t.fritid_records++;
	}
	return close_out(f);
}

static int write_befolkning(struct generator *g, int year)
{
	FILE *f = open_out(g->opts->out_dir, "befolkning_%d.csv", year);
	static long counts[2][101][5];
	long i;
	int s, a, d;

	if (f == NULL)
		return -1;
	memset(counts, 0, sizeof(counts));
	for (i = 0; i < g->count; i++) {
		const struct person *p = &g->people[i];
		int age = age_at(p, year - 1, 12, 31);

		if (age < 0)
			continue;
		counts[p->sex - 1][age > 100 ? 100 : age][(int)p->district]++;
	}
	fputs("År;Kön;Ålder;Antal;Område\n", f);
	for (s = 0; s < 2; s++)
		for (a = 0; a <= 100; a++)
			for (d = 0; d < 5; d++)
				if (counts[s][a][d]) {
					fprintf(f, "%d;%d;%d;%ld;%s\n", year, s + 1, a,
					        counts[s][a][d], districts_utf8[d]);
					g->t.population_records++;
				}
	return close_out(f);
}

/* --- the ledger ------------------------------------------------------------ */

struct booking {
	int account, org, activity;
	long long ore;
	const char *text;
};

enum ledger_format { LEDGER_SIE4, LEDGER_SIE5 };

struct ledger {
	FILE *f;
	enum ledger_format format;
	iconv_t to_pc8; /* SIE 4 texts are CP437 ("PC8") */
};

/* A text in the ledger's encoding, quoted for SIE 4 or escaped for XML. */
static void put_text(struct ledger *l, const char *text)
{
	char out[512], *op = out, *ip = (char *)text;
	size_t il = strlen(text), ol = sizeof(out) - 1;

	if (l->format == LEDGER_SIE5) {
		for (; *text; text++) {
			if (*text == '&')
				fputs("&amp;", l->f);
			else if (*text == '<')
				fputs("&lt;", l->f);
			else if (*text == '"')
				fputs("&quot;", l->f);
			else
				fputc(*text, l->f);
		}
		return;
	}
	iconv(l->to_pc8, NULL, NULL, NULL, NULL);
	if (iconv(l->to_pc8, &ip, &il, &op, &ol) == (size_t)-1)
		op = out;
	*op = '\0';
	fputc('"', l->f);
	for (op = out; *op; op++) {
		if (*op == '"')
			fputc('\\', l->f);
		fputc(*op, l->f);
	}
	fputc('"', l->f);
}

static void amount(FILE *f, long long ore)
{
	fprintf(f, "%s%lld.%02lld", ore < 0 ? "-" : "", llabs(ore) / 100, llabs(ore) % 100);
}

/* One balanced voucher: the bookings and the counter-entry on the bank.
 * The first voucher of each month also carries a row that was removed
 * (#BTRANS) or struck out (Overstrike): never part of the ledger. */
static void book(struct generator *g, struct ledger *l, int year, int month, int voucher,
                 const struct booking *b, int n)
{
	long long total = 0;
	int i;

	if (l->format == LEDGER_SIE4) {
		fprintf(l->f, "#VER A %d %04d%02d28 ", voucher, year, month);
		put_text(l, b[0].text);
		fputs("\n{\n", l->f);
	} else {
		fprintf(l->f, "    <JournalEntry id=\"%d\" journalDate=\"%04d-%02d-28\" text=\"",
		        voucher, year, month);
		put_text(l, b[0].text);
		fputs("\">\n", l->f);
	}
	for (i = 0; i < n; i++) {
		if (b[i].ore == 0)
			continue;
		if (l->format == LEDGER_SIE4) {
			fprintf(l->f, "#TRANS %d {1 \"%d\" 20 \"%d\"} ", b[i].account, b[i].org,
			        b[i].activity);
			amount(l->f, b[i].ore);
			fputs(" \"\" ", l->f);
			put_text(l, b[i].text);
			fputc('\n', l->f);
		} else {
			fprintf(l->f, "      <LedgerEntry accountId=\"%d\" amount=\"",
			        b[i].account);
			amount(l->f, b[i].ore);
			fprintf(l->f,
			        "\">\n        <ObjectReference dimId=\"1\" objectId=\"%d\" />\n"
			        "        <ObjectReference dimId=\"20\" objectId=\"%d\" />\n"
			        "      </LedgerEntry>\n",
			        b[i].org, b[i].activity);
		}
		g->t.ledger_records++;
		total += b[i].ore;
		if (b[i].account >= 4000 && b[i].account <= 7999) {
			if (b[i].org == 9990)
				g->t.unmapped_ore += b[i].ore;
			else
				g->t.cost_ore[b[i].org] += b[i].ore;
		}
	}
	if (l->format == LEDGER_SIE4) {
		if (voucher % 6 == 1)
			fprintf(l->f,
			        "#BTRANS 5010 {1 \"%d\" 20 \"%d\"} 999.00 %04d%02d28 \"\" \"\" "
			        "\"sample\"\n",
			        b[0].org, b[0].activity, year, month);
		fputs("#TRANS 1930 {} ", l->f);
		amount(l->f, -total);
		fputs("\n}\n", l->f);
	} else {
		if (voucher % 6 == 1)
			fprintf(l->f,
			        "      <LedgerEntry accountId=\"5010\" amount=\"999.00\">\n"
			        "        <ObjectReference dimId=\"1\" objectId=\"%d\" />\n"
			        "        <Overstrike date=\"%04d-%02d-28\" by=\"sample\" />\n"
			        "      </LedgerEntry>\n",
			        b[0].org, year, month);
		fputs("      <LedgerEntry accountId=\"1930\" amount=\"", l->f);
		amount(l->f, -total);
		fputs("\" />\n    </JournalEntry>\n", l->f);
	}
	g->t.ledger_records++;
}

static void ledger_begin(struct ledger *l, int year)
{
	if (l->format == LEDGER_SIE4) {
		fprintf(l->f,
		        "#FLAGGA 0\n#PROGRAM \"gbetl sample\" 1.0\n#FORMAT PC8\n"
		        "#GEN %04d0115\n#SIETYP 4\n#FNAMN ",
		        year + 1);
		put_text(l, "Exempelby kommun");
		fprintf(l->f, "\n#RAR 0 %04d0101 %04d1231\n#RAR -1 %04d0101 %04d1231\n#DIM 1 ",
		        year, year, year - 1, year - 1);
		put_text(l, "Kostnadsställe");
		fputs("\n#DIM 20 ", l->f);
		put_text(l, "Verksamhet");
		fputs("\n#KONTO 5010 ", l->f);
		put_text(l, "Löner");
		fputs("\n#KTYP 5010 K\n#PROSA ", l->f);
		put_text(l, "Fiktiva data");
		fputc('\n', l->f);
	} else {
		fprintf(
		    l->f,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<Sie xmlns=\"http://www.sie.se/sie5\">\n"
		    "  <FileInfo>\n    <SoftwareProduct name=\"gbetl sample\" version=\"1.0\" />\n"
		    "    <FileCreation time=\"%04d-01-15T00:00:00Z\" by=\"gbetl\" />\n"
		    "    <Company organizationId=\"212000-0000\" name=\"Exempelby kommun\" />\n"
		    "    <FiscalYears>\n      <FiscalYear start=\"%04d-01\" end=\"%04d-12\" "
		    "primary=\"true\" />\n"
		    "    </FiscalYears>\n    <AccountingCurrency currency=\"SEK\" />\n  "
		    "</FileInfo>\n"
		    "  <Accounts>\n    <Account id=\"5010\" name=\"Löner\" type=\"cost\" />\n  "
		    "</Accounts>\n"
		    "  <Dimensions>\n    <Dimension id=\"1\" name=\"Kostnadsställe\" />\n"
		    "    <Dimension id=\"20\" name=\"Verksamhet\" />\n  </Dimensions>\n"
		    "  <Journal id=\"A\" name=\"Huvudbok\">\n",
		    year + 1, year, year);
	}
}

static void ledger_end(struct ledger *l)
{
	if (l->format == LEDGER_SIE5)
		fputs("  </Journal>\n</Sie>\n", l->f);
}

static int write_ledger(struct generator *g, int year, bool sie4)
{
	struct ledger l;
	long scale = g->count / 1000 + 1; /* fixed costs grow with the municipality */
	int m, d, voucher = 0;

	l.format = sie4 ? LEDGER_SIE4 : LEDGER_SIE5;
	l.f = open_out(g->opts->out_dir, sie4 ? "huvudbok_%d.se" : "huvudbok_%d.sie", year);
	if (l.f == NULL)
		return -1;
	l.to_pc8 = iconv_open("CP437", "UTF-8");
	ledger_begin(&l, year);
	for (m = 0; m < 12; m++) {
		for (d = 0; d < 5; d++) {
			long long cost = (long long)(g->hours[d][m] * 60000.0);
			struct booking b[] = {
			    {5010, 3010 + d, 5101, cost * 80 / 100, "Löner hemtjänst"},
			    {4010, 3010 + d, 5101, cost * 5 / 100, "Material hemtjänst"},
			    {7010, 3010 + d, 5101, cost - cost * 85 / 100, "Lokaler hemtjänst"},
			    {3510, 3010 + d, 5101, -cost * 4 / 100, "Avgifter hemtjänst"},
			};

			book(g, &l, year, m + 1, ++voucher, b, 4);
		}
		{
			long long sb = (long long)g->days_sb[m] * 250000,
			          dv = (long long)g->days_dv[m] * 120000;
			long long ft = (long long)g->trips[m] * 25000, ekb = g->ekb_ore[m];
			struct booking b[] = {
			    {5010, 3110, 5102, sb * 85 / 100, "Löner särskilt boende"},
			    {7010, 3110, 5102, sb - sb * 85 / 100, "Lokaler särskilt boende"},
			    {5010, 3210, 5130, dv, "Löner daglig verksamhet"},
			    {6410, 3050, 5300, ft, "Färdtjänstresor"},
			    {4590, 2010, 5750, ekb, "Ekonomiskt bistånd"},
			    {5010, 2010, 5750, ekb * 15 / 100, "Handläggning ekonomiskt bistånd"},
			    {5010, 4010, 3500, 21000 * scale * 100, "Löner fritidsgård"},
			    {5010, 4020, 3200, 30000 * scale * 100, "Löner bibliotek"},
			    {6410, 5010, 2500, 25000 * scale * 100, "Parkskötsel"},
			    {6410, 5020, 2490, 40000 * scale * 100, "Gatuunderhåll"},
			    {5010, 1010, 1000, 35000 * scale * 100, "Löner kommunledning"},
			    {3910, 1010, 1000, -5000 * scale * 100, "Intern försäljning"},
			    {6410, 9990, 1000, 1234567 + 1000 * scale, "Okänt ansvar"},
			};

			book(g, &l, year, m + 1, ++voucher, b, 13);
		}
	}
	ledger_end(&l);
	if (l.to_pc8 != (iconv_t)-1)
		iconv_close(l.to_pc8);
	return close_out(l.f);
}

/* The activity and the committee (in the budget year) of each cost centre
 * the ledger books on; 9990 (unmapped) has no budget. */
static const struct {
	int org, activity;
	const char *committee;
} budget_units[] = {{1010, 1000, "KS"},  {2010, 5750, "SOC"}, {3010, 5101, "VON"},
                    {3011, 5101, "VON"}, {3012, 5101, "VON"}, {3013, 5101, "VON"},
                    {3014, 5101, "VON"}, {3050, 5300, "VON"}, {3110, 5102, "VON"},
                    {3210, 5130, "SOC"}, {4010, 3500, "KFN"}, {4020, 3200, "KFN"},
                    {5010, 2500, "TEK"}, {5020, 2490, "TEK"}};

/* The budget of `year` in SIE 4, #PBUDGET rows per month: the year before's
 * cost per cost centre plus 3 %, on salaries (5010), and home care's fees
 * (3510, revenue: not part of the cost budget) — budget_YEAR.se. */
static int write_budget_sie4(struct generator *g, int year)
{
	struct ledger l;
	size_t i;
	int m;

	l.format = LEDGER_SIE4;
	l.f = open_out(g->opts->out_dir, "budget_%d.se", year);
	if (l.f == NULL)
		return -1;
	l.to_pc8 = iconv_open("CP437", "UTF-8");
	fprintf(l.f,
	        "#FLAGGA 0\n#PROGRAM \"gbetl sample\" 1.0\n#FORMAT PC8\n#GEN %04d1115\n"
	        "#SIETYP 4\n#FNAMN ",
	        year - 1);
	put_text(&l, "Exempelby kommun");
	fprintf(l.f, "\n#RAR 0 %04d0101 %04d1231\n#DIM 1 ", year, year);
	put_text(&l, "Kostnadsställe");
	fputs("\n#DIM 20 ", l.f);
	put_text(&l, "Verksamhet");
	fputc('\n', l.f);
	for (i = 0; i < sizeof(budget_units) / sizeof(budget_units[0]); i++) {
		long long cost = g->t.cost_ore[budget_units[i].org] * 103 / 100 / 100 * 100;
		long long year_total = 0;

		for (m = 1; m <= 12; m++) {
			long long month = m < 12 ? cost / 12 : cost - year_total;

			year_total += month;
			fprintf(l.f, "#PBUDGET 0 %04d%02d 5010 {1 \"%d\" 20 \"%d\"} ", year, m,
			        budget_units[i].org, budget_units[i].activity);
			amount(l.f, month);
			fputc('\n', l.f);
			if (budget_units[i].activity == 5101) {
				fprintf(l.f, "#PBUDGET 0 %04d%02d 3510 {1 \"%d\" 20 \"%d\"} ", year,
				        m, budget_units[i].org, budget_units[i].activity);
				amount(l.f, -month * 4 / 100);
				fputc('\n', l.f);
			}
		}
		g->t.budget_ore += cost;
	}
	if (l.to_pc8 != (iconv_t)-1)
		iconv_close(l.to_pc8);
	return close_out(l.f);
}

/* The budget of `year` as finance keeps it (budget_YEAR.csv): per committee
 * and activity, the year before's cost plus 2 % ("Budget YEAR"), and a
 * supplementary budget for home care, 2 % more ("Tilläggsbudget 1"). */
static int write_budget_csv(struct generator *g, int year)
{
	FILE *f = open_out(g->opts->out_dir, "budget_%d.csv", year);
	long long home_care = 0;
	size_t i, j;

	if (f == NULL)
		return -1;
	fputs("År;Månad;Nämnd;Verksamhet;Konto;Belopp;Version\n", f);
	for (i = 0; i < sizeof(budget_units) / sizeof(budget_units[0]); i++) {
		long long cost = 0;
		bool first = true;

		for (j = 0; j < i; j++)
			if (budget_units[j].activity == budget_units[i].activity &&
			    strcmp(budget_units[j].committee, budget_units[i].committee) == 0)
				first = false;
		if (!first)
			continue;
		for (j = i; j < sizeof(budget_units) / sizeof(budget_units[0]); j++)
			if (budget_units[j].activity == budget_units[i].activity &&
			    strcmp(budget_units[j].committee, budget_units[i].committee) == 0)
				cost += g->t.cost_ore[budget_units[j].org];
		cost = cost * 102 / 100 / 100000 * 100000; /* whole thousands of kronor */
		if (budget_units[i].activity == 5101)
			home_care = cost;
		fprintf(f, "%d;;%s;%d;;%lld,00;Budget %d\n", year, budget_units[i].committee,
		        budget_units[i].activity, cost / 100, year);
		g->t.budget_ore += cost;
	}
	home_care = home_care * 2 / 100 / 100000 * 100000;
	fprintf(f, "%d;;VON;5101;;%lld,00;Tilläggsbudget 1\n", year, home_care / 100);
	g->t.budget_ore += home_care;
	return close_out(f);
}

static int write_expected(struct generator *g, int year, FILE *f)
{
	int org;

	fprintf(f, "year %d\n", year);
	fprintf(f, "omsorg_records %ld\nunknown_service_code_records %ld\n", g->t.omsorg_records,
	        g->t.unknown_code_records);
	fprintf(f, "ekbistand_records %ld\nfritidsgard_records %ld\npopulation_records %ld\n",
	        g->t.ekb_records, g->t.fritid_records, g->t.population_records);
	fprintf(f, "invalid_identity_numbers_omsorg %ld\ninvalid_identity_numbers_ekbistand %ld\n",
	        g->t.invalid_ids, g->t.invalid_ids_ekb);
	fprintf(f, "ledger_records %ld\n", g->t.ledger_records);
	fprintf(f, "unmapped_ledger_cost_ore %lld\n", g->t.unmapped_ore);
	if (g->t.budget_ore)
		fprintf(f, "budget_next_year_ore %lld\n", g->t.budget_ore);
	for (org = 0; org < 10000; org++)
		if (g->t.cost_ore[org])
			fprintf(f, "ledger_cost_ore %d %lld\n", org, g->t.cost_ore[org]);
	return 0;
}

int sample_write(const struct sample_options *opts)
{
	struct generator *g = xcalloc(1, sizeof(*g));
	struct strbuf path = STRBUF_INIT;
	FILE *expected = NULL;
	int i, rc = -1;

	g->opts = opts;
	g->count = opts->inhabitants;
	g->rng.state = opts->seed;
	strbuf_addf(&path, "%s/inbox", opts->out_dir);
	if ((mkdir(opts->out_dir, 0755) != 0 && errno != EEXIST) ||
	    (mkdir(path.buf, 0755) != 0 && errno != EEXIST)) {
		log_error("could not create directory \"%s\": %s", path.buf, strerror(errno));
		goto out;
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/expected.txt", opts->out_dir);
	expected = fopen(path.buf, "w");
	if (expected == NULL) {
		log_error("could not create file \"%s\": %s", path.buf, strerror(errno));
		goto out;
	}
	fprintf(expected,
	        "# figures of the sample municipality, from the generator itself\n"
	        "inhabitants %ld\nseed %llu\n",
	        opts->inhabitants, opts->seed);
	make_people(g);
	for (i = 0; i < opts->year_count; i++) {
		int year = opts->years[i];

		memset(&g->t, 0, sizeof(g->t));
		memset(g->hours, 0, sizeof(g->hours));
		memset(g->days_sb, 0, sizeof(g->days_sb));
		memset(g->days_dv, 0, sizeof(g->days_dv));
		memset(g->trips, 0, sizeof(g->trips));
		memset(g->ekb_ore, 0, sizeof(g->ekb_ore));
		if (write_befolkning(g, year) != 0 || write_omsorg(g, year) != 0 ||
		    write_ekbistand(g, year) != 0 || write_fritidsgard(g, year) != 0 ||
		    write_ledger(g, year, i == 0) != 0)
			goto out;
		/* budgets for the next year: SIE 4 after the first year, a budget
		 * file with a supplementary budget after the second */
		if (i + 1 < opts->year_count && i == 0 && write_budget_sie4(g, opts->years[1]) != 0)
			goto out;
		if (i == 1 && write_budget_csv(g, year + 1) != 0)
			goto out;
		write_expected(g, year, expected);
	}
	rc = 0;
out:
	if (expected && fclose(expected) != 0)
		rc = -1;
	free(g->people);
	free(g);
	strbuf_release(&path);
	return rc;
}
