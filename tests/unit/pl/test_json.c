/*
 * The JSON writer (app/pl_json.c): escaping against a byte-at-a-time
 * reference for every byte value at every position around the word-sized
 * fast path, separators and nesting, sticky overflow at the exact capacity,
 * literal keys (checked in this debug build), and the arena-backed
 * versions document.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mock_platform.h"
#include "pl_harness.h"
#include "pl_json.h"
#include "pl_resp.h"

static char body[1024];

static void resp_init(struct pl_response *r, size_t cap)
{
	memset(r, 0, sizeof(*r));
	memset(body, '#', sizeof(body));
	r->body = body;
	r->body_cap = cap;
}

/* RFC 8259 §7, one byte at a time: the behaviour the fast path must keep. */
static size_t ref_escape(char *out, const unsigned char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i;

	out[o++] = '"';
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\') {
			out[o++] = '\\';
			out[o++] = (char)c;
		} else if (c == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else if (c == '\r') {
			out[o++] = '\\';
			out[o++] = 'r';
		} else if (c == '\t') {
			out[o++] = '\\';
			out[o++] = 't';
		} else if (c < 0x20) {
			memcpy(out + o, "\\u00", 4);
			out[o + 4] = hex[c >> 4];
			out[o + 5] = hex[c & 15];
			o += 6;
		} else {
			out[o++] = (char)c;
		}
	}
	out[o++] = '"';
	return o;
}

static void test_escape_every_byte_every_position(void **state)
{
	unsigned char s[40];
	char want[40 * 6 + 2];
	struct pl_response r;
	struct pl_json j;
	size_t n, pos;
	unsigned c;

	(void)state;
	for (n = 1; n <= sizeof(s); n++) {
		for (pos = 0; pos < n; pos++) {
			for (c = 0; c < 256; c++) {
				size_t wn;

				memset(s, 'a', n);
				s[pos] = (unsigned char)c;
				wn = ref_escape(want, s, n);
				resp_init(&r, sizeof(body));
				pl_json_begin(&j, &r);
				pl_json_strn(&j, (const char *)s, n);
				assert_false(r.overflow);
				if (r.body_len != wn || memcmp(body, want, wn) != 0)
					fail_msg("byte 0x%02x at %zu of %zu: got %.*s want %.*s",
						 c, pos, n, (int)r.body_len, body, (int)wn, want);
			}
		}
	}
}

static void test_clean_strings_every_length(void **state)
{
	char s[64], want[70];
	struct pl_response r;
	struct pl_json j;
	size_t n;

	(void)state;
	for (n = 0; n < sizeof(s); n++) {
		size_t i;

		for (i = 0; i < n; i++)
			s[i] = (char)(0x20 + (i * 7) % 0x5f); /* printable, some '"' and '\\' */
		for (i = 0; i < n; i++)
			if (s[i] == '"' || s[i] == '\\')
				s[i] = 'x';
		resp_init(&r, sizeof(body));
		pl_json_begin(&j, &r);
		pl_json_strn(&j, s, n);
		want[0] = '"';
		memcpy(want + 1, s, n);
		want[n + 1] = '"';
		assert_int_equal(r.body_len, n + 2);
		assert_memory_equal(body, want, n + 2);
	}
}

static void test_utf8_passes_through(void **state)
{
	struct pl_response r;
	struct pl_json j;

	(void)state;
	resp_init(&r, sizeof(body));
	pl_json_begin(&j, &r);
	pl_json_str(&j, "gr\xc3\xbc\xc3\x9f \xe2\x82\xac");
	assert_int_equal(r.body_len, 12);
	assert_memory_equal(body, "\"gr\xc3\xbc\xc3\x9f \xe2\x82\xac\"", 12);
}

static void test_document_separators(void **state)
{
	static const char want[] =
		"{\"a\":[1,-2,{\"b\":true,\"c\":null}],\"k\\\"ey\":\"v\",\"e\":[],\"f\":{},\"g\":false}";
	struct pl_response r;
	struct pl_json j;

	(void)state;
	resp_init(&r, sizeof(body));
	pl_json_begin(&j, &r);
	pl_json_obj_open(&j);
	pl_json_key(&j, "a");
	pl_json_arr_open(&j);
	pl_json_uint(&j, 1);
	pl_json_int(&j, -2);
	pl_json_obj_open(&j);
	pl_json_key(&j, "b");
	pl_json_bool(&j, true);
	pl_json_key(&j, "c");
	pl_json_null(&j);
	pl_json_obj_close(&j);
	pl_json_arr_close(&j);
	pl_json_key_str(&j, "k\"ey");
	pl_json_str(&j, "v");
	pl_json_key(&j, "e");
	pl_json_arr_open(&j);
	pl_json_arr_close(&j);
	pl_json_key(&j, "f");
	pl_json_obj_open(&j);
	pl_json_obj_close(&j);
	pl_json_key(&j, "g");
	pl_json_bool(&j, false);
	pl_json_obj_close(&j);
	assert_false(r.overflow);
	assert_int_equal(r.body_len, sizeof(want) - 1);
	assert_memory_equal(body, want, sizeof(want) - 1);
	assert_string_equal(r.content_type, "application/json");
}

