/*
 * The pipeline core: registry, pl_build (pipelines, filter-with, cycles,
 * pools), urlmap (SCRIPT_NAME/PATH_INFO), router (matching, params, 405
 * with Allow, HEAD), showversion/logrequest (the paste lab) and the
 * [server:main] / [net:eth0] getters. Test factories below register in
 * the same linker section as the real ones.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mock_platform.h"
#include "pl_build_priv.h"
#include "pl_harness.h"
#include "pl_resp.h"

/* ---- test factories ---- */

/* probe: records where it was called and what it saw. */
static struct {
	char name[32];
	char script_name[64];
	char path_info[64];
	char action[32];
	char params[128];
} seen;

static void str_copy(char *dst, size_t cap, struct pl_str s)
{
	snprintf(dst, cap, "%.*s", (int)s.n, s.p ? s.p : "");
}

static int probe_call(struct pl_app *app, struct pl_request *req,
		      struct pl_response *resp)
{
	size_t i, n = 0;

	snprintf(seen.name, sizeof(seen.name), "%s", app->section->name);
	str_copy(seen.script_name, sizeof(seen.script_name), req->script_name);
	str_copy(seen.path_info, sizeof(seen.path_info), req->path_info);
	snprintf(seen.action, sizeof(seen.action), "%s",
		 req->action ? req->action : "");
	seen.params[0] = '\0';
	for (i = 0; i < req->num_params; i++)
		n += (size_t)snprintf(seen.params + n, sizeof(seen.params) - n,
				      "%s%.*s=%.*s", i ? "," : "",
				      (int)req->params[i].name.n,
				      req->params[i].name.p,
				      (int)req->params[i].value.n,
				      req->params[i].value.p);
	resp->status = 200;
	resp->content_type = "text/plain";
	pl_resp_puts(resp, app->section->name);
	return 0;
}

PL_FACTORY(probe,
	.kind = PL_KIND_APP,
	.call = probe_call);

/* trace: a filter that logs "tag(" before and ")" after its next. */
static char trace[256];

static void trace_add(const char *s)
{
	strncat(trace, s, sizeof(trace) - strlen(trace) - 1);
}

static int trace_init(struct pl_app *app, struct pl_build_ctx *ctx)
{
	const char *tag = pl_conf_get(ctx->sec, "tag");

	app->priv[0].cp = tag ? tag : ctx->sec->name;
	return 0;
}

static int trace_call(struct pl_app *app, struct pl_request *req,
		      struct pl_response *resp)
{
	int rc;

	trace_add(app->priv[0].cp);
	trace_add("(");
	rc = app->next->call(app->next, req, resp);
	trace_add(")");
	return rc;
}

PL_FACTORY(trace,
	.kind = PL_KIND_FILTER,
	.init = trace_init,
	.call = trace_call);

/* ctl: a controller with every resource action and one more. */
static const struct pl_action ctl_actions[] = {
	{"index", probe_call},  {"create", probe_call}, {"show", probe_call},
	{"update", probe_call}, {"delete", probe_call}, {"reboot", probe_call},
};

PL_FACTORY(ctl,
	.kind = PL_KIND_APP,
	.call = probe_call,
	.actions = ctl_actions,
	.num_actions = sizeof(ctl_actions) / sizeof(ctl_actions[0]));

static int setup(void **state)
{
	(void)state;
	mock_platform_reset();
	memset(&seen, 0, sizeof(seen));
	trace[0] = '\0';
	return 0;
}

#define assert_err(rc_, line_, substr)                                         \
	do {                                                                   \
		assert_true((rc_) < 0);                                        \
		if (!strstr(h.err.msg, (substr)))                              \
			fail_msg("error '%s' lacks '%s'", h.err.msg, (substr)); \
		assert_int_equal(h.err.line, (line_));                         \
	} while (0)

/* ---- registry ---- */

