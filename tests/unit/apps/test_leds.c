/*
 * leds: the REST collection, read back from the (mock) hardware, and the
 * 400s a client gets for a body that is not {"on": <boolean>}.
 */
#include "apptest.h"

extern const struct pl_factory pl_factory_leds;

static int setup(void **state)
{
	(void)state;
	t_reset();
	assert_int_equal(t_init(&pl_factory_leds), 0);
	return 0;
}

static void test_actions_for_resource(void **state)
{
	(void)state;
	assert_true(t_has_action("index"));
	assert_true(t_has_action("show"));
	assert_true(t_has_action("update"));
	/* the router answers 405 for what a controller does not declare */
	assert_false(t_has_action("create"));
	assert_false(t_has_action("delete"));
}

static void test_index(void **state)
{
	(void)state;
	mock.leds[0] = true;
	mock.leds[2] = true;
	t_req(PL_GET, "GET", "/leds", NULL);
	assert_int_equal(t_action("index"), 0);
	assert_int_equal(T.resp.status, 200);
	assert_string_equal(t_ctype(), "application/json");
	assert_body_eq("{\"leds\":[{\"id\":0,\"on\":true},{\"id\":1,\"on\":false},"
		       "{\"id\":2,\"on\":true},{\"id\":3,\"on\":false}]}");
}

static void test_show(void **state)
{
	(void)state;
	mock.leds[3] = true;
	t_req(PL_GET, "GET", "/leds/3", NULL);
	t_param("id", "3");
	assert_int_equal(t_action("show"), 0);
	assert_int_equal(T.resp.status, 200);
	assert_body_eq("{\"led\":{\"id\":3,\"on\":true}}");
}

static void test_show_unknown_ids(void **state)
{
	static const char *const bad[] = {
		"4", "99", "abc", "-1", "+1", "01", "1 ", " 1", "0x1", "",
		"4294967296", "99999999999999999999", "1/2",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t_req(PL_GET, "GET", "/leds/x", NULL);
		t_param("id", bad[i]);
		assert_int_equal(t_action("show"), 0);
		if (T.resp.status != 404)
			fail_msg("id '%s' gave %u", bad[i], T.resp.status);
		assert_body_eq("{\"itemNotFound\":{\"code\":404,\"message\":\"LED not found.\"}}");
	}
}

static void test_update_reads_back(void **state)
{
	(void)state;
	t_req(PL_PUT, "PUT", "/leds/1", "{\"on\": true}");
	t_param("id", "1");
	assert_int_equal(t_action("update"), 0);
	assert_int_equal(T.resp.status, 200);
	assert_body_eq("{\"led\":{\"id\":1,\"on\":true}}");
	assert_true(mock.leds[1]);
	assert_false(mock.leds[0] || mock.leds[2] || mock.leds[3]);

	t_req(PL_GET, "GET", "/leds/1", NULL);
	t_param("id", "1");
	t_action("show");
	assert_body_eq("{\"led\":{\"id\":1,\"on\":true}}");

	t_req(PL_PUT, "PUT", "/leds/1", " {\n\t\"on\" :false } \r\n");
	t_param("id", "1");
	t_action("update");
	assert_int_equal(T.resp.status, 200);
	assert_body_eq("{\"led\":{\"id\":1,\"on\":false}}");
	assert_false(mock.leds[1]);
}

/* A board whose LED 2 is stuck off: the answer is the hardware's. */
static const struct pl_platform *real;

static int stuck_led_set(unsigned id, bool on)
{
	return real->led_set(id, id == 2 ? false : on);
}

static void test_update_answer_is_hardware_state(void **state)
{
	struct pl_platform p = *pl_platform;

	(void)state;
	real = pl_platform;
	p.led_set = stuck_led_set;
	pl_platform = &p;
	t_req(PL_PUT, "PUT", "/leds/2", "{\"on\":true}");
	t_param("id", "2");
	t_action("update");
	pl_platform = real;
	assert_int_equal(T.resp.status, 200);
	assert_body_eq("{\"led\":{\"id\":2,\"on\":false}}");
}

static void test_update_hardware_error(void **state)
{
	(void)state;
	mock.led_set_rc = -EIO;
	t_req(PL_PUT, "PUT", "/leds/0", "{\"on\":true}");
	t_param("id", "0");
	assert_int_equal(t_action("update"), 0);
	assert_int_equal(T.resp.status, 500);
	assert_body_has("\"computeFault\"");
	assert_false(mock.leds[0]);
}

static void test_update_unknown_id_is_404_before_body(void **state)
{
	(void)state;
	t_req(PL_PUT, "PUT", "/leds/7", "garbage");
	t_param("id", "7");
	t_action("update");
	assert_int_equal(T.resp.status, 404);
}

