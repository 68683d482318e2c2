/*
 * See pl_harness.h.
 */
#include "pl_harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pl_resp.h"

struct harness h;
struct pl_load h_ld;

static struct pl_app h_apps[H_APPS];
static struct pl_route h_routes[H_ROUTES];
static unsigned char h_arena[H_ARENA] __attribute__((aligned(PL_ARENA_ALIGN)));

int h_load_entry(const char *ini, const char *entry)
{
	return pl_load_buf(&h_ld, "test.ini", ini, strlen(ini), entry, &h.err);
}

int h_load(const char *ini)
{
	return h_load_entry(ini, NULL);
}

int h_build_pools(const char *ini, size_t napps, size_t nroutes)
{
	int rc;

	memset(&h, 0, sizeof(h));
	rc = h_load(ini);
	if (rc)
		return rc;
	h.pool.apps = h_apps;
	h.pool.num_apps = napps ? napps : H_APPS;
	h.pool.routes = h_routes;
	h.pool.num_routes = nroutes ? nroutes : H_ROUTES;
	h.pool.arena = h_arena;
	h.pool.arena_size = H_ARENA;
	return pl_build_ex(&h_ld.cfg, NULL, &h.pool, &h.root, &h.err, &h.usage);
}

int h_build(const char *ini)
{
	return h_build_pools(ini, 0, 0);
}

static unsigned method_bit(const char *m)
{
	static const char *const names[] = {"GET", "HEAD", "POST", "PUT",
					    "DELETE", "PATCH", "OPTIONS"};
	unsigned i;

	for (i = 0; i < 7; i++)
		if (strcmp(m, names[i]) == 0)
			return 1u << i;
	return 0;
}

int h_request(const char *method, const char *target)
{
	const char *q = strchr(target, '?');
	size_t plen = q ? (size_t)(q - target) : strlen(target);

	memset(&h.req, 0, sizeof(h.req));
	memset(&h.resp, 0, sizeof(h.resp));
	snprintf(h.path, sizeof(h.path), "%s", target);
	h.req.method = method_bit(method);
	h.req.method_name.p = method;
	h.req.method_name.n = strlen(method);
	h.req.target.p = h.path;
	h.req.target.n = strlen(h.path);
	h.req.script_name.p = h.path;
	h.req.script_name.n = 0;
	h.req.path_info.p = h.path;
	h.req.path_info.n = plen;
	if (q) {
		h.req.query.p = h.path + plen + 1;
		h.req.query.n = strlen(h.path) - plen - 1;
	}
	h.req.version_minor = 1;
	h.req.headers = h.req_hdrs;
	h.req.num_headers = h.num_req_hdrs;
	h.resp.status = 200;
	h.resp.body = h.body;
	h.resp.body_cap = PL_RESP_BODY_MAX;
	h.resp.hdr = h.hdr;
	h.resp.hdr_cap = PL_RESP_HDR_MAX;
	h.rc = h.root->call(h.root, &h.req, &h.resp);
	h.num_req_hdrs = 0;
	h.body[h.resp.body_len] = '\0';
	h.hdr[h.resp.hdr_len] = '\0';
	return h.rc ? 500 : h.resp.status;
}

void h_req_header(const char *name, const char *value)
{
	struct pl_header *hd;

	if (h.num_req_hdrs >= H_HDRS) {
		fprintf(stderr, "pl_harness: more than %d request headers\n", H_HDRS);
		abort();
	}
	hd = &h.req_hdrs[h.num_req_hdrs++];
	hd->name.p = name;
	hd->name.n = strlen(name);
	hd->value.p = value;
	hd->value.n = strlen(value);
}

const char *h_header(const char *name)
{
	static char value[256];
	const char *p = h.hdr;
	size_t n = strlen(name);

	while (*p) {
		const char *eol = strstr(p, "\r\n");

		if (!eol)
			break;
		if (strncmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1;

			while (*v == ' ')
				v++;
			snprintf(value, sizeof(value), "%.*s", (int)(eol - v), v);
			return value;
		}
		p = eol + 2;
	}
	return NULL;
}

const struct pl_section *h_section(const char *name)
{
	size_t i;

	for (i = 0; i < h_ld.cfg.num_sections; i++)
		if (strcmp(h_ld.cfg.sections[i].name, name) == 0)
			return &h_ld.cfg.sections[i];
	return NULL;
}
