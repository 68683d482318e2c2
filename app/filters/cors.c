/*
 * cors (oslo.middleware.cors): lets a web page from another origin use the
 * API. A request without `Origin` passes untouched.
 *
 * Preflight (OPTIONS with Origin and Access-Control-Request-Method) is
 * answered here, 200 with an empty body, and goes no further (it carries
 * no token, so it must not reach authtoken). When the origin, the method
 * and every requested header are allowed, the answer carries
 * Access-Control-Allow-Origin (the origin, echoed), -Allow-Methods,
 * -Allow-Headers (those requested), -Max-Age and -Allow-Credentials as
 * configured; otherwise it carries none of them and the browser refuses,
 * which is what oslo does.
 *
 * Any other request from an allowed origin goes to the app, and its
 * response gets Access-Control-Allow-Origin, Vary: Origin,
 * -Allow-Credentials and -Expose-Headers.
 *
 * ini keys ([filter:NAME] use = cors), lists separated by commas or spaces:
 *   allowed_origin = https://a.example, http://b.example:8080
 *                    origins allowed (scheme://host[:port], at most 8) or
 *                    `*` for any; default none (the filter adds nothing)
 *   allow_methods = GET PUT POST DELETE PATCH     (oslo's default)
 *   allow_headers = X-Auth-Token                  default: none beyond the
 *                    CORS-safelisted ones (Accept, Accept-Language,
 *                    Content-Language, Content-Type)
 *   expose_headers = X-Openstack-Request-Id       default: none
 *   max_age = SECONDS                             0..86400; default: not sent
 *   allow_credentials = true                      true/false (oslo: true)
 */
#include <errno.h>
#include <string.h>

#include "pl.h"
#include "pl_build.h"
#include "pl_fmt.h"
#include "pl_json.h"
#include "pl_resp.h"

#define CORS_ORIGINS_MAX 8
#define CORS_ITEM_MAX 96
#define CORS_MAX_AGE_MAX 86400u
#define CORS_NO_MAX_AGE UINT32_MAX
/* Longest Origin / Access-Control-Request-Headers echoed back. */
#define CORS_ECHO_MAX 128

enum { C_ORIGINS, C_METHODS, C_HEADERS, C_EXPOSE, C_MAX_AGE, C_CREDS };

static const struct {
	const char *name;
	unsigned bit;
} methods[] = {
	{"GET", PL_GET},       {"HEAD", PL_HEAD},     {"POST", PL_POST},
	{"PUT", PL_PUT},       {"DELETE", PL_DELETE}, {"PATCH", PL_PATCH},
	{"OPTIONS", PL_OPTIONS},
};
#define NUM_METHODS (sizeof(methods) / sizeof(methods[0]))

/* Request headers a browser may send without asking (Fetch §2.2.2). */
static const char safelisted[] =
	"Accept Accept-Language Content-Language Content-Type";

static int conf_err(struct pl_build_ctx *ctx, const struct pl_kv *kv,
		    const char *fmt, struct pl_str arg)
{
	ctx->err->line = kv ? kv->line : ctx->sec->line;
	pl_snprintf(ctx->err->msg, sizeof(ctx->err->msg), fmt,
		 (int)(arg.n > 40 ? 40 : arg.n), arg.p);
	return -EINVAL;
}

static bool is_sep(char c)
{
	return c == ' ' || c == ',' || c == '\t' || c == '\n';
}

/* Next item of a list in s[0..end); false when none is left. */
static bool next_item(const char **s, const char *end, struct pl_str *w)
{
	const char *p = *s;

	while (p < end && is_sep(*p))
		p++;
	if (p == end)
		return false;
	w->p = p;
	while (p < end && !is_sep(*p))
		p++;
	w->n = (size_t)(p - w->p);
	*s = p;
	return true;
}

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool str_match(struct pl_str a, struct pl_str b, bool icase)
{
	size_t i;

	if (a.n != b.n)
		return false;
	for (i = 0; i < a.n; i++)
		if (icase ? lower(a.p[i]) != lower(b.p[i]) : a.p[i] != b.p[i])
			return false;
	return true;
}

/* Is item in the NUL-terminated list (NULL: empty)? */
static bool list_has(const char *list, struct pl_str item, bool icase)
{
	const char *s = list;
	struct pl_str w;

	if (!list)
		return false;
	while (next_item(&s, list + strlen(list), &w))
		if (str_match(w, item, icase))
			return true;
	return false;
}

static bool is_token_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static bool origin_ok(struct pl_str w)
{
	size_t i;

	if (w.n == 1 && w.p[0] == '*')
		return true;
	if (!(w.n > 7 && memcmp(w.p, "http://", 7) == 0) &&
	    !(w.n > 8 && memcmp(w.p, "https://", 8) == 0))
		return false;
	for (i = 0; i < w.n; i++)
		if ((unsigned char)w.p[i] <= 0x20 ||
		    (unsigned char)w.p[i] >= 0x7f || w.p[i] == '"')
			return false;
	return true;
}

