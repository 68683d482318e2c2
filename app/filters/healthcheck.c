/*
 * healthcheck (oslo.middleware.healthcheck): answers its own path itself,
 * 200 text/plain "OK" to GET and HEAD (405 to anything else), before any
 * filter inside it runs (put it outside authtoken so a monitor needs no
 * token); every other path passes on untouched. The path is compared with
 * PATH_INFO as this filter sees it, exactly (one trailing slash aside).
 *
 * ini keys ([filter:NAME] use = healthcheck):
 *   path = /healthcheck    where it answers (must start with '/')
 */
#include <errno.h>
#include <string.h>

#include "pl.h"
#include "pl_build.h"
#include "pl_fmt.h"
#include "pl_resp.h"

#define HEALTHCHECK_PATH_MAX 128

enum { H_PATH, H_LEN };

static int healthcheck_init(struct pl_app *app, struct pl_build_ctx *ctx)
{
	const struct pl_kv *kv = pl_conf_kv(ctx->sec, "path");
	const char *path = kv ? kv->value : "/healthcheck";
	size_t n = strlen(path), i;

	for (i = 0; i < n; i++)
		if ((unsigned char)path[i] <= 0x20 || path[i] == 0x7f ||
		    path[i] == '?' || path[i] == '#')
			break;
	if (n == 0 || path[0] != '/' || i != n || n > HEALTHCHECK_PATH_MAX) {
		ctx->err->line = kv ? kv->line : ctx->sec->line;
		pl_snprintf(ctx->err->msg, sizeof(ctx->err->msg),
			 "path must be a path starting with '/' (at most %d characters)",
			 HEALTHCHECK_PATH_MAX);
		return -EINVAL;
	}
	/* "/x/" and "/x" name the same place; keep it without the slash. */
	if (n > 1 && path[n - 1] == '/')
		n--;
	app->priv[H_PATH].cp = path;
	app->priv[H_LEN].u = n;
	return 0;
}

static int healthcheck_call(struct pl_app *app, struct pl_request *req,
			    struct pl_response *resp)
{
	static const char ok[] = "OK";
	struct pl_str p = req->path_info;
	size_t n = app->priv[H_LEN].u;

	if (p.n > 1 && p.p[p.n - 1] == '/')
		p.n--;
	if (p.n != n || memcmp(p.p, app->priv[H_PATH].cp, n) != 0)
		return app->next->call(app->next, req, resp);
	if (!(req->method & (PL_GET | PL_HEAD))) {
		pl_fault(resp, 405, "The method is not allowed for this resource.");
		pl_resp_header(resp, "Allow", "GET, HEAD", 9);
		return 0;
	}
	resp->status = 200;
	resp->content_type = "text/plain; charset=utf-8";
	resp->ext = ok;
	resp->ext_len = sizeof(ok) - 1;
	return 0;
}

PL_FACTORY(healthcheck,
	.kind = PL_KIND_FILTER,
	.init = healthcheck_init,
	.call = healthcheck_call);
