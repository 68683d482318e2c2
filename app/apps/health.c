/*
 * health: liveness for a load balancer or a monitor. If the pipeline
 * answers at all, the device is up: the action does no work that could
 * fail, so a 200 means the network, the server and the pipeline run.
 *
 * As a router controller it offers `show` (200 {"status": "ok"}); mounted
 * directly (urlmap) it answers GET and HEAD on its own root the same way.
 *
 * ini keys ([app:NAME] use = health): none.
 */
#include "pl.h"
#include "pl_json.h"
#include "pl_resp.h"

static int health_show(struct pl_app *app, struct pl_request *req,
		       struct pl_response *resp)
{
	struct pl_json j;

	(void)app;
	(void)req;
	resp->status = 200;
	pl_json_begin(&j, resp);
	pl_json_obj_open(&j);
	pl_json_key(&j, "status");
	pl_json_str(&j, "ok");
	pl_json_obj_close(&j);
	return 0;
}

static int health_call(struct pl_app *app, struct pl_request *req,
		       struct pl_response *resp)
{
	if (pl_resp_root_get_only(req, resp))
		return 0;
	return health_show(app, req, resp);
}

static const struct pl_action health_actions[] = {
	{"show", health_show},
};

PL_FACTORY(health,
	.kind = PL_KIND_APP,
	.call = health_call,
	.actions = health_actions,
	.num_actions = sizeof(health_actions) / sizeof(health_actions[0]));
