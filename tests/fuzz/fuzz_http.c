/* libFuzzer target: the request head parser must never crash, read out of
 * bounds or return an impossible length, whatever the bytes. */
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
	return 0;
}
