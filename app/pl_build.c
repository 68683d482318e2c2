/*
 * paste.deploy's loadapp() over the resolved config model: instantiate the
 * entry section and everything it references into the caller's pool.
 *
 *   [app:] / [composite:]  one instance of the factory, its init parses conf
 *   [filter:]              an instance whose `next` is the app it wraps
 *   [pipeline:]            `pipeline = f1 f2 target`: build target, then wrap
 *                          it right to left (f2 first, f1 outermost)
 *   filter-with = F        after building a section, wrap it in F
 *
 * A section referenced twice is instantiated twice, as in paste (a filter
 * instance has one `next`, so it cannot be shared). The recursion is bounded
 * by PL_BUILD_MAX_DEPTH and a section that (indirectly) contains itself is a
 * reference cycle, reported with the path. No allocation: apps and routes
 * come from the pool; the config tool runs this on the host to learn the
 * exact pool sizes the image needs.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "pl_build_priv.h"
#include "pl_fmt.h"

/* Items one `pipeline =` line may name; bounds the stack array below. */
#define PL_PIPELINE_MAX_ITEMS 24

struct pl_builder {
	const struct pl_config *cfg;
	struct pl_pool *pool;
	struct pl_err *err;
	size_t apps_used, routes_used, arena_used;
	const struct pl_section *stack[PL_BUILD_MAX_DEPTH];
	unsigned depth;
};

static int build_obj(struct pl_builder *b, const struct pl_section *sec,
		     uint16_t line, struct pl_app **out);

#ifndef PL_TERSE_ERRORS
int pl_errf(struct pl_err *err, uint16_t line, int rc, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		err->line = line;
		va_start(ap, fmt);
		pl_vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return rc;
}
#else
int pl_errf_terse(struct pl_err *err, uint16_t line, int rc)
{
	if (err) {
		err->line = line;
		pl_snprintf(err->msg, sizeof(err->msg),
			    "error %d (lwpaste-config check FILE says more)", rc);
	}
	return rc;
}
#endif

const char *pl_section_type_name(uint8_t type)
{
	switch (type) {
	case PL_SEC_APP: return "app";
	case PL_SEC_FILTER: return "filter";
	case PL_SEC_PIPELINE: return "pipeline";
	case PL_SEC_COMPOSITE: return "composite";
	case PL_SEC_SERVER: return "server";
	case PL_SEC_NET: return "net";
	default: return "section";
	}
}

bool pl_section_is_object(uint8_t type)
{
	return type == PL_SEC_APP || type == PL_SEC_FILTER ||
	       type == PL_SEC_PIPELINE || type == PL_SEC_COMPOSITE;
}

const struct pl_section *pl_section_find(const struct pl_config *cfg,
					 const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < cfg->num_sections; i++) {
		const struct pl_section *s = &cfg->sections[i];

		if (pl_section_is_object(s->type) && s->name && strlen(s->name) == len &&
		    memcmp(s->name, name, len) == 0)
			return s;
	}
	return NULL;
}

static const struct pl_section *find_typed(const struct pl_config *cfg,
					   uint8_t type, const char *name)
{
	size_t i;

	for (i = 0; i < cfg->num_sections; i++) {
		const struct pl_section *s = &cfg->sections[i];

		if (s->type == type && s->name && strcmp(s->name, name) == 0)
			return s;
	}
	return NULL;
}

const struct pl_kv *pl_conf_kv(const struct pl_section *sec, const char *key)
{
	uint16_t i;

	if (!sec)
		return NULL;
	for (i = 0; i < sec->num_local; i++)
		if (strcmp(sec->local[i].key, key) == 0)
			return &sec->local[i];
	for (i = 0; i < sec->num_global; i++)
		if (strcmp(sec->global[i].key, key) == 0)
			return &sec->global[i];
	return NULL;
}

const char *pl_conf_get(const struct pl_section *sec, const char *key)
{
	const struct pl_kv *kv = pl_conf_kv(sec, key);

	return kv ? kv->value : NULL;
}

static const struct pl_kv *local_kv(const struct pl_section *sec,
				    const char *key)
{
	uint16_t i;

	for (i = 0; i < sec->num_local; i++)
		if (strcmp(sec->local[i].key, key) == 0)
			return &sec->local[i];
	return NULL;
}