static void test_registry(void **state)
{
	const struct pl_factory *f;
	size_t n = 0;

	(void)state;
	assert_non_null(pl_factory_find("urlmap", 6));
	assert_ptr_equal(pl_factory_find("urlmap", 6),
			 pl_factory_find("egg:lwpaste#urlmap", 18));
	assert_ptr_equal(pl_factory_use("egg:lwpaste#router"),
			 pl_factory_use("router"));
	assert_null(pl_factory_find("urlmapx", 7));
	assert_null(pl_factory_find("urlma", 5));
	assert_null(pl_factory_find("egg:other#urlmap", 16));
	assert_null(pl_factory_use(NULL));
	for (f = pl_factory_begin(); f < pl_factory_end(); f++) {
		assert_non_null(f->name);
		assert_non_null(f->call);
		n++;
	}
	assert_true(n >= 8); /* urlmap router showversion test logrequest + ours */
	assert_int_equal(pl_factory_find("probe", 5)->kind, PL_KIND_APP);
	assert_int_equal(pl_factory_find("trace", 5)->kind, PL_KIND_FILTER);
}

/* ---- the paste lab ---- */

static const char lab_ini[] =
	"[composite:main]\n"
	"use = test_composite\n"
	"[composite:test_composite]\n"
	"use = egg:lwpaste#urlmap\n"
	"/ = root\n"
	"[pipeline:root]\n"
	"pipeline = logrequest showversion\n"
	"[filter:logrequest]\n"
	"use = egg:lwpaste#logrequest\n"
	"[app:showversion]\n"
	"use = egg:lwpaste#showversion\n"
	"version = 1.0.0\n";

static void test_lab(void **state)
{
	(void)state;
	assert_int_equal(h_build(lab_ini), 0);
	assert_int_equal(h.usage.apps, 3); /* urlmap, logrequest, showversion */
	assert_int_equal(h.usage.routes, 1);
	mock.micros = 1000;
	mock.micros_step = 153;
	assert_int_equal(h_request("GET", "/"), 200);
	assert_string_equal(h.body, "Paste Deploy LAB: Version = 1.0.0");
	assert_string_equal(h.resp.content_type, "text/plain");
	assert_string_equal(mock.console, "GET / 200 33 153\n");
	mock_console_clear();
	assert_int_equal(h_request("POST", "/anything?secret=1"), 200);
	assert_string_equal(mock.console, "POST /anything 200 33 153\n");
}

static void test_lab_file(void **state)
{
	(void)state;
	memset(&h, 0, sizeof(h));
	assert_int_equal(pl_load_file(&h_ld, LWPASTE_SOURCE_DIR "/config/lab.ini",
				      NULL, &h.err), 0);
	assert_string_equal(h_ld.cfg.entry, "main");
	h.pool.apps = (struct pl_app[8]){0};
	h.pool.num_apps = 3;
	h.pool.routes = (struct pl_route[1]){0};
	h.pool.num_routes = 1;
	assert_int_equal(pl_build(&h_ld.cfg, NULL, &h.pool, &h.root, &h.err), 0);
	assert_int_equal(h_request("GET", "/"), 200);
	assert_string_equal(h.body, "Paste Deploy LAB: Version = 1.0.0");
}

static void test_showversion_requires_version(void **state)
{
	(void)state;
	assert_err(h_build("[app:main]\nuse = showversion\nother = 1\n"), 1,
		   "missing required key 'version'");
}

/* ---- urlmap ---- */

static const char map_ini[] =
	"[composite:main]\n"
	"use = urlmap\n"
	"/ = root\n"
	"/v1 = v1\n"
	"/v1/deep/ = deep\n"
	"//x// = x\n"
	"/outer = outer\n"
	"[app:root]\nuse = probe\n"
	"[app:v1]\nuse = probe\n"
	"[app:deep]\nuse = probe\n"
	"[app:x]\nuse = probe\n"
	"[app:inner]\nuse = probe\n"
	"[composite:outer]\nuse = egg:lwpaste#urlmap\n/inner = inner\n";

static void expect_map(const char *path, const char *app, const char *sn,
		       const char *pi)
{
	assert_int_equal(h_request("GET", path), 200);
	assert_string_equal(seen.name, app);
	assert_string_equal(seen.script_name, sn);
	assert_string_equal(seen.path_info, pi);
	/* restored for the filters outside */
	assert_int_equal(h.req.script_name.n, 0);
	assert_ptr_equal(h.req.path_info.p, h.path);
}

