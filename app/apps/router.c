/*
 * router: a Routes-style mapper (what nova's APIRouter is to its
 * controllers). Every route is bound, at build time, to an action function
 * of a controller: nothing is dispatched by name at run time.
 *
 *   [app:v1]
 *   use = router
 *   connect NAME  = [METHODS] /template/{param} CONTROLLER#ACTION
 *   resource NAME = /collection CONTROLLER
 *
 *   [app:leds]            a controller: any app whose factory declares
 *   use = leds            actions (struct pl_factory.actions)
 *
 * connect (Routes' Mapper.connect): METHODS is one method or a comma list
 * (GET, GET,HEAD, PUT,PATCH ...) or `*` for any; without METHODS the route
 * takes any method. The template is matched against PATH_INFO (what is left
 * after urlmap); `{name}` captures one whole path segment into
 * req->params (at most PL_MAX_PARAMS). `/` is the router's own root, and an
 * empty PATH_INFO (GET /v1 under `/v1 = ...`) is "/". One trailing slash on
 * the request is ignored.
 *
 * resource (Routes' Mapper.resource) connects, for each of these actions
 * the controller declares, and only those:
 *   index   GET    /collection
 *   create  POST   /collection
 *   show    GET    /collection/{id}
 *   update  PUT    /collection/{id}
 *   delete  DELETE /collection/{id}
 *
 * Routes are tried in file order; the first whose template and method
 * match is dispatched with req->params and req->action set. Every GET route
 * also answers HEAD. A path some route matches with another method is 405
 * badMethod with an `Allow` header listing the methods it takes; a path no
 * route matches is 404 itemNotFound. Unknown methods, actions, controllers
 * and malformed templates are build errors with their line.
 */
#include <errno.h>
#include <string.h>

#include "pl.h"
#include "pl_build_priv.h"
#include "pl_resp.h"

/* Distinct controllers one router may bind (a stack array during init). */
#define ROUTER_MAX_CONTROLLERS 16

#define PL_ANY_METHOD                                                          \
	(PL_GET | PL_HEAD | PL_POST | PL_PUT | PL_DELETE | PL_PATCH | PL_OPTIONS)

static const struct {
	const char *name;
	unsigned bit;
} methods[] = {
	{"GET", PL_GET},       {"HEAD", PL_HEAD},   {"POST", PL_POST},
	{"PUT", PL_PUT},       {"DELETE", PL_DELETE}, {"PATCH", PL_PATCH},
	{"OPTIONS", PL_OPTIONS},
};

static const struct {
	const char *action;
	unsigned method;
	bool member;
} resource_actions[] = {
	{"index", PL_GET, false},   {"create", PL_POST, false},
	{"show", PL_GET, true},     {"update", PL_PUT, true},
	{"delete", PL_DELETE, true},
};

struct controller {
	const char *name;
	size_t len;
	struct pl_app *app;
};

