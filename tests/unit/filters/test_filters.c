/*
 * sizelimit, cors and healthcheck: what they answer themselves, what they
 * pass on, the headers they add, and the conf they refuse.
 */
#include "apptest.h"

extern const struct pl_factory pl_factory_sizelimit;
extern const struct pl_factory pl_factory_cors;
extern const struct pl_factory pl_factory_healthcheck;

static int setup(void **state)
{
	(void)state;
	t_reset();
	return 0;
}

static void expect_init_error(const struct pl_factory *f, uint16_t line,
			      const char *fragment)
{
	assert_int_equal(t_init(f), -EINVAL);
	assert_int_equal(T.err.line, line);
	if (!strstr(T.err.msg, fragment))
		fail_msg("message '%s' lacks '%s'", T.err.msg, fragment);
}

/* ---- sizelimit ---- */

static char big[114690];

static void put_body(size_t n)
{
	memset(big, 'x', sizeof(big));
	t_req(PL_PUT, "PUT", "/leds/0", NULL);
	T.req.body.p = big;
	T.req.body.n = n;
	T.inner_calls = 0;
	assert_int_equal(t_call(), 0);
}

static void test_sizelimit_default(void **state)
{
	(void)state;
	assert_int_equal(t_init(&pl_factory_sizelimit), 0);
	put_body(114688);
	assert_int_equal(T.resp.status, 200);
	assert_int_equal(T.inner_calls, 1);
	put_body(114689);
	assert_int_equal(T.resp.status, 413);
	assert_int_equal(T.inner_calls, 0);
	assert_body_eq("{\"overLimit\":{\"code\":413,\"message\":\"Request is too large.\"}}");
}

static void test_sizelimit_configured(void **state)
{
	(void)state;
	t_conf("max_request_body_size", "10");
	assert_int_equal(t_init(&pl_factory_sizelimit), 0);
	put_body(0);
	assert_int_equal(T.resp.status, 200);
	put_body(10);
	assert_int_equal(T.resp.status, 200);
	put_body(11);
	assert_int_equal(T.resp.status, 413);
	assert_int_equal(T.inner_calls, 0);
}

static void test_sizelimit_announced_length(void **state)
{
	(void)state;
	t_conf("max_request_body_size", "10");
	assert_int_equal(t_init(&pl_factory_sizelimit), 0);
	t_req(PL_PUT, "PUT", "/", "{}");
	t_header("Content-Length", "11");
	t_call();
	assert_int_equal(T.resp.status, 413);
	assert_int_equal(T.inner_calls, 0);
	t_req(PL_PUT, "PUT", "/", "{}");
	t_header("Content-Length", "2");
	t_call();
	assert_int_equal(T.resp.status, 200);
}

static void test_sizelimit_bad_values(void **state)
{
	static const char *const bad[] = {
		"0", "-1", "abc", "10k", "", " 10", "1073741825", "99999999999",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t_reset();
		t_conf("max_request_body_size", bad[i]);
		expect_init_error(&pl_factory_sizelimit, T_SEC_LINE + 1,
				  "max_request_body_size must be a number of bytes from 1 to 1073741824");
	}
	t_reset();
	t_conf("max_request_body_size", "1073741824");
	assert_int_equal(t_init(&pl_factory_sizelimit), 0);
}

/* ---- cors ---- */

#define ORIGIN "https://ui.example"

static void cors_conf(void)
{
	t_conf("allowed_origin", ORIGIN ", http://other.example:8080");
	t_conf("allow_headers", "X-Auth-Token");
	t_conf("expose_headers", "X-Openstack-Request-Id, X-Other");
	t_conf("max_age", "600");
	assert_int_equal(t_init(&pl_factory_cors), 0);
}

static void preflight(const char *origin, const char *method, const char *hdrs)
{
	T.inner_calls = 0;
	t_req(PL_OPTIONS, "OPTIONS", "/leds/1", NULL);
	t_header("Origin", origin);
	t_header("Access-Control-Request-Method", method);
	if (hdrs)
		t_header("Access-Control-Request-Headers", hdrs);
	assert_int_equal(t_call(), 0);
	assert_int_equal(T.resp.status, 200);
	assert_int_equal(T.inner_calls, 0);
	assert_int_equal(T.resp.body_len + T.resp.ext_len, 0);
}

static void test_cors_no_origin_untouched(void **state)
{
	(void)state;
	cors_conf();
	t_req(PL_GET, "GET", "/", NULL);
	t_call();
	assert_int_equal(T.inner_calls, 1);
	assert_int_equal(T.resp.hdr_len, 0);
	/* OPTIONS without Origin is the app's */
	t_req(PL_OPTIONS, "OPTIONS", "/", NULL);
	t_header("Access-Control-Request-Method", "PUT");
	t_call();
	assert_int_equal(T.inner_calls, 2);
	assert_int_equal(T.resp.hdr_len, 0);
}