static void test_urlmap_split(void **state)
{
	(void)state;
	assert_int_equal(h_build(map_ini), 0);
	expect_map("/", "root", "", "/");
	expect_map("/nope", "root", "", "/nope");
	expect_map("/v1", "v1", "/v1", "");
	expect_map("/v1/", "v1", "/v1", "/");
	expect_map("/v1/servers/1", "v1", "/v1", "/servers/1");
	expect_map("/v1x", "root", "", "/v1x");
	expect_map("/v1/deep", "deep", "/v1/deep", "");
	expect_map("/v1/deep/z", "deep", "/v1/deep", "/z");
	expect_map("/v1/deeper", "v1", "/v1", "/deeper");
	expect_map("/x", "x", "/x", "");
	expect_map("/x/y", "x", "/x", "/y");
	expect_map("//v1//a", "v1", "//v1", "//a");
	expect_map("/outer/inner/leaf", "inner", "/outer/inner", "/leaf");
	assert_int_equal(h_request("GET", "/outer/other"), 404);
	assert_non_null(strstr(h.body, "\"itemNotFound\""));
	assert_non_null(strstr(h.body, "404"));
}

static void test_urlmap_no_root(void **state)
{
	(void)state;
	assert_int_equal(h_build("[composite:main]\nuse = urlmap\n/a = a\n"
				 "[app:a]\nuse = probe\n"), 0);
	assert_int_equal(h_request("GET", "/b"), 404);
	assert_non_null(strstr(h.body, "itemNotFound"));
	assert_int_equal(h_request("GET", "/a/b"), 200);

	assert_int_equal(h_build("[composite:main]\nuse = urlmap\n/a = a\n"
				 "not_found_app = nf\n"
				 "[app:a]\nuse = probe\n[app:nf]\nuse = probe\n"), 0);
	assert_int_equal(h_request("GET", "/b"), 200);
	assert_string_equal(seen.name, "nf");
}

static void test_urlmap_errors(void **state)
{
	(void)state;
	assert_err(h_build("[composite:main]\nuse = urlmap\nfoo = a\n"
			   "[app:a]\nuse = probe\n"), 3, "not a path");
	assert_err(h_build("[composite:main]\nuse = urlmap\n/a = a\n/a/ = a\n"
			   "[app:a]\nuse = probe\n"), 4, "mounted twice");
	assert_err(h_build("[composite:main]\nuse = urlmap\n/a = nope\n"), 3,
		   "no section 'nope'");
	assert_err(h_build("[composite:main]\nuse = urlmap\n/a = f\n"
			   "[filter:f]\nuse = trace\n"), 3, "is a filter");
	assert_err(h_build("[app:main]\nuse = urlmap\n"), 2,
		   "is a composite factory");
}

/* ---- pipelines and filter-with ---- */

static void test_pipeline_order(void **state)
{
	(void)state;
	assert_int_equal(h_build("[pipeline:main]\npipeline = a b c app\n"
				 "[filter:a]\nuse = trace\n"
				 "[filter:b]\nuse = trace\n"
				 "[filter:c]\nuse = trace\n"
				 "[app:app]\nuse = probe\n"), 0);
	assert_int_equal(h.usage.apps, 4);
	/* the root is the leftmost filter */
	assert_string_equal(h.root->section->name, "a");
	assert_string_equal(h.root->next->section->name, "b");
	assert_string_equal(h.root->next->next->next->section->name, "app");
	assert_int_equal(h_request("GET", "/"), 200);
	assert_string_equal(trace, "a(b(c()))");
}

static void test_pipeline_nesting(void **state)
{
	(void)state;
	/* pipeline ending in a pipeline ending in a composite; filter-with on
	 * the app and on a filter; the same filter twice. */
	assert_int_equal(h_build("[pipeline:main]\npipeline = a inner\n"
				 "[pipeline:inner]\npipeline = b a map\n"
				 "[composite:map]\nuse = urlmap\n/ = app\n"
				 "[app:app]\nuse = probe\nfilter-with = z\n"
				 "[filter:a]\nuse = trace\n"
				 "[filter:b]\nuse = trace\nfilter-with = y\n"
				 "[filter:y]\nuse = trace\n"
				 "[filter:z]\nuse = trace\ntag = Z\n"), 0);
	assert_int_equal(h_request("GET", "/q"), 200);
	/* a( y( b( a( Z( app ) ) ) ) ) */
	assert_string_equal(trace, "a(y(b(a(Z(" ")))))");
	assert_string_equal(seen.name, "app");
}