struct router_build {
	struct pl_build_ctx *ctx;
	struct controller ctl[ROUTER_MAX_CONTROLLERS];
	size_t num_ctl;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Next whitespace-separated token of *s, or false at the end. */
static bool next_token(const char **s, struct pl_str *tok)
{
	const char *p = *s;

	while (is_space(*p))
		p++;
	if (!*p)
		return false;
	tok->p = p;
	while (*p && !is_space(*p))
		p++;
	tok->n = (size_t)(p - tok->p);
	*s = p;
	return true;
}

/* "connect NAME" -> NAME; false if the key is not `word NAME`. */
static bool key_word(const char *key, const char *word, struct pl_str *name)
{
	size_t wn = strlen(word);
	const char *p = key + wn;

	if (strncmp(key, word, wn) != 0 || !is_space(*p))
		return false;
	while (is_space(*p))
		p++;
	if (!*p)
		return false;
	name->p = p;
	name->n = strlen(p);
	return true;
}

static int parse_methods(struct pl_build_ctx *ctx, struct pl_str tok,
			 uint16_t line, unsigned *mask)
{
	size_t i = 0;

	*mask = 0;
	if (tok.n == 1 && tok.p[0] == '*') {
		*mask = PL_ANY_METHOD;
		return 0;
	}
	while (i < tok.n) {
		size_t start = i, k;

		while (i < tok.n && tok.p[i] != ',')
			i++;
		for (k = 0; k < sizeof(methods) / sizeof(methods[0]); k++)
			if (strlen(methods[k].name) == i - start &&
			    memcmp(methods[k].name, tok.p + start, i - start) == 0)
				break;
		if (k == sizeof(methods) / sizeof(methods[0]))
			return pl_errf(ctx->err, line, -EINVAL,
				       "router: unknown method '%.*s' (GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS or *)",
				       (int)(i - start), tok.p + start);
		*mask |= methods[k].bit;
		i++; /* the comma */
	}
	return 0;
}

/* A template is '/'-separated segments, each literal or one {name}. */
static int check_template(struct pl_build_ctx *ctx, struct pl_str t,
			  uint16_t line, bool member)
{
	struct pl_str names[PL_MAX_PARAMS + 1];
	size_t i, k, np = 0;

	if (t.n == 0 || t.p[0] != '/')
		return pl_errf(ctx->err, line, -EINVAL,
			       "router: template '%.*s' must start with '/'",
			       (int)t.n, t.p);
	if (t.n > UINT16_MAX)
		return pl_errf(ctx->err, line, -E2BIG, "router: template too long");
	for (i = 0; i < t.n; i++) {
		char c = t.p[i];

		if (c == '?' || c == '#' || c == '}')
			return pl_errf(ctx->err, line, -EINVAL,
				       "router: '%c' in template '%.*s'", c,
				       (int)t.n, t.p);
		if (c != '{')
			continue;
		if (t.p[i - 1] != '/')
			return pl_errf(ctx->err, line, -EINVAL,
				       "router: '{' must start a path segment in '%.*s'",
				       (int)t.n, t.p);
		for (k = i + 1; k < t.n && t.p[k] != '}'; k++) {
			char d = t.p[k];

			if (!((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') ||
			      (d >= '0' && d <= '9') || d == '_'))
				break;
		}
		if (k >= t.n || t.p[k] != '}' || k == i + 1 ||
		    (k + 1 < t.n && t.p[k + 1] != '/'))
			return pl_errf(ctx->err, line, -EINVAL,
				       "router: bad parameter in '%.*s' (a whole segment {name}, name of letters, digits, _)",
				       (int)t.n, t.p);
		if (np == PL_MAX_PARAMS)
			return pl_errf(ctx->err, line, -E2BIG,
				       "router: more than %d parameters in '%.*s'",
				       PL_MAX_PARAMS, (int)t.n, t.p);
		names[np].p = t.p + i + 1;
		names[np].n = k - i - 1;
		np++;
		i = k;
	}
	if (member) {
		if (np == PL_MAX_PARAMS)
			return pl_errf(ctx->err, line, -E2BIG,
				       "router: more than %d parameters with {id}",
				       PL_MAX_PARAMS);
		names[np].p = "id";
		names[np].n = 2;
		np++;
	}
	for (i = 0; i < np; i++)
		for (k = 0; k < i; k++)
			if (names[i].n == names[k].n &&
			    memcmp(names[i].p, names[k].p, names[i].n) == 0)
				return pl_errf(ctx->err, line, -EINVAL,
					       "router: parameter {%.*s} twice in '%.*s'",
					       (int)names[i].n, names[i].p,
					       (int)t.n, t.p);
	return 0;
}

/* The controller instance for name, built once per router. */
static int controller_get(struct router_build *rb, struct pl_str name,
			  uint16_t line, struct pl_app **out)
{
	const struct pl_section *sec;
	struct controller *c;
	size_t i;
	int rc;

	for (i = 0; i < rb->num_ctl; i++) {
		if (rb->ctl[i].len == name.n &&
		    memcmp(rb->ctl[i].name, name.p, name.n) == 0) {
			*out = rb->ctl[i].app;
			return 0;
		}
	}
	sec = pl_section_find(rb->ctx->cfg, name.p, name.n);
	if (!sec)
		return pl_errf(rb->ctx->err, line, -ENOENT,
			       "router: no controller section '%.*s'",
			       (int)name.n, name.p);
	/* Actions are called on the controller itself, so nothing may wrap
	 * it: no pipeline, no filter-with. */
	if (sec->type != PL_SEC_APP || sec->filter_with)
		return pl_errf(rb->ctx->err, line, -EINVAL,
			       "router: controller '%s' must be a plain [app:] section (no pipeline or filter-with)",
			       sec->name);
	if (rb->num_ctl == ROUTER_MAX_CONTROLLERS)
		return pl_errf(rb->ctx->err, line, -E2BIG,
			       "router: more than %d controllers",
			       ROUTER_MAX_CONTROLLERS);
	rc = pl_build_ref(rb->ctx, name.p, name.n, line, out);
	if (rc)
		return rc;
	if (!(*out)->factory->num_actions)
		return pl_errf(rb->ctx->err, line, -EINVAL,
			       "router: '%s' (factory '%s') is not a controller: it declares no actions",
			       sec->name, (*out)->factory->name);
	c = &rb->ctl[rb->num_ctl++];
	c->name = name.p;
	c->len = name.n;
	c->app = *out;
	return 0;
}

static const struct pl_action *action_find(const struct pl_factory *f,
					   const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < f->num_actions; i++)
		if (strlen(f->actions[i].name) == len &&
		    memcmp(f->actions[i].name, name, len) == 0)
			return &f->actions[i];
	return NULL;
}

static int unknown_action(struct pl_build_ctx *ctx, uint16_t line,
			  const struct pl_app *ctl, struct pl_str action)
{
	char list[96];
	size_t i, n = 0;

	list[0] = '\0';
	for (i = 0; i < ctl->factory->num_actions; i++) {
		const char *a = ctl->factory->actions[i].name;
		size_t an = strlen(a);

		if (n + an + 3 >= sizeof(list))
			break;
		if (n) {
			memcpy(list + n, ", ", 2);
			n += 2;
		}
		memcpy(list + n, a, an + 1);
		n += an;
	}
	return pl_errf(ctx->err, line, -EINVAL,
		       "router: controller '%s' has no action '%.*s' (it has: %s)",
		       ctl->section->name, (int)action.n, action.p, list);
}

static void route_set(struct pl_route *r, struct pl_str tmpl, unsigned m,
		      bool member, const struct pl_kv *kv, struct pl_str name,
		      struct pl_app *ctl, const struct pl_action *a)
{
	if (m & PL_GET)
		m |= PL_HEAD;
	r->tmpl = tmpl.p;
	r->tmpl_len = (uint16_t)tmpl.n;
	r->methods = (uint16_t)m;
	r->member = member;
	r->line = kv->line;
	r->app = ctl;
	r->fn = a->fn;
	r->action = a->name;
	r->name = name.p;
	r->name_len = name.n;
}

/* One ini line: count its routes (routes NULL) or fill them. */
static int parse_line(struct router_build *rb, const struct pl_kv *kv,
		      struct pl_route *routes, size_t *n)
{
	struct pl_build_ctx *ctx = rb->ctx;
	struct pl_str name, tok, tmpl, ctl_name, act;
	const char *v = kv->value;
	struct pl_app *ctl;
	unsigned m = PL_ANY_METHOD;
	const char *hash;
	int rc;
	size_t i, before = *n;

