/*
 * board_entropy() -> mbedTLS (see tls_entropy.h). mbedTLS's entropy pool
 * needs MBEDTLS_ENTROPY_MIN_HARDWARE bytes from this strong source before
 * its first output, so when the board has nothing the DRBG seed fails and
 * HTTPS stays off: there is no fallback, and never a constant seed.
 *
 * The checks are the cheap half of NIST SP 800-90B §4.4's health tests
 * (repetition of the whole output), not an entropy estimate: they catch a
 * dead or stuck source, not a weak one. The board must deliver real
 * entropy (a TRNG, or the host through semihosting under QEMU).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include "board.h"
#include "tls_entropy.h"

static uint32_t last_fp;    /* fingerprint of the previous block */
static bool have_last;
static unsigned failures;

/* FNV-1a: a fingerprint to spot a repeated block without keeping it. */
static uint32_t fingerprint(const unsigned char *p, size_t n)
{
	uint32_t h = 0x811c9dc5u;

	while (n--) {
		h ^= *p++;
		h *= 0x01000193u;
	}
	return h;
}

static bool one_byte_value(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (p[i] != p[0])
			return false;
	return true;
}

static void wipe(unsigned char *p, size_t n)
{
	volatile unsigned char *v = p;

	while (n--)
		*v++ = 0;
}

int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
	uint32_t fp;
	int rc;

	(void)data;
	*olen = 0;
	if (len == 0)
		return 0;
	rc = board_entropy(output, len);
	if (rc != 0)
		goto fail; /* -errno, or a byte count: a short read */
	if (len >= 2 && one_byte_value(output, len))
		goto fail;
	fp = fingerprint(output, len);
	if (len >= 8 && have_last && fp == last_fp)
		goto fail;
	last_fp = fp;
	have_last = true;
	*olen = len;
	return 0;
fail:
	wipe(output, len);
	failures++;
	return TLS_ERR_ENTROPY_SOURCE_FAILED;
}

unsigned tls_entropy_failures(void)
{
	return failures;
}

void tls_entropy_reset(void)
{
	have_last = false;
	last_fp = 0;
	failures = 0;
}
