/*
 * The paste ini loader: every grammar feature (DEFAULT, interpolation,
 * here/__file__, use = factory / egg / section reuse, set, get,
 * filter-with, continuation lines, masking) and every error class with its
 * line. The tool-level FILE:LINE checks are the ctests over bad/ (one
 * broken ini each).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "mock_platform.h"
#include "pl_harness.h"
#include "pl_load.h"

static const char *local(const char *sec, const char *key)
{
	const struct pl_section *s = h_section(sec);
	uint16_t i;

	assert_non_null(s);
	for (i = 0; i < s->num_local; i++)
		if (strcmp(s->local[i].key, key) == 0)
			return s->local[i].value;
	return NULL;
}

#define assert_load_err(ini, line_, substr)                                    \
	do {                                                                   \
		assert_true(h_load(ini) < 0);                                  \
		if (!strstr(h.err.msg, (substr)))                              \
			fail_msg("error '%s' lacks '%s'", h.err.msg, (substr)); \
		assert_int_equal(h.err.line, (line_));                         \
	} while (0)

static void test_default_and_interpolation(void **state)
{
	(void)state;
	assert_int_equal(h_load("[DEFAULT]\n"
				"base = /srv\n"
				"data = %(base)s/data\n"
				"[app:main]\n"
				"use = showversion\n"
				"version = %(data)s-%(own)s-100%%\n"
				"own = mine\n"
				"base = /local\n"), 0);
	/* own keys win over [DEFAULT]; [DEFAULT] values see [DEFAULT] */
	assert_string_equal(local("main", "version"), "/srv/data-mine-100%");
	/* globals are visible through pl_conf_get */
	assert_string_equal(pl_conf_get(h_section("main"), "data"), "/srv/data");
	assert_string_equal(pl_conf_get(h_section("main"), "base"), "/local");
	assert_null(pl_conf_get(h_section("main"), "nope"));
	assert_int_equal(h_section("main")->num_global, 2);
}

static void test_here_and_file(void **state)
{
	char path[] = "/tmp/lwpaste-test-XXXXXX";
	char want[64];
	int fd = mkstemp(path);
	const char ini[] = "[app:main]\nuse = showversion\n"
			   "version = %(here)s|%(__file__)s\n";

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, ini, sizeof(ini) - 1), (ssize_t)(sizeof(ini) - 1));
	close(fd);
	assert_int_equal(pl_load_file(&h_ld, path, NULL, &h.err), 0);
	snprintf(want, sizeof(want), "/tmp|%s", path);
	assert_string_equal(local("main", "version"), want);
	unlink(path);
	assert_int_equal(pl_load_file(&h_ld, path, NULL, &h.err), -ENOENT);
	assert_int_equal(h.err.line, 0);
	assert_non_null(strstr(h.err.msg, "cannot open"));
}

static void test_use_forms(void **state)
{
	(void)state;
	assert_int_equal(h_load("[app:main]\nuse = egg:lwpaste#showversion\nversion = 1\n"
				"[app:b]\nuse = showversion\nversion = 2\n"), 0);
	assert_string_equal(h_section("main")->use, "showversion");
	assert_string_equal(h_section("b")->use, "showversion");
	/* a section named like a factory: `use = showversion` elsewhere
	 * reuses the section (paste: plain names are sections) */
	assert_int_equal(h_load("[app:showversion]\nuse = showversion\nversion = 3\n"
				"[app:main]\nuse = showversion\n"), 0);
	assert_string_equal(local("main", "version"), "3");
}

