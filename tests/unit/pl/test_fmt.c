/*
 * pl_snprintf (app/pl_fmt.c) against the C library's snprintf: every
 * conversion the code uses, edge values, and truncation at every capacity
 * (same return value, same bytes, always NUL-terminated).
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pl_fmt.h"

#define SAME(...)                                                          \
	do {                                                               \
		char want[256], got[256];                                  \
		int wn = snprintf(want, sizeof(want), __VA_ARGS__);        \
		int gn = pl_snprintf(got, sizeof(got), __VA_ARGS__);       \
		assert_int_equal(gn, wn);                                  \
		assert_string_equal(got, want);                            \
		for (size_t cap = 0; cap <= (size_t)wn + 1; cap++) {       \
			memset(want, '#', sizeof(want));                   \
			memset(got, '#', sizeof(got));                     \
			wn = snprintf(want, cap, __VA_ARGS__);             \
			gn = pl_snprintf(got, cap, __VA_ARGS__);           \
			assert_int_equal(gn, wn);                          \
			assert_memory_equal(got, want, sizeof(got));       \
		}                                                          \
	} while (0)

static void test_strings(void **state)
{
	(void)state;
	SAME("plain text");
	SAME("%s", "");
	SAME("[%s] and [%s]", "one", "two");
	SAME("%.3s|%.0s|%.64s", "abcdef", "xyz", "short");
	SAME("%.*s|%.*s", 2, "abcdef", 0, "abc");
	SAME("%.*s", -1, "negative precision: all of it");
	SAME("%.*s", 3, "ab"); /* precision beyond the end */
	SAME("%c%c%c", 'a', '-', 'z');
	SAME("100%% sure");
	SAME("%s:%u: %s", "config/api-paste.ini", 42u, "no section 'x'");
}

static void test_numbers(void **state)
{
	(void)state;
	SAME("%d %d %d %d", 0, -1, INT_MAX, INT_MIN);
	SAME("%i", -12345);
	SAME("%u %u %u", 0u, 7u, UINT_MAX);
	SAME("%lu %lu", 0ul, ULONG_MAX);
	SAME("%ld %ld %ld", 0l, LONG_MAX, LONG_MIN);
	SAME("%zu %zu", (size_t)0, SIZE_MAX);
	SAME("%x %x %lx", 0u, 0xdeadbeefu, 0xabcul);
	SAME("%u.%u.%u.%u", 10u, 0u, 2u, 15u);
	SAME("route pool full (%zu routes)", (size_t)1024);
}

static void test_not_ours_copied(void **state)
{
	/* Not a conversion it does: copied as written, a '%' at the very end
	 * too. An array, not a literal, so the compiler's format check (which
	 * flags these in real code) lets the test through. */
	char fmt[] = "%s %q|%";
	char out[32];

	(void)state;
	assert_int_equal(pl_snprintf(out, sizeof(out), fmt, "a"), 6);
	assert_string_equal(out, "a %q|%");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_not_ours_copied),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