static void test_cors_simple_request(void **state)
{
	(void)state;
	cors_conf();
	t_req(PL_GET, "GET", "/leds", NULL);
	t_header("Origin", ORIGIN);
	t_call();
	assert_int_equal(T.inner_calls, 1);
	assert_body_eq("{\"ok\": true}");
	assert_string_equal(t_resp_header("Access-Control-Allow-Origin"), ORIGIN);
	assert_string_equal(t_resp_header("Vary"), "Origin");
	assert_string_equal(t_resp_header("Access-Control-Allow-Credentials"), "true");
	assert_string_equal(t_resp_header("Access-Control-Expose-Headers"),
			    "X-Openstack-Request-Id, X-Other");
	assert_false(T.resp.overflow);
}

static void test_cors_origin_not_allowed(void **state)
{
	static const char *const bad[] = {
		"https://evil.example", "https://ui.example.evil", "http://ui.example",
		"https://UI.example:443", "null", "*", "https://ui.example\r\nX: y",
	};
	size_t i;

	(void)state;
	cors_conf();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t_req(PL_GET, "GET", "/leds", NULL);
		t_header("Origin", bad[i]);
		t_call();
		assert_int_equal(T.resp.status, 200);
		if (t_resp_has_header("Access-Control-Allow-Origin"))
			fail_msg("origin '%s' allowed", bad[i]);
	}
}

static void test_cors_preflight_allowed(void **state)
{
	(void)state;
	cors_conf();
	preflight(ORIGIN, "PUT", "x-auth-token, content-type");
	assert_string_equal(t_resp_header("Access-Control-Allow-Origin"), ORIGIN);
	assert_string_equal(t_resp_header("Access-Control-Allow-Methods"),
			    "GET, POST, PUT, DELETE, PATCH");
	assert_string_equal(t_resp_header("Access-Control-Allow-Headers"),
			    "x-auth-token, content-type");
	assert_string_equal(t_resp_header("Access-Control-Max-Age"), "600");
	assert_string_equal(t_resp_header("Access-Control-Allow-Credentials"), "true");
	assert_string_equal(t_resp_header("Vary"), "Origin");
	assert_false(T.resp.overflow);

	/* other origin from the list, no headers asked */
	preflight("http://other.example:8080", "DELETE", NULL);
	assert_string_equal(t_resp_header("Access-Control-Allow-Origin"),
			    "http://other.example:8080");
	assert_false(t_resp_has_header("Access-Control-Allow-Headers"));
}

static void test_cors_preflight_refused(void **state)
{
	(void)state;
	cors_conf();
	preflight("https://evil.example", "PUT", NULL);
	assert_int_equal(T.resp.hdr_len, 0);
	preflight(ORIGIN, "OPTIONS", NULL);   /* not in allow_methods */
	assert_int_equal(T.resp.hdr_len, 0);
	preflight(ORIGIN, "put", NULL);       /* methods are case-sensitive */
	assert_int_equal(T.resp.hdr_len, 0);
	preflight(ORIGIN, "PUT", "X-Secret"); /* header not allowed */
	assert_int_equal(T.resp.hdr_len, 0);
}

static void test_cors_any_origin_no_credentials(void **state)
{
	(void)state;
	t_conf("allowed_origin", "*");
	t_conf("allow_credentials", "false");
	t_conf("allow_methods", "GET");
	assert_int_equal(t_init(&pl_factory_cors), 0);
	preflight("http://anything.example", "GET", "Accept");
	assert_string_equal(t_resp_header("Access-Control-Allow-Origin"),
			    "http://anything.example");
	assert_string_equal(t_resp_header("Access-Control-Allow-Methods"), "GET");
	assert_false(t_resp_has_header("Access-Control-Allow-Credentials"));
	assert_false(t_resp_has_header("Access-Control-Max-Age"));
	preflight("http://anything.example", "PUT", NULL);
	assert_int_equal(T.resp.hdr_len, 0);
}

static void test_cors_nothing_allowed_by_default(void **state)
{
	(void)state;
	assert_int_equal(t_init(&pl_factory_cors), 0);
	t_req(PL_GET, "GET", "/", NULL);
	t_header("Origin", ORIGIN);
	t_call();
	assert_int_equal(T.inner_calls, 1);
	assert_int_equal(T.resp.hdr_len, 0);
}

static void test_cors_inner_error_passes(void **state)
{
	(void)state;
	cors_conf();
	T.inner_mode = T_INNER_FAIL;
	t_req(PL_GET, "GET", "/", NULL);
	t_header("Origin", ORIGIN);
	assert_int_equal(t_call(), -EIO);
}