/* Check a list key; *out is its value (NULL when absent or empty). */
static int check_list(struct pl_build_ctx *ctx, const char *key,
		      bool origins, const char **out)
{
	const struct pl_kv *kv = pl_conf_kv(ctx->sec, key);
	const char *s;
	struct pl_str w;
	size_t count = 0, i;

	*out = NULL;
	if (!kv)
		return 0;
	s = kv->value;
	while (next_item(&s, kv->value + strlen(kv->value), &w)) {
		if (w.n > CORS_ITEM_MAX)
			return conf_err(ctx, kv, "'%.*s...' is too long", w);
		if (origins) {
			if (!origin_ok(w))
				return conf_err(ctx, kv,
						"allowed_origin: '%.*s' must be scheme://host[:port] or *",
						w);
			if (++count > CORS_ORIGINS_MAX)
				return conf_err(ctx, kv,
						"allowed_origin: more than 8 origins (at '%.*s')",
						w);
		} else {
			for (i = 0; i < w.n; i++)
				if (!is_token_char(w.p[i]))
					return conf_err(ctx, kv,
							"'%.*s' is not a header name",
							w);
			count++;
		}
	}
	*out = count ? kv->value : NULL;
	return 0;
}

static int parse_methods(struct pl_build_ctx *ctx, unsigned *mask)
{
	const struct pl_kv *kv = pl_conf_kv(ctx->sec, "allow_methods");
	const char *v = kv ? kv->value : "GET PUT POST DELETE PATCH";
	const char *s = v;
	struct pl_str w;
	size_t i;

	*mask = 0;
	while (next_item(&s, v + strlen(v), &w)) {
		for (i = 0; i < NUM_METHODS; i++)
			if (pl_str_ieq(w, methods[i].name))
				break;
		if (i == NUM_METHODS)
			return conf_err(ctx, kv,
					"allow_methods: unknown method '%.*s'", w);
		*mask |= methods[i].bit;
	}
	return 0;
}

static int parse_max_age(struct pl_build_ctx *ctx, uint32_t *out)
{
	const struct pl_kv *kv = pl_conf_kv(ctx->sec, "max_age");
	struct pl_str w;
	uint32_t v = 0;
	size_t i;

	*out = CORS_NO_MAX_AGE;
	if (!kv)
		return 0;
	w.p = kv->value;
	w.n = strlen(kv->value);
	for (i = 0; i < w.n && v <= CORS_MAX_AGE_MAX; i++) {
		if (w.p[i] < '0' || w.p[i] > '9')
			break;
		v = v * 10 + (uint32_t)(w.p[i] - '0');
	}
	if (w.n == 0 || i != w.n || v > CORS_MAX_AGE_MAX)
		return conf_err(ctx, kv,
				"max_age must be seconds from 0 to 86400, not '%.*s'",
				w);
	*out = v;
	return 0;
}

static int parse_bool(struct pl_build_ctx *ctx, const char *key, bool def,
		      bool *out)
{
	static const char *const yes[] = {"true", "yes", "on", "1"};
	static const char *const no[] = {"false", "no", "off", "0"};
	const struct pl_kv *kv = pl_conf_kv(ctx->sec, key);
	struct pl_str w;
	size_t i;

	*out = def;
	if (!kv)
		return 0;
	w.p = kv->value;
	w.n = strlen(kv->value);
	for (i = 0; i < 4; i++) {
		if (pl_str_ieq(w, yes[i])) {
			*out = true;
			return 0;
		}
		if (pl_str_ieq(w, no[i])) {
			*out = false;
			return 0;
		}
	}
	return conf_err(ctx, kv, "allow_credentials must be true or false, not '%.*s'",
			w);
}

static int cors_init(struct pl_app *app, struct pl_build_ctx *ctx)
{
	const char *list;
	unsigned mask;
	uint32_t age;
	bool creds;
	int rc;

	if ((rc = check_list(ctx, "allowed_origin", true, &list)))
		return rc;
	app->priv[C_ORIGINS].cp = list;
	if ((rc = parse_methods(ctx, &mask)))
		return rc;
	app->priv[C_METHODS].u = mask;
	if ((rc = check_list(ctx, "allow_headers", false, &list)))
		return rc;
	app->priv[C_HEADERS].cp = list;
	if ((rc = check_list(ctx, "expose_headers", false, &list)))
		return rc;
	app->priv[C_EXPOSE].cp = list;
	if ((rc = parse_max_age(ctx, &age)))
		return rc;
	app->priv[C_MAX_AGE].u = age;
	if ((rc = parse_bool(ctx, "allow_credentials", true, &creds)))
		return rc;
	app->priv[C_CREDS].u = creds;
	return 0;
}