static void test_reuse(void **state)
{
	(void)state;
	assert_int_equal(h_load("[app:base]\n"
				"use = egg:lwpaste#router\n"
				"connect a = GET /a c#index\n"
				"connect b = GET /b c#show\n"
				"[app:main]\n"
				"use = mid\n"
				"connect b = GET /bee c#show\n"
				"connect c = GET /c c#index\n"
				"[app:mid]\n"
				"use = base\n"
				"filter-with = f\n"
				"[app:c]\nuse = versions\n"
				"[filter:f]\nuse = logrequest\n"), 0);
	/* factory from the chain, keys inherited in order, overrides in place */
	assert_string_equal(h_section("main")->use, "router");
	assert_int_equal(h_section("main")->num_local, 3);
	assert_string_equal(h_section("main")->local[0].key, "connect a");
	assert_int_equal(h_section("main")->local[0].line, 3);
	assert_string_equal(h_section("main")->local[1].value, "GET /bee c#show");
	assert_int_equal(h_section("main")->local[1].line, 7);
	assert_string_equal(h_section("main")->local[2].key, "connect c");
	/* filter-with is the section's own, not inherited */
	assert_string_equal(h_section("mid")->filter_with, "f");
	assert_null(h_section("main")->filter_with);

	assert_load_err("[app:a]\nuse = b\n[app:b]\nuse = a\n[app:main]\nuse = a\n",
			4, "reference cycle");
	assert_load_err("[app:main]\nuse = p\n[pipeline:p]\npipeline = main\n",
			2, "is not a [app:] section");
}

static void test_set_get(void **state)
{
	(void)state;
	assert_int_equal(h_load("[DEFAULT]\n"
				"token = t0\n"
				"level = 1\n"
				"[app:main]\n"
				"use = showversion\n"
				"set token = t1\n"
				"get version = level\n"
				"[app:other]\n"
				"use = main\n"
				"[app:third]\n"
				"use = showversion\n"
				"set extra = x\n"
				"get version = extra\n"), 0);
	assert_string_equal(pl_conf_get(h_section("main"), "token"), "t1");
	assert_string_equal(local("main", "version"), "1");
	assert_null(local("main", "set token"));
	/* reuse inherits the set */
	assert_string_equal(pl_conf_get(h_section("other"), "token"), "t1");
	/* get sees this section's set */
	assert_string_equal(local("third", "version"), "x");
	assert_string_equal(pl_conf_get(h_section("third"), "token"), "t0");
	/* only the sections with set have their own globals */
	assert_true(h_section("third")->global != h_section("main")->global);

	assert_load_err("[app:main]\nuse = showversion\nget version = nope\n", 3,
			"no global 'nope'");
}

static void test_filter_with(void **state)
{
	(void)state;
	assert_int_equal(h_load("[app:main]\nuse = showversion\nversion = 1\n"
				"filter-with = log\n"
				"[filter:log]\nuse = logrequest\n"), 0);
	assert_string_equal(h_section("main")->filter_with, "log");
	assert_null(local("main", "filter-with"));
	assert_load_err("[app:main]\nuse = showversion\nfilter-with = x\n", 3,
			"filter-with = x: no such section");
	assert_load_err("[app:main]\nuse = showversion\nfilter-with = a\n"
			"[app:a]\nuse = showversion\n", 3, "is not a filter");
}

static void test_continuation_and_masking(void **state)
{
	const char *t;

	(void)state;
	assert_int_equal(h_load("[DEFAULT]\n"
				"admin_token = s3cr3t\n"
				"[app:main]\n"
				"use = showversion\n"
				"version = 1\n"
				"  2\n"
				"password: hunter2\n"
				"   more\n"
				"api_KEY=abc ; comment\n"
				"keep = visible\n"), 0);
	assert_string_equal(local("main", "version"), "1\n2");
	assert_string_equal(local("main", "password"), "hunter2\nmore");
	assert_string_equal(local("main", "api_KEY"), "abc");
	t = h_ld.cfg.ini_text;
	assert_int_equal(h_ld.cfg.ini_len, strlen(t));
	assert_null(strstr(t, "s3cr3t"));
	assert_null(strstr(t, "hunter2"));
	assert_null(strstr(t, "more"));
	assert_null(strstr(t, "abc"));
	assert_non_null(strstr(t, "admin_token = ***\n"));
	assert_non_null(strstr(t, "password: ***\n   ***\n"));
	assert_non_null(strstr(t, "api_KEY= ***\n"));
	assert_non_null(strstr(t, "version = 1\n  2\n"));
	assert_non_null(strstr(t, "keep = visible\n"));
}

