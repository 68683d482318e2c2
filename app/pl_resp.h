/*
 * Response building: bounded appends into the server's buffers, OpenStack
 * fault bodies, and the status table. An append that does not fit sets
 * resp->overflow and writes nothing more; the server answers 500 then.
 */
#ifndef LWPASTE_PL_RESP_H
#define LWPASTE_PL_RESP_H

#include "pl.h"

/* Append raw bytes to the dynamic body. */
void pl_resp_write(struct pl_response *resp, const void *data, size_t len);
void pl_resp_puts(struct pl_response *resp, const char *s);

/* Add a header line "name: value\r\n". */
void pl_resp_header(struct pl_response *resp, const char *name,
		    const char *value, size_t value_len);

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
const struct pl_str *pl_req_header(const struct pl_request *req,
				   const char *name);

bool pl_str_eq(struct pl_str s, const char *lit);
bool pl_str_ieq(struct pl_str s, const char *lit);

#endif /* LWPASTE_PL_RESP_H */
