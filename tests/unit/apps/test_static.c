/*
 * static: files from the baked table (pl_config.files) served from flash
 * (pl_response.ext, never copied), Content-Type by extension, index and
 * the slash redirect, 404 for anything missing or traversing, 405 for
 * anything but GET and HEAD, and the init checks on the table.
 */
#include "apptest.h"

extern const struct pl_factory pl_factory_static;

static const uint8_t index_html[] = "<h1>hi</h1>";
static const uint8_t css[] = "h1{}";
static const uint8_t png[] = {0x89, 'P', 'N', 'G', 0x00, 0x0d, 0x0a};
static const uint8_t docs_index[] = "docs";
static const uint8_t space[] = "sp";
static const uint8_t other[] = "other";

/* Sorted by section, then path, as the config tool emits it. */
static const struct pl_file files[] = {
	{"a", "/x.txt", other, 5},
	{"t", "/a b.txt", space, 2},
	{"t", "/css/site.CSS", css, 4},
	{"t", "/docs/index.html", docs_index, 4},
	{"t", "/img/dot.png", png, sizeof(png)},
	{"t", "/index.html", index_html, 11},
	{"t", "/noext", other, 5},
	{"z", "/y.txt", other, 5},
};

static int setup(void **state)
{
	(void)state;
	t_reset();
	T.cfg.files = files;
	T.cfg.num_files = sizeof(files) / sizeof(files[0]);
	assert_int_equal(t_init(&pl_factory_static), 0);
	return 0;
}

static void get(const char *path)
{
	t_req(PL_GET, "GET", path, NULL);
	assert_int_equal(t_call(), 0);
}

static void test_serves_from_flash_without_a_copy(void **state)
{
	(void)state;
	get("/img/dot.png");
	assert_int_equal(T.resp.status, 200);
	assert_string_equal(t_ctype(), "image/png");
	assert_ptr_equal(T.resp.ext, (const char *)png);
	assert_int_equal(T.resp.ext_len, sizeof(png));
	assert_int_equal(T.resp.body_len, 0);
}

static void test_content_types(void **state)
{
	static const struct {
		const char *path, *type;
	} cases[] = {
		{"/index.html", "text/html; charset=utf-8"},
		{"/css/site.CSS", "text/css; charset=utf-8"},
		{"/noext", "application/octet-stream"},
		{"/a%20b.txt", "text/plain; charset=utf-8"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		get(cases[i].path);
		assert_int_equal(T.resp.status, 200);
		assert_string_equal(t_ctype(), cases[i].type);
	}
	assert_body_eq("sp");
}

static void test_head(void **state)
{
	(void)state;
	t_req(PL_HEAD, "HEAD", "/css/site.CSS", NULL);
	assert_int_equal(t_call(), 0);
	assert_int_equal(T.resp.status, 200);
	/* the server drops the body of a HEAD but keeps its length */
	assert_int_equal(T.resp.ext_len, 4);
}

static void test_index_and_redirect(void **state)
{
	(void)state;
	get("/");
	assert_int_equal(T.resp.status, 200);
	assert_body_eq("<h1>hi</h1>");
	get("/docs/");
	assert_int_equal(T.resp.status, 200);
	assert_body_eq("docs");
	get("/docs");
	assert_int_equal(T.resp.status, 301);
	assert_string_equal(t_resp_header("Location"), "/docs/");
	get("/css/"); /* a folder without an index */
	assert_int_equal(T.resp.status, 404);
}

static void test_redirect_keeps_the_mount_point(void **state)
{
	(void)state;
	/* mounted at /www by urlmap: SCRIPT_NAME /www, PATH_INFO empty */
	t_req(PL_GET, "GET", "/www", NULL);
	T.req.script_name.n = 4;
	T.req.path_info.p += 4;
	T.req.path_info.n = 0;
	assert_int_equal(t_call(), 0);
	assert_int_equal(T.resp.status, 301);
	assert_string_equal(t_resp_header("Location"), "/www/");

	t_req(PL_GET, "GET", "/www/docs", NULL);
	T.req.script_name.n = 4;
	T.req.path_info.p += 4;
	T.req.path_info.n -= 4;
	assert_int_equal(t_call(), 0);
	assert_int_equal(T.resp.status, 301);
	assert_string_equal(t_resp_header("Location"), "/www/docs/");
}

static void test_missing_and_traversal_are_404(void **state)
{
	static const char *const bad[] = {
		"/nope.html", "/x.txt", "/y.txt", "/index.htm", "/index.html/",
		"/../index.html", "/css/../index.html", "/./index.html",
		"/%2e%2e/index.html", "/css/%2E%2E/index.html", "//index.html",
		"/index.html%00", "/img\\dot.png", "/%zz", "/%2", "/%",
		"index.html", "/css//site.CSS",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		get(bad[i]);
		if (T.resp.status != 404)
			fail_msg("'%s' gave %u", bad[i], T.resp.status);
		assert_non_null(strstr(T.out, "\"itemNotFound\""));
		assert_null(T.resp.ext);
	}
}

static void test_long_path_is_404(void **state)
{
	static char path[600];

	(void)state;
	memset(path, 'a', sizeof(path) - 1);
	path[0] = '/';
	get(path);
	assert_int_equal(T.resp.status, 404);
}

static void test_other_methods_are_405(void **state)
{
	static const struct {
		unsigned m;
		const char *name;
	} ms[] = {{PL_POST, "POST"}, {PL_PUT, "PUT"}, {PL_DELETE, "DELETE"},
		  {PL_PATCH, "PATCH"}, {PL_OPTIONS, "OPTIONS"}};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
		t_req(ms[i].m, ms[i].name, "/index.html", "x");
		assert_int_equal(t_call(), 0);
		assert_int_equal(T.resp.status, 405);
		assert_string_equal(t_resp_header("Allow"), "GET, HEAD");
		assert_null(T.resp.ext);
	}
}

