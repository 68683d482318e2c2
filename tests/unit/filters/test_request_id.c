/*
 * request_id and faultwrap: ids on every response (faults included),
 * their UUID format, uniqueness, lazy seeding; faults that keep the outer
 * filters' headers; the test controller's fail action (what
 * tests/integration/protocol.ini routes at GET /v1/fail) through both.
 */
#include <stdlib.h>

#include "apptest.h"

extern const struct pl_factory pl_factory_request_id;
extern const struct pl_factory pl_factory_faultwrap;
extern const struct pl_factory pl_factory_test;

#define ID_LEN 40

static int setup(void **state)
{
	(void)state;
	t_reset();
	return 0;
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* req-xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx */
static void assert_request_id(const char *v)
{
	size_t i;

	if (strlen(v) != ID_LEN || strncmp(v, "req-", 4) != 0)
		fail_msg("not a request id: '%s'", v);
	for (i = 4; i < ID_LEN; i++) {
		size_t k = i - 4;

		if (k == 8 || k == 13 || k == 18 || k == 23) {
			if (v[i] != '-')
				fail_msg("no dash at %zu: '%s'", k, v);
		} else if (!is_hex(v[i])) {
			fail_msg("not lowercase hex at %zu: '%s'", k, v);
		}
	}
	if (v[4 + 14] != '4')
		fail_msg("version nibble is not 4: '%s'", v);
	if (!strchr("89ab", v[4 + 19]))
		fail_msg("variant bits are not 10: '%s'", v);
}

static void test_header_on_response(void **state)
{
	(void)state;
	assert_int_equal(t_init(&pl_factory_request_id), 0);
	t_req(PL_GET, "GET", "/", NULL);
	assert_int_equal(t_call(), 0);
	assert_int_equal(T.resp.status, 200);
	assert_body_eq("{\"ok\": true}");
	assert_request_id(t_resp_header("X-Openstack-Request-Id"));
}

static void test_inner_reset_cannot_drop_it(void **state)
{
	(void)state;
	assert_int_equal(t_init(&pl_factory_request_id), 0);
	T.inner_mode = T_INNER_RESET;
	t_req(PL_GET, "GET", "/", NULL);
	t_call();
	assert_request_id(t_resp_header("X-Openstack-Request-Id"));
}

static int cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void test_unique(void **state)
{
	enum { N = 2000 };
	static char ids[N][ID_LEN + 1];
	size_t i;

	(void)state;
	assert_int_equal(t_init(&pl_factory_request_id), 0);
	for (i = 0; i < N; i++) {
		t_req(PL_GET, "GET", "/", NULL);
		t_call();
		strcpy(ids[i], t_resp_header("X-Openstack-Request-Id"));
		assert_request_id(ids[i]);
	}
	qsort(ids, N, sizeof(ids[0]), cmp);
	for (i = 1; i < N; i++)
		if (strcmp(ids[i - 1], ids[i]) == 0)
			fail_msg("id repeated: %s", ids[i]);
}

static void test_seeded_lazily_from_entropy(void **state)
{
	char first[ID_LEN + 1];

	(void)state;
	/* init runs on the build machine too: it must not take the seed */
	assert_int_equal(t_init(&pl_factory_request_id), 0);
	assert_int_equal(mock.entropy_next, 0);
	t_req(PL_GET, "GET", "/", NULL);
	t_call();
	assert_int_not_equal(mock.entropy_next, 0);
	strcpy(first, t_resp_header("X-Openstack-Request-Id"));

	/* another boot with other entropy: other ids */
	t_reset();
	mock.entropy_next = 100;
	assert_int_equal(t_init(&pl_factory_request_id), 0);
	t_req(PL_GET, "GET", "/", NULL);
	t_call();
	assert_string_not_equal(first, t_resp_header("X-Openstack-Request-Id"));

	/* the same entropy gives the same ids: the seed is all there is */
	t_reset();
	assert_int_equal(t_init(&pl_factory_request_id), 0);
	t_req(PL_GET, "GET", "/", NULL);
	t_call();
	assert_string_equal(first, t_resp_header("X-Openstack-Request-Id"));
	/* seeded once, not per request */
	{
		uint8_t after = mock.entropy_next;

		t_call();
		assert_int_equal(mock.entropy_next, after);
	}
}

static void test_no_entropy_falls_back_to_clock(void **state)
{
	char first[ID_LEN + 1];

	(void)state;
	mock.entropy_rc = -ENODEV;
	mock.micros = 1000;
	assert_int_equal(t_init(&pl_factory_request_id), 0);
	t_req(PL_GET, "GET", "/", NULL);
	t_call();
	strcpy(first, t_resp_header("X-Openstack-Request-Id"));
	assert_request_id(first);
	assert_non_null(strstr(mock.console, "no entropy"));

	t_reset();
	mock.entropy_rc = -ENODEV;
	mock.micros = 1001;
	assert_int_equal(t_init(&pl_factory_request_id), 0);
	t_req(PL_GET, "GET", "/", NULL);
	t_call();
	assert_string_not_equal(first, t_resp_header("X-Openstack-Request-Id"));
}

static void test_error_passes_through(void **state)
{
	(void)state;
	assert_int_equal(t_init(&pl_factory_request_id), 0);
	T.inner_mode = T_INNER_FAIL;
	t_req(PL_GET, "GET", "/", NULL);
	assert_int_equal(t_call(), -EIO);
}

/* request_id outside faultwrap, as in the default pipeline */
static struct pl_app fw;

static void chain_request_id_faultwrap(void)
{
	assert_int_equal(t_init(&pl_factory_request_id), 0);
	memset(&fw, 0, sizeof(fw));
	fw.factory = &pl_factory_faultwrap;
	fw.call = pl_factory_faultwrap.call;
	fw.next = &T.inner;
	T.app.next = &fw;
}

static void test_fault_carries_request_id(void **state)
{
	(void)state;
	chain_request_id_faultwrap();
	T.inner_mode = T_INNER_FAIL;
	t_req(PL_GET, "GET", "/v1/leds", NULL);
	assert_int_equal(t_call(), 0);
	assert_int_equal(T.resp.status, 500);
	assert_body_has("\"computeFault\"");
	assert_request_id(t_resp_header("X-Openstack-Request-Id"));
}

/* ---- faultwrap alone ---- */

static int call_with_outer_header(void)
{
	int rc;

	t_resp_init();
	pl_resp_header(&T.resp, "X-Outer", "kept", 4);
	rc = T.app.call(&T.app, &T.req, &T.resp);
	t_body();
	return rc;
}

static void test_faultwrap_passes_success(void **state)
{
	(void)state;
	assert_int_equal(t_init(&pl_factory_faultwrap), 0);
	t_req(PL_GET, "GET", "/", NULL);
	assert_int_equal(call_with_outer_header(), 0);
	assert_int_equal(T.resp.status, 200);
	assert_body_eq("{\"ok\": true}");
	assert_int_equal(mock.console_len, 0);
}

static void test_faultwrap_error(void **state)
{
	(void)state;
	assert_int_equal(t_init(&pl_factory_faultwrap), 0);
	T.inner_mode = T_INNER_FAIL;
	t_req(PL_PUT, "PUT", "/leds/1", NULL);
	T.req.script_name.n = 0;
	assert_int_equal(call_with_outer_header(), 0);
	assert_int_equal(T.resp.status, 500);
	assert_string_equal(t_ctype(), "application/json");
	assert_body_eq("{\"computeFault\":{\"code\":500,\"message\":\"The server has "
		       "either erred or is incapable of performing the requested "
		       "operation.\"}}");
	assert_string_equal(t_resp_header("X-Outer"), "kept");
	assert_false(t_resp_has_header("X-Inner"));
	assert_false(T.resp.overflow);
	assert_string_equal(mock.console, "faultwrap: PUT /leds/1 failed: error -5\r\n");
}

static void test_faultwrap_overflow(void **state)
{
	(void)state;
	assert_int_equal(t_init(&pl_factory_faultwrap), 0);
	T.inner_mode = T_INNER_OVERFLOW;
	t_req(PL_GET, "GET", "/big", NULL);
	assert_int_equal(call_with_outer_header(), 0);
	assert_int_equal(T.resp.status, 500);
	assert_false(T.resp.overflow);
	assert_body_has("\"computeFault\"");
	assert_string_equal(t_resp_header("X-Outer"), "kept");
	assert_false(t_resp_has_header("X-Inner"));
	assert_non_null(strstr(mock.console, "GET /big failed: response too large"));
}

/* ---- the test controller's fail action (app/apps/testctl.c) ---- */

static pl_call_fn testctl_action(const char *name)
{
	size_t i;

	for (i = 0; i < pl_factory_test.num_actions; i++)
		if (strcmp(pl_factory_test.actions[i].name, name) == 0)
			return pl_factory_test.actions[i].fn;
	fail_msg("the test controller has no action '%s'", name);
	return NULL;
}

static void test_testctl_fail_returns_an_error(void **state)
{
	pl_call_fn fail_action = testctl_action("fail");

	(void)state;
	t_req(PL_GET, "GET", "/fail", NULL);
	t_resp_init();
	assert_int_equal(fail_action(&T.inner, &T.req, &T.resp), -EIO);
	/* half an answer is left behind, as a real failure would leave it */
	assert_string_equal(t_resp_header("X-Test-Partial"), "1");
	assert_true(T.resp.body_len > 0);
}

static void test_testctl_fail_becomes_a_fault_with_an_id(void **state)
{
	(void)state;
	chain_request_id_faultwrap();
	T.inner.call = testctl_action("fail");
	t_req(PL_GET, "GET", "/fail", NULL);
	T.req.script_name.n = 0;
	assert_int_equal(t_call(), 0);
	assert_int_equal(T.resp.status, 500);
	assert_string_equal(t_ctype(), "application/json");
	assert_body_eq("{\"computeFault\":{\"code\":500,\"message\":\"The server has "
		       "either erred or is incapable of performing the requested "
		       "operation.\"}}");
	assert_false(t_resp_has_header("X-Test-Partial"));
	assert_request_id(t_resp_header("X-Openstack-Request-Id"));
	assert_string_equal(mock.console, "faultwrap: GET /fail failed: error -5\r\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_header_on_response, setup),
		cmocka_unit_test_setup(test_inner_reset_cannot_drop_it, setup),
		cmocka_unit_test_setup(test_unique, setup),
		cmocka_unit_test_setup(test_seeded_lazily_from_entropy, setup),
		cmocka_unit_test_setup(test_no_entropy_falls_back_to_clock, setup),
		cmocka_unit_test_setup(test_error_passes_through, setup),
		cmocka_unit_test_setup(test_fault_carries_request_id, setup),
		cmocka_unit_test_setup(test_faultwrap_passes_success, setup),
		cmocka_unit_test_setup(test_faultwrap_error, setup),
		cmocka_unit_test_setup(test_faultwrap_overflow, setup),
		cmocka_unit_test_setup(test_testctl_fail_returns_an_error, setup),
		cmocka_unit_test_setup(test_testctl_fail_becomes_a_fault_with_an_id, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