static void test_secrets(void **state)
{
	(void)state;
	assert_true(pl_load_is_secret("token"));
	assert_true(pl_load_is_secret("admin_token"));
	assert_true(pl_load_is_secret("Password"));
	assert_true(pl_load_is_secret("client_secret"));
	assert_true(pl_load_is_secret("key"));
	assert_true(pl_load_is_secret("set token"));
	assert_false(pl_load_is_secret("version"));
	assert_false(pl_load_is_secret("pipeline"));

	assert_int_equal(h_load("[DEFAULT]\ntoken = lwpaste-sample-token\n"
				"[app:main]\nuse = showversion\nversion = 1\n"), 0);
	assert_int_equal(pl_load_check_samples(&h_ld, &h.err), -EPERM);
	assert_int_equal(h.err.line, 2);
	assert_int_equal(h_load("[DEFAULT]\ntoken = real\nversion = sample\n"
				"[app:main]\nuse = showversion\n"), 0);
	assert_int_equal(pl_load_check_samples(&h_ld, &h.err), 0);
	/* interpolated into a secret: still caught, at the secret's line */
	assert_int_equal(h_load("[DEFAULT]\nx = SAMPLE\n"
				"[app:main]\nuse = showversion\nversion = 1\n"
				"token = %(x)s\n"), 0);
	assert_int_equal(pl_load_check_samples(&h_ld, &h.err), -EPERM);
	assert_int_equal(h.err.line, 6);
}

static void test_sections(void **state)
{
	(void)state;
	/* application: alias, sections without a type, comments, BOM, CRLF */
	assert_int_equal(h_load("\xef\xbb\xbf# comment\r\n"
				"[application:main]\r\n"
				"use = showversion\r\n"
				"version = 1 ; inline\r\n"
				"[loggers]\r\n"
				"keys = root\r\n"
				"[ app : spaced ]\r\n"
				"use = showversion\r\n"
				"[server:main]\r\n"
				"[net:eth0]\r\n"), 0);
	assert_int_equal(h_ld.cfg.num_sections, 5);
	assert_string_equal(local("main", "version"), "1");
	assert_non_null(h_section("spaced"));
	assert_int_equal(h_section("spaced")->line, 7);
	assert_int_equal(h_section("loggers")->type, PL_SEC_OTHER);
	/* server and net have names of their own */
	assert_int_equal(h_load("[app:main]\nuse = showversion\n[server:main]\nport = 1\n"), 0);
}

/* An unknown factory's error names every factory there is: the list is
 * what a user picks the right name from. */
static void test_unknown_factory_lists_all(void **state)
{
	const struct pl_factory *f;
	size_t n;

	(void)state;
	assert_true(h_load("[app:main]\nuse = egg:lwpaste#nope\n") < 0);
	n = strlen(h.err.msg);
	assert_true(n > 0 && n < sizeof(h.err.msg) - 1);
	assert_int_equal(h.err.msg[n - 1], ')');
	assert_null(strstr(h.err.msg, "..."));
	for (f = pl_factory_begin(); f < pl_factory_end(); f++) {
		char want[64];

		snprintf(want, sizeof(want), " %s%s", f->name, f + 1 < pl_factory_end() ? "," : ")");
		if (!strstr(h.err.msg, want))
			fail_msg("'%s' lacks '%s'", h.err.msg, want);
	}
}

