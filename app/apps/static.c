/*
 * static: files baked into the image (Paste's StaticURLParser for a device
 * with no file system). The config tool reads the files this section names
 * at build time and emits them as const arrays (pl_config.files); this app
 * answers with a pointer into flash (pl_response.ext), so a file of any
 * size costs no RAM and is streamed with the server's back-pressure.
 *
 *   GET/HEAD /a/b.css    200, Content-Type from the extension
 *   GET /dir/            the dir's index file (index = ...), if any
 *   GET /dir             301 to /dir/ when /dir/<index> exists
 *   anything else        404 itemNotFound; other methods 405 with Allow
 * PATH_INFO is percent-decoded before the lookup; a path with a `.` or
 * `..` segment, a NUL or a backslash is 404 before any lookup (nothing can
 * escape the table anyway: there is no file system behind it). The query
 * string is ignored.
 *
 * ini keys ([app:NAME] use = static), paths relative to the ini's folder:
 *   root = DIR          every regular file below DIR, recursively, at its
 *                       path below DIR (names starting with '.' skipped)
 *   file /URL = PATH    one file at /URL (over what root gives there)
 *   index = index.html  what a path ending in '/' serves; empty: nothing
 * At least one file is required. Errors (no such file, an empty root, a
 * bad /URL) fail the build at the key's line.
 */
#include <errno.h>
#include <string.h>

#include "pl.h"
#include "pl_build.h"
#include "pl_fmt.h"
#include "pl_resp.h"

/* Longest decoded path looked up (and longest Location sent). */
#define STATIC_PATH_MAX 256

enum { S_FILES, S_NUM, S_INDEX };

static const struct {
	const char *ext;
	const char *type;
} static_types[] = {
	{"html", "text/html; charset=utf-8"},
	{"htm", "text/html; charset=utf-8"},
	{"css", "text/css; charset=utf-8"},
	{"js", "text/javascript; charset=utf-8"},
	{"mjs", "text/javascript; charset=utf-8"},
	{"json", "application/json"},
	{"txt", "text/plain; charset=utf-8"},
	{"md", "text/markdown; charset=utf-8"},
	{"csv", "text/csv; charset=utf-8"},
	{"xml", "application/xml"},
	{"svg", "image/svg+xml"},
	{"png", "image/png"},
	{"jpg", "image/jpeg"},
	{"jpeg", "image/jpeg"},
	{"gif", "image/gif"},
	{"webp", "image/webp"},
	{"ico", "image/vnd.microsoft.icon"},
	{"wasm", "application/wasm"},
	{"woff2", "font/woff2"},
	{"woff", "font/woff"},
	{"pdf", "application/pdf"},
	{"ini", "text/plain; charset=utf-8"},
};

/* Content-Type from the last segment's extension (case-insensitive). */
static const char *static_type(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	struct pl_str ext;
	size_t i;

	if (dot && dot[1]) {
		ext.p = dot + 1;
		ext.n = strlen(dot + 1);
		for (i = 0; i < sizeof(static_types) / sizeof(static_types[0]); i++)
			if (pl_str_ieq(ext, static_types[i].ext))
				return static_types[i].type;
	}
	return "application/octet-stream";
}

/* A path we serve or look up: "/" then segments that are not empty, "."
 * or "..", with no control character, backslash or NUL. */
static bool static_path_ok(const char *p, size_t n)
{
	size_t i, seg = 1;

	if (n < 2 || p[0] != '/')
		return false;
	for (i = 1; i <= n; i++) {
		if (i == n || p[i] == '/') {
			size_t len = i - seg;

			if (len == 0 && i != n)
				return false; /* "//" */
			if ((len == 1 && p[seg] == '.') ||
			    (len == 2 && p[seg] == '.' && p[seg + 1] == '.'))
				return false;
			seg = i + 1;
			continue;
		}
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f || p[i] == '\\')
			return false;
	}
	return true;
}

