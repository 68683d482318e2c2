/*
 * sizelimit (oslo.middleware.sizelimit): a request whose body is larger
 * than max_request_body_size is answered 413 overLimit here and never
 * reaches the app. The server has already refused anything past
 * [server:main] max_body_bytes; this is the per-pipeline limit on top of
 * it (an API that only takes small JSON documents can say so). A body the
 * client announced with Content-Length larger than the limit is refused
 * by that number too, so a lie about a short body does not slip through.
 *
 * ini keys ([filter:NAME] use = sizelimit):
 *   max_request_body_size = 114688   bytes, 1 .. 1073741824 (oslo's
 *                                    default, 112 KiB)
 */
#include <errno.h>
#include <string.h>

#include "pl.h"
#include "pl_build.h"
#include "pl_fmt.h"
#include "pl_resp.h"

#define SIZELIMIT_DEFAULT 114688u
#define SIZELIMIT_MAX (1024u * 1024u * 1024u)

enum { S_MAX };

/* Decimal digits only, no sign, no overflow. */
static bool parse_u32(const char *s, size_t n, uint32_t *out)
{
	uint32_t v = 0;
	size_t i;

	if (n == 0 || n > 10)
		return false;
	for (i = 0; i < n; i++) {
		uint32_t d = (uint32_t)(s[i] - '0');

		if (s[i] < '0' || s[i] > '9' || v > (UINT32_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

static int sizelimit_init(struct pl_app *app, struct pl_build_ctx *ctx)
{
	const struct pl_kv *kv = pl_conf_kv(ctx->sec, "max_request_body_size");
	uint32_t v = SIZELIMIT_DEFAULT;

	if (kv && (!parse_u32(kv->value, strlen(kv->value), &v) || v < 1 ||
		   v > SIZELIMIT_MAX)) {
		ctx->err->line = kv->line;
		pl_snprintf(ctx->err->msg, sizeof(ctx->err->msg),
			 "max_request_body_size must be a number of bytes from 1 to %u, not '%.40s'",
			 SIZELIMIT_MAX, kv->value);
		return -EINVAL;
	}
	app->priv[S_MAX].u = v;
	return 0;
}

static int sizelimit_call(struct pl_app *app, struct pl_request *req,
			  struct pl_response *resp)
{
	uint32_t max = (uint32_t)app->priv[S_MAX].u, announced;
	const struct pl_str *cl = pl_req_header(req, "Content-Length");

	if (req->body.n > max ||
	    (cl && parse_u32(cl->p, cl->n, &announced) && announced > max) ||
	    (cl && cl->n > 10)) {
		pl_fault(resp, 413, "Request is too large.");
		return 0;
	}
	return app->next->call(app->next, req, resp);
}

PL_FACTORY(sizelimit,
	.kind = PL_KIND_FILTER,
	.init = sizelimit_init,
	.call = sizelimit_call);