/* Render the same document into a body of every capacity: it fits
 * exactly at its length, and below that overflows without writing past
 * the capacity. */
static void test_overflow_exact_and_sticky(void **state)
{
	static const char want[] = "{\"name\":\"a\\\"b\",\"n\":[42,\"x\"]}";
	size_t cap;

	(void)state;
	for (cap = 0; cap <= sizeof(want) - 1; cap++) {
		struct pl_response r;
		struct pl_json j;

		resp_init(&r, cap);
		pl_json_begin(&j, &r);
		pl_json_obj_open(&j);
		pl_json_key(&j, "name");
		pl_json_str(&j, "a\"b");
		pl_json_key(&j, "n");
		pl_json_arr_open(&j);
		pl_json_uint(&j, 42);
		pl_json_str(&j, "x");
		pl_json_arr_close(&j);
		pl_json_obj_close(&j);
		assert_true(r.body_len <= cap);
		assert_int_equal(body[cap], '#');
		if (cap == sizeof(want) - 1) {
			assert_false(r.overflow);
			assert_memory_equal(body, want, cap);
		} else {
			assert_true(r.overflow);
		}
	}
}

static void test_depth_limit(void **state)
{
	struct pl_response r;
	struct pl_json j;
	int i;

	(void)state;
	resp_init(&r, sizeof(body));
	pl_json_begin(&j, &r);
	for (i = 0; i < PL_JSON_DEPTH - 1; i++)
		pl_json_arr_open(&j);
	assert_false(r.overflow);
	pl_json_arr_open(&j);
	assert_true(r.overflow);
}

/* This is a debug host build (PL_JSON_CHECK_KEYS): a literal key that
 * would need escaping is a bug, caught as an overflow (the server's 500),
 * not written out as broken JSON. */
static void test_literal_key_checked(void **state)
{
	struct pl_response r;
	struct pl_json j;

	(void)state;
	resp_init(&r, sizeof(body));
	pl_json_begin(&j, &r);
	pl_json_obj_open(&j);
	pl_json_key(&j, "fine-key_1");
	pl_json_uint(&j, 1);
	assert_false(r.overflow);
	pl_json_key(&j, "bad\"key");
	assert_true(r.overflow);
}

static void test_write_string(void **state)
{
	struct pl_response r;

	(void)state;
	resp_init(&r, sizeof(body));
	pl_resp_write(&r, "[", 1);
	pl_json_write_string(&r, "http://h\"x/", 11);
	pl_resp_write(&r, "]", 1);
	assert_int_equal(r.body_len, 16);
	assert_memory_equal(body, "[\"http://h\\\"x/\"]", 16);
}

/* versions renders its document once, into the build's arena: the
 * request's Host header lands in the self link (JSON-escaped); without
 * one the link names the device's own address (versions.c); an arena too
 * small for the document is a build error on the section's line. */
static void test_versions_prerendered(void **state)
{
	static const char ini[] =
		"[app:main]\n"
		"use = egg:lwpaste#versions\n"
		"version_id = v2.7\n"
		"status = SUPPORTED\n";

	(void)state;
	mock_platform_reset(); /* the device is 10.0.2.15 */
	assert_int_equal(h_build(ini), 0);
	assert_true(h.usage.arena > 0);
	h_req_header("Host", "h.example:1");
	assert_int_equal(h_request("GET", "/"), 300);
	assert_non_null(strstr(h.body, "{\"versions\":[{\"id\":\"v2.7\",\"status\":\"SUPPORTED\","));
	assert_non_null(strstr(h.body,
		"\"links\":[{\"rel\":\"self\",\"href\":\"http://h.example:1/v1/\"}],"
		"\"media-types\":[{\"base\":\"application/json\","));
	assert_int_equal(h.body[strlen(h.body) - 1], '}');

	/* a Host the link cannot carry raw is JSON-escaped */
	h_req_header("Host", "h\"x:1");
	assert_int_equal(h_request("GET", "/"), 300);
	assert_non_null(strstr(h.body, "\"href\":\"http://h\\\"x:1/v1/\"}]"));

	/* no Host: the device's address */
	assert_int_equal(h_request("GET", "/"), 300);
	assert_non_null(strstr(h.body, "\"href\":\"http://10.0.2.15/v1/\"}]"));

	assert_int_equal(h_load(ini), 0);
	h.pool.arena_size = 16;
	assert_int_equal(pl_build(&h_ld.cfg, NULL, &h.pool, &h.root, &h.err), -ENOMEM);
	assert_int_equal(h.err.line, 1);
	assert_non_null(strstr(h.err.msg, "arena full"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_every_byte_every_position),
		cmocka_unit_test(test_clean_strings_every_length),
		cmocka_unit_test(test_utf8_passes_through),
		cmocka_unit_test(test_document_separators),
		cmocka_unit_test(test_overflow_exact_and_sticky),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_literal_key_checked),
		cmocka_unit_test(test_write_string),
		cmocka_unit_test(test_versions_prerendered),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