static int static_init(struct pl_app *app, struct pl_build_ctx *ctx)
{
	const struct pl_config *cfg = ctx->cfg;
	const struct pl_kv *kv = pl_conf_kv(ctx->sec, "index");
	const struct pl_file *first = NULL;
	size_t i, n = 0;

	for (i = 0; cfg->files && i < cfg->num_files; i++) {
		const struct pl_file *f = &cfg->files[i];

		if (strcmp(f->section, ctx->sec->name) != 0)
			continue;
		if (!first)
			first = f;
		else if (f != first + n)
			break; /* not contiguous: caught below */
		if (!static_path_ok(f->path, strlen(f->path)) ||
		    (n && strcmp(f[-1].path, f->path) >= 0)) {
			ctx->err->line = ctx->sec->line;
			pl_snprintf(ctx->err->msg, sizeof(ctx->err->msg),
				 "[app:%s]: bad or unsorted file path '%.64s'",
				 ctx->sec->name, f->path);
			return -EINVAL;
		}
		n++;
	}
	if (i < (cfg->files ? cfg->num_files : 0) && first) {
		for (; i < cfg->num_files; i++)
			if (strcmp(cfg->files[i].section, ctx->sec->name) == 0) {
				ctx->err->line = ctx->sec->line;
				pl_snprintf(ctx->err->msg, sizeof(ctx->err->msg),
					 "[app:%s]: its files are not contiguous",
					 ctx->sec->name);
				return -EINVAL;
			}
	}
	if (!n) {
		ctx->err->line = ctx->sec->line;
		pl_snprintf(ctx->err->msg, sizeof(ctx->err->msg),
			 "[app:%s]: no files baked in: give 'root = DIR' or 'file /URL = PATH'",
			 ctx->sec->name);
		return -ENOENT;
	}
	if (kv && (strchr(kv->value, '/') || strchr(kv->value, '\\') ||
		   strcmp(kv->value, ".") == 0 || strcmp(kv->value, "..") == 0)) {
		ctx->err->line = kv->line;
		pl_snprintf(ctx->err->msg, sizeof(ctx->err->msg),
			 "index must be a file name (no '/'), not '%.64s'",
			 kv->value);
		return -EINVAL;
	}
	app->priv[S_FILES].cp = first;
	app->priv[S_NUM].u = n;
	app->priv[S_INDEX].cp = kv ? kv->value : "index.html";
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode s into buf; the length, or -1 (bad escape, too long). */
static long static_decode(struct pl_str s, char *buf, size_t cap)
{
	size_t i, n = 0;

	for (i = 0; i < s.n; i++) {
		char c = s.p[i];

		if (c == '%') {
			int hi, lo;

			if (i + 2 >= s.n)
				return -1;
			hi = hexval(s.p[i + 1]);
			lo = hexval(s.p[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		if (n == cap)
			return -1;
		buf[n++] = c;
	}
	return (long)n;
}

/* strcmp(m, p) where p is n bytes with no NUL. */
static int static_cmp(const char *m, const char *p, size_t n)
{
	int c = strncmp(m, p, n);

	return c ? c : (m[n] != '\0');
}

static const struct pl_file *static_find(const struct pl_app *app,
					 const char *path, size_t n)
{
	const struct pl_file *files = app->priv[S_FILES].cp;
	size_t lo = 0, hi = app->priv[S_NUM].u;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = static_cmp(files[mid].path, path, n);

		if (c == 0)
			return &files[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* path + index, in buf after path; the file, or NULL. */
static const struct pl_file *static_find_index(const struct pl_app *app,
					       char *buf, size_t n, size_t cap)
{
	const char *index = app->priv[S_INDEX].cp;
	size_t ilen = strlen(index);

	if (!ilen || n + ilen > cap)
		return NULL;
	memcpy(buf + n, index, ilen);
	return static_find(app, buf, n + ilen);
}

static void static_redirect(struct pl_request *req, struct pl_response *resp)
{
	char loc[STATIC_PATH_MAX + 2];
	size_t n = req->script_name.n + req->path_info.n;

	if (n + 1 > STATIC_PATH_MAX) {
		pl_fault(resp, 404, "The resource could not be found.");
		return;
	}
	memcpy(loc, req->script_name.p, req->script_name.n);
	memcpy(loc + req->script_name.n, req->path_info.p, req->path_info.n);
	loc[n++] = '/';
	resp->status = 301;
	resp->content_type = "text/plain; charset=utf-8";
	pl_resp_header(resp, "Location", loc, n);
}

static int static_call(struct pl_app *app, struct pl_request *req,
		       struct pl_response *resp)
{
	char buf[STATIC_PATH_MAX + 1];
	const struct pl_file *f;
	long dn;
	size_t n;

	if (!(req->method & (PL_GET | PL_HEAD))) {
		pl_fault(resp, 405, "The method is not allowed for this resource.");
		pl_resp_header(resp, "Allow", "GET, HEAD", 9);
		return 0;
	}
	buf[0] = '/';
	dn = static_decode(req->path_info, buf, STATIC_PATH_MAX);
	if (dn < 0) {
		pl_fault(resp, 404, "The resource could not be found.");
		return 0;
	}
	n = (size_t)dn;
	if (n == 0) {
		/* mounted at /x and asked for /x: the index lives at /x/ */
		if (static_find_index(app, buf, 1, STATIC_PATH_MAX))
			static_redirect(req, resp);
		else
			pl_fault(resp, 404, "The resource could not be found.");
		return 0;
	}
	if (memchr(buf, '\0', n) ||
	    !(n == 1 || static_path_ok(buf, buf[n - 1] == '/' ? n - 1 : n))) {
		pl_fault(resp, 404, "The resource could not be found.");
		return 0;
	}
	if (buf[n - 1] == '/')
		f = static_find_index(app, buf, n, STATIC_PATH_MAX);
	else
		f = static_find(app, buf, n);
	if (!f) {
		if (buf[n - 1] != '/' && n < STATIC_PATH_MAX) {
			buf[n] = '/';
			if (static_find_index(app, buf, n + 1, STATIC_PATH_MAX)) {
				static_redirect(req, resp);
				return 0;
			}
		}
		pl_fault(resp, 404, "The resource could not be found.");
		return 0;
	}
	resp->status = 200;
	resp->content_type = static_type(f->path);
	resp->ext = (const char *)f->data;
	resp->ext_len = f->len;
	return 0;
}

PL_FACTORY(static,
	.kind = PL_KIND_APP,
	.init = static_init,
	.call = static_call,
	.embeds_files = true);