static void test_pipeline_multiline(void **state)
{
	(void)state;
	assert_int_equal(h_build("[pipeline:main]\npipeline = a\n    b\n\tapp\n"
				 "[filter:a]\nuse = trace\n"
				 "[filter:b]\nuse = trace\n"
				 "[app:app]\nuse = probe\n"), 0);
	assert_int_equal(h_request("GET", "/"), 200);
	assert_string_equal(trace, "a(b())");
}

static void test_build_errors(void **state)
{
	(void)state;
	assert_err(h_build("[pipeline:main]\npipeline = a b\n"
			   "[filter:a]\nuse = trace\n[filter:b]\nuse = trace\n"),
		   2, "does not end in an app");
	assert_err(h_build("[pipeline:main]\npipeline = app a\n"
			   "[filter:a]\nuse = trace\n[app:app]\nuse = probe\n"),
		   2, "does not end in an app");
	assert_err(h_build("[pipeline:main]\npipeline = app app\n"
			   "[app:app]\nuse = probe\n"),
		   2, "is not a filter");
	assert_err(h_build("[pipeline:main]\npipeline = nope app\n"
			   "[app:app]\nuse = probe\n"),
		   2, "no such section");
	/* a cycle through a composite: only pl_build sees it */
	assert_err(h_build("[pipeline:main]\npipeline = a m\n"
			   "[filter:a]\nuse = trace\n"
			   "[composite:m]\nuse = urlmap\n/x = main\n"),
		   7, "reference cycle: main -> m -> main");
	assert_err(h_build("[app:main]\nuse = probe\nfilter-with = f\n"
			   "[filter:f]\nuse = trace\nfilter-with = f\n"),
		   4, "reference cycle");
	/* pools */
	assert_err(h_build_pools("[pipeline:main]\npipeline = a app\n"
				 "[filter:a]\nuse = trace\n[app:app]\nuse = probe\n",
				 1, 1),
		   3, "app pool full");
	assert_int_equal(h_build_pools(map_ini, 0, 2), -ENOMEM);
	assert_non_null(strstr(h.err.msg, "route pool full"));
	/* the entry point */
	assert_int_equal(h_load("[app:other]\nuse = probe\n"), -ENOENT);
	assert_int_equal(h.err.line, 1);
	assert_non_null(strstr(h.err.msg, "no [app:main], [composite:main] or [pipeline:main]"));
	assert_int_equal(h_load_entry("[app:other]\nuse = probe\n", "other"), 0);
	assert_string_equal(h_ld.cfg.entry, "other");
}

static void test_build_deep(void **state)
{
	char ini[4096];
	size_t n = 0;
	int i;

	(void)state;
	/* 20 nested pipelines: deeper than PL_BUILD_MAX_DEPTH */
	for (i = 0; i < 20; i++)
		n += (size_t)snprintf(ini + n, sizeof(ini) - n,
				      "[pipeline:%s%d]\npipeline = p%d\n",
				      i ? "p" : "main", i, i + 1);
	n += (size_t)snprintf(ini + n, sizeof(ini) - n, "[app:p20]\nuse = probe\n");
	(void)n;
	/* rename: the first is "main0"; make the entry main0 */
	assert_int_equal(h_load_entry(ini, "main0"), 0);
	memset(&h.err, 0, sizeof(h.err));
	h.pool.apps = (struct pl_app[4]){0};
	h.pool.num_apps = 4;
	assert_int_equal(pl_build(&h_ld.cfg, "main0", &h.pool, &h.root, &h.err), -ELOOP);
	assert_non_null(strstr(h.err.msg, "nested deeper"));
}

/* ---- router ---- */

