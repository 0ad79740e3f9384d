/*
 * digest.c — SHA-256 through OpenSSL's EVP interface (see digest.h).
 */
#include "digest.h"
#include "regular_file.h"
#include "log.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct digest {
	EVP_MD_CTX *ctx;
};

struct digest *digest_new(void)
{
	struct digest *d = xmalloc(sizeof(*d));

	d->ctx = EVP_MD_CTX_new();
	if (d->ctx == NULL || EVP_DigestInit_ex(d->ctx, EVP_sha256(), NULL) != 1) {
		fprintf(stderr, "gbetl: fatal: could not initialise SHA-256\n");
		_exit(70);
	}
	return d;
}

void digest_update(struct digest *d, const void *data, size_t len)
{
	EVP_DigestUpdate(d->ctx, data, len);
}

static void to_hex(const unsigned char *bin, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[bin[i] >> 4];
		hex[2 * i + 1] = digits[bin[i] & 15];
	}
	hex[2 * n] = '\0';
}

void digest_finish(struct digest *d, char hex[SHA256_HEX_LEN + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	EVP_DigestFinal_ex(d->ctx, md, &n);
	to_hex(md, n, hex);
	EVP_MD_CTX_free(d->ctx);
	free(d);
}

void digest_buffer_hex(const void *data, size_t len, char hex[SHA256_HEX_LEN + 1])
{
	struct digest *d = digest_new();

	digest_update(d, data, len);
	digest_finish(d, hex);
}

int digest_file_hex(const char *path, char hex[SHA256_HEX_LEN + 1], long long *size)
{
	static char buf[1 << 16];
	struct digest *d;
	long long total = 0;
	ssize_t n;
	int fd = regular_file_open(path, false);

	if (fd < 0)
		return -1;
	d = digest_new();
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		digest_update(d, buf, (size_t)n);
		total += n;
	}
	if (n < 0) {
		log_error("could not read file \"%s\": %s", path, strerror(errno));
		close(fd);
		digest_finish(d, hex);
		return -1;
	}
	close(fd);
	digest_finish(d, hex);
	if (size)
		*size = total;
	return 0;
}
