/* libFuzzer target: the request head parser must never crash, read out of
 * bounds or return an impossible length, whatever the bytes; and its
 * one-pass fast path must agree with the careful line-by-line path on
 * every input: the same result, the same views, the same error status. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http_parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct http_limits lim = {.max_uri_bytes = 256, .max_header_bytes = 1024};
	struct http_head h;
	int rc = http_parse_head((const char *)data, size, &lim, &h);

	if (rc > 0) {
		size_t i;

		assert((size_t)rc <= size && (size_t)rc <= lim.max_header_bytes + 4);
		assert(h.path.p >= (const char *)data && h.path.p + h.path.n <= (const char *)data + size);
		assert(h.num_headers <= PL_MAX_HEADERS);
		for (i = 0; i < h.num_headers; i++)
			assert(h.headers[i].value.p + h.headers[i].value.n <= (const char *)data + rc);
	} else if (rc == HTTP_ERROR) {
		assert(h.status >= 400 && h.status < 600 && h.error);
	} else {
		assert(rc == HTTP_PARTIAL);
	}

	{
		static struct http_head c;
		int rc2 = http_parse_head_careful((const char *)data, size, &lim, &c);
		size_t i;

		assert(rc2 == rc);
		if (rc == HTTP_ERROR)
			assert(c.status == h.status);
		if (rc > 0) {
			assert(c.method.p == h.method.p && c.method.n == h.method.n);
			assert(c.method_bit == h.method_bit && c.minor == h.minor);
			assert(c.target.p == h.target.p && c.target.n == h.target.n);
			assert(c.path.p == h.path.p && c.path.n == h.path.n);
			assert(c.query.p == h.query.p && c.query.n == h.query.n);
			assert(c.num_headers == h.num_headers);
			for (i = 0; i < h.num_headers; i++) {
				assert(c.headers[i].name.p == h.headers[i].name.p);
				assert(c.headers[i].name.n == h.headers[i].name.n);
				assert(c.headers[i].value.p == h.headers[i].value.p);
				assert(c.headers[i].value.n == h.headers[i].value.n);
			}
			assert(c.chunked == h.chunked && c.has_length == h.has_length);
			assert(c.content_length == h.content_length);
			assert(c.keep_alive == h.keep_alive);
			assert(c.expect_continue == h.expect_continue);
		}
	}
	return 0;
}
