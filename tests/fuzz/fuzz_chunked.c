/* libFuzzer target: the in-place chunked decoder, fed in two pieces (the
 * first byte says where to split) to reach its partial states. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http_parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[4096];
	struct http_chunked c;
	size_t split;
	int rc;

	if (size < 1 || size > sizeof(buf))
		return 0;
	split = data[0] % size;
	data++;
	size--;
	if (split > size)
		split = size;
	memcpy(buf, data, size);
	http_chunked_init(&c, 512);
	rc = http_chunked_decode(&c, buf, split);
	if (rc == HTTP_PARTIAL)
		rc = http_chunked_decode(&c, buf, size);
	assert(c.out <= c.in && c.in <= size);
	assert(c.out <= 512);
	if (rc >= 0)
		assert((size_t)rc <= size);
	else if (rc == HTTP_ERROR)
		assert(c.status == 400 || c.status == 413 || c.status == 431);
	return 0;
}
