# seed.sh — rows written straight into core for the allocation tests
# (sourced after assert.sh by tests that compute cases by hand). The
# allocation reads core only, so these tests skip the readers and write
# exactly the records each case needs. Everything is for municipality 0999.
#
# Values marked "SQL" are put into the statement as they are: a number,
# NULL, or a quoted literal such as "'Norr'" or "$(k 1)".

# seed_batches ID... — one batch row for each ID, of the kind the other
# helpers expect: 1 omsorg (service), 2 ekbistand (service), 3 huvudbok
# (ledger), 4 fritidsgard (aggregate), 5 befolkning (population).
seed_batches() {
	local id rows=
	for id in "$@"; do
		case $id in
		1) rows+=", (1, '0999', 'omsorg', 'service', 'a', repeat('a', 64), 'loaded')" ;;
		2) rows+=", (2, '0999', 'ekbistand', 'service', 'b', repeat('b', 64), 'loaded')" ;;
		3) rows+=", (3, '0999', 'huvudbok', 'ledger', 'c', repeat('c', 64), 'loaded')" ;;
		4) rows+=", (4, '0999', 'fritidsgard', 'aggregate', 'd', repeat('d', 64), 'loaded')" ;;
		5) rows+=", (5, '0999', 'befolkning', 'population', 'e', repeat('e', 64), 'loaded')" ;;
		*) fail "seed_batches: no batch $id (1 to 5)" ;;
		esac
	done
	sql "INSERT INTO etl.batch (batch_id, municipality_code, source, kind, file_name, sha256, status)
	     OVERRIDING SYSTEM VALUE VALUES ${rows#, }" >/dev/null
}

# ledger ORG ACTIVITY ACCOUNT ORE [TIMES] — TIMES (default 1) ledger
# entries of ORE (SQL) each on cost centre ORG, activity ACTIVITY and
# ACCOUNT, in batch 3, booked 2024-06-30; source lines 1 to TIMES.
ledger() {
	sql "INSERT INTO core.ledger_entry (municipality_code, batch_id, source_line, fiscal_year, entry_date, period,
	     account, amount_ore, org_code, activity_code) SELECT '0999', 3, i, 2024, '2024-06-30', 202406, '$3', $4, '$1', '$2'
	     FROM generate_series(1, ${5:-1}) i" >/dev/null
}

# care KEY SEX CODE ORG QTY [NAME=VALUE...] — service records of service
# CODE at cost centre ORG starting 2024-03-01, for the person KEY (SQL) of
# SEX (0 unknown, 1 man, 2 woman) with quantity QTY (SQL). NAME=VALUE (SQL)
# sets the rest: amount (öre paid), age, district, co_key and co_sex (a
# co-applicant), batch (default 1) and times (that many records, source
# lines 1 to times; default 1). Unset columns are NULL.
care() {
	local key=$1 sex=$2 code=$3 org=$4 qty=$5 amount=NULL age=NULL district=NULL co_key=NULL co_sex=NULL batch=1 times=1 arg
	shift 5
	for arg in "$@"; do
		case $arg in
		amount=* | age=* | district=* | co_key=* | co_sex=* | batch=* | times=*) local "$arg" ;;
		*) fail "care: unknown argument [$arg]" ;;
		esac
	done
	sql "INSERT INTO core.service_record (municipality_code, batch_id, source_line, person_key, sex, sex_method,
	     sex_conflict, id_status, service_code, org_code, period_start, quantity, amount_ore, age, district,
	     co_person_key, co_sex)
	     SELECT '0999', $batch, i, $key, $sex, 'n', false, 'v', '$code', '$org', '2024-03-01', $qty, $amount, $age,
	     $district, $co_key, $co_sex FROM generate_series(1, $times) i" >/dev/null
}

# RANDOM_LEDGER, RANDOM_AGGREGATES — statements for the property tests: 300
# random ledger entries of 2025 (cost, revenue and balance accounts, known
# and unknown cost centres and activities) and 20 random youth-centre
# counts. Put them in the same sql call as the test's setseed(), after it
# and in this order, so that each seed gives the same rows every time.
RANDOM_LEDGER="INSERT INTO core.ledger_entry (municipality_code, batch_id, source_line, fiscal_year, entry_date, period,
	     account, amount_ore, org_code, activity_code)
	SELECT '0999', 3, g, 2025, '2025-05-01', 202505, (ARRAY['5010','4010','6410','3510','3910','1930'])[1 + floor(random() * 6)::int],
	       (floor(random() * 20000000) - 2000000)::bigint,
	       (ARRAY['3010','3050','2010','4010','5010','3210','9990','1010'])[1 + floor(random() * 8)::int],
	       (ARRAY['5101','5300','5750','3500','2500','5130','1000','9999'])[1 + floor(random() * 8)::int]
	FROM generate_series(1, 300) g"
RANDOM_AGGREGATES="INSERT INTO core.aggregate_count SELECT '0999', 4, g, '2025-03-01', NULL, '4010', '3500', NULL,
	       floor(random() * 3)::int, floor(random() * 100)::int FROM generate_series(1, 20) g"

# k N — the person key (SQL) of person N (0 to 9), for care's KEY.
k() { echo "'00000000-0000-0000-0000-00000000000$1'"; }
