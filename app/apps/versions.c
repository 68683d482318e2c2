/*
 * versions: OpenStack API version discovery.
 *
 * Mounted at "/" it answers only "/" itself: 300 Multiple Choices with
 * {"versions": [...]}; anything below it is 404. As a router controller it
 * offers the actions `index` (the same 300 list) and `show` (200
 * {"version": {...}}), which is how /v1 and /v1/ answer.
 *
 * ini keys ([app:NAME] use = versions):
 *   version_id  = v1.0       id of the one version this device serves
 *   status      = CURRENT    CURRENT | SUPPORTED | DEPRECATED | EXPERIMENTAL
 *   path        = /v1/       where the version lives, for the self link
 *   updated     = 2026-11-25T00:00:00Z
 *   media_type  = application/vnd.openstack.lwpaste+json;version=1
 * The self link's host comes from the request's Host header (the device's
 * address when there is none), its scheme from the connection.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pl.h"
#include "pl_build.h"
#include "pl_json.h"
#include "pl_resp.h"

enum { V_ID, V_STATUS, V_PATH, V_UPDATED, V_MEDIA, V_NUM };

static const char *const v_keys[V_NUM] = {
	"version_id", "status", "path", "updated", "media_type",
};
static const char *const v_defaults[V_NUM] = {
	"v1.0", "CURRENT", "/v1/", "2026-11-25T00:00:00Z",
	"application/vnd.openstack.lwpaste+json;version=1",
};

static int versions_init(struct pl_app *app, struct pl_build_ctx *ctx)
{
	static const char *const statuses[] = {
		"CURRENT", "SUPPORTED", "DEPRECATED", "EXPERIMENTAL",
	};
	size_t i;
	bool ok = false;

	for (i = 0; i < V_NUM; i++) {
		const char *v = pl_conf_get(ctx->sec, v_keys[i]);

		app->priv[i].cp = v ? v : v_defaults[i];
	}
	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		ok |= strcmp(app->priv[V_STATUS].cp, statuses[i]) == 0;
	if (!ok) {
		const struct pl_kv *kv = pl_conf_kv(ctx->sec, "status");

		ctx->err->line = kv ? kv->line : ctx->sec->line;
		snprintf(ctx->err->msg, sizeof(ctx->err->msg),
			 "status must be CURRENT, SUPPORTED, DEPRECATED or EXPERIMENTAL");
		return -EINVAL;
	}
	if (((const char *)app->priv[V_PATH].cp)[0] != '/') {
		const struct pl_kv *kv = pl_conf_kv(ctx->sec, "path");

		ctx->err->line = kv ? kv->line : ctx->sec->line;
		snprintf(ctx->err->msg, sizeof(ctx->err->msg),
			 "path must start with '/'");
		return -EINVAL;
	}
	return 0;
}

static void write_host(struct pl_json *j, const struct pl_request *req,
		       const char *path)
{
	/* Build "scheme://host/path" in a small buffer, then escape it once. */
	char buf[192];
	const struct pl_str *host = pl_req_header(req, "Host");
	size_t n = 0, plen = strlen(path);
	const char *scheme = req->secure ? "https://" : "http://";

	memcpy(buf, scheme, strlen(scheme));
	n = strlen(scheme);
	if (host && host->n > 0 && host->n < sizeof(buf) - n - plen) {
		memcpy(buf + n, host->p, host->n);
		n += host->n;
	} else {
		struct pl_net_info ni = {0};
		uint32_t a;

		if (pl_platform && pl_platform->net_info)
			pl_platform->net_info(&ni);
		a = ni.ipv4; /* network byte order: first octet in memory first */
		for (int k = 0; k < 4; k++) {
			n += pl_fmt_uint(buf + n, 4, ((const uint8_t *)&a)[k]);
			if (k < 3)
				buf[n++] = '.';
		}
	}
	if (plen < sizeof(buf) - n) {
		memcpy(buf + n, path, plen);
		n += plen;
	}
	pl_json_strn(j, buf, n);
}

static void write_version(struct pl_json *j, const struct pl_app *app,
			  const struct pl_request *req)
{
	pl_json_obj_open(j);
	pl_json_key(j, "id");
	pl_json_str(j, app->priv[V_ID].cp);
	pl_json_key(j, "status");
	pl_json_str(j, app->priv[V_STATUS].cp);
	pl_json_key(j, "updated");
	pl_json_str(j, app->priv[V_UPDATED].cp);
	pl_json_key(j, "links");
	pl_json_arr_open(j);
	pl_json_obj_open(j);
	pl_json_key(j, "rel");
	pl_json_str(j, "self");
	pl_json_key(j, "href");
	write_host(j, req, app->priv[V_PATH].cp);
	pl_json_obj_close(j);
	pl_json_arr_close(j);
	pl_json_key(j, "media-types");
	pl_json_arr_open(j);
	pl_json_obj_open(j);
	pl_json_key(j, "base");
	pl_json_str(j, "application/json");
	pl_json_key(j, "type");
	pl_json_str(j, app->priv[V_MEDIA].cp);
	pl_json_obj_close(j);
	pl_json_arr_close(j);
	pl_json_obj_close(j);
}

static int versions_index(struct pl_app *app, struct pl_request *req,
			  struct pl_response *resp)
{
	struct pl_json j;

	resp->status = 300;
	pl_json_begin(&j, resp);
	pl_json_obj_open(&j);
	pl_json_key(&j, "versions");
	pl_json_arr_open(&j);
	write_version(&j, app, req);
	pl_json_arr_close(&j);
	pl_json_obj_close(&j);
	return 0;
}

static int versions_show(struct pl_app *app, struct pl_request *req,
			 struct pl_response *resp)
{
	struct pl_json j;

	resp->status = 200;
	pl_json_begin(&j, resp);
	pl_json_obj_open(&j);
	pl_json_key(&j, "version");
	write_version(&j, app, req);
	pl_json_obj_close(&j);
	return 0;
}

static int versions_call(struct pl_app *app, struct pl_request *req,
			 struct pl_response *resp)
{
	if (pl_resp_root_get_only(req, resp))
		return 0;
	return versions_index(app, req, resp);
}

static const struct pl_action versions_actions[] = {
	{"index", versions_index},
	{"show", versions_show},
};

PL_FACTORY(versions) = {
	.name = "versions",
	.kind = PL_KIND_APP,
	.init = versions_init,
	.call = versions_call,
	.actions = versions_actions,
	.num_actions = sizeof(versions_actions) / sizeof(versions_actions[0]),
};
