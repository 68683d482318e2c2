/*
 * pl_jsonin: the flat-object reader every JSON body goes through. The
 * leds tests cover the messages a client sees; these cover the other
 * field types and the edges of the grammar.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pl_jsonin.h"

struct out {
	bool b, b_set;
	uint32_t u;
	bool u_set;
	struct pl_str s;
};

static int parse(const char *body, struct out *o, char *msg, size_t cap)
{
	const struct pl_jfield f[] = {
		{"enabled", PL_JBOOL, false, &o->b, &o->b_set},
		{"count", PL_JUINT, false, &o->u, &o->u_set},
		{"name", PL_JSTR, true, &o->s, NULL},
	};

	memset(o, 0, sizeof(*o));
	return pl_jsonin_object(body, strlen(body), f, 3, msg, cap);
}

static void test_all_types(void **state)
{
	struct out o;
	char msg[96] = "";

	(void)state;
	assert_int_equal(parse("{\"name\":\"a\\\"b\",\"count\":4294967295,\"enabled\":false}",
			       &o, msg, sizeof(msg)), 0);
	assert_true(o.b_set);
	assert_false(o.b);
	assert_true(o.u_set);
	assert_int_equal(o.u, 4294967295u);
	/* raw view: escapes are not decoded */
	assert_int_equal(o.s.n, 4);
	assert_memory_equal(o.s.p, "a\\\"b", 4);
}

static void test_optional_fields_absent(void **state)
{
	struct out o;
	char msg[96] = "";

	(void)state;
	assert_int_equal(parse("{\"name\":\"\"}", &o, msg, sizeof(msg)), 0);
	assert_false(o.b_set);
	assert_false(o.u_set);
	assert_int_equal(o.s.n, 0);
}

static void test_uint_range(void **state)
{
	static const char *const bad[] = {
		"{\"name\":\"x\",\"count\":4294967296}",
		"{\"name\":\"x\",\"count\":-1}",
		"{\"name\":\"x\",\"count\":1.5}",
		"{\"name\":\"x\",\"count\":1e3}",
		"{\"name\":\"x\",\"count\":\"1\"}",
		"{\"name\":\"x\",\"count\":true}",
	};
	struct out o;
	char msg[96];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(bad[i], &o, msg, sizeof(msg)), -EINVAL);
		assert_string_equal(msg, "field 'count' must be a non-negative integer");
		assert_false(o.u_set);
	}
	assert_int_equal(parse("{\"name\":\"x\",\"count\":0}", &o, msg, sizeof(msg)), 0);
	assert_int_equal(o.u, 0);
}

static void test_string_type(void **state)
{
	struct out o;
	char msg[96];

	(void)state;
	assert_int_equal(parse("{\"name\":1}", &o, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "field 'name' must be a string");
	assert_int_equal(parse("{\"count\":1}", &o, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "missing field 'name'");
}

static void test_valid_numbers_and_literals(void **state)
{
	static const char *const ok[] = {
		"{\"name\":\"x\",\"extra\":-0.5e+10}",
		"{\"name\":\"x\",\"extra\":null}",
		"{\"name\":\"x\",\"extra\":0}",
	};
	struct out o;
	char msg[96];
	size_t i;

	(void)state;
	/* grammatically fine: the only complaint is the unknown field */
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(parse(ok[i], &o, msg, sizeof(msg)), -EINVAL);
		assert_string_equal(msg, "unknown field 'extra'");
	}
	assert_int_equal(parse("{\"name\":\"x\",\"extra\":-}", &o, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "malformed JSON in request body");
	assert_int_equal(parse("{\"name\":\"x\",\"extra\":1.}", &o, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "malformed JSON in request body");
}

static void test_long_unknown_key_is_shortened(void **state)
{
	struct out o;
	char msg[96];

	(void)state;
	assert_int_equal(parse("{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\":1}",
			       &o, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "unknown field 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'");
	assert_int_equal(parse("{\"a\\u0001\\n\":1}", &o, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "unknown field 'a\\u0001\\n'");
}

static void test_no_message_buffer(void **state)
{
	struct out o;

	(void)state;
	assert_int_equal(parse("{", &o, NULL, 0), -EINVAL);
	assert_int_equal(parse("{\"name\":\"x\"}", &o, NULL, 0), 0);
}

static void test_whitespace_everywhere(void **state)
{
	struct out o;
	char msg[96];

	(void)state;
	assert_int_equal(parse(" \t\r\n{ \"name\" \n: \"x\" ,\t\"enabled\"\r\n:\ttrue } \n",
			       &o, msg, sizeof(msg)), 0);
	assert_true(o.b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_types),
		cmocka_unit_test(test_optional_fields_absent),
		cmocka_unit_test(test_uint_range),
		cmocka_unit_test(test_string_type),
		cmocka_unit_test(test_valid_numbers_and_literals),
		cmocka_unit_test(test_long_unknown_key_is_shortened),
		cmocka_unit_test(test_no_message_buffer),
		cmocka_unit_test(test_whitespace_everywhere),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
