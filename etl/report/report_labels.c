/*
 * report_labels.c — the words of the report and of gbetl impact, Swedish
 * and English (see report_labels.h).
 */
#include "report_labels.h"

#include <string.h>

static const char *const labels[L_COUNT][2] = {
    [L_TITLE] = {"Jämställdhetsbudget", "Gender budget"},
    [L_KICKER] = {"Kostnaden för kvinnor och män", "The cost of services to women and men"},
    [L_MUNICIPALITY] = {"Kommun", "Municipality"},
    [L_YEAR] = {"År", "Year"},
    [L_DATE] = {"Datum", "Date"},
    [L_STATUS] = {"Status", "Status"},
    [L_OPEN] = {"Preliminär", "Preliminary"},
    [L_OPEN_DETAIL] = {"året är öppet; uppgifterna avser data inlästa till och med %s",
                       "the year is open; the figures rest on data imported up to %s"},
    [L_CLOSED] = {"Fastställd", "Adopted"},
    [L_CLOSED_DETAIL] = {"version %s, året stängdes %s av %s",
                         "version %s, the year was closed on %s by %s"},
    [L_REOPENED] = {"Året har öppnats igen efter version %s.",
                    "The year was reopened after version %s."},
    [L_VERSION] = {"version %s", "version %s"},
    [L_PRELIMINARY] = {"preliminär", "preliminary"},
    [L_SUPPRESSED] = {"Antal personer under %d visas inte (röjandeskydd): är ett antal i en rad "
                      "mellan 1 och %d döljs radens alla antal och allt som kan räknas fram ur "
                      "dem (visas som ..).",
                      "Counts of people under %d are not shown (disclosure control): when a "
                      "count in a row is from 1 to %d, all counts of the row and every figure "
                      "computed from them are hidden (shown as ..)."},
    [L_SUMMARY] = {"Sammanfattning för hela kommunen", "Summary for the whole municipality"},
    [L_SUMMARY_LEAD] = {"Kostnaden för %s %s var %s. Av den del som kunde fördelas på kvinnor "
                        "och män gick %s till kvinnor; kvinnor är %s av befolkningen.",
                        "The cost of %s in %s was %s. Of the part that could be split between "
                        "women and men, %s went to women; women are %s of the population."},
    [L_SUMMARY_NO_SPLIT] = {"Kostnaden för %s %s var %s. Inget av den kunde fördelas på "
                            "kvinnor och män.",
                            "The cost of %s in %s was %s. None of it could be split between "
                            "women and men."},
    [L_PART] = {"Del", "Part"},
    [L_SEX] = {"Kön", "Sex"},
    [L_PART_UNKNOWN] = {"Okänt kön", "Unknown sex"},
    [L_PART_NOT_INDIVIDUAL] = {"Ej individbaserat", "Not individual-based"},
    [L_PART_UNALLOCATED] = {"Ej fördelat", "Unallocated"},
    [L_PART_TOTAL] = {"Totalt", "Total"},
    [L_COST_SEK] = {"Kostnad (kr)", "Cost (SEK)"},
    [L_SHARE_OF_TOTAL] = {"Andel av kostnaden", "Share of the cost"},
    [L_PER_INHABITANT] = {"Kostnad per invånare", "Cost per inhabitant"},
    [L_POPULATION] = {"Befolkning", "Population"},
    [L_COST_PER_INHABITANT] = {"Kostnad per invånare (kr)", "Cost per inhabitant (SEK)"},
    [L_COMMITTEES_BY_COST] = {"Nämnderna, efter kostnad", "The committees, by cost"},
    [L_COMMITTEE] = {"Nämnd", "Committee"},
    [L_COMMITTEE_NAME] = {"Nämndens namn", "Committee name"},
    [L_ACTIVITY] = {"Verksamhet", "Activity"},
    [L_ACTIVITY_NAME] = {"Verksamhetens namn", "Activity name"},
    [L_METHOD] = {"Fördelningsmetod", "Method"},
    [L_TOTAL] = {"Kostnad totalt (kr)", "Total cost (SEK)"},
    [L_WOMEN] = {"Kvinnor", "Women"},
    [L_MEN] = {"Män", "Men"},
    [L_WOMEN_SEK] = {"Kvinnor (kr)", "Women (SEK)"},
    [L_MEN_SEK] = {"Män (kr)", "Men (SEK)"},
    [L_UNKNOWN] = {"Okänt kön (kr)", "Unknown sex (SEK)"},
    [L_NOT_INDIVIDUAL] = {"Ej individbaserat (kr)", "Not individual-based (SEK)"},
    [L_UNALLOCATED] = {"Ej fördelat (kr)", "Unallocated (SEK)"},
    [L_OTHER_SEK] = {"Övrigt (kr)", "Other (SEK)"},
    [L_SHARE] = {"Kvinnors andel (%)", "Women's share (%)"},
    [L_BAND] = {"Balans", "Balance"},
    [L_SHARE_CHANGE] = {"Kvinnors andel, förändring (procentenheter)",
                        "Women's share, change (percentage points)"},
    [L_COST_CHANGE] = {"Kostnad, förändring (%)", "Cost, change (%)"},
    [L_COMMITTEE_LEAD] = {"Kostnad %s. Kvinnors andel av den kostnad som fördelats på kvinnor "
                          "och män: %s (%s).",
                          "Cost %s. Women's share of the cost split between women and men: %s "
                          "(%s)."},
    [L_COMMITTEE_LEAD_NO_SPLIT] = {"Kostnad %s. Inget av den fördelas på kvinnor och män.",
                                   "Cost %s. None of it is split between women and men."},
    [L_COST_TABLE] = {"Kostnad per verksamhet", "Cost by activity"},
    [L_RECIPIENT_TABLE] = {"Brukare, kostnad och volym per brukare",
                           "Recipients, cost and volume per recipient"},
    [L_POPULATION_TABLE] = {"Jämfört med befolkningen i verksamhetens åldersgrupp och med året "
                            "före",
                            "Against the population of the activity's age band and the year "
                            "before"},
    [L_CSV_REC_WOMEN] = {"Brukare kvinnor", "Recipients, women"},
    [L_CSV_REC_MEN] = {"Brukare män", "Recipients, men"},
    [L_REC_WOMEN] = {"Brukare eller besök, kvinnor", "Recipients or visits, women"},
    [L_REC_MEN] = {"Brukare eller besök, män", "Recipients or visits, men"},
    [L_CPR_WOMEN] = {"Kostnad per brukare, kvinnor (kr)", "Cost per recipient, women (SEK)"},
    [L_CPR_MEN] = {"Kostnad per brukare, män (kr)", "Cost per recipient, men (SEK)"},
    [L_VPR_WOMEN] = {"Volym per brukare, kvinnor", "Volume per recipient, women"},
    [L_VPR_MEN] = {"Volym per brukare, män", "Volume per recipient, men"},
    [L_CPI_WOMEN] = {"Kostnad per invånare, kvinnor (kr)", "Cost per inhabitant, women (SEK)"},
    [L_CPI_MEN] = {"Kostnad per invånare, män (kr)", "Cost per inhabitant, men (SEK)"},
    [L_POP_SHARE] = {"Kvinnors andel av befolkningen (%)", "Women's share of the population (%)"},
    [L_INDEX] = {"Representationsindex kvinnor", "Representation index, women"},
    [L_NOTE_VOLUME] = {"Metoden volym fördelar kostnaden efter volymen (timmar, dygn): "
                       "kostnaden per timme eller dygn är därför lika för kvinnor och män; en "
                       "skillnad i kostnad per brukare kommer av volymen per brukare.",
                       "The volume method splits the cost by volume (hours, days): the cost "
                       "per hour or day is therefore equal for women and men; a difference in "
                       "cost per recipient comes from the volume per recipient."},
    [L_NOTE_HEADCOUNT] = {"Metoden antal brukare fördelar kostnaden lika per brukare: kostnaden "
                          "per brukare är därför lika för kvinnor och män och är inget resultat.",
                          "The headcount method splits the cost equally per recipient: the "
                          "cost per recipient is therefore equal for women and men and is no "
                          "finding."},
    [L_NOTE_AGGREGATE] = {"Metoden besök fördelar kostnaden efter antal besök: för dessa "
                          "verksamheter visas besök i stället för brukare, och kostnaden per "
                          "besök är lika för kvinnor och män.",
                          "The visits method splits the cost by the number of visits: for these "
                          "activities visits are shown instead of recipients, and the cost per "
                          "visit is equal for women and men."},
    [L_NOTE_OTHER] = {"Verksamheter som inte är individbaserade eller inte är mappade visas "
                      "bara i kostnadstabellen.",
                      "Activities that are not individual-based or not mapped are shown in "
                      "the cost table only."},
    [L_CHART_SHARES] = {"Kvinnors och mäns andel av kostnaden per nämnd",
                        "Women's and men's share of the cost by committee"},
    [L_CHART_SHARES_ACTIVITY] = {"Kvinnors och mäns andel av kostnaden per verksamhet",
                                 "Women's and men's share of the cost by activity"},
    [L_CHART_YEARS] = {"Kvinnors och mäns andel av kostnaden per år, %s",
                       "Women's and men's share of the cost by year, %s"},
    [L_CHART_AXIS] = {"Andel av kostnaden som fördelats på kvinnor och män (%)",
                      "Share of the cost split between women and men (%)"},
    [L_CHART_YEAR_AXIS] = {"År", "Year"},
    [L_CHART_BAND] = {"40–60 %", "40–60%"},
    [L_CHART_ALT_SHARE] = {"%s: kvinnor %s", "%s: women %s"},
    [L_RECON] = {"Avstämning mot huvudboken", "Reconciliation with the ledger"},
    [L_RECON_LEAD] = {"Kostnaden enligt huvudboken mot summan av alla delar, i kronor och öre.",
                      "The ledger cost against the sum of all parts, in kronor and öre."},
    [L_LEDGER] = {"Kostnad enligt huvudbok (kr)", "Ledger cost (SEK)"},
    [L_ALLOCATED] = {"Fördelat (kr)", "Allocated (SEK)"},
    [L_DIFFERENCE] = {"Differens (kr)", "Difference (SEK)"},
    [L_QUALITY] = {"Datakvalitet", "Data quality"},
    [L_SOURCE] = {"Källa", "Source"},
    [L_FILE] = {"Fil", "File"},
    [L_READ] = {"Poster", "Records"},
    [L_REJECTED] = {"Avvisade", "Rejected"},
    [L_COVERAGE] = {"Andel med känt kön (%)", "Share with known sex (%)"},
    [L_HIDDEN] = {"Dold (röjandeskydd)", "Suppressed (disclosure control)"},
    [L_YES] = {"ja", "yes"},
    [L_COST_BASIS] = {"Kostnadsbas", "Cost basis"},
    [L_VOLUME_WOMEN] = {"Volym kvinnor", "Volume, women"},
    [L_VOLUME_MEN] = {"Volym män", "Volume, men"},
    [L_UNIT] = {"Enhet", "Unit"},
    [L_POP_WOMEN] = {"Befolkning kvinnor", "Population, women"},
    [L_POP_MEN] = {"Befolkning män", "Population, men"},
    [L_WHOLE_MUNICIPALITY] = {"Hela kommunen", "The whole municipality"},
    [L_UNMAPPED_COMMITTEE] = {"Kostnad utan nämnd (ej mappad)",
                              "Cost with no committee (unmapped)"},
    [L_UNMAPPED_ACTIVITY] = {"Ej mappad verksamhet", "Unmapped activity"},
    [L_PAGE] = {"Sida", "Page"},
    [L_PAGE_OF] = {"av", "of"},
    [L_MADE_BY] = {"Framställd med gbetl %s den %s.", "Produced with gbetl %s on %s."},
    [L_BASIS] = {"Kostnadsbas", "Cost basis"},
    [L_BASIS_DETAIL] = {"%s (cost_basis = %s)", "%s (cost_basis = %s)"},
    [L_REMAINDER] = {"direkt fördelade verksamheter: %s (direct_remainder = %s)",
                     "direct activities: %s (direct_remainder = %s)"},
    [L_RULES] = {"Fördelningsregler", "Mapping rules"},
    [L_RULES_DETAIL] = {"version %s (SHA-256 %s…), inlästa %s",
                        "version %s (SHA-256 %s…), loaded %s"},
    [L_RULES_NONE] = {"inga inlästa", "none loaded"},
    [L_DETAIL] = {"Kvinnors andel efter åldersgrupp och område",
                  "Women's share by age band and district"},
    [L_DETAIL_LEAD] = {"Varje verksamhets kostnad fördelad på brukarnas åldersgrupper och "
                       "områden; delarna summerar till verksamhetens kostnad. Åldersgrupper och "
                       "områden med få brukare visas tillsammans som övriga (dolda), aldrig en "
                       "ensam dold del. Fördelningen per enhet finns i "
                       "gbetl-%s-fordelning.csv.",
                       "Each activity's cost split over its recipients' age bands and "
                       "districts; the parts sum to the activity's cost. Age bands and "
                       "districts with few recipients are shown together as others (hidden), "
                       "never one hidden part alone. The split by unit is in "
                       "gbetl-%s-fordelning.csv."},
    [L_BY_AGE_BAND] = {"Efter åldersgrupp", "By age band"},
    [L_BY_DISTRICT] = {"Efter område", "By district"},
    [L_NEED_SHARES] = {"Kvinnors andel %s, åldersstandardiserad %s.",
                       "Women's share %s, age-standardised %s."},
    [L_NEED_SHARE_CRUDE] = {"Kvinnors andel %s.", "Women's share %s."},
    [L_TARGET_BALANCE] = {"Mål: jämn fördelning, 40–60 %% till kvinnor — %s.",
                          "Target: balance, 40–60%% to women — %s."},
    [L_TARGET_NEED] = {"Mål: efter behov, den åldersstandardiserade andelen högst %s "
                       "procentenheter från 50 %% — %s.",
                       "Target: by need, the age-standardised share at most %s percentage "
                       "points from 50%% — %s."},
    [L_TARGET_NONE] = {"Inget mål för verksamheten.", "No target for the activity."},
    [L_TARGET_MET] = {"uppfyllt", "met"},
    [L_TARGET_NOT_MET] = {"inte uppfyllt", "not met"},
    [L_TARGET_UNKNOWN] = {"kan inte bedömas", "cannot be judged"},
    [L_CSV_TARGET] = {"Mål", "Target"},
    [L_CSV_STD_SHARE] = {"Kvinnors andel åldersstandardiserad (%)",
                         "Women's share age-standardised (%)"},
    [L_CSV_TARGET_MET] = {"Målet uppfyllt", "Target met"},
    [L_IMPACT_TITLE] = {"Könskonsekvensanalys, budgetåret %s",
                        "Gender impact assessment, budget year %s"},
    [L_IMPACT_BASE] = {"Utgångsläge: utfallet %s.", "Baseline: the outcome of %s."},
    [L_IMPACT_CHANGE] = {"Förändring, kr", "Change, SEK"},
    [L_IMPACT_UNKNOWN_NOT_IND] = {"Därtill okänt kön %s kr, ej individbaserat %s kr.",
                                  "Also unknown sex SEK %s, not individual-based SEK %s."},
    [L_IMPACT_VOLUME] = {"Volym, %s", "Volume, %s"},
    [L_IMPACT_RECIPIENTS] = {"Mottagare", "Recipients"},
    [L_IMPACT_PER_INH_BEFORE] = {"Kostnad per invånare, kr, före",
                                 "Cost per inhabitant, SEK, before"},
    [L_IMPACT_PER_INH_AFTER] = {"Kostnad per invånare, kr, efter",
                                "Cost per inhabitant, SEK, after"},
    [L_IMPACT_SHARE] = {"Kvinnors andel av verksamhetens kostnad",
                        "Women's share of the activity's cost"},
    [L_IMPACT_COMMITTEE_SHARE] = {"Kvinnors andel av nämndens kostnad",
                                  "Women's share of the committee's cost"},
    [L_IMPACT_BEFORE_AFTER] = {"%s %% före, %s %% efter", "%s %% before, %s %% after"},
    [L_IMPACT_ACTIVITY_WIDE] =
        {"Nämnden hade ingen sådan verksamhet %s: verksamhetens fördelning i "
         "hela kommunen används.",
         "The committee had no such activity in %s: the activity's "
         "distribution across the municipality is used."},
    [L_IMPACT_TOTAL] = {"Totalt %s kr: kvinnor %s kr, män %s kr, okänt kön %s kr, ej "
                        "individbaserat %s kr.",
                        "Total SEK %s: women SEK %s, men SEK %s, unknown sex SEK %s, not "
                        "individual-based SEK %s."},
    [L_IMPACT_MUNICIPALITY_SHARE] = {"Kvinnors andel av kommunens kostnad fördelad på kön",
                                     "Women's share of the municipality's cost allocated by sex"},
    [L_IMPACT_ASSUMPTIONS] =
        {"Antaganden: förändringen fördelas mellan kvinnor och män som kostnaden "
         "fördelades i utfallet %s (samma nämnd och verksamhet; för en nämnd som inte "
         "fanns då verksamhetens fördelning i hela kommunen), och volym och mottagare "
         "ändras med %s års kostnad per enhet och per mottagare. Kostnad per invånare "
         "avser befolkningen i verksamhetens åldersgrupp %s. Uppskattningen visar vad "
         "förändringen innebär om allt annat är lika, inte hur den verkställs.",
         "Assumptions: the change reaches women and men as the cost did in the outcome "
         "of %s (the same committee and activity; for a committee that did not exist "
         "then, the activity across the municipality), and volume and recipients change "
         "at %s's cost per unit and per recipient. Cost per inhabitant refers to the "
         "population of the activity's age band in %s. The estimate shows what the "
         "change means with everything else equal, not how it will be carried out."},
    [L_IMPACT_HIDDEN] = {"Mottagare visas inte: för få personer.",
                         "Recipients are not shown: too few people."},
};