/* ---- the walk ---- */

static int enter(struct pl_builder *b, const struct pl_section *sec,
		 uint16_t line)
{
	unsigned i;

	for (i = 0; i < b->depth; i++) {
		if (b->stack[i] == sec) {
			/* "reference cycle: a -> b -> a", as far as it fits */
			char path[120];
			size_t n = 0;
			unsigned k;

			path[0] = '\0';
			for (k = i; k < b->depth && n < sizeof(path); k++)
				n += (size_t)pl_snprintf(path + n, sizeof(path) - n,
						      "%s -> ", b->stack[k]->name);
			return pl_errf(b->err, line, -ELOOP,
				       "reference cycle: %s%s", path, sec->name);
		}
	}
	if (b->depth == PL_BUILD_MAX_DEPTH)
		return pl_errf(b->err, line, -ELOOP,
			       "[%s:%s]: sections nested deeper than %d",
			       pl_section_type_name(sec->type), sec->name,
			       PL_BUILD_MAX_DEPTH);
	b->stack[b->depth++] = sec;
	return 0;
}

static void leave(struct pl_builder *b)
{
	b->depth--;
}

/* One instance of sec's factory around `next` (NULL unless a filter). */
static int instantiate(struct pl_builder *b, const struct pl_section *sec,
		       uint8_t kind, struct pl_app *next, struct pl_app **out)
{
	static const char *const kinds[] = {"an app", "a filter", "a composite"};
	const struct pl_factory *f;
	struct pl_build_ctx ctx;
	struct pl_app *app;
	int rc;

	if (!sec->use)
		return pl_errf(b->err, sec->line, -EINVAL,
			       "[%s:%s] has no 'use = FACTORY'",
			       pl_section_type_name(sec->type), sec->name);
	f = pl_factory_use(sec->use);
	if (!f)
		return pl_errf(b->err, sec->line, -ENOENT,
			       "[%s:%s]: unknown factory '%s'",
			       pl_section_type_name(sec->type), sec->name, sec->use);
	if (f->kind != kind)
		return pl_errf(b->err, sec->line, -EINVAL,
			       "[%s:%s]: factory '%s' is %s, not %s",
			       pl_section_type_name(sec->type), sec->name, f->name,
			       f->kind < 3 ? kinds[f->kind] : "unknown",
			       kinds[kind]);
	if (b->apps_used >= b->pool->num_apps)
		return pl_errf(b->err, sec->line, -ENOMEM,
			       "[%s:%s]: app pool full (%zu apps)",
			       pl_section_type_name(sec->type), sec->name,
			       b->pool->num_apps);
	app = &b->pool->apps[b->apps_used++];
	memset(app, 0, sizeof(*app));
	app->factory = f;
	app->section = sec;
	app->next = next;
	app->call = f->call;
	if (f->init) {
		ctx.cfg = b->cfg;
		ctx.sec = sec;
		ctx.err = b->err;
		ctx.builder = b;
		b->err->msg[0] = '\0';
		rc = f->init(app, &ctx);
		if (rc) {
			if (!b->err->msg[0])
				pl_errf(b->err, sec->line, 0,
					"[%s:%s]: factory '%s' failed (%d)",
					pl_section_type_name(sec->type), sec->name,
					f->name, rc);
			return rc < 0 ? rc : -EINVAL;
		}
	}
	if (!app->call)
		return pl_errf(b->err, sec->line, -EINVAL,
			       "factory '%s' has no call function", f->name);
	*out = app;
	return 0;
}

static int build_filter(struct pl_builder *b, const struct pl_section *fsec,
			struct pl_app *inner, uint16_t line,
			struct pl_app **out);

static int wrap_filter_with(struct pl_builder *b,
			    const struct pl_section *sec, struct pl_app **app)
{
	const char *name = sec->filter_with;
	const struct pl_section *fsec =
		pl_section_find(b->cfg, name, strlen(name));

	if (!fsec)
		return pl_errf(b->err, sec->line, -ENOENT,
			       "[%s:%s]: filter-with: no section '%s'",
			       pl_section_type_name(sec->type), sec->name, name);
	return build_filter(b, fsec, *app, sec->line, app);
}