static const char router_ini[] =
	"[app:main]\n"                                               /* 1 */
	"use = router\n"                                             /* 2 */
	"connect root = GET / c#index\n"                             /* 3 */
	"connect reboot = POST /device/reboot c#reboot\n"            /* 4 */
	"connect any = * /any c#show\n"                              /* 5 */
	"connect bare = /bare c#show\n"                              /* 6 */
	"connect two = GET,PUT /a/{x}/b/{y} c#update\n"              /* 7 */
	"resource leds = /leds c\n"                                  /* 8 */
	"resource tests = /tests t\n"                                /* 9 */
	"[app:c]\nuse = ctl\n"
	"[app:t]\nuse = test\n";

static void test_router_match(void **state)
{
	(void)state;
	assert_int_equal(h_build(router_ini), 0);
	/* 4 connects + 1 bare + 5 leds + 2 tests */
	assert_int_equal(h.usage.routes, 12);
	assert_int_equal(h.usage.apps, 3); /* router, c and t built once */

	assert_int_equal(h_request("GET", "/"), 200);
	assert_string_equal(seen.action, "index");
	assert_string_equal(seen.name, "c");
	assert_int_equal(h_request("GET", ""), 200); /* GET /v1 under urlmap */
	assert_string_equal(seen.action, "index");

	assert_int_equal(h_request("POST", "/device/reboot"), 200);
	assert_string_equal(seen.action, "reboot");
	assert_int_equal(h_request("DELETE", "/any"), 200);
	assert_int_equal(h_request("PATCH", "/bare/"), 200);

	assert_int_equal(h_request("PUT", "/a/1/b/two"), 200);
	assert_string_equal(seen.action, "update");
	assert_string_equal(seen.params, "x=1,y=two");
	assert_int_equal(h.req.num_params, 2);
	assert_string_equal(h.req.action, "update");
	assert_int_equal(h_request("GET", "/a//b/two"), 404);
	assert_int_equal(h_request("GET", "/a/1/b/two/3"), 404);

	/* resource */
	assert_int_equal(h_request("GET", "/leds"), 200);
	assert_string_equal(seen.action, "index");
	assert_string_equal(seen.params, "");
	assert_int_equal(h_request("POST", "/leds"), 200);
	assert_string_equal(seen.action, "create");
	assert_int_equal(h_request("GET", "/leds/3"), 200);
	assert_string_equal(seen.action, "show");
	assert_string_equal(seen.params, "id=3");
	assert_int_equal(h_request("PUT", "/leds/3/"), 200);
	assert_string_equal(seen.action, "update");
	assert_int_equal(h_request("DELETE", "/leds/0"), 200);
	assert_string_equal(seen.action, "delete");
	assert_int_equal(h_request("GET", "/leds/3/x"), 404);
	assert_int_equal(h_request("GET", "/ledsx"), 404);

	/* the real test controller: index and show only */
	assert_int_equal(h_request("GET", "/tests/2"), 200);
	assert_non_null(strstr(h.body, "\"two\""));
	assert_int_equal(h_request("GET", "/tests/9"), 404);
}

static void test_router_head_405_404(void **state)
{
	(void)state;
	assert_int_equal(h_build(router_ini), 0);
	/* HEAD is served by every GET route */
	assert_int_equal(h_request("HEAD", "/leds/1"), 200);
	assert_string_equal(seen.action, "show");
	assert_int_equal(h_request("HEAD", "/"), 200);
	/* wrong method on a known path: 405 with Allow */
	assert_int_equal(h_request("POST", "/"), 405);
	assert_non_null(strstr(h.body, "\"badMethod\""));
	assert_string_equal(h_header("Allow"), "GET, HEAD");
	assert_int_equal(h_request("GET", "/device/reboot"), 405);
	assert_string_equal(h_header("Allow"), "POST");
	assert_int_equal(h_request("PATCH", "/leds/1"), 405);
	assert_string_equal(h_header("Allow"), "GET, HEAD, PUT, DELETE");
	assert_int_equal(h_request("PUT", "/tests"), 405);
	assert_string_equal(h_header("Allow"), "GET, HEAD");
	assert_int_equal(h_request("POST", "/a/1/b/2"), 405);
	assert_string_equal(h_header("Allow"), "GET, HEAD, PUT");
	/* nothing matches */
	assert_int_equal(h_request("GET", "/nope"), 404);
	assert_non_null(strstr(h.body, "\"itemNotFound\""));
	assert_null(h_header("Allow"));
	assert_int_equal(h.req.num_params, 0);
}