const char *report_label(enum label l, bool english)
{
	return labels[l][english ? 1 : 0];
}

struct code {
	const char *code, *sv, *en;
};

static const struct code methods[] = {{"volume", "volym", "volume"},
                                      {"headcount", "antal brukare", "headcount"},
                                      {"direct", "direkt", "direct"},
                                      {"aggregate", "besök", "visits"},
                                      {"none", "ej individbaserad", "not individual-based"},
                                      {"unmapped", "ej mappad", "unmapped"},
                                      {NULL, NULL, NULL}};
static const struct code bands[] = {{"balanced", "inom 40–60", "within 40–60"},
                                    {"women", "fler kvinnor", "more women"},
                                    {"men", "fler män", "more men"},
                                    {NULL, NULL, NULL}};
static const struct code units[] = {{"hours", "timmar", "hours"},  {"days", "dygn", "days"},
                                    {"visits", "besök", "visits"}, {"trips", "resor", "trips"},
                                    {"kronor", "kronor", "SEK"},   {NULL, NULL, NULL}};
static const struct code bases[] = {{"gross", "bruttokostnad", "gross cost"},
                                    {"own", "kostnad för det egna åtagandet", "own cost"},
                                    {NULL, NULL, NULL}};
static const struct code targets[] = {{"balance", "jämn fördelning (40–60 %)", "balance (40–60 %)"},
                                      {"need", "efter behov", "by need"},
                                      {NULL, NULL, NULL}};
static const struct code remainders[] = {
    {"share", "hela kostnaden fördelas efter utbetalt belopp",
     "the whole cost split by the amounts paid"},
    {"apart", "kostnaden utöver utbetalt belopp redovisas som ej individbaserad",
     "the cost beyond the amounts paid shown as not individual-based"},
    {NULL, NULL, NULL}};

const char *report_code_label(enum code_kind kind, const char *code, bool english)
{
	const struct code *c = kind == CODE_METHOD       ? methods
	                       : kind == CODE_BAND       ? bands
	                       : kind == CODE_UNIT       ? units
	                       : kind == CODE_COST_BASIS ? bases
	                       : kind == CODE_TARGET     ? targets
	                                                 : remainders;

	for (; code && c->code; c++)
		if (strcmp(c->code, code) == 0)
			return english ? c->en : c->sv;
	return NULL;
}
