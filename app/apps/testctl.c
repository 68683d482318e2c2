/*
 * test: a tiny router controller for config/openstack-prototype.ini and
 * the tests; the smallest thing with real bound actions.
 *
 *   index  {"tests": [{"id": "1", "name": "one"}, {"id": "2", "name": "two"}]}
 *   show   {"test": {"id": "<id>", "name": ...}} for id 1 or 2, else 404
 *   fail   a handler that fails halfway: writes a status, a header
 *          (X-Test-Partial) and half a body, then returns -EIO, so a test
 *          image can show what faultwrap (or, without it, the server)
 *          makes of a handler error; no resource() route binds it, only
 *          `connect NAME = GET /fail CONTROLLER#fail`
 *
 * ini keys ([app:NAME] use = test): none. Used directly as an app (not
 * through a router) it answers like index.
 */
#include <errno.h>

#include "pl.h"
#include "pl_json.h"
#include "pl_resp.h"

static const char *const test_names[] = {"one", "two"};

static void write_test(struct pl_json *j, unsigned i)
{
	char id[4];

	id[0] = (char)('1' + i);
	id[1] = '\0';
	pl_json_obj_open(j);
	pl_json_key(j, "id");
	pl_json_str(j, id);
	pl_json_key(j, "name");
	pl_json_str(j, test_names[i]);
	pl_json_obj_close(j);
}

static int test_index(struct pl_app *app, struct pl_request *req,
		      struct pl_response *resp)
{
	struct pl_json j;
	unsigned i;

	(void)app;
	(void)req;
	resp->status = 200;
	pl_json_begin(&j, resp);
	pl_json_obj_open(&j);
	pl_json_key(&j, "tests");
	pl_json_arr_open(&j);
	for (i = 0; i < sizeof(test_names) / sizeof(test_names[0]); i++)
		write_test(&j, i);
	pl_json_arr_close(&j);
	pl_json_obj_close(&j);
	return 0;
}

static int test_show(struct pl_app *app, struct pl_request *req,
		     struct pl_response *resp)
{
	struct pl_json j;
	size_t k;

	(void)app;
	for (k = 0; k < req->num_params; k++) {
		const struct pl_param *p = &req->params[k];

		if (p->name.n == 2 && p->name.p[0] == 'i' && p->name.p[1] == 'd' &&
		    p->value.n == 1 && (p->value.p[0] == '1' || p->value.p[0] == '2')) {
			resp->status = 200;
			pl_json_begin(&j, resp);
			pl_json_obj_open(&j);
			pl_json_key(&j, "test");
			write_test(&j, (unsigned)(p->value.p[0] - '1'));
			pl_json_obj_close(&j);
			return 0;
		}
	}
	pl_fault(resp, 404, "No such test.");
	return 0;
}

static int test_fail(struct pl_app *app, struct pl_request *req,
		     struct pl_response *resp)
{
	(void)app;
	(void)req;
	resp->status = 200;
	pl_resp_header(resp, "X-Test-Partial", "1", 1);
	pl_resp_puts(resp, "{\"test\": ");
	return -EIO;
}

static const struct pl_action test_actions[] = {
	{"index", test_index},
	{"show", test_show},
	{"fail", test_fail},
};

PL_FACTORY(test,
	.kind = PL_KIND_APP,
	.call = test_index,
	.actions = test_actions,
	.num_actions = sizeof(test_actions) / sizeof(test_actions[0]));