static void test_router_under_urlmap(void **state)
{
	(void)state;
	assert_int_equal(h_build("[composite:main]\nuse = urlmap\n/v1 = r\n"
				 "[app:r]\nuse = router\nresource leds = /leds c\n"
				 "[app:c]\nuse = ctl\n"), 0);
	assert_int_equal(h_request("GET", "/v1/leds/7"), 200);
	assert_string_equal(seen.script_name, "/v1");
	assert_string_equal(seen.path_info, "/leds/7");
	assert_string_equal(seen.params, "id=7");
}

static void test_router_errors(void **state)
{
	(void)state;
#define R(lines) "[app:main]\nuse = router\n" lines "[app:c]\nuse = ctl\n"
	assert_err(h_build(R("connect x = GET /a c#frob\n")), 3,
		   "controller 'c' has no action 'frob' (it has: index, create, show, update, delete, reboot)");
	assert_err(h_build(R("connect x = GTE /a c#index\n")), 3,
		   "unknown method 'GTE'");
	assert_err(h_build(R("connect x = GET,,PUT /a c#index\n")), 3,
		   "unknown method ''");
	assert_err(h_build(R("connect x = GET a c#index\n")), 3,
		   "must start with '/'");
	assert_err(h_build(R("connect x = GET /a/{id c#index\n")), 3,
		   "bad parameter");
	assert_err(h_build(R("connect x = GET /a/x{id} c#index\n")), 3,
		   "must start a path segment");
	assert_err(h_build(R("connect x = GET /a/{id}x c#index\n")), 3,
		   "bad parameter");
	assert_err(h_build(R("connect x = GET /{a}/{a} c#index\n")), 3,
		   "parameter {a} twice");
	assert_err(h_build(R("connect x = GET /{a}/{b}/{c}/{d}/{e} c#index\n")), 3,
		   "more than 4 parameters");
	assert_err(h_build(R("connect x = GET /a c\n")), 3,
		   "expected 'connect NAME");
	assert_err(h_build(R("connect x = GET /a c#index extra\n")), 3,
		   "expected 'connect NAME");
	assert_err(h_build(R("connect x = GET /a nope#index\n")), 3,
		   "no controller section 'nope'");
	assert_err(h_build(R("connect = GET /a c#index\n")), 3,
		   "unknown key 'connect'");
	assert_err(h_build(R("route x = GET /a c#index\n")), 3,
		   "unknown key 'route x'");
	assert_err(h_build(R("resource x = /a\n")), 3, "expected 'resource NAME");
	assert_err(h_build(R("resource x = / c\n")), 3, "collection path");
	assert_err(h_build(R("resource x = /a/{id} c\n")), 3,
		   "parameter {id} twice");
	assert_err(h_build(R("connect x = GET /a p#index\n") "[app:p]\nuse = probe\n"),
		   3, "declares no actions");
	assert_err(h_build(R("connect x = GET /a p#index\n")
			   "[pipeline:p]\npipeline = c\n"),
		   3, "plain [app:] section");
	assert_err(h_build(R("connect x = GET /a f#index\n")
			   "[app:f]\nuse = ctl\nfilter-with = t\n[filter:t]\nuse = trace\n"),
		   3, "plain [app:] section");
#undef R
}

static void test_router_resource_subset(void **state)
{
	(void)state;
	/* versions declares index and show: a resource gets just those two */
	assert_int_equal(h_build("[app:main]\nuse = router\nresource v = /v ver\n"
				 "[app:ver]\nuse = versions\n"), 0);
	assert_int_equal(h.usage.routes, 2);
	assert_int_equal(h_request("DELETE", "/v/1"), 405);
	assert_string_equal(h_header("Allow"), "GET, HEAD");
}

/* ---- [server:main] and [net:eth0] ---- */

