/*
 * logrequest: one access-log line per request on the platform console,
 * after the wrapped app answered:
 *
 *   GET /lab/ 200 33 153
 *   method path status body-bytes microseconds
 *
 * The path is SCRIPT_NAME + PATH_INFO as this filter received them (the
 * whole path wherever it is mounted), without the query string, which may
 * carry secrets. The time runs from req->start_us, when a server stamps
 * it, else from this filter's call (lwpaste's server does not: a clock
 * read per request costs every pipeline, logging or not) to the app's
 * return. A handler error logs as 500, which
 * is what the server answers then.
 *
 * ini keys ([filter:NAME] use = logrequest): none.
 */
#include <string.h>

#include "pl.h"
#include "pl_json.h"

/* Longest path logged; longer ones end in "...". */
#define LOGREQUEST_PATH_MAX 96

static size_t put(char *buf, size_t n, size_t cap, const char *s, size_t len)
{
	if (len > cap - n)
		len = cap - n;
	memcpy(buf + n, s, len);
	return n + len;
}

static int logrequest_call(struct pl_app *app, struct pl_request *req,
			   struct pl_response *resp)
{
	char line[32 + LOGREQUEST_PATH_MAX + 40];
	const size_t cap = sizeof(line) - 1;
	const char *path = req->script_name.n ? req->script_name.p
					      : req->path_info.p;
	size_t plen = req->script_name.n + req->path_info.n;
	uint32_t start = req->start_us, us = 0;
	uint16_t status;
	size_t n = 0;
	int rc;

	/* A request the server did not stamp is timed from here. */
	if (!start && pl_platform && pl_platform->micros)
		start = pl_platform->micros();
	rc = app->next->call(app->next, req, resp);
	if (!pl_platform || !pl_platform->console)
		return rc;
	if (pl_platform->micros)
		us = pl_platform->micros() - start;
	status = rc ? 500 : resp->status;

	n = put(line, n, cap, req->method_name.p ? req->method_name.p : "-",
		req->method_name.p ? req->method_name.n : 1);
	n = put(line, n, cap, " ", 1);
	if (!path || plen == 0) {
		n = put(line, n, cap, "/", 1);
	} else if (plen > LOGREQUEST_PATH_MAX) {
		n = put(line, n, cap, path, LOGREQUEST_PATH_MAX - 3);
		n = put(line, n, cap, "...", 3);
	} else {
		n = put(line, n, cap, path, plen);
	}
	n = put(line, n, cap, " ", 1);
	n += pl_fmt_uint(line + n, cap - n, status);
	n = put(line, n, cap, " ", 1);
	n += pl_fmt_uint(line + n, cap - n,
			 (uint32_t)(resp->body_len + resp->ext_len));
	n = put(line, n, cap, " ", 1);
	n += pl_fmt_uint(line + n, cap - n, us);
	line[n++] = '\n';
	pl_platform->console(line, n);
	return rc;
}

PL_FACTORY(logrequest,
	.kind = PL_KIND_FILTER,
	.call = logrequest_call);