static int build_filter(struct pl_builder *b, const struct pl_section *fsec,
			struct pl_app *inner, uint16_t line,
			struct pl_app **out)
{
	int rc;

	if (fsec->type != PL_SEC_FILTER)
		return pl_errf(b->err, line, -EINVAL,
			       "'%s' is not a filter ([%s:%s] at line %u)",
			       fsec->name, pl_section_type_name(fsec->type), fsec->name,
			       fsec->line);
	rc = enter(b, fsec, line);
	if (rc)
		return rc;
	rc = instantiate(b, fsec, PL_KIND_FILTER, inner, out);
	if (!rc && fsec->filter_with)
		rc = wrap_filter_with(b, fsec, out);
	leave(b);
	return rc;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int build_pipeline(struct pl_builder *b, const struct pl_section *sec,
			  struct pl_app **out)
{
	struct pl_str items[PL_PIPELINE_MAX_ITEMS];
	const struct pl_kv *kv = local_kv(sec, "pipeline");
	const struct pl_section *target;
	const char *p;
	size_t n = 0;
	struct pl_app *cur;
	int rc;

	if (!kv)
		return pl_errf(b->err, sec->line, -EINVAL,
			       "[pipeline:%s] has no 'pipeline = ...'",
			       sec->name);
	for (p = kv->value; *p;) {
		const char *start;

		while (is_space(*p))
			p++;
		if (!*p)
			break;
		start = p;
		while (*p && !is_space(*p))
			p++;
		if (n == PL_PIPELINE_MAX_ITEMS)
			return pl_errf(b->err, kv->line, -E2BIG,
				       "pipeline has more than %d items",
				       PL_PIPELINE_MAX_ITEMS);
		items[n].p = start;
		items[n].n = (size_t)(p - start);
		n++;
	}
	if (n == 0)
		return pl_errf(b->err, kv->line, -EINVAL, "empty pipeline");

