/*
 * Response building: bounded appends into the server's buffers, OpenStack
 * fault bodies, and the status table. An append that does not fit sets
 * resp->overflow and writes nothing more; the server answers 500 then.
 */
#ifndef LWPASTE_PL_RESP_H
#define LWPASTE_PL_RESP_H

#include <string.h>

#include "pl.h"

/* Room for n more bytes at the end of the dynamic body: where to write
 * them, or NULL (and overflow set) when they do not fit. */
static inline char *pl_resp_reserve(struct pl_response *resp, size_t n)
{
	char *p;

	if (resp->overflow || n > resp->body_cap - resp->body_len) {
		resp->overflow = true;
		return NULL;
	}
	p = resp->body + resp->body_len;
	resp->body_len += n;
	return p;
}

/* Append raw bytes to the dynamic body. Inline: most appends are a few
 * constant bytes, and the length of a literal folds at compile time. */
static inline void pl_resp_write(struct pl_response *resp, const void *data,
				 size_t len)
{
	char *p = pl_resp_reserve(resp, len);

	if (p && len)
		memcpy(p, data, len);
}

static inline void pl_resp_puts(struct pl_response *resp, const char *s)
{
	pl_resp_write(resp, s, strlen(s));
}

/* Add a header line "name: value\r\n"; a CR or LF in the value is refused
 * (overflow), so a handler cannot split the response. */
void pl_resp_headern(struct pl_response *resp, const char *name,
		     size_t name_len, const char *value, size_t value_len);

static inline void pl_resp_header(struct pl_response *resp, const char *name,
				  const char *value, size_t value_len)
{
	pl_resp_headern(resp, name, strlen(name), value, value_len);
}

/* Add a header line whose value the caller writes itself: returns where
 * the value_len bytes go (the line around them is written), or NULL (and
 * overflow set) when it does not fit. For values made by the code, never
 * from a request: no CR/LF check. */
char *pl_resp_header_space(struct pl_response *resp, const char *name,
			   size_t name_len, size_t value_len);

/* Start over (status 200, no headers added by the app, empty body); the
 * headers added by outer filters before the call are kept when keep_hdr. */
void pl_resp_reset(struct pl_response *resp, bool keep_hdr);

/* Replace the response with an OpenStack fault:
 * {"itemNotFound": {"code": 404, "message": "..."}} */
void pl_fault(struct pl_response *resp, uint16_t status, const char *message);

/* Reason phrase ("Not Found") and fault name ("itemNotFound"). */
const char *pl_status_reason(uint16_t status);
const char *pl_fault_name(uint16_t status);

/* For an app mounted directly that answers only its own root: a 404 fault
 * unless PATH_INFO is "" or "/", a 405 (Allow: GET, HEAD) unless the method
 * is GET or HEAD. True when it answered. */
bool pl_resp_root_get_only(const struct pl_request *req,
			   struct pl_response *resp);

/* Case-insensitive header lookup; NULL if absent. */
const struct pl_str *pl_req_headern(const struct pl_request *req,
				    const char *name, size_t name_len);

static inline __attribute__((always_inline)) const struct pl_str *pl_req_header(const struct pl_request *req,
						 const char *name)
{
	return pl_req_headern(req, name, strlen(name));
}

bool pl_str_eq(struct pl_str s, const char *lit);
bool pl_str_ieqn(struct pl_str s, const char *lit, size_t n);

static inline bool pl_str_ieq(struct pl_str s, const char *lit)
{
	return pl_str_ieqn(s, lit, strlen(lit));
}

#endif /* LWPASTE_PL_RESP_H */
