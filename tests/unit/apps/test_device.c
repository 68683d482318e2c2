/*
 * device, health, stats and config: the read-only controllers of the
 * default image, and device's reboot.
 */
#include "apptest.h"

extern const struct pl_factory pl_factory_device;
extern const struct pl_factory pl_factory_health;
extern const struct pl_factory pl_factory_stats;
extern const struct pl_factory pl_factory_config;

static int setup(void **state)
{
	(void)state;
	t_reset();
	return 0;
}

/* ---- health ---- */

static void test_health_show(void **state)
{
	(void)state;
	assert_int_equal(t_init(&pl_factory_health), 0);
	assert_true(t_has_action("show"));
	t_req(PL_GET, "GET", "/health", NULL);
	assert_int_equal(t_action("show"), 0);
	assert_int_equal(T.resp.status, 200);
	assert_string_equal(t_ctype(), "application/json");
	assert_body_eq("{\"status\":\"ok\"}");
}

static void test_health_mounted(void **state)
{
	(void)state;
	assert_int_equal(t_init(&pl_factory_health), 0);
	t_req(PL_GET, "GET", "", NULL);
	assert_int_equal(t_call(), 0);
	assert_int_equal(T.resp.status, 200);
	assert_body_eq("{\"status\":\"ok\"}");
	t_req(PL_GET, "GET", "/nope", NULL);
	t_call();
	assert_int_equal(T.resp.status, 404);
	assert_body_has("\"itemNotFound\"");
	t_req(PL_POST, "POST", "/", NULL);
	t_call();
	assert_int_equal(T.resp.status, 405);
	assert_string_equal(t_resp_header("Allow"), "GET, HEAD");
}

/* ---- device ---- */

static void expect_device(const char *name, const char *ipv4_etc)
{
	char want[512];

	snprintf(want, sizeof(want),
		 "{\"device\":{\"name\":\"%s\",\"hostname\":\"lwpaste\",\"board\":\"mock\","
		 "\"firmware\":{\"name\":\"lwpaste\",\"version\":\"%s\",\"build_id\":\"%s\"},"
		 "\"uptime_ms\":123456,\"uptime_s\":123,\"mac\":\"02:00:00:00:00:01\",%s}}",
		 name, LWPASTE_VERSION, LWPASTE_BUILD_ID, ipv4_etc);
	assert_body_eq(want);
}

static void test_device_show_defaults(void **state)
{
	(void)state;
	mock.uptime_ms = 123456;
	assert_int_equal(t_init(&pl_factory_device), 0);
	t_req(PL_GET, "GET", "/device", NULL);
	assert_int_equal(t_action("show"), 0);
	assert_int_equal(T.resp.status, 200);
	assert_string_equal(t_ctype(), "application/json");
	expect_device("lwpaste", "\"ipv4\":\"10.0.2.15\",\"netmask\":\"255.255.255.0\","
				 "\"gateway\":\"10.0.2.2\"");
	assert_int_equal(mock.reboots, 0);
}

static void test_device_show_name_and_mac(void **state)
{
	static const uint8_t mac[6] = {0xaa, 0xbb, 0xcc, 0x0d, 0xe0, 0xff};

	(void)state;
	mock.uptime_ms = 123456;
	memcpy(mock.net.mac, mac, 6);
	mock.net.ipv4 = 0; /* no lease yet */
	mock.net.gateway = 0;
	t_conf("name", "kitchen \"lights\"");
	assert_int_equal(t_init(&pl_factory_device), 0);
	t_req(PL_GET, "GET", "/device", NULL);
	t_action("show");
	assert_int_equal(T.resp.status, 200);
	assert_body_has("\"name\":\"kitchen \\\"lights\\\"\"");
	assert_body_has("\"mac\":\"aa:bb:cc:0d:e0:ff\"");
	assert_body_has("\"ipv4\":null,\"netmask\":null,\"gateway\":null");
}

static void test_device_name_hostname_fallback(void **state)
{
	(void)state;
	mock.net.hostname = NULL;
	assert_int_equal(t_init(&pl_factory_device), 0);
	t_req(PL_GET, "GET", "/device", NULL);
	t_action("show");
	assert_body_has("{\"device\":{\"name\":\"lwpaste\",\"hostname\":null,");
}

static void test_device_bad_name(void **state)
{
	static char longname[80];

	(void)state;
	t_conf("name", "");
	assert_int_equal(t_init(&pl_factory_device), -EINVAL);
	assert_int_equal(T.err.line, 11);
	assert_non_null(strstr(T.err.msg, "name must be 1 to 64 printable"));

	t_reset();
	memset(longname, 'x', 65);
	t_conf("name", longname);
	assert_int_equal(t_init(&pl_factory_device), -EINVAL);

	t_reset();
	t_conf("name", "a\tb");
	assert_int_equal(t_init(&pl_factory_device), -EINVAL);
	assert_int_equal(T.err.line, 11);
}

static void test_device_reboot(void **state)
{
	(void)state;
	mock.uptime_ms = 5000;
	assert_int_equal(t_init(&pl_factory_device), 0);
	t_req(PL_POST, "POST", "/device/reboot", NULL);
	assert_int_equal(t_action("reboot"), 0);
	assert_int_equal(T.resp.status, 202);
	assert_body_eq("{\"reboot\":{\"status\":\"accepted\",\"uptime_ms\":5000}}");
	assert_true(T.resp.close);
	assert_int_equal(mock.reboots, 1);
}