	target = pl_section_find(b->cfg, items[n - 1].p, items[n - 1].n);
	if (!target)
		return pl_errf(b->err, kv->line, -ENOENT,
			       "pipeline item '%.*s': no such section",
			       (int)items[n - 1].n, items[n - 1].p);
	if (target->type == PL_SEC_FILTER)
		return pl_errf(b->err, kv->line, -EINVAL,
			       "pipeline '%s' does not end in an app: '%s' is a filter",
			       sec->name, target->name);
	rc = build_obj(b, target, kv->line, &cur);
	if (rc)
		return rc;
	/* Right to left: the item just before the target wraps it first. */
	while (--n > 0) {
		const struct pl_str *it = &items[n - 1];
		const struct pl_section *fsec =
			pl_section_find(b->cfg, it->p, it->n);

		if (!fsec)
			return pl_errf(b->err, kv->line, -ENOENT,
				       "pipeline item '%.*s': no such section",
				       (int)it->n, it->p);
		if (fsec->type != PL_SEC_FILTER)
			return pl_errf(b->err, kv->line, -EINVAL,
				       "pipeline item '%s' is not a filter (only the last item is an app)",
				       fsec->name);
		rc = build_filter(b, fsec, cur, kv->line, &cur);
		if (rc)
			return rc;
	}
	*out = cur;
	return 0;
}

/* Build an app-like section (app, composite, pipeline) referenced at line. */
static int build_obj(struct pl_builder *b, const struct pl_section *sec,
		     uint16_t line, struct pl_app **out)
{
	int rc;

	if (sec->type == PL_SEC_FILTER)
		return pl_errf(b->err, line, -EINVAL,
			       "'%s' is a filter: it can only wrap an app (in a pipeline or filter-with)",
			       sec->name);
	if (!pl_section_is_object(sec->type))
		return pl_errf(b->err, line, -EINVAL,
			       "[%s:%s] is not an app", pl_section_type_name(sec->type),
			       sec->name);
	rc = enter(b, sec, line);
	if (rc)
		return rc;
	switch (sec->type) {
	case PL_SEC_APP:
		rc = instantiate(b, sec, PL_KIND_APP, NULL, out);
		break;
	case PL_SEC_COMPOSITE:
		rc = instantiate(b, sec, PL_KIND_COMPOSITE, NULL, out);
		break;
	default:
		rc = build_pipeline(b, sec, out);
		break;
	}
	if (!rc && sec->filter_with)
		rc = wrap_filter_with(b, sec, out);
	leave(b);
	return rc;
}

int pl_build_ref(struct pl_build_ctx *ctx, const char *name, size_t len,
		 uint16_t line, struct pl_app **out)
{
	struct pl_builder *b = ctx->builder;
	const struct pl_section *sec = pl_section_find(b->cfg, name, len);

	if (!sec)
		return pl_errf(b->err, line, -ENOENT, "no section '%.*s'",
			       (int)len, name);
	return build_obj(b, sec, line, out);
}

struct pl_route *pl_build_routes(struct pl_build_ctx *ctx, size_t n,
				 uint16_t line)
{
	struct pl_builder *b = ctx->builder;
	struct pl_route *r;

	if (n > b->pool->num_routes - b->routes_used) {
		pl_errf(b->err, line, -ENOMEM, "route pool full (%zu routes)",
			b->pool->num_routes);
		return NULL;
	}
	r = (struct pl_route *)b->pool->routes + b->routes_used;
	b->routes_used += n;
	memset(r, 0, n * sizeof(*r));
	return r;
}

void *pl_build_alloc(struct pl_build_ctx *ctx, size_t n)
{
	struct pl_builder *b = ctx->builder;
	size_t need = (n + PL_ARENA_ALIGN - 1) & ~(size_t)(PL_ARENA_ALIGN - 1);
	void *p;

	if (need < n || need > b->pool->arena_size - b->arena_used) {
		pl_errf(b->err, ctx->sec ? ctx->sec->line : 0, -ENOMEM,
			"arena full (%zu bytes; [%s] needs %zu more)",
			b->pool->arena_size, ctx->sec ? ctx->sec->name : "?", n);
		return NULL;
	}
	p = (unsigned char *)b->pool->arena + b->arena_used;
	b->arena_used += need;
	return p;
}

int pl_build_ex(const struct pl_config *cfg, const char *entry,
		struct pl_pool *pool, struct pl_app **root, struct pl_err *err,
		struct pl_build_usage *usage)
{
	struct pl_builder b;
	const struct pl_section *sec;
	int rc;

	memset(&b, 0, sizeof(b));
	memset(err, 0, sizeof(*err));
	b.cfg = cfg;
	b.pool = pool;
	b.err = err;
	*root = NULL;
	if (!entry)
		entry = cfg->entry ? cfg->entry : "main";
	sec = pl_section_find(cfg, entry, strlen(entry));
	if (!sec || sec->type == PL_SEC_FILTER)
		rc = pl_errf(err, 1, -ENOENT,
			     "no [app:%s], [composite:%s] or [pipeline:%s] section (the entry point)",
			     entry, entry, entry);
	else
		rc = build_obj(&b, sec, sec->line, root);
	if (rc)
		*root = NULL;
	if (usage) {
		usage->apps = b.apps_used;
		usage->routes = b.routes_used;
		usage->arena = b.arena_used;
	}
	return rc;
}

int pl_build(const struct pl_config *cfg, const char *entry,
	     struct pl_pool *pool, struct pl_app **root, struct pl_err *err)
{
	return pl_build_ex(cfg, entry, pool, root, err, NULL);
}

/* ---- [server:main] and [net:eth0] ---- */

/* Strict decimal: digits only, no sign, no overflow past 32 bits. */
static bool parse_u32(const char *s, uint32_t *out)
{
	uint64_t v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10u + (uint64_t)(*s - '0');
		if (v > UINT32_MAX)
			return false;
	}
	*out = (uint32_t)v;
	return true;
}