static void test_cors_bad_conf(void **state)
{
	(void)state;
	t_conf("allowed_origin", "ui.example");
	expect_init_error(&pl_factory_cors, T_SEC_LINE + 1, "must be scheme://host[:port] or *");
	t_reset();
	t_conf("allow_methods", "GET FETCH");
	expect_init_error(&pl_factory_cors, T_SEC_LINE + 1, "unknown method 'FETCH'");
	t_reset();
	t_conf("max_age", "86401");
	expect_init_error(&pl_factory_cors, T_SEC_LINE + 1, "max_age must be seconds from 0 to 86400");
	t_reset();
	t_conf("max_age", "-1");
	expect_init_error(&pl_factory_cors, T_SEC_LINE + 1, "max_age");
	t_reset();
	t_conf("allow_headers", "X-Ok X:Bad");
	expect_init_error(&pl_factory_cors, T_SEC_LINE + 1, "'X:Bad' is not a header name");
	t_reset();
	t_conf("allow_credentials", "maybe");
	expect_init_error(&pl_factory_cors, T_SEC_LINE + 1, "allow_credentials must be true or false");
	t_reset();
	t_conf("allowed_origin", "http://a http://b http://c http://d http://e http://f http://g http://h http://i");
	expect_init_error(&pl_factory_cors, T_SEC_LINE + 1, "more than 8 origins");
}

/* ---- healthcheck ---- */

static void test_healthcheck_answers_its_path(void **state)
{
	(void)state;
	assert_int_equal(t_init(&pl_factory_healthcheck), 0);
	t_req(PL_GET, "GET", "/healthcheck", NULL);
	assert_int_equal(t_call(), 0);
	assert_int_equal(T.resp.status, 200);
	assert_string_equal(t_ctype(), "text/plain; charset=utf-8");
	assert_body_eq("OK");
	assert_int_equal(T.inner_calls, 0);

	t_req(PL_HEAD, "HEAD", "/healthcheck/", NULL);
	t_call();
	assert_int_equal(T.resp.status, 200);
	assert_int_equal(T.inner_calls, 0);

	t_req(PL_POST, "POST", "/healthcheck", NULL);
	t_call();
	assert_int_equal(T.resp.status, 405);
	assert_string_equal(t_resp_header("Allow"), "GET, HEAD");
	assert_int_equal(T.inner_calls, 0);
}

static void test_healthcheck_passes_others(void **state)
{
	static const char *const others[] = {
		"/", "", "/healthcheckx", "/healthcheck/x", "/v1/health", "/healthchec",
	};
	size_t i;

	(void)state;
	assert_int_equal(t_init(&pl_factory_healthcheck), 0);
	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		T.inner_calls = 0;
		t_req(PL_GET, "GET", others[i], NULL);
		t_call();
		if (T.inner_calls != 1)
			fail_msg("'%s' not passed on", others[i]);
		assert_body_eq("{\"ok\": true}");
	}
}

static void test_healthcheck_path_conf(void **state)
{
	(void)state;
	t_conf("path", "/status/");
	assert_int_equal(t_init(&pl_factory_healthcheck), 0);
	t_req(PL_GET, "GET", "/status", NULL);
	t_call();
	assert_body_eq("OK");
	assert_int_equal(T.inner_calls, 0);
	t_req(PL_GET, "GET", "/healthcheck", NULL);
	t_call();
	assert_int_equal(T.inner_calls, 1);

	t_reset();
	t_conf("path", "status");
	expect_init_error(&pl_factory_healthcheck, T_SEC_LINE + 1, "path must be a path starting with '/'");
	t_reset();
	t_conf("path", "/a b");
	expect_init_error(&pl_factory_healthcheck, T_SEC_LINE + 1, "path must be");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_sizelimit_default, setup),
		cmocka_unit_test_setup(test_sizelimit_configured, setup),
		cmocka_unit_test_setup(test_sizelimit_announced_length, setup),
		cmocka_unit_test_setup(test_sizelimit_bad_values, setup),
		cmocka_unit_test_setup(test_cors_no_origin_untouched, setup),
		cmocka_unit_test_setup(test_cors_simple_request, setup),
		cmocka_unit_test_setup(test_cors_origin_not_allowed, setup),
		cmocka_unit_test_setup(test_cors_preflight_allowed, setup),
		cmocka_unit_test_setup(test_cors_preflight_refused, setup),
		cmocka_unit_test_setup(test_cors_any_origin_no_credentials, setup),
		cmocka_unit_test_setup(test_cors_nothing_allowed_by_default, setup),
		cmocka_unit_test_setup(test_cors_inner_error_passes, setup),
		cmocka_unit_test_setup(test_cors_bad_conf, setup),
		cmocka_unit_test_setup(test_healthcheck_answers_its_path, setup),
		cmocka_unit_test_setup(test_healthcheck_passes_others, setup),
		cmocka_unit_test_setup(test_healthcheck_path_conf, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