static const struct {
	const char *body;
	const char *message;
} bad_bodies[] = {
	{"", "request body must be a JSON object"},
	{"   ", "request body must be a JSON object"},
	{"[true]", "request body must be a JSON object"},
	{"true", "malformed JSON in request body"},
	{"\"on\"", "request body must be a JSON object"},
	{"{", "malformed JSON in request body"},
	{"{\"on\": true", "malformed JSON in request body"},
	{"{\"on\": tru}", "malformed JSON in request body"},
	{"{\"on\": True}", "malformed JSON in request body"},
	{"{\"on\": true,}", "malformed JSON in request body"},
	{"{,\"on\": true}", "malformed JSON in request body"},
	{"{\"on\" true}", "malformed JSON in request body"},
	{"{\"on\":: true}", "malformed JSON in request body"},
	{"{on: true}", "malformed JSON in request body"},
	{"{'on': true}", "malformed JSON in request body"},
	{"{\"on\": true} {}", "malformed JSON in request body"},
	{"{\"on\": true}x", "malformed JSON in request body"},
	{"{\"on\": true \"x\": 1}", "malformed JSON in request body"},
	{"{\"on\": 01}", "malformed JSON in request body"},
	{"{\"on\": 1}", "field 'on' must be a boolean"},
	{"{\"on\": \"true\"}", "field 'on' must be a boolean"},
	{"{\"on\": null}", "field 'on' must be a boolean"},
	{"{\"on\": {}}", "field 'on' must be a boolean"},
	{"{\"on\": [true]}", "field 'on' must be a boolean"},
	{"{\"foo\": true}", "unknown field 'foo'"},
	{"{\"on\": true, \"colour\": \"red\"}", "unknown field 'colour'"},
	{"{\"On\": true}", "unknown field 'On'"},
	{"{}", "missing field 'on'"},
	{"{\"on\": true, \"on\": false}", "duplicate field 'on'"},
	{"{\"a\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}",
	 "request body has too many JSON values"},
};

static void test_update_bad_bodies(void **state)
{
	char want[160];
	size_t i;

	(void)state;
	mock.leds[1] = true;
	for (i = 0; i < sizeof(bad_bodies) / sizeof(bad_bodies[0]); i++) {
		t_req(PL_PUT, "PUT", "/leds/1", bad_bodies[i].body);
		t_param("id", "1");
		assert_int_equal(t_action("update"), 0);
		snprintf(want, sizeof(want),
			 "{\"badRequest\":{\"code\":400,\"message\":\"%s\"}}",
			 bad_bodies[i].message);
		if (T.resp.status != 400 || strcmp(T.out, want) != 0)
			fail_msg("body %s: got %u %s", bad_bodies[i].body,
				 T.resp.status, T.out);
		assert_true(mock.leds[1]); /* untouched */
	}
}

static void test_body_with_nul_is_refused(void **state)
{
	static const char body[] = "{\"on\": true}\0junk";

	(void)state;
	t_req(PL_PUT, "PUT", "/leds/0", NULL);
	T.req.body.p = body;
	T.req.body.n = sizeof(body) - 1;
	t_param("id", "0");
	t_action("update");
	assert_int_equal(T.resp.status, 400);
	assert_false(mock.leds[0]);
}

static void test_mounted_without_router(void **state)
{
	(void)state;
	t_req(PL_GET, "GET", "/", NULL);
	t_call();
	assert_int_equal(T.resp.status, 200);
	assert_body_has("{\"leds\":[");
	t_req(PL_PUT, "PUT", "/2", "{\"on\":true}");
	t_call();
	assert_int_equal(T.resp.status, 200);
	assert_body_eq("{\"led\":{\"id\":2,\"on\":true}}");
	assert_true(mock.leds[2]);
	t_req(PL_GET, "GET", "/2/", NULL);
	t_call();
	assert_body_eq("{\"led\":{\"id\":2,\"on\":true}}");
	t_req(PL_DELETE, "DELETE", "/2", NULL);
	t_call();
	assert_int_equal(T.resp.status, 405);
	assert_string_equal(t_resp_header("Allow"), "GET, HEAD, PUT");
	t_req(PL_GET, "GET", "/2/x", NULL);
	t_call();
	assert_int_equal(T.resp.status, 404);
	t_req(PL_GET, "GET", "/9", NULL);
	t_call();
	assert_int_equal(T.resp.status, 404);
}

static void test_no_leds_on_board(void **state)
{
	struct pl_platform p = *pl_platform;

	(void)state;
	p.led_count = NULL;
	pl_platform = &p;
	t_req(PL_GET, "GET", "/leds", NULL);
	t_action("index");
	assert_body_eq("{\"leds\":[]}");
	t_req(PL_GET, "GET", "/leds/0", NULL);
	t_param("id", "0");
	t_action("show");
	assert_int_equal(T.resp.status, 404);
	mock_platform_reset();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_actions_for_resource, setup),
		cmocka_unit_test_setup(test_index, setup),
		cmocka_unit_test_setup(test_show, setup),
		cmocka_unit_test_setup(test_show_unknown_ids, setup),
		cmocka_unit_test_setup(test_update_reads_back, setup),
		cmocka_unit_test_setup(test_update_answer_is_hardware_state, setup),
		cmocka_unit_test_setup(test_update_hardware_error, setup),
		cmocka_unit_test_setup(test_update_unknown_id_is_404_before_body, setup),
		cmocka_unit_test_setup(test_update_bad_bodies, setup),
		cmocka_unit_test_setup(test_body_with_nul_is_refused, setup),
		cmocka_unit_test_setup(test_mounted_without_router, setup),
		cmocka_unit_test_setup(test_no_leds_on_board, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