/* key, default (SPEC §1), min, max: one list defines table and defaults. */
#define PL_SERVER_KEYS(X)                                      \
	X(port, 80, 0, 65535)                                  \
	X(tls_port, 443, 0, 65535)                             \
	X(max_connections, 8, 1, 64)                           \
	X(max_tls_connections, 2, 0, 16)                       \
	X(header_timeout_ms, 10000, 100, 600000)               \
	X(idle_timeout_ms, 30000, 100, 3600000)                \
	X(max_uri_bytes, 1024, 16, 65535)                      \
	X(max_header_bytes, 4096, 256, 65536)                  \
	X(max_body_bytes, 16384, 0, 1048576)                   \
	X(request_buffers, 2, 1, 64)

struct server_key {
	const char *name;
	uint32_t def, min, max;
	size_t off, size;
};

#define PL_SERVER_ROW(k, d, lo, hi)                                            \
	{#k, d, lo, hi, offsetof(struct pl_server_conf, k),                    \
	 sizeof(((struct pl_server_conf *)0)->k)},
static const struct server_key server_keys[] = {PL_SERVER_KEYS(PL_SERVER_ROW)};
#define PL_NUM_SERVER_KEYS (sizeof(server_keys) / sizeof(server_keys[0]))

static void server_set(struct pl_server_conf *c, const struct server_key *k,
		       uint32_t v)
{
	char *p = (char *)c + k->off;

	if (k->size == sizeof(uint16_t)) {
		uint16_t v16 = (uint16_t)v;

		memcpy(p, &v16, sizeof(v16));
	} else {
		memcpy(p, &v, sizeof(v));
	}
}

int pl_server_conf_get(const struct pl_config *cfg,
		       struct pl_server_conf *out, struct pl_err *err)
{
	const struct pl_section *sec = find_typed(cfg, PL_SEC_SERVER, "main");
	uint16_t lines[PL_NUM_SERVER_KEYS];
	size_t i, k;

	memset(err, 0, sizeof(*err));
	memset(out, 0, sizeof(*out));
	for (k = 0; k < PL_NUM_SERVER_KEYS; k++) {
		server_set(out, &server_keys[k], server_keys[k].def);
		lines[k] = sec ? sec->line : 1;
	}
	if (!sec)
		return 0;
	for (i = 0; i < sec->num_local; i++) {
		const struct pl_kv *kv = &sec->local[i];
		uint32_t v;

		/* paste servers name their runner; we have one server. */
		if (strcmp(kv->key, "use") == 0)
			continue;
		/* Paths the build bakes in (cmake/tls.cmake), not settings. */
		if (strcmp(kv->key, "tls_cert") == 0 || strcmp(kv->key, "tls_key") == 0)
			continue;
		for (k = 0; k < PL_NUM_SERVER_KEYS; k++)
			if (strcmp(kv->key, server_keys[k].name) == 0)
				break;
		if (k == PL_NUM_SERVER_KEYS)
			return pl_errf(err, kv->line, -EINVAL,
				       "[server:main]: unknown key '%s'", kv->key);
		if (!parse_u32(kv->value, &v))
			return pl_errf(err, kv->line, -EINVAL,
				       "%s = %s: not a number", kv->key,
				       kv->value);
		if (v < server_keys[k].min || v > server_keys[k].max)
			return pl_errf(err, kv->line, -ERANGE,
				       "%s = %s: out of range (%u..%u)", kv->key,
				       kv->value, (unsigned)server_keys[k].min,
				       (unsigned)server_keys[k].max);
		server_set(out, &server_keys[k], v);
		lines[k] = kv->line;
	}
	/* indices follow PL_SERVER_KEYS: 1 tls_port, 6 uri, 7 header */
	if (out->port && out->port == out->tls_port)
		return pl_errf(err, lines[1], -EINVAL,
			       "tls_port = %u: the same as port",
			       (unsigned)out->tls_port);
	if (!out->port && !out->tls_port)
		return pl_errf(err, lines[1], -EINVAL,
			       "port and tls_port are both 0: nothing would listen");
	if (out->max_uri_bytes > out->max_header_bytes)
		return pl_errf(err, lines[6], -ERANGE,
			       "max_uri_bytes = %u: larger than max_header_bytes (%u), but the request line is part of the head",
			       (unsigned)out->max_uri_bytes,
			       (unsigned)out->max_header_bytes);
	return 0;
}