static void test_errors(void **state)
{
	static const struct {
		const char *ini;
		int line;
		const char *msg;
	} bad[] = {
		{"[app:main]\nuse = nope\n", 2, "use = nope: unknown factory (factories: "},
		{"[app:main]\nuse = egg:lwpaste#nope\n", 2, "unknown factory"},
		{"[composite:main]\nuse = egg:Paste#urlmap\n", 2,
		 "did you mean egg:lwpaste#urlmap?"},
		{"[app:main]\nuse = egg:Other#thing\n", 2, "only egg:lwpaste#NAME"},
		{"[app:main]\nuse = config:other.ini\n", 2,
		 "config: and call: cannot work in a single baked image"},
		{"[app:main]\nuse = call:mod:fn\n", 2,
		 "config: and call: cannot work in a single baked image"},
		{"[app:main]\npaste.app_factory = mod:fn\n", 2,
		 "cannot work in a baked image"},
		{"[app:main]\nversion = 1\n", 1, "[app:main] has no 'use = FACTORY'"},
		{"[app:main]\nuse = logrequest\n", 2, "'logrequest' is a filter factory"},
		{"[filter:main]\nuse = showversion\n", 2, "is an app factory"},
		{"[app:main]\nuse = showversion\n\n[filter:main]\nuse = logrequest\n", 4,
		 "duplicate section 'main' (first [app:main] at line 1)"},
		{"[server:main]\n[server:main]\n", 2, "duplicate section"},
		{"[app:main]\nuse = showversion\nuse = router\n", 3,
		 "duplicate key 'use' (first at line 2)"},
		{"[pipeline:main]\npipeline = a\nuse = x\n", 3, "takes no 'use'"},
		{"[pipeline:main]\npipeline = app\nextra = 1\n[app:app]\nuse = test\n", 3,
		 "takes only 'pipeline"},
		{"[pipeline:main]\n", 1, "has no 'pipeline = "},
		{"[pipeline:main]\npipeline = f\n[filter:f]\nuse = logrequest\n", 2,
		 "does not end in an app"},
		{"[pipeline:main]\npipeline = nope\n", 2, "pipeline item 'nope': no such section"},
		{"[app:main]\nuse = showversion\nversion = %(nope)s\n", 3,
		 "no key 'nope'"},
		{"[app:main]\nuse = showversion\nversion = 100%\n", 3, "bad interpolation"},
		{"[app:main]\nuse = showversion\nversion = %(x\n", 3, "bad interpolation"},
		{"[app:main]\nuse = showversion\nversion = %(version)s\n", 3,
		 "interpolation deeper than 10"},
		{"[app:main]\nuse = showversion\njunk\n", 3, "malformed line"},
		{"[app:main\nuse = showversion\n", 1, "without ']'"},
		{"key = value\n[app:main]\n", 1, "outside any [section]"},
		{"[app:main]\n= value\n", 2, "empty key"},
		{"[wat:main]\n", 1, "unknown section type 'wat'"},
		{"[filter-app:main]\n", 1, "[filter-app:] is not supported"},
		{"[app:]\n", 1, "has no name"},
		{"[app:other]\nuse = showversion\n", 1, "no [app:main]"},
		{"[filter:main]\nuse = logrequest\n", 1, "no [app:main]"},
		{"", 1, "no [app:main]"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = h_load(bad[i].ini);

		if (rc >= 0)
			fail_msg("#%zu loaded: %s", i, bad[i].ini);
		if (!strstr(h.err.msg, bad[i].msg) || h.err.line != bad[i].line)
			fail_msg("#%zu: got %u: '%s', want %d: '%s'", i, h.err.line,
				 h.err.msg, bad[i].line, bad[i].msg);
	}
}

static void test_limits(void **state)
{
	static char big[PL_LOAD_MAX_FILE + 2];
	char line[300];

	(void)state;
	memset(line, 'x', sizeof(line));
	memcpy(line, "[app:main]\nuse = showversion\nversion = ", 39);
	line[sizeof(line) - 2] = '\n';
	line[sizeof(line) - 1] = '\0';
	assert_load_err(line, 3, "line too long");
	assert_true(pl_load_buf(&h_ld, "t.ini", "[app:main]\nuse = x\0y\n", 21,
				NULL, &h.err) < 0);
	assert_int_equal(h.err.line, 2);
	assert_non_null(strstr(h.err.msg, "NUL byte"));
	memset(big, '\n', sizeof(big));
	assert_int_equal(pl_load_buf(&h_ld, "t.ini", big, sizeof(big), NULL, &h.err),
			 -EFBIG);
	/* 65536 blank lines fit in the size limit but not in a uint16 line */
	assert_true(pl_load_buf(&h_ld, "t.ini", big, PL_LOAD_MAX_FILE, NULL, &h.err) < 0);
	assert_non_null(strstr(h.err.msg, "lines"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_and_interpolation),
		cmocka_unit_test(test_here_and_file),
		cmocka_unit_test(test_use_forms),
		cmocka_unit_test(test_reuse),
		cmocka_unit_test(test_set_get),
		cmocka_unit_test(test_filter_with),
		cmocka_unit_test(test_continuation_and_masking),
		cmocka_unit_test(test_secrets),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_unknown_factory_lists_all),
		cmocka_unit_test(test_limits),
	};

	mock_platform_reset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