static void test_index_key(void **state)
{
	(void)state;
	t_reset();
	T.cfg.files = files;
	T.cfg.num_files = sizeof(files) / sizeof(files[0]);
	t_conf("index", "");
	assert_int_equal(t_init(&pl_factory_static), 0);
	get("/");
	assert_int_equal(T.resp.status, 404);
	get("/docs");
	assert_int_equal(T.resp.status, 404);

	t_reset();
	T.cfg.files = files;
	T.cfg.num_files = sizeof(files) / sizeof(files[0]);
	t_conf("index", "site.CSS");
	assert_int_equal(t_init(&pl_factory_static), 0);
	get("/css/");
	assert_int_equal(T.resp.status, 200);
	assert_body_eq("h1{}");

	t_reset();
	T.cfg.files = files;
	T.cfg.num_files = sizeof(files) / sizeof(files[0]);
	t_conf("index", "../index.html");
	assert_int_equal(t_init(&pl_factory_static), -EINVAL);
	assert_int_equal(T.err.line, T_SEC_LINE + 1);
}

static void test_init_needs_files(void **state)
{
	(void)state;
	t_reset();
	assert_int_equal(t_init(&pl_factory_static), -ENOENT);
	assert_int_equal(T.err.line, T_SEC_LINE);
	assert_non_null(strstr(T.err.msg, "root = DIR"));

	t_reset(); /* files, but none of this section's */
	T.cfg.files = files;
	T.cfg.num_files = 1;
	assert_int_equal(t_init(&pl_factory_static), -ENOENT);
}

static void test_init_refuses_a_bad_table(void **state)
{
	static const struct pl_file dotdot[] = {{"t", "/a/../b", other, 5}};
	static const struct pl_file unsorted[] = {
		{"t", "/b", other, 5}, {"t", "/a", other, 5}};
	static const struct pl_file split[] = {
		{"t", "/a", other, 5}, {"u", "/a", other, 5}, {"t", "/b", other, 5}};

	(void)state;
	t_reset();
	T.cfg.files = dotdot;
	T.cfg.num_files = 1;
	assert_int_equal(t_init(&pl_factory_static), -EINVAL);
	t_reset();
	T.cfg.files = unsorted;
	T.cfg.num_files = 2;
	assert_int_equal(t_init(&pl_factory_static), -EINVAL);
	t_reset();
	T.cfg.files = split;
	T.cfg.num_files = 3;
	assert_int_equal(t_init(&pl_factory_static), -EINVAL);
}

static void test_registered_as_a_file_server(void **state)
{
	(void)state;
	assert_ptr_equal(pl_factory_find("static", 6), &pl_factory_static);
	assert_true(pl_factory_static.embeds_files);
	assert_int_equal(pl_factory_static.kind, PL_KIND_APP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_serves_from_flash_without_a_copy, setup),
		cmocka_unit_test_setup(test_content_types, setup),
		cmocka_unit_test_setup(test_head, setup),
		cmocka_unit_test_setup(test_index_and_redirect, setup),
		cmocka_unit_test_setup(test_redirect_keeps_the_mount_point, setup),
		cmocka_unit_test_setup(test_missing_and_traversal_are_404, setup),
		cmocka_unit_test_setup(test_long_path_is_404, setup),
		cmocka_unit_test_setup(test_other_methods_are_405, setup),
		cmocka_unit_test(test_index_key),
		cmocka_unit_test(test_init_needs_files),
		cmocka_unit_test(test_init_refuses_a_bad_table),
		cmocka_unit_test(test_registered_as_a_file_server),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