/* a.b.c.d, each 0..255 with at most three digits; host byte order. */
static bool parse_ipv4(const char *s, size_t n, uint32_t *out)
{
	uint32_t a = 0;
	size_t i = 0;
	int part;

	for (part = 0; part < 4; part++) {
		uint32_t v = 0;
		size_t digits = 0;

		while (i < n && s[i] >= '0' && s[i] <= '9' && digits < 4) {
			v = v * 10u + (uint32_t)(s[i++] - '0');
			digits++;
		}
		if (digits == 0 || digits > 3 || v > 255)
			return false;
		a = (a << 8) | v;
		if (part < 3) {
			if (i >= n || s[i] != '.')
				return false;
			i++;
		}
	}
	if (i != n)
		return false;
	*out = a;
	return true;
}

/* RFC 1123 host label: letters, digits, '-', not at either end. */
static bool valid_hostname(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return true;
}

static void fmt_ip(char *buf, size_t cap, uint32_t a)
{
	pl_snprintf(buf, cap, "%u.%u.%u.%u", (unsigned)(a >> 24),
		 (unsigned)(a >> 16) & 255u, (unsigned)(a >> 8) & 255u,
		 (unsigned)a & 255u);
}

int pl_net_conf_get(const struct pl_config *cfg, struct pl_net_conf *out,
		    struct pl_err *err)
{
	const struct pl_section *sec = find_typed(cfg, PL_SEC_NET, "eth0");
	uint16_t gw_line = 0;
	size_t i;

	memset(err, 0, sizeof(*err));
	memset(out, 0, sizeof(*out));
	out->dhcp = true;
	if (!sec)
		return 0;
	for (i = 0; i < sec->num_local; i++) {
		const struct pl_kv *kv = &sec->local[i];
		const char *v = kv->value;

		if (strcmp(kv->key, "address") == 0) {
			const char *slash = strchr(v, '/');
			uint32_t len;

			if (strcmp(v, "dhcp") == 0) {
				out->dhcp = true;
				continue;
			}
			if (!slash)
				return pl_errf(err, kv->line, -EINVAL,
					       "address = %s: expected dhcp or a.b.c.d/len",
					       v);
			if (!parse_ipv4(v, (size_t)(slash - v), &out->address))
				return pl_errf(err, kv->line, -EINVAL,
					       "address = %s: not an IPv4 address", v);
			if (!parse_u32(slash + 1, &len) || len < 1 || len > 32)
				return pl_errf(err, kv->line, -ERANGE,
					       "address = %s: prefix length out of range (1..32)",
					       v);
			out->netmask = len == 32 ? 0xffffffffu
						 : ~(0xffffffffu >> len);
			out->dhcp = false;
			if (len < 31 && ((out->address & ~out->netmask) == 0 ||
					 (out->address | out->netmask) == 0xffffffffu))
				return pl_errf(err, kv->line, -EINVAL,
					       "address = %s: that is the network or broadcast address",
					       v);
		} else if (strcmp(kv->key, "gateway") == 0) {
			if (!parse_ipv4(v, strlen(v), &out->gateway))
				return pl_errf(err, kv->line, -EINVAL,
					       "gateway = %s: not an IPv4 address", v);
			gw_line = kv->line;
		} else if (strcmp(kv->key, "hostname") == 0) {
			if (!valid_hostname(v))
				return pl_errf(err, kv->line, -EINVAL,
					       "hostname = %s: 1..63 letters, digits or '-', not at either end",
					       v);
			out->hostname = v;
		} else {
			return pl_errf(err, kv->line, -EINVAL,
				       "[net:eth0]: unknown key '%s' (address, gateway, hostname)",
				       kv->key);
		}
	}
	if (out->dhcp) {
		/* DHCP supplies them; a stale static gateway is ignored. */
		out->address = out->netmask = out->gateway = 0;
	} else if (out->gateway &&
		   (out->gateway & out->netmask) != (out->address & out->netmask)) {
		char gw[16], net[16];

		fmt_ip(gw, sizeof(gw), out->gateway);
		fmt_ip(net, sizeof(net), out->address & out->netmask);
		return pl_errf(err, gw_line, -EINVAL,
			       "gateway = %s: not in the subnet %s of address",
			       gw, net);
	}
	return 0;
}
