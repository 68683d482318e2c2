/*
 * authtoken: which requests need the token, 401 vs pass-through, the
 * comparison over tokens of every wrong shape, and the conf it refuses.
 */
#include "apptest.h"

extern const struct pl_factory pl_factory_authtoken;

#define TOKEN "s3cret-token-0123"

static int setup(void **state)
{
	(void)state;
	t_reset();
	return 0;
}

static void expect_401(void)
{
	assert_int_equal(T.resp.status, 401);
	assert_body_eq("{\"unauthorized\":{\"code\":401,\"message\":\"The request "
		       "you have made requires authentication.\"}}");
	assert_int_equal(T.inner_calls, 0);
}

static void expect_passed(void)
{
	assert_int_equal(T.resp.status, 200);
	assert_body_eq("{\"ok\": true}");
	assert_int_equal(T.inner_calls, 1);
	assert_false(t_resp_has_header("WWW-Authenticate"));
}

static void run(unsigned method, const char *name, const char *path,
		const char *token)
{
	T.inner_calls = 0;
	t_req(method, name, path, NULL);
	t_header("Host", "dev.example:8080");
	if (token)
		t_header("X-Auth-Token", token);
	assert_int_equal(t_call(), 0);
}

static void test_default_protects_writes(void **state)
{
	(void)state;
	t_conf("token", TOKEN);
	assert_int_equal(t_init(&pl_factory_authtoken), 0);

	run(PL_GET, "GET", "/leds", NULL);
	expect_passed();
	run(PL_HEAD, "HEAD", "/leds", NULL);
	expect_passed();
	run(PL_GET, "GET", "/leds", "wrong-but-unneeded");
	expect_passed();

	run(PL_PUT, "PUT", "/leds/1", NULL);
	expect_401();
	assert_string_equal(t_resp_header("WWW-Authenticate"),
			    "Keystone uri=\"http://dev.example:8080/\"");
	run(PL_POST, "POST", "/device/reboot", NULL);
	expect_401();
	run(PL_DELETE, "DELETE", "/leds/1", NULL);
	expect_401();
	run(PL_PATCH, "PATCH", "/leds/1", NULL);
	expect_401();

	run(PL_PUT, "PUT", "/leds/1", TOKEN);
	expect_passed();
	run(PL_POST, "POST", "/device/reboot", TOKEN);
	expect_passed();
}

static void test_wrong_tokens(void **state)
{
	static const char *const wrong[] = {
		"",
		"s",
		"s3cret-token-012",     /* a prefix: shorter */
		"s3cret-token-01234",   /* longer, right prefix */
		"s3cret-token-0123 ",
		" s3cret-token-0123",
		"S3cret-token-0123",    /* first byte */
		"s3cret-token-0124",    /* last byte */
		"s3cret-token-0123s3cret-token-0123",
		"xxxxxxxxxxxxxxxxx",
	};
	size_t i;

	(void)state;
	t_conf("token", TOKEN);
	assert_int_equal(t_init(&pl_factory_authtoken), 0);
	for (i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		run(PL_PUT, "PUT", "/leds/0", wrong[i]);
		if (T.resp.status != 401 || T.inner_calls != 0)
			fail_msg("token '%s' was accepted", wrong[i]);
	}
}

static void test_header_name_any_case(void **state)
{
	(void)state;
	t_conf("token", TOKEN);
	assert_int_equal(t_init(&pl_factory_authtoken), 0);
	T.inner_calls = 0;
	t_req(PL_PUT, "PUT", "/leds/0", NULL);
	t_header("x-auth-token", TOKEN);
	t_call();
	expect_passed();
}

static void test_protect_paths(void **state)
{
	(void)state;
	t_conf("token", TOKEN);
	t_conf("protect_paths", "/config  /device/reboot");
	assert_int_equal(t_init(&pl_factory_authtoken), 0);

	run(PL_GET, "GET", "/config", NULL);
	expect_401();
	run(PL_GET, "GET", "/config/", NULL);
	expect_401();
	run(PL_GET, "GET", "/config/x", NULL);
	expect_401();
	run(PL_HEAD, "HEAD", "/device/reboot", NULL);
	expect_401();
	run(PL_GET, "GET", "/config", TOKEN);
	expect_passed();

	run(PL_GET, "GET", "/configs", NULL);  /* whole segments only */
	expect_passed();
	run(PL_GET, "GET", "/device", NULL);
	expect_passed();
	run(PL_GET, "GET", "/", NULL);
	expect_passed();
	/* methods still protected alongside the paths */
	run(PL_PUT, "PUT", "/leds/1", NULL);
	expect_401();
}

static void test_paths_only(void **state)
{
	(void)state;
	t_conf("token", TOKEN);
	t_conf("protect_methods", "");
	t_conf("protect_paths", "/config");
	assert_int_equal(t_init(&pl_factory_authtoken), 0);
	run(PL_PUT, "PUT", "/leds/1", NULL);
	expect_passed();
	run(PL_GET, "GET", "/config", NULL);
	expect_401();
}