	if (key_word(kv->key, "connect", &name)) {
		if (!next_token(&v, &tok))
			goto connect_usage;
		if (tok.p[0] != '/') {
			rc = parse_methods(ctx, tok, kv->line, &m);
			if (rc)
				return rc;
			if (!next_token(&v, &tok))
				goto connect_usage;
		}
		tmpl = tok;
		if (!next_token(&v, &tok) || next_token(&v, &act))
			goto connect_usage;
		hash = memchr(tok.p, '#', tok.n);
		if (!hash || hash == tok.p || hash == tok.p + tok.n - 1)
			goto connect_usage;
		rc = check_template(ctx, tmpl, kv->line, false);
		if (rc)
			return rc;
		ctl_name.p = tok.p;
		ctl_name.n = (size_t)(hash - tok.p);
		act.p = hash + 1;
		act.n = tok.n - ctl_name.n - 1;
		rc = controller_get(rb, ctl_name, kv->line, &ctl);
		if (rc)
			return rc;
		if (!action_find(ctl->factory, act.p, act.n))
			return unknown_action(ctx, kv->line, ctl, act);
		if (routes)
			route_set(&routes[*n], tmpl, m, false, kv, name, ctl,
				  action_find(ctl->factory, act.p, act.n));
		(*n)++;
		return 0;
	}
	if (key_word(kv->key, "resource", &name)) {
		if (!next_token(&v, &tmpl) || !next_token(&v, &ctl_name) ||
		    next_token(&v, &tok))
			return pl_errf(ctx->err, kv->line, -EINVAL,
				       "router: expected 'resource NAME = /collection CONTROLLER'");
		rc = check_template(ctx, tmpl, kv->line, true);
		if (rc)
			return rc;
		if (tmpl.n == 1)
			return pl_errf(ctx->err, kv->line, -EINVAL,
				       "router: a resource needs a collection path, not '/'");
		rc = controller_get(rb, ctl_name, kv->line, &ctl);
		if (rc)
			return rc;
		for (i = 0; i < sizeof(resource_actions) / sizeof(resource_actions[0]); i++) {
			const struct pl_action *a = action_find(
				ctl->factory, resource_actions[i].action,
				strlen(resource_actions[i].action));

			if (!a)
				continue;
			if (routes)
				route_set(&routes[*n], tmpl,
					  resource_actions[i].method,
					  resource_actions[i].member, kv, name,
					  ctl, a);
			(*n)++;
		}
		if (*n == before)
			return pl_errf(ctx->err, kv->line, -EINVAL,
				       "router: controller '%s' declares none of index, create, show, update, delete",
				       ctl->section->name);
		return 0;
	}
	return pl_errf(ctx->err, kv->line, -EINVAL,
		       "router: unknown key '%s' (expected 'connect NAME' or 'resource NAME')",
		       kv->key);
connect_usage:
	return pl_errf(ctx->err, kv->line, -EINVAL,
		       "router: expected 'connect NAME = [METHODS] /template CONTROLLER#ACTION'");
}

static int router_init(struct pl_app *app, struct pl_build_ctx *ctx)
{
	struct router_build rb;
	struct pl_route *routes = NULL;
	size_t i, n = 0, filled = 0;
	int rc;

	memset(&rb, 0, sizeof(rb));
	rb.ctx = ctx;
	/* Two passes: controllers (which may take routes of their own from
	 * the pool) are built and routes counted first, so this router's
	 * table is one contiguous block. */
	for (i = 0; i < ctx->sec->num_local; i++) {
		rc = parse_line(&rb, &ctx->sec->local[i], NULL, &n);
		if (rc)
			return rc;
	}
	if (n) {
		routes = pl_build_routes(ctx, n, ctx->sec->line);
		if (!routes)
			return -ENOMEM;
	}
	for (i = 0; i < ctx->sec->num_local; i++) {
		rc = parse_line(&rb, &ctx->sec->local[i], routes, &filled);
		if (rc)
			return rc;
	}
	app->priv[PL_PRIV_ROUTES].p = routes;
	app->priv[PL_PRIV_NUM_ROUTES].u = n;
	return 0;
}

/* Match PATH_INFO against a route; captures go to params. */
static bool route_match(const struct pl_route *r, const char *path, size_t n,
			struct pl_param *params, size_t *np)
{
	size_t i = 0, j = 0;

