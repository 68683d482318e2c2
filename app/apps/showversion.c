/*
 * showversion: the Paste Deploy lab app. Answers every request with
 * text/plain "Paste Deploy LAB: Version = <version>".
 *
 * ini keys ([app:NAME] use = showversion):
 *   version = 1.0.0     required; the text it shows
 */
#include <errno.h>

#include "pl.h"
#include "pl_build_priv.h"
#include "pl_resp.h"

static int showversion_init(struct pl_app *app, struct pl_build_ctx *ctx)
{
	const char *v = pl_conf_get(ctx->sec, "version");

	if (!v)
		return pl_errf(ctx->err, ctx->sec->line, -EINVAL,
			       "[app:%s]: missing required key 'version'",
			       ctx->sec->name);
	app->priv[0].cp = v;
	return 0;
}

static int showversion_call(struct pl_app *app, struct pl_request *req,
			    struct pl_response *resp)
{
	(void)req;
	resp->status = 200;
	resp->content_type = "text/plain";
	pl_resp_puts(resp, "Paste Deploy LAB: Version = ");
	pl_resp_puts(resp, app->priv[0].cp);
	return 0;
}

PL_FACTORY(showversion,
	.kind = PL_KIND_APP,
	.init = showversion_init,
	.call = showversion_call);
