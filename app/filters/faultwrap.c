/*
 * faultwrap (nova's FaultWrapper): a handler that fails (returns -errno) or
 * overflows its response buffers becomes a 500 computeFault JSON body
 * instead of a truncated answer. The headers that filters outside this
 * one added before the call (request_id, cors ...) are kept; whatever the
 * failed handler wrote, headers included, is dropped. The console gets one
 * line saying which request failed and how, as nova logs the exception.
 *
 * ini keys ([filter:NAME] use = faultwrap): none.
 */
#include <string.h>

#include "pl.h"
#include "pl_json.h"
#include "pl_resp.h"

#define FAULTWRAP_PATH_MAX 64

static size_t put(char *buf, size_t n, size_t cap, const char *s, size_t len)
{
	if (len > cap - n)
		len = cap - n;
	if (len == 0)
		return n;
	memcpy(buf + n, s, len);
	return n + len;
}

static void log_fault(const struct pl_request *req, int rc)
{
	char line[48 + FAULTWRAP_PATH_MAX];
	const size_t cap = sizeof(line) - 2;
	size_t n = 0, plen = req->path_info.n;
	char num[10];
	uint32_t e;

	if (!pl_platform || !pl_platform->console)
		return;
	n = put(line, n, cap, "faultwrap: ", 11);
	n = put(line, n, cap, req->method_name.p, req->method_name.n);
	n = put(line, n, cap, " ", 1);
	n = put(line, n, cap, req->script_name.p, req->script_name.n);
	if (plen > FAULTWRAP_PATH_MAX)
		plen = FAULTWRAP_PATH_MAX;
	n = put(line, n, cap, req->path_info.p, plen);
	if (rc < 0) {
		e = (uint32_t)0 - (uint32_t)rc;
		n = put(line, n, cap, " failed: error -", 16);
		n = put(line, n, cap, num, pl_fmt_uint(num, sizeof(num), e));
	} else {
		n = put(line, n, cap, " failed: response too large", 27);
	}
	line[n++] = '\r';
	line[n++] = '\n';
	pl_platform->console(line, n);
}

static int faultwrap_call(struct pl_app *app, struct pl_request *req,
			  struct pl_response *resp)
{
	size_t outer_hdr = resp->hdr_len;
	int rc = app->next->call(app->next, req, resp);

	if (rc >= 0 && !resp->overflow)
		return rc;
	log_fault(req, rc);
	resp->hdr_len = outer_hdr;
	pl_fault(resp, 500,
		 "The server has either erred or is incapable of performing the requested operation.");
	return 0;
}

PL_FACTORY(faultwrap,
	.kind = PL_KIND_FILTER,
	.call = faultwrap_call);