static void test_everything(void **state)
{
	(void)state;
	t_conf("token", TOKEN);
	t_conf("protect_methods", "get, head,OPTIONS");
	t_conf("protect_paths", "/");
	assert_int_equal(t_init(&pl_factory_authtoken), 0);
	run(PL_GET, "GET", "/anything", NULL);
	expect_401();
	run(PL_OPTIONS, "OPTIONS", "", NULL);
	expect_401();
}

static void test_www_authenticate_uri(void **state)
{
	(void)state;
	t_conf("token", TOKEN);
	t_conf("www_authenticate_uri", "https://keystone.example:5000/v3");
	assert_int_equal(t_init(&pl_factory_authtoken), 0);
	run(PL_PUT, "PUT", "/leds/1", NULL);
	expect_401();
	assert_string_equal(t_resp_header("WWW-Authenticate"),
			    "Keystone uri=\"https://keystone.example:5000/v3\"");
}

static void test_hostile_host_not_echoed(void **state)
{
	(void)state;
	t_conf("token", TOKEN);
	assert_int_equal(t_init(&pl_factory_authtoken), 0);
	t_req(PL_PUT, "PUT", "/leds/1", NULL);
	t_header("Host", "evil\"host");
	t_call();
	expect_401();
	assert_string_equal(t_resp_header("WWW-Authenticate"), "Keystone uri=\"\"");
	assert_false(T.resp.overflow);

	t_req(PL_PUT, "PUT", "/leds/1", NULL);
	T.req.secure = true;
	t_header("Host", "[2001:db8::1]:8443");
	t_call();
	assert_string_equal(t_resp_header("WWW-Authenticate"),
			    "Keystone uri=\"https://[2001:db8::1]:8443/\"");
}

/* ---- conf errors: FILE:LINE material ---- */

static void expect_init_error(uint16_t line, const char *fragment)
{
	assert_int_equal(t_init(&pl_factory_authtoken), -EINVAL);
	assert_int_equal(T.err.line, line);
	if (!strstr(T.err.msg, fragment))
		fail_msg("message '%s' lacks '%s'", T.err.msg, fragment);
}

static void test_token_required(void **state)
{
	(void)state;
	t_conf("protect_paths", "/config");
	expect_init_error(T_SEC_LINE, "needs 'token = ...'");
}

static void test_token_too_short(void **state)
{
	(void)state;
	t_conf("protect_methods", "PUT");
	t_conf("token", "1234567");
	expect_init_error(T_SEC_LINE + 2, "token must be 8 to 256");
}

static void test_token_with_space(void **state)
{
	(void)state;
	t_conf("token", "abcd efgh ijkl");
	expect_init_error(T_SEC_LINE + 1, "token must be");
}

static void test_token_min_length_ok(void **state)
{
	(void)state;
	t_conf("token", "12345678");
	assert_int_equal(t_init(&pl_factory_authtoken), 0);
	run(PL_PUT, "PUT", "/x", "12345678");
	expect_passed();
}

static void test_bad_method(void **state)
{
	(void)state;
	t_conf("token", TOKEN);
	t_conf("protect_methods", "PUT FETCH");
	expect_init_error(T_SEC_LINE + 2, "unknown method 'FETCH'");
}

static void test_bad_path(void **state)
{
	(void)state;
	t_conf("token", TOKEN);
	t_conf("protect_paths", "/ok config");
	expect_init_error(T_SEC_LINE + 2, "'config' must start with '/'");
}

static void test_too_many_paths(void **state)
{
	(void)state;
	t_conf("token", TOKEN);
	t_conf("protect_paths", "/a /b /c /d /e /f /g /h /i /j /k /l /m /n /o /p /q");
	expect_init_error(T_SEC_LINE + 2, "more than 16");
}

static void test_bad_uri(void **state)
{
	(void)state;
	t_conf("token", TOKEN);
	t_conf("www_authenticate_uri", "http://a\"b");
	expect_init_error(T_SEC_LINE + 2, "www_authenticate_uri");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_default_protects_writes, setup),
		cmocka_unit_test_setup(test_wrong_tokens, setup),
		cmocka_unit_test_setup(test_header_name_any_case, setup),
		cmocka_unit_test_setup(test_protect_paths, setup),
		cmocka_unit_test_setup(test_paths_only, setup),
		cmocka_unit_test_setup(test_everything, setup),
		cmocka_unit_test_setup(test_www_authenticate_uri, setup),
		cmocka_unit_test_setup(test_hostile_host_not_echoed, setup),
		cmocka_unit_test_setup(test_token_required, setup),
		cmocka_unit_test_setup(test_token_too_short, setup),
		cmocka_unit_test_setup(test_token_with_space, setup),
		cmocka_unit_test_setup(test_token_min_length_ok, setup),
		cmocka_unit_test_setup(test_bad_method, setup),
		cmocka_unit_test_setup(test_bad_path, setup),
		cmocka_unit_test_setup(test_too_many_paths, setup),
		cmocka_unit_test_setup(test_bad_uri, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