	*np = 0;
	while (i < r->tmpl_len) {
		char c = r->tmpl[i];

		if (c == '{') {
			size_t k = i + 1, start = j;

			while (r->tmpl[k] != '}')
				k++;
			while (j < n && path[j] != '/')
				j++;
			if (j == start)
				return false;
			params[*np].name.p = r->tmpl + i + 1;
			params[*np].name.n = k - i - 1;
			params[*np].value.p = path + start;
			params[*np].value.n = j - start;
			(*np)++;
			i = k + 1;
			continue;
		}
		if (j >= n || path[j] != c)
			return false;
		i++;
		j++;
	}
	if (r->member) {
		size_t start;

		if (j >= n || path[j] != '/')
			return false;
		start = ++j;
		while (j < n && path[j] != '/')
			j++;
		if (j == start)
			return false;
		params[*np].name.p = "id";
		params[*np].name.n = 2;
		params[*np].value.p = path + start;
		params[*np].value.n = j - start;
		(*np)++;
	}
	return j == n;
}

static void allow_header(struct pl_response *resp, unsigned allow)
{
	char buf[64];
	size_t k, n = 0;

	for (k = 0; k < sizeof(methods) / sizeof(methods[0]); k++) {
		size_t mn = strlen(methods[k].name);

		if (!(allow & methods[k].bit))
			continue;
		if (n) {
			memcpy(buf + n, ", ", 2);
			n += 2;
		}
		memcpy(buf + n, methods[k].name, mn);
		n += mn;
	}
	pl_resp_header(resp, "Allow", buf, n);
}

static int router_call(struct pl_app *app, struct pl_request *req,
		       struct pl_response *resp)
{
	const struct pl_route *routes = app->priv[PL_PRIV_ROUTES].p;
	size_t i, n = app->priv[PL_PRIV_NUM_ROUTES].u;
	const char *path = req->path_info.p;
	size_t len = req->path_info.n;
	unsigned allow = 0;

	if (len == 0) {
		path = "/";
		len = 1;
	} else if (len > 1 && path[len - 1] == '/') {
		len--;
	}
	for (i = 0; i < n; i++) {
		const struct pl_route *r = &routes[i];
		size_t np;

		if (!route_match(r, path, len, req->params, &np))
			continue;
		if (!(r->methods & req->method)) {
			allow |= r->methods;
			continue;
		}
		req->num_params = np;
		req->action = r->action;
		return r->fn(r->app, req, resp);
	}
	req->num_params = 0;
	if (allow) {
		pl_fault(resp, 405, "The method is not allowed for this resource.");
		allow_header(resp, allow);
		return 0;
	}
	pl_fault(resp, 404, "The resource could not be found.");
	return 0;
}

PL_FACTORY(router,
	.kind = PL_KIND_APP,
	.init = router_init,
	.call = router_call);
