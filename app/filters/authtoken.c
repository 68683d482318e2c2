/*
 * authtoken (keystonemiddleware.auth_token, for a device without Keystone):
 * a protected request must carry `X-Auth-Token` equal to this section's
 * `token`; otherwise it is answered 401 unauthorized with
 * `WWW-Authenticate: Keystone uri="..."` and never reaches the app.
 * Unprotected requests pass untouched, with or without a token.
 *
 * A request is protected when its method is in protect_methods OR its
 * PATH_INFO (what is left below where this filter is mounted) is under one
 * of protect_paths: a prefix that matches whole segments, so /config
 * covers /config and /config/x but not /configs. `protect_paths = /`
 * protects everything.
 *
 * The comparison takes the same time whatever the token sent: every byte
 * of the configured token is compared, the first wrong byte does not end
 * it, and a token of the wrong length still runs the whole comparison.
 * Only the configured token's length decides the time.
 *
 * ini keys ([filter:NAME] use = authtoken):
 *   token = SECRET             required; 8..256 visible ASCII characters,
 *                              no spaces (the config tool shows it as ***)
 *   protect_methods = PUT POST DELETE PATCH
 *                              (default) methods that need the token,
 *                              separated by spaces or commas; empty: none
 *   protect_paths = /config /device/reboot
 *                              (default: none) path prefixes that need the
 *                              token for every method, at most 16
 *   www_authenticate_uri = URI where a client gets a token; default: this
 *                              device ("http://HOST/" from the Host header)
 */
#include <errno.h>
#include <string.h>

#include "pl.h"
#include "pl_build.h"
#include "pl_fmt.h"
#include "pl_resp.h"

#define AUTH_TOKEN_MIN 8
#define AUTH_TOKEN_MAX 256
#define AUTH_PATHS_MAX 16
#define AUTH_URI_MAX 128

enum { A_TOKEN, A_TOKLEN, A_METHODS, A_PATHS, A_URI };

static const struct {
	const char *name;
	unsigned bit;
} methods[] = {
	{"GET", PL_GET},       {"HEAD", PL_HEAD},     {"POST", PL_POST},
	{"PUT", PL_PUT},       {"DELETE", PL_DELETE}, {"PATCH", PL_PATCH},
	{"OPTIONS", PL_OPTIONS},
};

static int conf_err(struct pl_build_ctx *ctx, const struct pl_kv *kv,
		    const char *msg, const char *arg, size_t arg_len)
{
	ctx->err->line = kv ? kv->line : ctx->sec->line;
	pl_snprintf(ctx->err->msg, sizeof(ctx->err->msg), msg,
		 (int)(arg_len > 40 ? 40 : arg_len), arg);
	return -EINVAL;
}

static bool is_sep(char c)
{
	return c == ' ' || c == ',' || c == '\t' || c == '\n';
}

/* Next word of a list separated by spaces or commas; false at the end. */
static bool next_word(const char **s, const char **w, size_t *n)
{
	const char *p = *s;

	while (*p && is_sep(*p))
		p++;
	if (!*p)
		return false;
	*w = p;
	while (*p && !is_sep(*p))
		p++;
	*n = (size_t)(p - *w);
	*s = p;
	return true;
}

static bool word_ieq(const char *w, size_t n, const char *lit)
{
	struct pl_str s = {w, n};

	return pl_str_ieq(s, lit);
}

static int parse_methods(struct pl_build_ctx *ctx, unsigned *mask)
{
	const struct pl_kv *kv = pl_conf_kv(ctx->sec, "protect_methods");
	const char *s = kv ? kv->value : "PUT POST DELETE PATCH", *w;
	size_t n, i;

	*mask = 0;
	while (next_word(&s, &w, &n)) {
		for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
			if (word_ieq(w, n, methods[i].name))
				break;
		if (i == sizeof(methods) / sizeof(methods[0]))
			return conf_err(ctx, kv,
					"protect_methods: unknown method '%.*s' (GET HEAD POST PUT DELETE PATCH OPTIONS)",
					w, n);
		*mask |= methods[i].bit;
	}
	return 0;
}

static int check_paths(struct pl_build_ctx *ctx, const char **paths)
{
	const struct pl_kv *kv = pl_conf_kv(ctx->sec, "protect_paths");
	const char *s, *w;
	size_t n, count = 0, i;

	*paths = NULL;
	if (!kv)
		return 0;
	s = kv->value;
	while (next_word(&s, &w, &n)) {
		if (w[0] != '/')
			return conf_err(ctx, kv,
					"protect_paths: '%.*s' must start with '/'",
					w, n);
		for (i = 0; i < n; i++)
			if ((unsigned char)w[i] <= 0x20 || w[i] == 0x7f ||
			    w[i] == '?' || w[i] == '#')
				return conf_err(ctx, kv,
						"protect_paths: '%.*s' is not a path",
						w, n);
		if (++count > AUTH_PATHS_MAX)
			return conf_err(ctx, kv,
					"protect_paths: more than 16 paths (at '%.*s')",
					w, n);
	}
	*paths = count ? kv->value : NULL;
	return 0;
}