static void test_device_reboot_unsupported(void **state)
{
	struct pl_platform p = *pl_platform;

	(void)state;
	p.reboot_after_flush = NULL;
	pl_platform = &p;
	assert_int_equal(t_init(&pl_factory_device), 0);
	t_req(PL_POST, "POST", "/device/reboot", NULL);
	t_action("reboot");
	assert_int_equal(T.resp.status, 501);
	assert_body_has("\"notImplemented\"");
	mock_platform_reset();
	assert_int_equal(mock.reboots, 0);
}

static void test_device_mounted(void **state)
{
	(void)state;
	assert_int_equal(t_init(&pl_factory_device), 0);
	t_req(PL_GET, "GET", "/", NULL);
	t_call();
	assert_int_equal(T.resp.status, 200);
	assert_body_has("{\"device\":{");
	t_req(PL_GET, "GET", "/reboot", NULL);
	t_call();
	assert_int_equal(T.resp.status, 405);
	assert_string_equal(t_resp_header("Allow"), "POST");
	assert_int_equal(mock.reboots, 0);
	t_req(PL_POST, "POST", "/reboot/", NULL);
	t_call();
	assert_int_equal(T.resp.status, 202);
	assert_int_equal(mock.reboots, 1);
	t_req(PL_GET, "GET", "/other", NULL);
	t_call();
	assert_int_equal(T.resp.status, 404);
}

/* ---- stats ---- */

static void test_stats_show(void **state)
{
	(void)state;
	mock.uptime_ms = 42;
	mock.stats = (struct pl_sys_stats){
		.mem_used = 1, .mem_max = 2, .mem_avail = 3,
		.pbuf_used = 4, .pbuf_max = 5, .pbuf_avail = 6,
		.pcb_used = 7, .pcb_max = 8, .pcb_avail = 9,
		.conns_open = 10, .conns_max = 11, .tls_open = 12,
		.requests = 100, .status_2xx = 80, .status_3xx = 5,
		.status_4xx = 10, .status_5xx = 5, .rejected = 2,
		.timeouts = 3, .parse_errors = 4,
	};
	assert_int_equal(t_init(&pl_factory_stats), 0);
	t_req(PL_GET, "GET", "/stats", NULL);
	assert_int_equal(t_action("show"), 0);
	assert_int_equal(T.resp.status, 200);
	assert_body_eq(
		"{\"stats\":{\"uptime_ms\":42,"
		"\"http\":{\"requests\":100,"
		"\"status\":{\"2xx\":80,\"3xx\":5,\"4xx\":10,\"5xx\":5},"
		"\"errors\":{\"total\":15,\"rejected\":2,\"timeouts\":3,\"parse_errors\":4}},"
		"\"connections\":{\"open\":10,\"max\":11,\"tls_open\":12},"
		"\"lwip\":{\"mem\":{\"used\":1,\"max\":2,\"avail\":3},"
		"\"pbuf\":{\"used\":4,\"max\":5,\"avail\":6},"
		"\"tcp_pcb\":{\"used\":7,\"max\":8,\"avail\":9}}}}");
	assert_false(T.resp.overflow);
}

static void test_stats_big_numbers_fit(void **state)
{
	(void)state;
	memset(&mock.stats, 0xff, sizeof(mock.stats));
	mock.uptime_ms = UINT32_MAX;
	assert_int_equal(t_init(&pl_factory_stats), 0);
	t_req(PL_GET, "GET", "/", NULL);
	t_call();
	assert_int_equal(T.resp.status, 200);
	assert_false(T.resp.overflow);
	assert_body_has("\"requests\":4294967295");
}

/* ---- config ---- */

static void test_config_show(void **state)
{
	static const char ini[] = "[filter:authtoken]\nuse = authtoken\ntoken = ***\n";

	(void)state;
	T.cfg.ini_text = ini;
	T.cfg.ini_len = sizeof(ini) - 1;
	assert_int_equal(t_init(&pl_factory_config), 0);
	t_req(PL_GET, "GET", "/config", NULL);
	assert_int_equal(t_action("show"), 0);
	assert_int_equal(T.resp.status, 200);
	assert_string_equal(t_ctype(), "text/plain; charset=utf-8");
	/* streamed from the constant text, not copied into the body */
	assert_ptr_equal(T.resp.ext, ini);
	assert_int_equal(T.resp.ext_len, sizeof(ini) - 1);
	assert_int_equal(T.resp.body_len, 0);
	assert_body_eq(ini);
}

static void test_config_without_text(void **state)
{
	(void)state;
	assert_int_equal(t_init(&pl_factory_config), 0);
	t_req(PL_GET, "GET", "/", NULL);
	t_call();
	assert_int_equal(T.resp.status, 404);
	assert_null(T.resp.ext);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_health_show, setup),
		cmocka_unit_test_setup(test_health_mounted, setup),
		cmocka_unit_test_setup(test_device_show_defaults, setup),
		cmocka_unit_test_setup(test_device_show_name_and_mac, setup),
		cmocka_unit_test_setup(test_device_name_hostname_fallback, setup),
		cmocka_unit_test_setup(test_device_bad_name, setup),
		cmocka_unit_test_setup(test_device_reboot, setup),
		cmocka_unit_test_setup(test_device_reboot_unsupported, setup),
		cmocka_unit_test_setup(test_device_mounted, setup),
		cmocka_unit_test_setup(test_stats_show, setup),
		cmocka_unit_test_setup(test_stats_big_numbers_fit, setup),
		cmocka_unit_test_setup(test_config_show, setup),
		cmocka_unit_test_setup(test_config_without_text, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
