/*
 * urlmap: Paste's URLMap composite, longest-prefix dispatch.
 *
 *   [composite:main]
 *   use = urlmap            (or egg:lwpaste#urlmap)
 *   / = versions            every key starting with '/' mounts a section
 *   /v1 = v1                (an app, pipeline or composite) at that prefix
 *   not_found_app = NAME    optional: what answers when no prefix matches
 *                           (default: 404 itemNotFound)
 *
 * Prefixes are normalised as Paste does: runs of '/' count as one and
 * trailing slashes are dropped, so "/" is the empty prefix that matches
 * everything and "/v1/" equals "/v1". A request matches a prefix when its
 * PATH_INFO equals it or continues with '/' ("/v1x" does not match "/v1").
 * The longest prefix wins. The matched part moves from PATH_INFO to
 * SCRIPT_NAME: both are views of one contiguous path, so that is pointer
 * arithmetic; they are restored when the mounted app returns, so filters
 * around the urlmap see the request as they passed it.
 * Domain keys (`domain example.com /x = app`) are not supported.
 */
#include <errno.h>
#include <string.h>

#include "pl.h"
#include "pl_build_priv.h"
#include "pl_resp.h"

enum { URLMAP_NOT_FOUND = 2 };

/* Length of the normalised prefix of key: without trailing slashes. */
static size_t prefix_len(const char *key)
{
	size_t n = strlen(key);

	while (n > 0 && key[n - 1] == '/')
		n--;
	return n;
}

/* Compare two prefixes treating runs of '/' as one. */
static bool prefix_same(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;

	while (i < an && j < bn) {
		if (a[i] != b[j])
			return false;
		if (a[i] == '/') {
			while (i < an && a[i] == '/')
				i++;
			while (j < bn && b[j] == '/')
				j++;
		} else {
			i++;
			j++;
		}
	}
	return i == an && j == bn;
}

/* Significant length: what sorts longest-first (slash runs count once). */
static size_t prefix_weight(const char *p, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		if (!(p[i] == '/' && i > 0 && p[i - 1] == '/'))
			w++;
	return w;
}

/* Bytes of path the prefix consumes, or -1 if it does not match. */
static long prefix_match(const char *pre, size_t pn, const char *path,
			 size_t n)
{
	size_t i = 0, j = 0;

	while (i < pn) {
		if (j >= n || pre[i] != path[j])
			return -1;
		if (pre[i] == '/') {
			while (i < pn && pre[i] == '/')
				i++;
			while (j < n && path[j] == '/')
				j++;
		} else {
			i++;
			j++;
		}
	}
	/* "/v1" matches "/v1" and "/v1/...", not "/v1x". */
	if (j < n && path[j] != '/')
		return -1;
	return (long)j;
}

static int urlmap_init(struct pl_app *app, struct pl_build_ctx *ctx)
{
	const struct pl_section *sec = ctx->sec;
	struct pl_route *routes = NULL;
	size_t i, n = 0, count = 0;
	int rc;

	for (i = 0; i < sec->num_local; i++) {
		const struct pl_kv *kv = &sec->local[i];

		if (kv->key[0] == '/')
			count++;
		else if (strcmp(kv->key, "not_found_app") != 0)
			return pl_errf(ctx->err, kv->line, -EINVAL,
				       "urlmap: '%s' is not a path (it must start with /)",
				       kv->key);
	}
	if (count) {
		routes = pl_build_routes(ctx, count, sec->line);
		if (!routes)
			return -ENOMEM;
	}
	for (i = 0; i < sec->num_local; i++) {
		const struct pl_kv *kv = &sec->local[i];
		size_t pn, k, w, vlen = strlen(kv->value);
		struct pl_route r;

		if (strcmp(kv->key, "not_found_app") == 0) {
			struct pl_app *nf;

			rc = pl_build_ref(ctx, kv->value, vlen, kv->line, &nf);
			if (rc)
				return rc;
			app->priv[URLMAP_NOT_FOUND].p = nf;
			continue;
		}
		pn = prefix_len(kv->key);
		for (k = 0; k < n; k++)
			if (prefix_same(routes[k].tmpl, routes[k].tmpl_len,
					kv->key, pn))
				return pl_errf(ctx->err, kv->line, -EINVAL,
					       "urlmap: prefix '%s' is mounted twice (line %u)",
					       kv->key, routes[k].line);
		if (vlen == 0 || strpbrk(kv->value, " \t"))
			return pl_errf(ctx->err, kv->line, -EINVAL,
				       "urlmap: '%s = %s': the value must be one section name",
				       kv->key, kv->value);
		memset(&r, 0, sizeof(r));
		r.tmpl = kv->key;
		r.tmpl_len = (uint16_t)pn;
		r.line = kv->line;
		r.name = kv->value;
		r.name_len = vlen;
		rc = pl_build_ref(ctx, kv->value, vlen, kv->line, &r.app);
		if (rc)
			return rc;
		/* Insertion sort, longest first; equal weights keep file order. */
		w = prefix_weight(r.tmpl, pn);
		for (k = n; k > 0 &&
			    prefix_weight(routes[k - 1].tmpl,
					  routes[k - 1].tmpl_len) < w;
		     k--)
			routes[k] = routes[k - 1];
		routes[k] = r;
		n++;
	}
	app->priv[PL_PRIV_ROUTES].p = routes;
	app->priv[PL_PRIV_NUM_ROUTES].u = n;
	return 0;
}

static int urlmap_call(struct pl_app *app, struct pl_request *req,
		       struct pl_response *resp)
{
	const struct pl_route *routes = app->priv[PL_PRIV_ROUTES].p;
	size_t i, n = app->priv[PL_PRIV_NUM_ROUTES].u;
	struct pl_app *nf = app->priv[URLMAP_NOT_FOUND].p;

	if (!req->script_name.p)
		req->script_name.p = req->path_info.p;
	for (i = 0; i < n; i++) {
		const struct pl_route *r = &routes[i];
		struct pl_str sn = req->script_name, pi = req->path_info;
		long used = prefix_match(r->tmpl, r->tmpl_len, pi.p, pi.n);
		int rc;

		if (used < 0)
			continue;
		req->script_name.n += (size_t)used;
		req->path_info.p += used;
		req->path_info.n -= (size_t)used;
		rc = r->app->call(r->app, req, resp);
		req->script_name = sn;
		req->path_info = pi;
		return rc;
	}
	if (nf)
		return nf->call(nf, req, resp);
	pl_fault(resp, 404, "The resource could not be found.");
	return 0;
}

PL_FACTORY(urlmap,
	.kind = PL_KIND_COMPOSITE,
	.init = urlmap_init,
	.call = urlmap_call);