static void test_server_conf(void **state)
{
	struct pl_server_conf sc;

	(void)state;
	assert_int_equal(h_load("[app:main]\nuse = probe\n"), 0);
	assert_int_equal(pl_server_conf_get(&h_ld.cfg, &sc, &h.err), 0);
	assert_int_equal(sc.port, 80);
	assert_int_equal(sc.tls_port, 443);
	assert_int_equal(sc.max_connections, 8);
	assert_int_equal(sc.max_tls_connections, 2);
	assert_int_equal(sc.header_timeout_ms, 10000);
	assert_int_equal(sc.idle_timeout_ms, 30000);
	assert_int_equal(sc.max_uri_bytes, 1024);
	assert_int_equal(sc.max_header_bytes, 4096);
	assert_int_equal(sc.max_body_bytes, 16384);

	assert_int_equal(h_load("[app:main]\nuse = probe\n[server:main]\n"
				"use = egg:Paste#http\nport = 8080\ntls_port = 0\n"
				"max_connections = 4\nmax_body_bytes = 0\n"), 0);
	assert_int_equal(pl_server_conf_get(&h_ld.cfg, &sc, &h.err), 0);
	assert_int_equal(sc.port, 8080);
	assert_int_equal(sc.tls_port, 0);
	assert_int_equal(sc.max_connections, 4);
	assert_int_equal(sc.max_body_bytes, 0);

#define S(lines) "[app:main]\nuse = probe\n[server:main]\n" lines
	assert_int_equal(h_load(S("port = 70000\n")), 0);
	assert_int_equal(pl_server_conf_get(&h_ld.cfg, &sc, &h.err), -ERANGE);
	assert_int_equal(h.err.line, 4);
	assert_string_equal(h.err.msg, "port = 70000: out of range (0..65535)");
	assert_int_equal(h_load(S("\nmax_connections = 0\n")), 0);
	assert_int_equal(pl_server_conf_get(&h_ld.cfg, &sc, &h.err), -ERANGE);
	assert_int_equal(h.err.line, 5);
	assert_int_equal(h_load(S("port = 8o\n")), 0);
	assert_int_equal(pl_server_conf_get(&h_ld.cfg, &sc, &h.err), -EINVAL);
	assert_non_null(strstr(h.err.msg, "not a number"));
	assert_int_equal(h_load(S("port = -1\n")), 0);
	assert_int_equal(pl_server_conf_get(&h_ld.cfg, &sc, &h.err), -EINVAL);
	assert_int_equal(h_load(S("port = 99999999999\n")), 0);
	assert_int_equal(pl_server_conf_get(&h_ld.cfg, &sc, &h.err), -EINVAL);
	assert_int_equal(h_load(S("prot = 80\n")), 0);
	assert_int_equal(pl_server_conf_get(&h_ld.cfg, &sc, &h.err), -EINVAL);
	assert_non_null(strstr(h.err.msg, "unknown key 'prot'"));
	assert_int_equal(h_load(S("port = 8080\ntls_port = 8080\n")), 0);
	assert_int_equal(pl_server_conf_get(&h_ld.cfg, &sc, &h.err), -EINVAL);
	assert_int_equal(h.err.line, 5);
	assert_int_equal(h_load(S("port = 0\ntls_port = 0\n")), 0);
	assert_int_equal(pl_server_conf_get(&h_ld.cfg, &sc, &h.err), -EINVAL);
	assert_int_equal(h_load(S("max_uri_bytes = 5000\n")), 0);
	assert_int_equal(pl_server_conf_get(&h_ld.cfg, &sc, &h.err), -ERANGE);
	assert_int_equal(h.err.line, 4);
	/* [DEFAULT] keys are not server keys */
	assert_int_equal(h_load("[DEFAULT]\nfoo = 1\n" S("port = 81\n")), 0);
	assert_int_equal(pl_server_conf_get(&h_ld.cfg, &sc, &h.err), 0);
#undef S
}

