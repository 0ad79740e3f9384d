/*
 * keyprint.c — the pseudonymisation key's fingerprint (see keyprint.h).
 */
#include "keyprint.h"
#include "db.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Not an identity number in any form, so never the pseudonym of a person. */
static const char label[] = "gbetl key fingerprint v1";

void keyprint_of(const struct pseudonym_key *key, char out[KEYPRINT_HEX_LEN + 1])
{
	unsigned char mac[PSEUDONYM_BYTES];
	int i;

	pseudonym_compute(key, label, sizeof(label) - 1, mac);
	for (i = 0; i < PSEUDONYM_BYTES; i++)
		snprintf(out + 2 * i, 3, "%02x", mac[i]);
}

int keyprint_check(PGconn *conn, const char *fingerprint, const char *what, bool record)
{
	const char *params[1] = {fingerprint};
	bool error;
	char *stored;

	if (record &&
	    db_command(conn,
	               "INSERT INTO etl.key_fingerprint (fingerprint) VALUES ($1) ON CONFLICT DO "
	               "NOTHING",
	               1, params) != 0)
		return -1;
	stored =
	    db_query_value(conn, "SELECT fingerprint FROM etl.key_fingerprint", 0, NULL, &error);
	if (error)
		return -1;
	if (stored == NULL || strcmp(stored, fingerprint) == 0) {
		free(stored);
		return 0;
	}
	log_error("the key differs from the one this database was loaded with");
	log_detail("The fingerprint of %s is %.8s…, the database's %.8s…; pseudonyms made with "
	           "it would not match the stored ones, so recipients would be counted twice "
	           "and year-on-year figures would be wrong.  Nothing was read.",
	           what, fingerprint, stored);
	log_hint("Restore the key the database was loaded with from its backup (see \"The key\" "
	         "in docs/operations.md) and point key_file at it.");
	free(stored);
	return 1;
}

int keyprint_check_key(PGconn *conn, const struct pseudonym_key *key, const char *what, bool record)
{
	char fp[KEYPRINT_HEX_LEN + 1];

	keyprint_of(key, fp);
	return keyprint_check(conn, fp, what, record);
}
