/*
 * Test harness for the pipeline: load an ini from a string with the real
 * loader, build it into static pools, and send it requests. Shared by the
 * pl and config unit tests.
 */
#ifndef LWPASTE_PL_HARNESS_H
#define LWPASTE_PL_HARNESS_H

#include "pl.h"
#include "pl_build_priv.h"
#include "pl_load.h"

#define H_APPS 64
#define H_ROUTES 128
#define H_ARENA 4096
#define H_HDRS 8

struct harness {
	struct pl_pool pool;
	struct pl_app *root;
	struct pl_err err;
	struct pl_build_usage usage;
	struct pl_request req;
	struct pl_response resp;
	char path[512];
	char body[PL_RESP_BODY_MAX + 1]; /* +1: NUL for string asserts */
	char hdr[PL_RESP_HDR_MAX + 1];
	struct pl_header req_hdrs[H_HDRS]; /* h_req_header(): sent by the next h_request */
	size_t num_req_hdrs;
	int rc;                            /* what the root's call returned */
};

extern struct harness h;
extern struct pl_load h_ld;

/* Load ini (named "test.ini" in messages); 0 or -errno with h.err set. */
int h_load(const char *ini);
int h_load_entry(const char *ini, const char *entry);

/* h_load() then pl_build() into pools of napps / nroutes (0: the max). */
int h_build(const char *ini);
int h_build_pools(const char *ini, size_t napps, size_t nroutes);

/* Send "METHOD target" to the built root; returns the status (the body is
 * h.body, NUL-terminated; headers h.hdr). The request carries the headers
 * h_req_header() added since the last h_request(), then forgets them. */
int h_request(const char *method, const char *target);

/* Add "name: value" (strings that outlive the request) to the next
 * h_request(). */
void h_req_header(const char *name, const char *value);

/* The response header value for name, in a static buffer, or NULL. */
const char *h_header(const char *name);

/* Section by name in the loaded config. */
const struct pl_section *h_section(const char *name);

#endif /* LWPASTE_PL_HARNESS_H */
