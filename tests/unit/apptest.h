/*
 * A harness for testing one app or filter factory without the builder or
 * the server: a hand-made section with its conf, the factory's init, a
 * request and a response with the test's own buffers (the sizes the
 * server uses), and for filters an inner app whose behaviour the test
 * picks. Header-only; include it once per test file, with cmocka.
 */
#ifndef LWPASTE_APPTEST_H
#define LWPASTE_APPTEST_H

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "mock_platform.h"
#include "pl.h"
#include "pl_resp.h"

#define T_MAX_KV 8
#define T_MAX_HDRS 8
#define T_SEC_LINE 10 /* [header] line; key i is on line 11 + i */

/* What the inner app of a filter does. */
enum t_inner_mode {
	T_INNER_OK,        /* 200 {"ok": true} */
	T_INNER_FAIL,      /* writes a body and a header, returns -EIO */
	T_INNER_OVERFLOW,  /* writes past the body buffer */
	T_INNER_RESET,     /* resets the response (dropping headers) */
};

struct t_env {
	struct pl_kv kv[T_MAX_KV];
	struct pl_section sec;
	struct pl_config cfg;
	struct pl_err err;
	struct pl_build_ctx ctx;
	struct pl_app app, inner;
	struct pl_request req;
	struct pl_header hdrs[T_MAX_HDRS];
	struct pl_response resp;
	char hdr_buf[PL_RESP_HDR_MAX];
	char body_buf[PL_RESP_BODY_MAX];
	char out[PL_RESP_BODY_MAX + 4096]; /* body + ext, NUL-terminated */
	int inner_mode;
	unsigned inner_calls;
};

static struct t_env T;

static inline int t_inner_call(struct pl_app *app, struct pl_request *req,
			struct pl_response *resp)
{
	(void)app;
	(void)req;
	T.inner_calls++;
	switch (T.inner_mode) {
	case T_INNER_FAIL:
		resp->status = 201;
		pl_resp_puts(resp, "{\"half\": ");
		pl_resp_header(resp, "X-Inner", "1", 1);
		return -EIO;
	case T_INNER_OVERFLOW: {
		static char big[PL_RESP_BODY_MAX + 1];

		pl_resp_header(resp, "X-Inner", "1", 1);
		pl_resp_write(resp, big, sizeof(big));
		return 0;
	}
	case T_INNER_RESET:
		pl_resp_reset(resp, false);
		/* fall through */
	default:
		resp->status = 200;
		resp->content_type = "application/json";
		pl_resp_puts(resp, "{\"ok\": true}");
		return 0;
	}
}

/* Reset everything; the mock platform too. */
static inline void t_reset(void)
{
	memset(&T, 0, sizeof(T));
	mock_platform_reset();
	T.sec.name = "t";
	T.sec.line = T_SEC_LINE;
	T.sec.local = T.kv;
	T.cfg.file = "test.ini";
	T.cfg.sections = &T.sec;
	T.cfg.num_sections = 1;
	T.cfg.entry = "t";
	T.inner.call = t_inner_call;
}

/* Add a local conf key (before t_init). */
static inline void t_conf(const char *key, const char *value)
{
	assert_true(T.sec.num_local < T_MAX_KV);
	T.kv[T.sec.num_local].key = key;
	T.kv[T.sec.num_local].value = value;
	T.kv[T.sec.num_local].line = (uint16_t)(T_SEC_LINE + 1 + T.sec.num_local);
	T.sec.num_local++;
}

/* Instantiate factory f from the conf so far, as pl_build would; returns
 * init's result (0 when the factory has no init). */
static inline int t_init(const struct pl_factory *f)
{
	T.sec.type = f->kind == PL_KIND_FILTER ? PL_SEC_FILTER : PL_SEC_APP;
	T.sec.use = f->name;
	T.app.factory = f;
	T.app.section = &T.sec;
	T.app.call = f->call;
	T.app.next = f->kind == PL_KIND_FILTER ? &T.inner : NULL;
	T.ctx.cfg = &T.cfg;
	T.ctx.sec = &T.sec;
	T.ctx.err = &T.err;
	return f->init ? f->init(&T.app, &T.ctx) : 0;
}

/* A fresh request (the server's view: SCRIPT_NAME empty). */
static inline void t_req(unsigned method, const char *name, const char *path,
			 const char *body)
{
	memset(&T.req, 0, sizeof(T.req));
	T.req.method = method;
	T.req.method_name.p = name;
	T.req.method_name.n = strlen(name);
	T.req.target.p = path;
	T.req.target.n = strlen(path);
	T.req.script_name.p = path;
	T.req.path_info.p = path;
	T.req.path_info.n = strlen(path);
	T.req.version_minor = 1;
	T.req.headers = T.hdrs;
	if (body) {
		T.req.body.p = body;
		T.req.body.n = strlen(body);
	}
}

