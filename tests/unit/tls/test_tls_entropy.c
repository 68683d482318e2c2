/*
 * mbedtls_hardware_poll() (net/tls/tls_entropy.c) over a mock
 * board_entropy(): it succeeds only with a full buffer of fresh bytes, and
 * refuses - nothing handed to mbedTLS, the buffer wiped - when the board
 * fails, reports a short read, or returns a constant or repeated block.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "board.h"
#include "tls_entropy.h"

enum mock_mode { GOOD, FAIL, SHORT, CONSTANT, REPEAT };

static enum mock_mode mode;
static uint32_t lcg = 12345;
static unsigned calls;

/* The board hook under test: a PRNG stands in for a good source. */
int board_entropy(void *buf, size_t n)
{
	uint8_t *p = buf;
	size_t i;

	calls++;
	switch (mode) {
	case FAIL:
		return -EIO;
	case SHORT:
		memset(buf, 0x5a, n / 2);
		return (int)(n / 2);
	case CONSTANT:
		memset(buf, 0, n);
		return 0;
	case REPEAT:
		for (i = 0; i < n; i++)
			p[i] = (uint8_t)(i * 37u + 11u);
		return 0;
	case GOOD:
	default:
		for (i = 0; i < n; i++) {
			lcg = lcg * 1103515245u + 12345u;
			p[i] = (uint8_t)(lcg >> 16);
		}
		return 0;
	}
}

static int setup(void **state)
{
	(void)state;
	tls_entropy_reset();
	mode = GOOD;
	calls = 0;
	return 0;
}

static void assert_wiped(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		assert_int_equal(p[i], 0);
}

static void test_good_source_fills_everything(void **state)
{
	unsigned char a[64], b[64];
	size_t olen = 0;

	(void)state;
	assert_int_equal(mbedtls_hardware_poll(NULL, a, sizeof(a), &olen), 0);
	assert_int_equal(olen, sizeof(a));
	assert_int_equal(mbedtls_hardware_poll(NULL, b, sizeof(b), &olen), 0);
	assert_int_equal(olen, sizeof(b));
	assert_memory_not_equal(a, b, sizeof(a)); /* never the same twice */
	assert_int_equal(tls_entropy_failures(), 0);
}

static void test_board_error_refused(void **state)
{
	unsigned char buf[32];
	size_t olen = 99;

	(void)state;
	mode = FAIL;
	memset(buf, 0xee, sizeof(buf));
	assert_int_equal(mbedtls_hardware_poll(NULL, buf, sizeof(buf), &olen),
			 TLS_ERR_ENTROPY_SOURCE_FAILED);
	assert_int_equal(olen, 0);
	assert_wiped(buf, sizeof(buf));
	assert_int_equal(tls_entropy_failures(), 1);
}

static void test_short_read_refused(void **state)
{
	unsigned char buf[32];
	size_t olen = 99;

	(void)state;
	mode = SHORT;
	assert_int_equal(mbedtls_hardware_poll(NULL, buf, sizeof(buf), &olen),
			 TLS_ERR_ENTROPY_SOURCE_FAILED);
	assert_int_equal(olen, 0);
	assert_wiped(buf, sizeof(buf));
}

static void test_constant_block_refused(void **state)
{
	unsigned char buf[32];
	size_t olen = 99;

	(void)state;
	mode = CONSTANT;
	assert_int_equal(mbedtls_hardware_poll(NULL, buf, sizeof(buf), &olen),
			 TLS_ERR_ENTROPY_SOURCE_FAILED);
	assert_int_equal(olen, 0);
}

static void test_repeated_block_refused(void **state)
{
	unsigned char buf[32];
	size_t olen = 0;

	(void)state;
	mode = REPEAT; /* varied bytes, but the same block every call */
	assert_int_equal(mbedtls_hardware_poll(NULL, buf, sizeof(buf), &olen), 0);
	assert_int_equal(olen, sizeof(buf));
	assert_int_equal(mbedtls_hardware_poll(NULL, buf, sizeof(buf), &olen),
			 TLS_ERR_ENTROPY_SOURCE_FAILED);
	assert_int_equal(olen, 0);
	assert_wiped(buf, sizeof(buf));
	/* A source that recovers is used again. */
	mode = GOOD;
	assert_int_equal(mbedtls_hardware_poll(NULL, buf, sizeof(buf), &olen), 0);
	assert_int_equal(olen, sizeof(buf));
}

static void test_empty_request_asks_nothing(void **state)
{
	unsigned char buf[1];
	size_t olen = 99;

	(void)state;
	assert_int_equal(mbedtls_hardware_poll(NULL, buf, 0, &olen), 0);
	assert_int_equal(olen, 0);
	assert_int_equal(calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_good_source_fills_everything, setup),
		cmocka_unit_test_setup(test_board_error_refused, setup),
		cmocka_unit_test_setup(test_short_read_refused, setup),
		cmocka_unit_test_setup(test_constant_block_refused, setup),
		cmocka_unit_test_setup(test_repeated_block_refused, setup),
		cmocka_unit_test_setup(test_empty_request_asks_nothing, setup),
	};

	return cmocka_run_group_tests_name("tls_entropy", tests, NULL, NULL);
}
