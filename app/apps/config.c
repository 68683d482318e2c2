/*
 * config: the paste ini this image was built from, as text, so an operator
 * can see what a device runs without the build tree. The text is the one
 * the config tool baked into the image with every secret already shown as
 * `***` (pl_config.ini_text); this app only points the response at it: the
 * server streams it from flash (pl_response.ext), so its size costs no RAM.
 * It says what the device was configured with; it is not a place to read
 * secrets back, and it should still sit behind authtoken (the default
 * image protects /config).
 *
 * Action (router controller): show, 200 text/plain; charset=utf-8.
 * Mounted directly (urlmap): GET / is show.
 *
 * ini keys ([app:NAME] use = config): none.
 */
#include "pl.h"
#include "pl_resp.h"

enum { C_CFG };

static int config_init(struct pl_app *app, struct pl_build_ctx *ctx)
{
	app->priv[C_CFG].cp = ctx->cfg;
	return 0;
}

static int config_show(struct pl_app *app, struct pl_request *req,
		       struct pl_response *resp)
{
	const struct pl_config *cfg = app->priv[C_CFG].cp;

	(void)req;
	if (!cfg || !cfg->ini_text) {
		pl_fault(resp, 404, "This image carries no configuration text.");
		return 0;
	}
	resp->status = 200;
	resp->content_type = "text/plain; charset=utf-8";
	resp->ext = cfg->ini_text;
	resp->ext_len = cfg->ini_len;
	return 0;
}

static int config_call(struct pl_app *app, struct pl_request *req,
		       struct pl_response *resp)
{
	if (pl_resp_root_get_only(req, resp))
		return 0;
	return config_show(app, req, resp);
}

static const struct pl_action config_actions[] = {
	{"show", config_show},
};

PL_FACTORY(config,
	.kind = PL_KIND_APP,
	.init = config_init,
	.call = config_call,
	.actions = config_actions,
	.num_actions = sizeof(config_actions) / sizeof(config_actions[0]));
