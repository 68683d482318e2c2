/*
 * device: what this device is and a way to restart it.
 *
 * Actions (router controller):
 *   show    200 {"device": {"name", "hostname", "board", "firmware":
 *           {"name", "version", "build_id"}, "uptime_ms", "uptime_s",
 *           "mac": "aa:bb:cc:dd:ee:ff", "ipv4": "192.0.2.10" | null,
 *           "netmask", "gateway"}}
 *   reboot  202 {"reboot": {"status": "accepted", "uptime_ms"}}, the
 *           connection closes, and the board resets once the response has
 *           left (pl_platform->reboot_after_flush): the client sees its
 *           answer before the device goes away.
 * Mounted directly (urlmap): GET / is show, POST /reboot is reboot.
 * Everything comes from pl_platform at request time; nothing is cached,
 * so a DHCP lease that changes shows at once.
 *
 * ini keys ([app:NAME] use = device):
 *   name = TEXT   what the device calls itself (1..64 printable
 *                 characters); default: its hostname, else "lwpaste"
 */
#include <errno.h>
#include <string.h>

#include "pl.h"
#include "pl_build.h"
#include "pl_fmt.h"
#include "pl_json.h"
#include "pl_resp.h"

#define DEVICE_NAME_MAX 64

enum { D_NAME };

static int device_init(struct pl_app *app, struct pl_build_ctx *ctx)
{
	const struct pl_kv *kv = pl_conf_kv(ctx->sec, "name");
	size_t i, n;

	app->priv[D_NAME].cp = NULL;
	if (!kv)
		return 0;
	n = strlen(kv->value);
	for (i = 0; i < n; i++)
		if ((unsigned char)kv->value[i] < 0x20 || kv->value[i] == 0x7f)
			break;
	if (n == 0 || n > DEVICE_NAME_MAX || i != n) {
		ctx->err->line = kv->line;
		pl_snprintf(ctx->err->msg, sizeof(ctx->err->msg),
			 "name must be 1 to %d printable characters",
			 DEVICE_NAME_MAX);
		return -EINVAL;
	}
	app->priv[D_NAME].cp = kv->value;
	return 0;
}

/* a.b.c.d from an address in network byte order (first octet first). */
static void json_ipv4(struct pl_json *j, uint32_t a)
{
	const uint8_t *o = (const uint8_t *)&a;
	char buf[16];
	size_t n = 0;
	int k;

	for (k = 0; k < 4; k++) {
		n += pl_fmt_uint(buf + n, sizeof(buf) - n, o[k]);
		if (k < 3)
			buf[n++] = '.';
	}
	pl_json_strn(j, buf, n);
}

static void json_mac(struct pl_json *j, const uint8_t mac[6])
{
	static const char hex[] = "0123456789abcdef";
	char buf[17];
	int k;

	for (k = 0; k < 6; k++) {
		buf[k * 3] = hex[mac[k] >> 4];
		buf[k * 3 + 1] = hex[mac[k] & 15];
		if (k < 5)
			buf[k * 3 + 2] = ':';
	}
	pl_json_strn(j, buf, sizeof(buf));
}

static uint32_t uptime_ms(void)
{
	return pl_platform && pl_platform->uptime_ms ? pl_platform->uptime_ms() : 0;
}

static int device_show(struct pl_app *app, struct pl_request *req,
		       struct pl_response *resp)
{
	struct pl_net_info ni;
	const char *name = app->priv[D_NAME].cp;
	const char *board = pl_platform && pl_platform->board ? pl_platform->board : "unknown";
	uint32_t up = uptime_ms();
	struct pl_json j;

	(void)req;
	memset(&ni, 0, sizeof(ni));
	if (pl_platform && pl_platform->net_info)
		pl_platform->net_info(&ni);
	if (!name)
		name = ni.hostname && ni.hostname[0] ? ni.hostname : LWPASTE_NAME;

