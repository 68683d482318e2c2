/* The response head as a client reads it: status line, Content-Type,
 * Content-Length, Connection, the app's lines, the blank line - ending
 * exactly where the body starts, for the common 200 JSON answer (its own
 * fast path) and every other kind alike. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http_head.h"

static char buf[512];

static void expect_head(const struct pl_response *r, uint8_t minor, const char *conn,
			size_t room, const char *want)
{
	char *end = buf + 400, *out;

	memset(buf, '#', sizeof(buf));
	out = http_head_write(r, minor, conn, end, room);
	if (!want) {
		assert_null(out);
		return;
	}
	assert_non_null(out);
	assert_int_equal(end - out, strlen(want));
	assert_memory_equal(out, want, strlen(want));
	assert_int_equal(out[-1], '#');
	assert_int_equal(*end, '#');
}

static void test_200_json(void **state)
{
	char hdr[] = "X-Openstack-Request-Id: req-1\r\n";
	struct pl_response r = {.status = 200, .hdr = hdr, .hdr_len = sizeof(hdr) - 1, .body_len = 234};

	(void)state;
	expect_head(&r, 1, "", 400,
		    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 234\r\n"
		    "X-Openstack-Request-Id: req-1\r\n\r\n");
	r.content_type = "application/json";
	r.ext_len = 1000;
	expect_head(&r, 1, "Connection: close\r\n", 400,
		    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1234\r\n"
		    "Connection: close\r\nX-Openstack-Request-Id: req-1\r\n\r\n");
	/* one byte short of room: nothing written */
	expect_head(&r, 1, "Connection: close\r\n", 122, NULL);
	expect_head(&r, 1, "Connection: close\r\n", 123,
		    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1234\r\n"
		    "Connection: close\r\nX-Openstack-Request-Id: req-1\r\n\r\n");
}

static void test_other_heads(void **state)
{
	char none[1] = "";
	struct pl_response r = {.status = 200, .content_type = "text/plain", .hdr = none, .body_len = 5};

	(void)state;
	expect_head(&r, 1, "", 400,
		    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n");
	r.content_type = NULL;
	expect_head(&r, 0, "Connection: keep-alive\r\n", 400,
		    "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\n"
		    "Connection: keep-alive\r\n\r\n");
	r.status = 404;
	r.body_len = 0;
	expect_head(&r, 1, "", 400,
		    "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 0\r\n\r\n");
	r.status = 300;
	r.content_type = "application/json; charset=UTF-8";
	expect_head(&r, 1, "", 400,
		    "HTTP/1.1 300 Multiple Choices\r\nContent-Type: application/json; charset=UTF-8\r\n"
		    "Content-Length: 0\r\n\r\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_200_json),
		cmocka_unit_test(test_other_heads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