static bool origin_allowed(const struct pl_app *app, const struct pl_str *o)
{
	static const struct pl_str star = {"*", 1};
	const char *list = app->priv[C_ORIGINS].cp;

	if (!o || o->n == 0 || o->n > CORS_ECHO_MAX || !list)
		return false;
	/* The Origin is echoed into a header: only what an origin can be. */
	if (!origin_ok(*o) || (o->n == 1 && o->p[0] == '*'))
		return false;
	return list_has(list, star, false) || list_has(list, *o, true);
}

/* Is every header in the request's comma list allowed? */
static bool headers_allowed(const struct pl_app *app, const struct pl_str *h)
{
	const char *s;
	struct pl_str w;

	if (!h)
		return true;
	if (h->n > CORS_ECHO_MAX)
		return false;
	s = h->p;
	while (next_item(&s, h->p + h->n, &w)) {
		size_t i;

		for (i = 0; i < w.n; i++)
			if (!is_token_char(w.p[i]))
				return false;
		if (!list_has(safelisted, w, true) &&
		    !list_has(app->priv[C_HEADERS].cp, w, true))
			return false;
	}
	return true;
}

static void hdr_str(struct pl_response *resp, const char *name, const char *v)
{
	pl_resp_header(resp, name, v, strlen(v));
}

/* A list value from the ini, re-joined as "a, b, c". */
static void hdr_list(struct pl_response *resp, const char *name,
		     const char *list)
{
	char buf[160];
	const char *s = list;
	struct pl_str w;
	size_t n = 0;

	while (next_item(&s, list + strlen(list), &w)) {
		if (n + w.n + 2 > sizeof(buf)) {
			resp->overflow = true;
			return;
		}
		if (n) {
			buf[n++] = ',';
			buf[n++] = ' ';
		}
		memcpy(buf + n, w.p, w.n);
		n += w.n;
	}
	pl_resp_header(resp, name, buf, n);
}

static void common_headers(const struct pl_app *app, struct pl_response *resp,
			   const struct pl_str *origin)
{
	pl_resp_header(resp, "Access-Control-Allow-Origin", origin->p, origin->n);
	hdr_str(resp, "Vary", "Origin");
	if (app->priv[C_CREDS].u)
		hdr_str(resp, "Access-Control-Allow-Credentials", "true");
}

static int preflight(const struct pl_app *app, const struct pl_request *req,
		     struct pl_response *resp, const struct pl_str *origin,
		     const struct pl_str *want_method)
{
	const struct pl_str *want_hdrs =
		pl_req_header(req, "Access-Control-Request-Headers");
	unsigned mask = (unsigned)app->priv[C_METHODS].u;
	char buf[64];
	size_t i, n = 0;

	resp->status = 200;
	resp->content_type = "text/plain; charset=utf-8";
	for (i = 0; i < NUM_METHODS; i++)
		if (pl_str_eq(*want_method, methods[i].name))
			break;
	if (!origin_allowed(app, origin) || i == NUM_METHODS ||
	    !(mask & methods[i].bit) || !headers_allowed(app, want_hdrs))
		return 0;

	common_headers(app, resp, origin);
	for (i = 0; i < NUM_METHODS; i++) {
		if (!(mask & methods[i].bit))
			continue;
		if (n) {
			buf[n++] = ',';
			buf[n++] = ' ';
		}
		memcpy(buf + n, methods[i].name, strlen(methods[i].name));
		n += strlen(methods[i].name);
	}
	pl_resp_header(resp, "Access-Control-Allow-Methods", buf, n);
	if (want_hdrs && want_hdrs->n)
		pl_resp_header(resp, "Access-Control-Allow-Headers", want_hdrs->p,
			       want_hdrs->n);
	if ((uint32_t)app->priv[C_MAX_AGE].u != CORS_NO_MAX_AGE) {
		n = pl_fmt_uint(buf, sizeof(buf), (uint32_t)app->priv[C_MAX_AGE].u);
		pl_resp_header(resp, "Access-Control-Max-Age", buf, n);
	}
	return 0;
}

static int cors_call(struct pl_app *app, struct pl_request *req,
		     struct pl_response *resp)
{
	const struct pl_str *origin = pl_req_header(req, "Origin");
	const struct pl_str *want_method;
	int rc;

	if (!origin)
		return app->next->call(app->next, req, resp);
	want_method = pl_req_header(req, "Access-Control-Request-Method");
	if (req->method == PL_OPTIONS && want_method)
		return preflight(app, req, resp, origin, want_method);

	rc = app->next->call(app->next, req, resp);
	if (rc < 0 || !origin_allowed(app, origin))
		return rc;
	common_headers(app, resp, origin);
	if (app->priv[C_EXPOSE].cp)
		hdr_list(resp, "Access-Control-Expose-Headers", app->priv[C_EXPOSE].cp);
	return rc;
}

PL_FACTORY(cors,
	.kind = PL_KIND_FILTER,
	.init = cors_init,
	.call = cors_call);