static void test_net_conf(void **state)
{
	struct pl_net_conf nc;

	(void)state;
	assert_int_equal(h_load("[app:main]\nuse = probe\n"), 0);
	assert_int_equal(pl_net_conf_get(&h_ld.cfg, &nc, &h.err), 0);
	assert_true(nc.dhcp);
#define N(lines) "[app:main]\nuse = probe\n[net:eth0]\n" lines
	assert_int_equal(h_load(N("address = 10.0.2.15/24\ngateway = 10.0.2.2\n"
				  "hostname = lwpaste-1\n")), 0);
	assert_int_equal(pl_net_conf_get(&h_ld.cfg, &nc, &h.err), 0);
	assert_false(nc.dhcp);
	assert_int_equal(nc.address, 0x0a00020fu);
	assert_int_equal(nc.netmask, 0xffffff00u);
	assert_int_equal(nc.gateway, 0x0a000202u);
	assert_string_equal(nc.hostname, "lwpaste-1");
	assert_int_equal(h_load(N("address = 192.0.2.10/32\n")), 0);
	assert_int_equal(pl_net_conf_get(&h_ld.cfg, &nc, &h.err), 0);
	assert_int_equal(nc.netmask, 0xffffffffu);
	assert_int_equal(h_load(N("address = dhcp\ngateway = 10.0.2.2\n")), 0);
	assert_int_equal(pl_net_conf_get(&h_ld.cfg, &nc, &h.err), 0);
	assert_true(nc.dhcp);
	assert_int_equal(nc.gateway, 0);

	static const struct {
		const char *lines;
		int line;
		const char *msg;
	} bad[] = {
		{"address = 10.0.2.15\n", 4, "expected dhcp or a.b.c.d/len"},
		{"address = 10.0.2/24\n", 4, "not an IPv4 address"},
		{"address = 10.0.2.256/24\n", 4, "not an IPv4 address"},
		{"address = 10.0.2.1x/24\n", 4, "not an IPv4 address"},
		{"address = 10.0.2.15/33\n", 4, "prefix length out of range"},
		{"address = 10.0.2.15/0\n", 4, "prefix length out of range"},
		{"address = 10.0.2.0/24\n", 4, "network or broadcast"},
		{"address = 10.0.2.15/24\ngateway = 10.0.3.1\n", 5, "not in the subnet 10.0.2.0"},
		{"gateway = 10.0.3\n", 4, "not an IPv4 address"},
		{"hostname = -bad\n", 4, "hostname = -bad"},
		{"hostname = a_b\n", 4, "hostname = a_b"},
		{"mtu = 1500\n", 4, "unknown key 'mtu'"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char ini[256];

		snprintf(ini, sizeof(ini), N("%s"), bad[i].lines);
		assert_int_equal(h_load(ini), 0);
		assert_true(pl_net_conf_get(&h_ld.cfg, &nc, &h.err) < 0);
		assert_int_equal(h.err.line, bad[i].line);
		if (!strstr(h.err.msg, bad[i].msg))
			fail_msg("'%s': '%s' lacks '%s'", bad[i].lines, h.err.msg,
				 bad[i].msg);
	}
#undef N
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_registry, setup),
		cmocka_unit_test_setup(test_lab, setup),
		cmocka_unit_test_setup(test_lab_file, setup),
		cmocka_unit_test_setup(test_showversion_requires_version, setup),
		cmocka_unit_test_setup(test_urlmap_split, setup),
		cmocka_unit_test_setup(test_urlmap_no_root, setup),
		cmocka_unit_test_setup(test_urlmap_errors, setup),
		cmocka_unit_test_setup(test_pipeline_order, setup),
		cmocka_unit_test_setup(test_pipeline_nesting, setup),
		cmocka_unit_test_setup(test_pipeline_multiline, setup),
		cmocka_unit_test_setup(test_build_errors, setup),
		cmocka_unit_test_setup(test_build_deep, setup),
		cmocka_unit_test_setup(test_router_match, setup),
		cmocka_unit_test_setup(test_router_head_405_404, setup),
		cmocka_unit_test_setup(test_router_under_urlmap, setup),
		cmocka_unit_test_setup(test_router_errors, setup),
		cmocka_unit_test_setup(test_router_resource_subset, setup),
		cmocka_unit_test_setup(test_server_conf, setup),
		cmocka_unit_test_setup(test_net_conf, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