static inline void t_header(const char *name, const char *value)
{
	assert_true(T.req.num_headers < T_MAX_HDRS);
	T.hdrs[T.req.num_headers].name.p = name;
	T.hdrs[T.req.num_headers].name.n = strlen(name);
	T.hdrs[T.req.num_headers].value.p = value;
	T.hdrs[T.req.num_headers].value.n = strlen(value);
	T.req.num_headers++;
}

/* The router's captures. */
static inline void t_param(const char *name, const char *value)
{
	assert_true(T.req.num_params < PL_MAX_PARAMS);
	T.req.params[T.req.num_params].name.p = name;
	T.req.params[T.req.num_params].name.n = strlen(name);
	T.req.params[T.req.num_params].value.p = value;
	T.req.params[T.req.num_params].value.n = strlen(value);
	T.req.num_params++;
}

static inline void t_resp_init(void)
{
	memset(&T.resp, 0, sizeof(T.resp));
	T.resp.status = 200;
	T.resp.hdr = T.hdr_buf;
	T.resp.hdr_cap = sizeof(T.hdr_buf);
	T.resp.body = T.body_buf;
	T.resp.body_cap = sizeof(T.body_buf);
}

/* Body and constant body together, as the client would read them. */
static inline const char *t_body(void)
{
	size_t n = T.resp.body_len;

	assert_true(n + T.resp.ext_len < sizeof(T.out));
	memcpy(T.out, T.resp.body, n);
	if (T.resp.ext_len)
		memcpy(T.out + n, T.resp.ext, T.resp.ext_len);
	T.out[n + T.resp.ext_len] = '\0';
	return T.out;
}

/* Call the app as the server does; returns the call's result. */
static inline int t_call(void)
{
	int rc;

	t_resp_init();
	rc = T.app.call(&T.app, &T.req, &T.resp);
	t_body();
	return rc;
}

/* Call a controller action as the router does (req->action set). */
static inline int t_action(const char *action)
{
	const struct pl_factory *f = T.app.factory;
	size_t i;
	int rc;

	for (i = 0; i < f->num_actions; i++)
		if (strcmp(f->actions[i].name, action) == 0)
			break;
	assert_true(i < f->num_actions);
	T.req.action = action;
	t_resp_init();
	rc = f->actions[i].fn(&T.app, &T.req, &T.resp);
	t_body();
	return rc;
}

static inline bool t_has_action(const char *action)
{
	const struct pl_factory *f = T.app.factory;
	size_t i;

	for (i = 0; i < f->num_actions; i++)
		if (strcmp(f->actions[i].name, action) == 0)
			return true;
	return false;
}

/* The value of a response header the pipeline added ("" if absent, NULL
 * never); a second header of the same name fails the test. */
static inline const char *t_resp_header(const char *name)
{
	static char val[PL_RESP_HDR_MAX + 1];
	size_t nlen = strlen(name), i = 0, found = 0;

	val[0] = '\0';
	while (i < T.resp.hdr_len) {
		const char *line = T.resp.hdr + i;
		const char *end = memchr(line, '\r', T.resp.hdr_len - i);

		assert_non_null(end);
		assert_true(end[1] == '\n');
		if ((size_t)(end - line) > nlen + 2 &&
		    strncasecmp(line, name, nlen) == 0 && line[nlen] == ':' &&
		    line[nlen + 1] == ' ') {
			size_t vlen = (size_t)(end - line) - nlen - 2;

			memcpy(val, line + nlen + 2, vlen);
			val[vlen] = '\0';
			found++;
		}
		i = (size_t)(end - T.resp.hdr) + 2;
	}
	assert_true(found <= 1);
	return val;
}

static inline bool t_resp_has_header(const char *name)
{
	size_t nlen = strlen(name), i = 0;

	while (i < T.resp.hdr_len) {
		const char *line = T.resp.hdr + i;
		const char *end = memchr(line, '\r', T.resp.hdr_len - i);

		if (strncasecmp(line, name, nlen) == 0 && line[nlen] == ':')
			return true;
		i = (size_t)(end - T.resp.hdr) + 2;
	}
	return false;
}

/* Content-Type the server would send. */
static inline const char *t_ctype(void)
{
	return T.resp.content_type ? T.resp.content_type : "application/json";
}

#define assert_body_eq(s) assert_string_equal(T.out, (s))
#define assert_body_has(s) assert_non_null(strstr(T.out, (s)))

#endif /* LWPASTE_APPTEST_H */