	resp->status = 200;
	pl_json_begin(&j, resp);
	pl_json_obj_open(&j);
	pl_json_key(&j, "device");
	pl_json_obj_open(&j);
	pl_json_key(&j, "name");
	pl_json_str(&j, name);
	pl_json_key(&j, "hostname");
	if (ni.hostname)
		pl_json_str(&j, ni.hostname);
	else
		pl_json_null(&j);
	pl_json_key(&j, "board");
	pl_json_str(&j, board);
	pl_json_key(&j, "firmware");
	pl_json_obj_open(&j);
	pl_json_key(&j, "name");
	pl_json_str(&j, LWPASTE_NAME);
	pl_json_key(&j, "version");
	pl_json_str(&j, LWPASTE_VERSION);
	pl_json_key(&j, "build_id");
	pl_json_str(&j, LWPASTE_BUILD_ID);
	pl_json_obj_close(&j);
	pl_json_key(&j, "uptime_ms");
	pl_json_uint(&j, up);
	pl_json_key(&j, "uptime_s");
	pl_json_uint(&j, up / 1000u);
	pl_json_key(&j, "mac");
	json_mac(&j, ni.mac);
	pl_json_key(&j, "ipv4");
	if (ni.ipv4)
		json_ipv4(&j, ni.ipv4);
	else
		pl_json_null(&j);
	pl_json_key(&j, "netmask");
	if (ni.ipv4)
		json_ipv4(&j, ni.netmask);
	else
		pl_json_null(&j);
	pl_json_key(&j, "gateway");
	if (ni.gateway)
		json_ipv4(&j, ni.gateway);
	else
		pl_json_null(&j);
	pl_json_obj_close(&j);
	pl_json_obj_close(&j);
	return 0;
}

static int device_reboot(struct pl_app *app, struct pl_request *req,
			 struct pl_response *resp)
{
	struct pl_json j;

	(void)app;
	(void)req;
	if (!pl_platform || !pl_platform->reboot_after_flush) {
		pl_fault(resp, 501, "This board cannot reboot itself.");
		return 0;
	}
	resp->status = 202;
	pl_json_begin(&j, resp);
	pl_json_obj_open(&j);
	pl_json_key(&j, "reboot");
	pl_json_obj_open(&j);
	pl_json_key(&j, "status");
	pl_json_str(&j, "accepted");
	pl_json_key(&j, "uptime_ms");
	pl_json_uint(&j, uptime_ms());
	pl_json_obj_close(&j);
	pl_json_obj_close(&j);
	if (resp->overflow)
		return 0; /* the client gets a 500; do not reboot on it */
	/* Nothing pipelined after this request will be answered. */
	resp->close = true;
	pl_platform->reboot_after_flush();
	return 0;
}

static bool path_is(struct pl_str p, const char *lit)
{
	size_t n = strlen(lit);

	/* lit with or without one trailing slash */
	if (p.n == n + 1 && p.p[n] == '/')
		p.n--;
	return p.n == n && memcmp(p.p, lit, n) == 0;
}

static int device_call(struct pl_app *app, struct pl_request *req,
		       struct pl_response *resp)
{
	if (path_is(req->path_info, "")) {
		if (req->method & (PL_GET | PL_HEAD))
			return device_show(app, req, resp);
		pl_fault(resp, 405, "The method is not allowed for this resource.");
		pl_resp_header(resp, "Allow", "GET, HEAD", 9);
		return 0;
	}
	if (path_is(req->path_info, "/reboot")) {
		if (req->method & PL_POST)
			return device_reboot(app, req, resp);
		pl_fault(resp, 405, "The method is not allowed for this resource.");
		pl_resp_header(resp, "Allow", "POST", 4);
		return 0;
	}
	pl_fault(resp, 404, "The resource could not be found.");
	return 0;
}

static const struct pl_action device_actions[] = {
	{"show", device_show},
	{"reboot", device_reboot},
};

PL_FACTORY(device,
	.kind = PL_KIND_APP,
	.init = device_init,
	.call = device_call,
	.actions = device_actions,
	.num_actions = sizeof(device_actions) / sizeof(device_actions[0]));