static int authtoken_init(struct pl_app *app, struct pl_build_ctx *ctx)
{
	const struct pl_kv *kv = pl_conf_kv(ctx->sec, "token");
	const char *paths;
	unsigned mask;
	size_t n, i;
	int rc;

	if (!kv) {
		ctx->err->line = ctx->sec->line;
		pl_snprintf(ctx->err->msg, sizeof(ctx->err->msg),
			 "[filter:%s]: authtoken needs 'token = ...'",
			 ctx->sec->name);
		return -EINVAL;
	}
	n = strlen(kv->value);
	for (i = 0; i < n; i++)
		if ((unsigned char)kv->value[i] <= 0x20 ||
		    (unsigned char)kv->value[i] >= 0x7f)
			break;
	if (n < AUTH_TOKEN_MIN || n > AUTH_TOKEN_MAX || i != n) {
		ctx->err->line = kv->line;
		pl_snprintf(ctx->err->msg, sizeof(ctx->err->msg),
			 "token must be %d to %d visible ASCII characters without spaces",
			 AUTH_TOKEN_MIN, AUTH_TOKEN_MAX);
		return -EINVAL;
	}
	app->priv[A_TOKEN].cp = kv->value;
	app->priv[A_TOKLEN].u = n;

	rc = parse_methods(ctx, &mask);
	if (rc)
		return rc;
	app->priv[A_METHODS].u = mask;
	rc = check_paths(ctx, &paths);
	if (rc)
		return rc;
	app->priv[A_PATHS].cp = paths;

	kv = pl_conf_kv(ctx->sec, "www_authenticate_uri");
	app->priv[A_URI].cp = NULL;
	if (kv) {
		n = strlen(kv->value);
		for (i = 0; i < n; i++)
			if ((unsigned char)kv->value[i] <= 0x20 ||
			    (unsigned char)kv->value[i] >= 0x7f ||
			    kv->value[i] == '"' || kv->value[i] == '\\')
				break;
		if (n == 0 || n > AUTH_URI_MAX || i != n)
			return conf_err(ctx, kv,
					"www_authenticate_uri '%.*s' must be a URI of at most 128 characters",
					kv->value, n);
		app->priv[A_URI].cp = kv->value;
	}
	return 0;
}

/* Constant time in the configured token's length: see the file comment. */
static bool token_matches(const char *want, size_t want_len, const char *got,
			  size_t got_len)
{
	size_t diff = want_len ^ got_len;
	size_t i;

	for (i = 0; i < want_len; i++) {
		/* Past the end of what was sent, compare against a byte no
		 * token contains; the length difference already failed it. */
		unsigned char g = i < got_len ? (unsigned char)got[i] : 0;

		diff |= (size_t)((unsigned char)want[i] ^ g);
	}
	return diff == 0;
}

static bool under(struct pl_str path, const char *prefix, size_t n)
{
	if (path.n < n || memcmp(path.p, prefix, n) != 0)
		return false;
	/* whole segments: "/config" is not a prefix of "/configs" */
	return path.n == n || prefix[n - 1] == '/' || path.p[n] == '/';
}

static bool is_protected(const struct pl_app *app,
			 const struct pl_request *req)
{
	const char *s = app->priv[A_PATHS].cp, *w;
	size_t n;

	if (req->method & (unsigned)app->priv[A_METHODS].u)
		return true;
	while (s && next_word(&s, &w, &n))
		if (under(req->path_info, w, n))
			return true;
	return false;
}

/* Characters we let from the Host header into a quoted header value. */
static bool host_ok(const struct pl_str *h)
{
	size_t i;

	if (!h || h->n == 0 || h->n > 100)
		return false;
	for (i = 0; i < h->n; i++) {
		char c = h->p[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		      c == ':' || c == '[' || c == ']'))
			return false;
	}
	return true;
}

static void unauthorized(const struct pl_app *app,
			 const struct pl_request *req,
			 struct pl_response *resp)
{
	char v[32 + AUTH_URI_MAX];
	const char *uri = app->priv[A_URI].cp;
	const struct pl_str *host = pl_req_header(req, "Host");
	size_t n;

	pl_fault(resp, 401, "The request you have made requires authentication.");
	memcpy(v, "Keystone uri=\"", 14);
	n = 14;
	if (uri) {
		memcpy(v + n, uri, strlen(uri));
		n += strlen(uri);
	} else if (host_ok(host)) {
		const char *scheme = req->secure ? "https://" : "http://";

		memcpy(v + n, scheme, strlen(scheme));
		n += strlen(scheme);
		memcpy(v + n, host->p, host->n);
		n += host->n;
		v[n++] = '/';
	}
	v[n++] = '"';
	pl_resp_header(resp, "WWW-Authenticate", v, n);
}

static int authtoken_call(struct pl_app *app, struct pl_request *req,
			  struct pl_response *resp)
{
	const struct pl_str *tok;

	if (!is_protected(app, req))
		return app->next->call(app->next, req, resp);
	tok = pl_req_header(req, "X-Auth-Token");
	if (!tok || !token_matches(app->priv[A_TOKEN].cp, app->priv[A_TOKLEN].u,
				   tok->p, tok->n)) {
		unauthorized(app, req, resp);
		return 0;
	}
	return app->next->call(app->next, req, resp);
}

PL_FACTORY(authtoken,
	.kind = PL_KIND_FILTER,
	.init = authtoken_init,
	.call = authtoken_call);
