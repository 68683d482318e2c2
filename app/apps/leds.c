/*
 * leds: the board's LEDs as a REST collection (Routes' resource()).
 *
 * Actions (router controller; `resource leds = /leds leds` binds them):
 *   index   GET /leds       200 {"leds": [{"id": 0, "on": false}, ...]}
 *   show    GET /leds/{id}  200 {"led": {"id": 0, "on": false}}
 *   update  PUT /leds/{id}  body {"on": true}: 200 {"led": {...}}
 * The state is always read back from the hardware (pl_platform->led_get),
 * never from what was last written, so a board that cannot hold an LED
 * reports what it really shows. An {id} that is not a decimal number below
 * led_count() is 404 itemNotFound; a body that is not {"on": <boolean>} is
 * 400 badRequest saying what is wrong. Without a router (mounted by
 * urlmap) the same three answer on / and /{id}.
 *
 * ini keys ([app:NAME] use = leds): none; the board says how many LEDs
 * there are.
 */
#include <errno.h>
#include <string.h>

#include "pl.h"
#include "pl_json.h"
#include "pl_jsonin.h"
#include "pl_resp.h"

static unsigned led_count(void)
{
	return pl_platform && pl_platform->led_count && pl_platform->led_get ?
		       pl_platform->led_count() :
		       0;
}

static void json_led(struct pl_json *j, unsigned id)
{
	pl_json_obj_open(j);
	pl_json_key(j, "id");
	pl_json_uint(j, id);
	pl_json_key(j, "on");
	pl_json_bool(j, pl_platform->led_get(id));
	pl_json_obj_close(j);
}

static int leds_index(struct pl_app *app, struct pl_request *req,
		      struct pl_response *resp)
{
	unsigned i, n = led_count();
	struct pl_json j;

	(void)app;
	(void)req;
	resp->status = 200;
	pl_json_begin(&j, resp);
	pl_json_obj_open(&j);
	pl_json_key(&j, "leds");
	pl_json_arr_open(&j);
	for (i = 0; i < n; i++)
		json_led(&j, i);
	pl_json_arr_close(&j);
	pl_json_obj_close(&j);
	return 0;
}

/* The canonical decimal form only ("0", "12"; not "012", "+1", "1 "), so
 * one LED has one URL. */
static bool parse_id(struct pl_str s, unsigned *out)
{
	unsigned v = 0, n = led_count();
	size_t i;

	if (s.n == 0 || s.n > 5 || (s.n > 1 && s.p[0] == '0'))
		return false;
	for (i = 0; i < s.n; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return false;
		v = v * 10 + (unsigned)(s.p[i] - '0');
	}
	if (v >= n)
		return false;
	*out = v;
	return true;
}

static struct pl_str param_id(const struct pl_request *req)
{
	struct pl_str none = {"", 0};
	size_t i;

	for (i = 0; i < req->num_params; i++)
		if (pl_str_eq(req->params[i].name, "id"))
			return req->params[i].value;
	return none;
}

static bool find_led(const struct pl_request *req, struct pl_response *resp,
		     unsigned *id)
{
	if (parse_id(param_id(req), id))
		return true;
	pl_fault(resp, 404, "LED not found.");
	return false;
}

static int reply_led(struct pl_response *resp, unsigned id)
{
	struct pl_json j;

	resp->status = 200;
	pl_json_begin(&j, resp);
	pl_json_obj_open(&j);
	pl_json_key(&j, "led");
	json_led(&j, id);
	pl_json_obj_close(&j);
	return 0;
}

static int leds_show(struct pl_app *app, struct pl_request *req,
		     struct pl_response *resp)
{
	unsigned id;

	(void)app;
	if (!find_led(req, resp, &id))
		return 0;
	return reply_led(resp, id);
}

static int leds_update(struct pl_app *app, struct pl_request *req,
		       struct pl_response *resp)
{
	bool on = false;
	const struct pl_jfield fields[] = {
		{"on", PL_JBOOL, true, &on, NULL},
	};
	char msg[96];
	unsigned id;
	int rc;

	(void)app;
	if (!find_led(req, resp, &id))
		return 0;
	if (pl_jsonin_object(req->body.p, req->body.n, fields, 1, msg,
			     sizeof(msg)) < 0) {
		pl_fault(resp, 400, msg);
		return 0;
	}
	rc = pl_platform->led_set ? pl_platform->led_set(id, on) : -ENOTSUP;
	if (rc < 0) {
		pl_fault(resp, 500, "The LED could not be set.");
		return 0;
	}
	return reply_led(resp, id);
}

/* Without a router: / is the collection, /{id} a member. */
static int leds_call(struct pl_app *app, struct pl_request *req,
		     struct pl_response *resp)
{
	struct pl_str p = req->path_info;

	if (p.n && p.p[0] == '/') {
		p.p++;
		p.n--;
	}
	if (p.n && p.p[p.n - 1] == '/')
		p.n--;
	if (p.n == 0) {
		if (req->method & (PL_GET | PL_HEAD))
			return leds_index(app, req, resp);
		pl_fault(resp, 405, "The method is not allowed for this resource.");
		pl_resp_header(resp, "Allow", "GET, HEAD", 9);
		return 0;
	}
	if (memchr(p.p, '/', p.n)) {
		pl_fault(resp, 404, "The resource could not be found.");
		return 0;
	}
	req->params[0].name.p = "id";
	req->params[0].name.n = 2;
	req->params[0].value = p;
	req->num_params = 1;
	if (req->method & (PL_GET | PL_HEAD))
		return leds_show(app, req, resp);
	if (req->method & PL_PUT)
		return leds_update(app, req, resp);
	pl_fault(resp, 405, "The method is not allowed for this resource.");
	pl_resp_header(resp, "Allow", "GET, HEAD, PUT", 14);
	return 0;
}

static const struct pl_action leds_actions[] = {
	{"index", leds_index},
	{"show", leds_show},
	{"update", leds_update},
};

PL_FACTORY(leds,
	.kind = PL_KIND_APP,
	.call = leds_call,
	.actions = leds_actions,
	.num_actions = sizeof(leds_actions) / sizeof(leds_actions[0]));
