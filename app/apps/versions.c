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
 *
 * Everything else is fixed by the config, so init renders the version
 * object once into the build's arena (pl_build_alloc) and a request only
 * writes the two halves around its self link.
 */
#include <errno.h>
#include <string.h>

#include "pl.h"
#include "pl_build.h"
#include "pl_fmt.h"
#include "pl_json.h"
#include "pl_resp.h"

enum { V_ID, V_STATUS, V_PATH, V_UPDATED, V_MEDIA, V_NUM };

/* After init: the version object rendered once, around its self link
 * (the only part that depends on the request), in the build's arena. */
enum { P_PATH, P_DOC, P_HREF_AT, P_DOC_LEN };

/* Longest version object init renders (the conf values make it). */
#define V_DOC_MAX 512

static const char *const v_keys[V_NUM] = {
	"version_id", "status", "path", "updated", "media_type",
};
static const char *const v_defaults[V_NUM] = {
	"v1.0", "CURRENT", "/v1/", "2026-11-25T00:00:00Z",
	"application/vnd.openstack.lwpaste+json;version=1",
};

/* {"id": ..., "links": [{"rel": "self", "href": HREF}], "media-types": ...}
 * with an empty href; *href_at is where its string starts. */
static void render_version(struct pl_json *j, const char *const v[V_NUM],
			   size_t *href_at)
{
	pl_json_obj_open(j);
	pl_json_key(j, "id");
	pl_json_str(j, v[V_ID]);
	pl_json_key(j, "status");
	pl_json_str(j, v[V_STATUS]);
	pl_json_key(j, "updated");
	pl_json_str(j, v[V_UPDATED]);
	pl_json_key(j, "links");
	pl_json_arr_open(j);
	pl_json_obj_open(j);
	pl_json_key(j, "rel");
	pl_json_str(j, "self");
	pl_json_key(j, "href");
	*href_at = j->resp->body_len;
	pl_json_strn(j, "", 0);
	pl_json_obj_close(j);
	pl_json_arr_close(j);
	pl_json_key(j, "media-types");
	pl_json_arr_open(j);
	pl_json_obj_open(j);
	pl_json_key(j, "base");
	pl_json_str(j, "application/json");
	pl_json_key(j, "type");
	pl_json_str(j, v[V_MEDIA]);
	pl_json_obj_close(j);
	pl_json_arr_close(j);
	pl_json_obj_close(j);
}

static int conf_error(struct pl_build_ctx *ctx, const char *key, const char *msg)
{
	const struct pl_kv *kv = pl_conf_kv(ctx->sec, key);

	ctx->err->line = kv ? kv->line : ctx->sec->line;
	pl_snprintf(ctx->err->msg, sizeof(ctx->err->msg), "%s", msg);
	return -EINVAL;
}

static int versions_init(struct pl_app *app, struct pl_build_ctx *ctx)
{
	static const char *const statuses[] = {
		"CURRENT", "SUPPORTED", "DEPRECATED", "EXPERIMENTAL",
	};
	const char *v[V_NUM];
	char buf[V_DOC_MAX];
	struct pl_response r;
	struct pl_json j;
	size_t i, href_at = 0;
	bool ok = false;
	char *doc;

	for (i = 0; i < V_NUM; i++) {
		const char *val = pl_conf_get(ctx->sec, v_keys[i]);

		v[i] = val ? val : v_defaults[i];
	}
	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		ok |= strcmp(v[V_STATUS], statuses[i]) == 0;
	if (!ok)
		return conf_error(ctx, "status",
				  "status must be CURRENT, SUPPORTED, DEPRECATED or EXPERIMENTAL");
	if (v[V_PATH][0] != '/')
		return conf_error(ctx, "path", "path must start with '/'");

	memset(&r, 0, sizeof(r));
	r.body = buf;
	r.body_cap = sizeof(buf);
	pl_json_begin(&j, &r);
	render_version(&j, v, &href_at);
	if (r.overflow)
		return conf_error(ctx, "media_type",
				  "the version document is longer than 512 bytes: shorten the values");
	/* drop the empty href's "" : the request's link goes there */
	doc = pl_build_alloc(ctx, r.body_len - 2);
	if (!doc)
		return -ENOMEM;
	memcpy(doc, buf, href_at);
	memcpy(doc + href_at, buf + href_at + 2, r.body_len - href_at - 2);
	app->priv[P_PATH].cp = v[V_PATH];
	app->priv[P_DOC].cp = doc;
	app->priv[P_HREF_AT].u = href_at;
	app->priv[P_DOC_LEN].u = r.body_len - 2;
	return 0;
}

/* "scheme://host/path" as a JSON string, straight into the body. */
static void write_href(struct pl_response *resp, const struct pl_request *req,
		       const char *path)
{
	char buf[192];
	const struct pl_str *host = pl_req_header(req, "Host");
	size_t n, plen = strlen(path);

	if (req->secure) {
		memcpy(buf, "https://", 8);
		n = 8;
	} else {
		memcpy(buf, "http://", 7);
		n = 7;
	}
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
	pl_json_write_string(resp, buf, n);
}

static void write_version(struct pl_response *resp, const struct pl_app *app,
			  const struct pl_request *req)
{
	const char *doc = app->priv[P_DOC].cp;
	size_t at = app->priv[P_HREF_AT].u, len = app->priv[P_DOC_LEN].u;

	pl_resp_write(resp, doc, at);
	write_href(resp, req, app->priv[P_PATH].cp);
	pl_resp_write(resp, doc + at, len - at);
}

static int versions_index(struct pl_app *app, struct pl_request *req,
			  struct pl_response *resp)
{
	resp->status = 300;
	resp->content_type = "application/json";
	pl_resp_write(resp, "{\"versions\":[", 13);
	write_version(resp, app, req);
	pl_resp_write(resp, "]}", 2);
	return 0;
}

static int versions_show(struct pl_app *app, struct pl_request *req,
			 struct pl_response *resp)
{
	resp->status = 200;
	resp->content_type = "application/json";
	pl_resp_write(resp, "{\"version\":", 11);
	write_version(resp, app, req);
	pl_resp_write(resp, "}", 1);
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

PL_FACTORY(versions,
	.kind = PL_KIND_APP,
	.init = versions_init,
	.call = versions_call,
	.actions = versions_actions,
	.num_actions = sizeof(versions_actions) / sizeof(versions_actions[0]));
