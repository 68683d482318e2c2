/* The request head parser and chunked decoder: what a client would see as
 * the status of a well-formed, malformed or abusive request. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http_parser.h"

static const struct http_limits lim = {.max_uri_bytes = 64, .max_header_bytes = 256};

static int parse(const char *s, struct http_head *h)
{
	return http_parse_head(s, strlen(s), &lim, h);
}

static void assert_status(const char *s, uint16_t status)
{
	struct http_head h;

	assert_int_equal(parse(s, &h), HTTP_ERROR);
	assert_int_equal(h.status, status);
	assert_non_null(h.error);
}

static void test_simple_get(void **state)
{
	struct http_head h;
	const char *req = "GET /v1/?x=1 HTTP/1.1\r\nHost: dev:8080\r\nAccept: */*\r\n\r\nEXTRA";

	(void)state;
	assert_int_equal(parse(req, &h), (int)(strlen(req) - 5));
	assert_int_equal(h.method_bit, PL_GET);
	assert_int_equal(h.minor, 1);
	assert_int_equal(h.path.n, 4);
	assert_memory_equal(h.path.p, "/v1/", 4);
	assert_int_equal(h.query.n, 3);
	assert_memory_equal(h.query.p, "x=1", 3);
	assert_int_equal(h.num_headers, 2);
	assert_memory_equal(h.headers[0].value.p, "dev:8080", 8);
	assert_true(h.keep_alive);
	assert_false(h.has_length);
}

static void test_partial_then_complete(void **state)
{
	struct http_head h;
	const char *req = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
	size_t i;

	(void)state;
	for (i = 0; i < strlen(req); i++)
		assert_int_equal(http_parse_head(req, i, &lim, &h), HTTP_PARTIAL);
	assert_int_equal(http_parse_head(req, strlen(req), &lim, &h), (int)strlen(req));
}

static void test_bare_lf_and_leading_crlf(void **state)
{
	struct http_head h;
	const char *req = "\r\nGET / HTTP/1.0\nHost: a\n\n";

	(void)state;
	assert_int_equal(parse(req, &h), (int)strlen(req));
	assert_int_equal(h.minor, 0);
	assert_false(h.keep_alive);
}

