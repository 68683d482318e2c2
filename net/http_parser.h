/*
 * HTTP/1.x request head parser and chunked body decoder (RFC 9112).
 *
 * picohttpparser's contract: a pure function over the caller's buffer that
 * returns the bytes consumed, HTTP_PARTIAL (-2) when more input is needed,
 * or HTTP_ERROR (-1) with the status to answer in head->status. Headers are
 * pointer+length views into the buffer; nothing is allocated or copied.
 * No lwIP here: the parser is host-tested and fuzzed as it is.
 */
#ifndef LWPASTE_HTTP_PARSER_H
#define LWPASTE_HTTP_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pl.h"

#define HTTP_ERROR (-1)
#define HTTP_PARTIAL (-2)

struct http_limits {
	size_t max_uri_bytes;    /* request-target longer: 414 */
	size_t max_header_bytes; /* whole head longer: 431 */
};

struct http_head {
	struct pl_str method;
	unsigned method_bit;        /* enum pl_method bit, 0 if unknown */
	struct pl_str target;       /* as sent */
	struct pl_str path;         /* target up to '?' */
	struct pl_str query;        /* after '?' */
	uint8_t minor;              /* HTTP/1.<minor> */
	size_t num_headers;
	/* derived from the headers */
	bool chunked;               /* Transfer-Encoding: chunked */
	bool has_length;            /* Content-Length present */
	uint32_t content_length;
	bool keep_alive;            /* after this request (version + Connection) */
	bool expect_continue;       /* Expect: 100-continue */
	uint16_t status;            /* on HTTP_ERROR: 400, 414, 431, 501, 505 */
	const char *error;          /* on HTTP_ERROR: why, for the fault body */
	/* last: http_parse_head() clears everything before it */
	struct pl_header headers[PL_MAX_HEADERS];
};

/* Parse a request head from buf[0..len). */
int http_parse_head(const char *buf, size_t len, const struct http_limits *lim,
		    struct http_head *head);

/* The same without its one-pass fast path for well-formed heads: for the
 * fuzz target, which checks the two agree. */
int http_parse_head_careful(const char *buf, size_t len,
			    const struct http_limits *lim, struct http_head *head);

/* Incremental, in-place chunked decoder. The decoded body is written at the
 * start of the region it reads from, so it never needs a second buffer. */
struct http_chunked {
	uint8_t state;
	uint32_t remaining;         /* bytes left in the current chunk */
	size_t in;                  /* raw bytes consumed from the region */
	size_t out;                 /* decoded bytes written at its start */
	uint32_t max_body;          /* decoded body larger: 413 */
	uint16_t status;            /* on HTTP_ERROR */
	uint8_t digits;             /* hex digits of the size seen */
	uint16_t line_len;          /* bytes of the current size/trailer line */
};

void http_chunked_init(struct http_chunked *c, uint32_t max_body);

/* Decode buf[c->in..len) into buf[c->out..]. Returns HTTP_PARTIAL, HTTP_ERROR
 * (c->status: 400 or 413), or the raw bytes of the whole chunked body (so the
 * next request starts there). */
int http_chunked_decode(struct http_chunked *c, char *buf, size_t len);

#endif /* LWPASTE_HTTP_PARSER_H */