static void test_keep_alive_rules(void **state)
{
	struct http_head h;

	(void)state;
	assert_true(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", &h) > 0);
	assert_true(h.keep_alive);
	assert_true(parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: foo, close\r\n\r\n", &h) > 0);
	assert_false(h.keep_alive);
}

static void test_body_framing(void **state)
{
	struct http_head h;

	(void)state;
	assert_true(parse("PUT /x HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\n\r\n", &h) > 0);
	assert_true(h.has_length);
	assert_int_equal(h.content_length, 12);
	assert_true(parse("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n", &h) > 0);
	assert_true(h.chunked);
	assert_status("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", 400);
	assert_status("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400);
	assert_status("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: -3\r\n\r\n", 400);
	assert_status("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999\r\n\r\n", 413);
	assert_status("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 501);
}

static void test_errors(void **state)
{
	(void)state;
	assert_status("GET / HTTP/1.1\r\n\r\n", 400);                 /* no Host */
	assert_status("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400);
	assert_status("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505);
	assert_status("GET / HTTX/1.1\r\nHost: a\r\n\r\n", 400);
	assert_status("BREW / HTTP/1.1\r\nHost: a\r\n\r\n", 501);
	assert_status("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400);
	assert_status("GET nope HTTP/1.1\r\nHost: a\r\n\r\n", 400);
	assert_status("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400);      /* space before colon */
	assert_status("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400);
	assert_status("GET / HTTP/1.1\r\nHost: a\r\nX: a\001b\r\n\r\n", 400);
	assert_status("GET /a\rb HTTP/1.1\r\nHost: a\r\n\r\n", 400);
	assert_status("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400);
}

static void test_nul_in_head(void **state)
{
	struct http_head h;
	const char req[] = "GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n";

	(void)state;
	assert_int_equal(http_parse_head(req, sizeof(req) - 1, &lim, &h), HTTP_ERROR);
	assert_int_equal(h.status, 400);
}

static void test_limits(void **state)
{
	char big[600];
	struct http_head h;
	size_t n;

	(void)state;
	/* URI over the limit: 414, even before the line is complete */
	strcpy(big, "GET /");
	memset(big + 5, 'a', 80);
	big[85] = 0;
	assert_int_equal(parse(big, &h), HTTP_ERROR);
	assert_int_equal(h.status, 414);
	strcat(big, " HTTP/1.1\r\nHost: a\r\n\r\n");
	assert_status(big, 414);
	/* head over the limit: 431, complete or not */
	strcpy(big, "GET / HTTP/1.1\r\nHost: a\r\nX-Big: ");
	n = strlen(big);
	memset(big + n, 'b', 300);
	big[n + 300] = 0;
	assert_int_equal(parse(big, &h), HTTP_ERROR);
	assert_int_equal(h.status, 431);
	strcat(big, "\r\n\r\n");
	assert_status(big, 431);
}

static void test_too_many_headers(void **state)
{
	char buf[1024] = "GET / HTTP/1.1\r\nHost: a\r\n";
	struct http_limits big = {.max_uri_bytes = 64, .max_header_bytes = 1024};
	struct http_head h;
	int i;

	(void)state;
	for (i = 0; i < PL_MAX_HEADERS; i++)
		strcat(buf, "X: y\r\n");
	strcat(buf, "\r\n");
	assert_int_equal(http_parse_head(buf, strlen(buf), &big, &h), HTTP_ERROR);
	assert_int_equal(h.status, 431);
}

static void test_absolute_form(void **state)
{
	struct http_head h;

	(void)state;
	assert_true(parse("GET http://dev/v1/?a HTTP/1.1\r\nHost: dev\r\n\r\n", &h) > 0);
	assert_int_equal(h.path.n, 4);
	assert_memory_equal(h.path.p, "/v1/", 4);
}

/* Found by fuzz_http: with no path the view pointed at a string constant
 * outside the buffer and the query was lost; a '/' in the query was taken
 * for the path. */
static void test_absolute_form_without_path(void **state)
{
	static const char *const reqs[] = {
		"GET http://dev?q=1 HTTP/1.1\r\nHost: dev\r\n\r\n",
		"GET http://dev?q=/v1/x HTTP/1.1\r\nHost: dev\r\n\r\n",
		"GET https://dev HTTP/1.1\r\nHost: dev\r\n\r\n",
	};
	static const char *const queries[] = {"q=1", "q=/v1/x", ""};
	struct http_head h;
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		const char *r = reqs[i];

		assert_true(parse(r, &h) > 0);
		assert_int_equal(h.path.n, 1);
		assert_memory_equal(h.path.p, "/", 1);
		assert_true(h.path.p >= r && h.path.p < r + strlen(r));
		assert_int_equal(h.query.n, strlen(queries[i]));
		assert_memory_equal(h.query.p, queries[i], h.query.n);
		assert_true(h.query.p >= r && h.query.p + h.query.n <= r + strlen(r));
	}
}

static int decode_all(const char *in, char *buf, size_t cap, uint32_t max,
		      struct http_chunked *c, size_t step)
{
	size_t len = 0, total = strlen(in);
	int r = HTTP_PARTIAL;

	http_chunked_init(c, max);
	assert_true(total <= cap);
	/* feed in steps to exercise every partial state */
	while (r == HTTP_PARTIAL && len < total) {
		size_t add = total - len < step ? total - len : step;

		memcpy(buf + len, in + len, add);
		len += add;
		r = http_chunked_decode(c, buf, len);
	}
	return r;
}

static void test_chunked(void **state)
{
	const char *in = "4\r\nWiki\r\n5;ext=1\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nTrailer: x\r\n\r\nNEXT";
	char buf[256];
	struct http_chunked c;
	size_t step;

	(void)state;
	for (step = 1; step < 8; step++) {
		int r = decode_all(in, buf, sizeof(buf), 100, &c, step);

		assert_int_equal(r, (int)(strlen(in) - 4));
		assert_int_equal(c.out, 23);
		assert_memory_equal(buf, "Wikipedia in\r\n\r\nchunks.", 23);
	}
}

static void test_chunked_errors(void **state)
{
	char buf[256];
	struct http_chunked c;

	(void)state;
	assert_int_equal(decode_all("10\r\n0123456789abcdef\r\n0\r\n\r\n", buf, sizeof(buf), 8, &c, 64), HTTP_ERROR);
	assert_int_equal(c.status, 413);
	assert_int_equal(decode_all("zz\r\n", buf, sizeof(buf), 8, &c, 64), HTTP_ERROR);
	assert_int_equal(c.status, 400);
	assert_int_equal(decode_all("3\r\nabcX\r\n", buf, sizeof(buf), 8, &c, 64), HTTP_ERROR);
	assert_int_equal(c.status, 400);
	assert_int_equal(decode_all("ffffffffff\r\n", buf, sizeof(buf), 8, &c, 64), HTTP_ERROR);
	assert_int_equal(c.status, 413);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple_get),
		cmocka_unit_test(test_partial_then_complete),
		cmocka_unit_test(test_bare_lf_and_leading_crlf),
		cmocka_unit_test(test_keep_alive_rules),
		cmocka_unit_test(test_body_framing),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_nul_in_head),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_too_many_headers),
		cmocka_unit_test(test_absolute_form),
		cmocka_unit_test(test_absolute_form_without_path),
		cmocka_unit_test(test_chunked),
		cmocka_unit_test(test_chunked_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
