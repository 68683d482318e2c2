/*
 * lwpaste-config: the build-time half of the paste ini. It loads the ini
 * (pl_load), checks [server:main] and [net:eth0], and builds the pipeline
 * on the host with the same pl_build() and factories the device runs, so a
 * config that would fail at boot fails the build instead, as FILE:LINE:
 * message. `gen` then emits the resolved model as const tables and pools
 * sized exactly for it.
 *
 *   lwpaste-config check FILE [--app NAME] [--release]
 *   lwpaste-config show  FILE [--app NAME]
 *   lwpaste-config gen   FILE [--app NAME] --out-c pl_gen.c --out-h pl_gen.h
 *                        [--release] [--depfile pl_gen.d]
 *   lwpaste-config factories
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pl_build_priv.h"
#include "pl_files.h"
#include "pl_load.h"

/* Host pools: far larger than any device config; gen emits what was used. */
#define TOOL_APPS 1024
#define TOOL_ROUTES 2048
#define TOOL_ARENA (256u * 1024u)

/* ILP32 sizes of the emitted structs, for the size comment (the host's
 * sizeof is for 64-bit pointers). */
#define ILP32_SECTION 32u
#define ILP32_KV 12u
#define ILP32_APP (16u + 4u * PL_APP_PRIV_WORDS)
#define ILP32_ROUTE 32u

static struct pl_load ld;
static struct pl_app apps[TOOL_APPS];
static struct pl_route routes[TOOL_ROUTES];
static unsigned char arena[TOOL_ARENA] __attribute__((aligned(PL_ARENA_ALIGN)));

struct tool {
	const char *cmd, *file, *app, *out_c, *out_h, *depfile;
	bool release;
	struct pl_app *root;
	struct pl_build_usage usage;
	struct pl_server_conf server;
	struct pl_net_conf net;
};

static int report(const char *file, const struct pl_err *err)
{
	if (err->line)
		fprintf(stderr, "%s:%u: %s\n", file, err->line, err->msg);
	else
		fprintf(stderr, "%s: %s\n", file, err->msg);
	return 1;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: lwpaste-config check FILE [--app NAME] [--release]\n"
		"       lwpaste-config show FILE [--app NAME]\n"
		"       lwpaste-config gen FILE [--app NAME] --out-c FILE.c --out-h FILE.h [--release]\n"
		"                          [--depfile FILE.d]\n"
		"       lwpaste-config factories\n");
	return 2;
}

/* Load, check and build: what every command needs. */
static int validate(struct tool *t)
{
	struct pl_pool pool = {apps, TOOL_APPS, routes, TOOL_ROUTES, arena, TOOL_ARENA};
	struct pl_err err;

	if (pl_load_file(&ld, t->file, t->app, &err))
		return report(t->file, &err);
	/* Files the static apps serve: read now, so their init checks them. */
	if (pl_files_load(&ld, &err))
		return report(t->file, &err);
	if (pl_server_conf_get(&ld.cfg, &t->server, &err))
		return report(t->file, &err);
	if (pl_net_conf_get(&ld.cfg, &t->net, &err))
		return report(t->file, &err);
	if (t->release && pl_load_check_samples(&ld, &err))
		return report(t->file, &err);
	if (!t->release && t->out_c && pl_load_check_samples(&ld, &err) == -EPERM)
		fprintf(stderr, "%s:%u: warning: %s\n", t->file, err.line,
			"a sample secret (fine for development; --release refuses it)");
	if (pl_build_ex(&ld.cfg, ld.cfg.entry, &pool, &t->root, &err, &t->usage))
		return report(t->file, &err);
	return 0;
}

/* ---- show ---- */

static void method_list(char *buf, size_t cap, unsigned m)
{
	static const char *const names[] = {"GET", "HEAD", "POST", "PUT",
					    "DELETE", "PATCH", "OPTIONS"};
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < 7; i++)
		if (m & (1u << i))
			n += (size_t)snprintf(buf + n, cap - n, "%s%s",
					      n ? "," : "", names[i]);
}

static const char *sec_type(uint8_t type)
{
	static const char *const names[] = {"app", "filter", "pipeline",
					    "composite", "server", "net"};

	return type < 6 ? names[type] : "section";
}

static void show_app(const struct pl_app *app, int indent)
{
	const struct pl_route *r = app->priv[PL_PRIV_ROUTES].cp;
	size_t i, n = app->priv[PL_PRIV_NUM_ROUTES].u;

	printf("%*s[%s:%s] %s (line %u)\n", indent, "",
	       sec_type(app->section->type), app->section->name,
	       app->factory->name, app->section->line);
	if (app->factory->kind == PL_KIND_FILTER) {
		printf("%*s  wraps\n", indent, "");
		show_app(app->next, indent + 4);
		return;
	}
	if (strcmp(app->factory->name, "urlmap") == 0) {
		for (i = 0; i < n; i++) {
			printf("%*s  %s%.*s -> %.*s\n", indent, "",
			       r[i].tmpl_len ? "" : "/", (int)r[i].tmpl_len,
			       r[i].tmpl, (int)r[i].name_len, r[i].name);
			show_app(r[i].app, indent + 6);
		}
	} else if (strcmp(app->factory->name, "router") == 0) {
		for (i = 0; i < n; i++) {
			char m[64];

			method_list(m, sizeof(m), r[i].methods);
			printf("%*s  %-24s %.*s%s -> [app:%s] %s#%s (%.*s, line %u)\n",
			       indent, "", m, (int)r[i].tmpl_len, r[i].tmpl,
			       r[i].member ? "/{id}" : "",
			       r[i].app->section->name, r[i].app->factory->name,
			       r[i].action, (int)r[i].name_len, r[i].name,
			       r[i].line);
		}
	}
}

static void show(const struct tool *t)
{
	char a[16], g[16];
	uint32_t addr = t->net.address, gw = t->net.gateway;

	printf("%s: entry '%s', %zu apps, %zu routes\n", t->file, ld.cfg.entry,
	       t->usage.apps, t->usage.routes);
	printf("server: port %u, tls_port %u, max_connections %u (tls %u), limits uri %u / header %u / body %u bytes\n",
	       t->server.port, t->server.tls_port, t->server.max_connections,
	       t->server.max_tls_connections, (unsigned)t->server.max_uri_bytes,
	       (unsigned)t->server.max_header_bytes,
	       (unsigned)t->server.max_body_bytes);
	snprintf(a, sizeof(a), "%u.%u.%u.%u", addr >> 24, (addr >> 16) & 255,
		 (addr >> 8) & 255, addr & 255);
	snprintf(g, sizeof(g), "%u.%u.%u.%u", gw >> 24, (gw >> 16) & 255,
		 (gw >> 8) & 255, gw & 255);
	if (t->net.dhcp)
		printf("net: dhcp");
	else
		printf("net: %s netmask %08x gateway %s", a,
		       (unsigned)t->net.netmask, g);
	printf(", hostname %s\n", t->net.hostname ? t->net.hostname : "(none)");
	show_app(t->root, 0);
}

/* ---- gen ---- */

static void emit_str(FILE *f, const char *s, size_t n)
{
	size_t i;

	fputc('"', f);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\\' || c == '"' || c == '?')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\%03o", c); /* three digits: never ambiguous */
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void emit_cstr(FILE *f, const char *s)
{
	if (s)
		emit_str(f, s, strlen(s));
	else
		fputs("NULL", f);
}

struct kv_block {
	const struct pl_kv *p;
	uint16_t n;
};

static size_t block_id(struct kv_block *blocks, size_t *nb, const struct pl_kv *p,
		       uint16_t n, size_t cap)
{
	size_t i;

	for (i = 0; i < *nb; i++)
		if (blocks[i].p == p && blocks[i].n == n)
			return i;
	if (*nb == cap)
		return (size_t)-1;
	blocks[*nb].p = p;
	blocks[*nb].n = n;
	return (*nb)++;
}

static const char *const type_enum[] = {
	"PL_SEC_APP", "PL_SEC_FILTER", "PL_SEC_PIPELINE", "PL_SEC_COMPOSITE",
	"PL_SEC_SERVER", "PL_SEC_NET", "PL_SEC_OTHER",
};

static size_t strsz(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

/* The factories the build used, each once, in build order. */
static size_t used_factories(const struct tool *t, const struct pl_factory **out,
			     size_t cap)
{
	size_t i, k, n = 0;

	for (i = 0; i < t->usage.apps; i++) {
		const struct pl_factory *f = apps[i].factory;

		if (!f)
			continue;
		for (k = 0; k < n && out[k] != f; k++)
			;
		if (k == n && n < cap)
			out[n++] = f;
	}
	return n;
}

/* References by name to the factories this config uses: on a device the
 * app code is a static library, and these references are what link each
 * factory's object (and its registry entry); the rest stay out. A factory
 * is defined as PL_FACTORY(name), so its symbol is pl_factory_<name>. */
static void emit_factories(FILE *c, const struct tool *t)
{
	const struct pl_factory *f[64];
	size_t i, n = used_factories(t, f, sizeof(f) / sizeof(f[0]));

	fputs("/* The factories this config uses (see app/CMakeLists.txt). */\n", c);
	for (i = 0; i < n; i++)
		fprintf(c, "extern const struct pl_factory pl_factory_%s;\n", f[i]->name);
	fputs("const struct pl_factory *const pl_gen_factories[PL_GEN_NUM_FACTORIES] = {\n", c);
	for (i = 0; i < n; i++)
		fprintf(c, "\t&pl_factory_%s,\n", f[i]->name);
	fputs("};\n\n", c);
}

static int gen(const struct tool *t)
{
	static struct kv_block blocks[2 * PL_LOAD_MAX_SECTIONS];
	const struct pl_config *cfg = &ld.cfg;
	size_t nb = 0, i, k, flash = 0, strings = 0, ram;
	const char *base = strrchr(t->file, '/');
	FILE *c, *h;

	base = base ? base + 1 : t->file;
	c = fopen(t->out_c, "w");
	h = fopen(t->out_h, "w");
	if (!c || !h) {
		fprintf(stderr, "lwpaste-config: cannot write %s: %s\n",
			!c ? t->out_c : t->out_h, strerror(errno));
		if (c)
			fclose(c);
		if (h)
			fclose(h);
		return 1;
	}

	fprintf(c, "/* Generated by lwpaste-config from %s (entry '%s'). Do not edit. */\n",
		base, cfg->entry);
	fputs("#include <stddef.h>\n\n#include \"pl_build_priv.h\"\n#include \"pl_gen.h\"\n\n", c);
	for (i = 0; i < cfg->num_sections; i++) {
		const struct pl_section *s = &cfg->sections[i];

		if (s->num_local)
			block_id(blocks, &nb, s->local, s->num_local,
				 sizeof(blocks) / sizeof(blocks[0]));
		if (s->num_global)
			block_id(blocks, &nb, s->global, s->num_global,
				 sizeof(blocks) / sizeof(blocks[0]));
	}
	for (i = 0; i < nb; i++) {
		fprintf(c, "static const struct pl_kv pl_gen_kv_%zu[] = {\n", i);
		for (k = 0; k < blocks[i].n; k++) {
			const struct pl_kv *kv = &blocks[i].p[k];

			fputs("\t{", c);
			emit_cstr(c, kv->key);
			fputs(", ", c);
			emit_cstr(c, kv->value);
			fprintf(c, ", %u},\n", kv->line);
			strings += strsz(kv->key) + strsz(kv->value);
		}
		fputs("};\n\n", c);
		flash += blocks[i].n * ILP32_KV;
	}
	fputs("static const struct pl_section pl_gen_sections[] = {\n", c);
	for (i = 0; i < cfg->num_sections; i++) {
		const struct pl_section *s = &cfg->sections[i];

		fputs("\t{.name = ", c);
		emit_cstr(c, s->name);
		fprintf(c, ", .type = %s, .line = %u, .use = ",
			type_enum[s->type < 7 ? s->type : 6], s->line);
		emit_cstr(c, s->use);
		fputs(", .filter_with = ", c);
		emit_cstr(c, s->filter_with);
		if (s->num_local)
			fprintf(c, ",\n\t .local = pl_gen_kv_%zu, .num_local = %u",
				block_id(blocks, &nb, s->local, s->num_local, 0),
				s->num_local);
		if (s->num_global)
			fprintf(c, ",\n\t .global = pl_gen_kv_%zu, .num_global = %u",
				block_id(blocks, &nb, s->global, s->num_global, 0),
				s->num_global);
		fputs("},\n", c);
		strings += strsz(s->name) + strsz(s->use) + strsz(s->filter_with);
	}
	fputs("};\n\n", c);
	flash += cfg->num_sections * ILP32_SECTION;

	/* The ini as GET /v1/config shows it: secrets are already ***. */
	fputs("static const char pl_gen_ini[] =\n", c);
	for (i = 0; i < cfg->ini_len;) {
		const char *nl = memchr(cfg->ini_text + i, '\n', cfg->ini_len - i);
		size_t n = nl ? (size_t)(nl - (cfg->ini_text + i)) + 1
			      : cfg->ini_len - i;

		fputc('\t', c);
		emit_str(c, cfg->ini_text + i, n);
		fputc('\n', c);
		i += n;
	}
	if (!cfg->ini_len)
		fputs("\t\"\"\n", c);
	fputs("\t;\n\n", c);
	strings += cfg->ini_len + 1;

	/* Files served from flash (static): const arrays, never copied. */
	for (i = 0; i < cfg->num_files; i++) {
		const struct pl_file *fl = &cfg->files[i];

		fprintf(c, "static const uint8_t pl_gen_file_%zu[] = {", i);
		for (k = 0; k < fl->len; k++)
			fprintf(c, "%s0x%02x,", k % 16 ? " " : "\n\t", fl->data[k]);
		fputs(fl->len ? "\n};\n" : "0};\n", c);
		flash += fl->len;
	}
	if (cfg->num_files) {
		fputs("\nstatic const struct pl_file pl_gen_files[] = {\n", c);
		for (i = 0; i < cfg->num_files; i++) {
			fputs("\t{", c);
			emit_cstr(c, cfg->files[i].section);
			fputs(", ", c);
			emit_cstr(c, cfg->files[i].path);
			fprintf(c, ", pl_gen_file_%zu, %u},\n", i,
				(unsigned)cfg->files[i].len);
			strings += strsz(cfg->files[i].section) + strsz(cfg->files[i].path);
		}
		fputs("};\n\n", c);
		flash += cfg->num_files * 16u;
	}

	fputs("const struct pl_config pl_baked_config = {\n\t.file = ", c);
	emit_cstr(c, base);
	fputs(",\n\t.entry = ", c);
	emit_cstr(c, cfg->entry);
	fprintf(c, ",\n\t.sections = pl_gen_sections,\n\t.num_sections = %zu,\n"
		   "\t.ini_text = pl_gen_ini,\n\t.ini_len = sizeof(pl_gen_ini) - 1,\n",
		cfg->num_sections);
	if (cfg->num_files)
		fprintf(c, "\t.files = pl_gen_files,\n\t.num_files = %zu,\n",
			cfg->num_files);
	fputs("};\n\n", c);
	emit_factories(c, t);
	fputs("/* Pools sized by building this config on the host. */\n", c);
	fputs("static struct pl_app pl_gen_apps[PL_GEN_NUM_APPS];\n", c);
	if (t->usage.routes)
		fputs("static struct pl_route pl_gen_routes[PL_GEN_NUM_ROUTES];\n", c);
	/* The arena as the build machine used it: its pointers are no
	 * smaller than the target's, so the target never runs short. */
	if (t->usage.arena)
		fputs("static unsigned char pl_gen_arena[PL_GEN_ARENA_BYTES]\n"
		      "\t__attribute__((aligned(PL_ARENA_ALIGN)));\n", c);
	fprintf(c, "\nstruct pl_pool pl_baked_pool = {pl_gen_apps, PL_GEN_NUM_APPS,\n"
		   "\t\t\t\t %s, %s,\n\t\t\t\t %s, %s};\n",
		t->usage.routes ? "pl_gen_routes" : "NULL",
		t->usage.routes ? "PL_GEN_NUM_ROUTES" : "0",
		t->usage.arena ? "pl_gen_arena" : "NULL",
		t->usage.arena ? "PL_GEN_ARENA_BYTES" : "0");
	flash += strings;
	ram = t->usage.apps * ILP32_APP + t->usage.routes * ILP32_ROUTE + t->usage.arena;

	fprintf(h, "/* Generated by lwpaste-config from %s (entry '%s'). Do not edit.\n"
		   " * Tables: about %zu bytes of const data (%zu of them strings and\n"
		   " * the masked ini) and %zu bytes of pools on a 32-bit target. */\n",
		base, cfg->entry, flash, strings, ram);
	/* Macros only (plus two declarations): lwipopts.h includes this. */
	fputs("#ifndef LWPASTE_PL_GEN_H\n#define LWPASTE_PL_GEN_H\n\n", h);
	fprintf(h, "#define PL_GEN_ENTRY \"%s\"\n", cfg->entry);
	fprintf(h, "#define PL_GEN_PORT %u\n", t->server.port);
	fprintf(h, "#define PL_GEN_TLS_PORT %u\n", t->server.tls_port);
	fprintf(h, "#define PL_GEN_MAX_CONNECTIONS %u\n", t->server.max_connections);
	fprintf(h, "#define PL_GEN_MAX_TLS_CONNECTIONS %u\n",
		t->server.max_tls_connections);
	fprintf(h, "#define PL_GEN_MAX_HEADER_BYTES %u\n",
		(unsigned)t->server.max_header_bytes);
	fprintf(h, "#define PL_GEN_MAX_BODY_BYTES %u\n",
		(unsigned)t->server.max_body_bytes);
	fprintf(h, "#define PL_GEN_REQUEST_BUFFERS %u\n",
		(unsigned)t->server.request_buffers);
	fprintf(h, "#define PL_GEN_MAX_URI_BYTES %u\n",
		(unsigned)t->server.max_uri_bytes);
	fprintf(h, "#define PL_GEN_NUM_APPS %zu\n", t->usage.apps);
	fprintf(h, "#define PL_GEN_NUM_ROUTES %zu\n", t->usage.routes);
	fprintf(h, "#define PL_GEN_ARENA_BYTES %zu\n", t->usage.arena);
	fprintf(h, "#define PL_GEN_NET_DHCP %d\n", t->net.dhcp ? 1 : 0);
	{
		const struct pl_factory *f[64];

		fprintf(h, "#define PL_GEN_NUM_FACTORIES %zu\n",
			used_factories(t, f, sizeof(f) / sizeof(f[0])));
	}
	fputs("\n/* The resolved ini and pools sized for it: pl_build(&pl_baked_config,\n"
	      " * NULL, &pl_baked_pool, &root, &err) at boot. */\n"
	      "struct pl_config;\nstruct pl_pool;\nstruct pl_factory;\n"
	      "extern const struct pl_config pl_baked_config;\n"
	      "extern struct pl_pool pl_baked_pool;\n"
	      "/* The factories it uses; on a device, the only ones linked. */\n"
	      "extern const struct pl_factory *const pl_gen_factories[PL_GEN_NUM_FACTORIES];\n"
	      "\n#endif\n", h);

	if (fclose(c) != 0 || fclose(h) != 0) {
		fprintf(stderr, "lwpaste-config: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

/* Make-style dependencies of the generated files: the ini and every file
 * and folder it bakes in (a file added to a root folder re-runs gen). */
static void dep_path(FILE *f, const char *p)
{
	for (; *p; p++) {
		if (*p == ' ' || *p == '#' || *p == '\\')
			fputc('\\', f);
		else if (*p == '$')
			fputc('$', f);
		fputc(*p, f);
	}
}

static int depfile(const struct tool *t)
{
	const char *const *src = pl_files_sources();
	FILE *f = fopen(t->depfile, "w");

	if (!f) {
		fprintf(stderr, "lwpaste-config: cannot write %s: %s\n", t->depfile,
			strerror(errno));
		return 1;
	}
	dep_path(f, t->out_c);
	fputc(' ', f);
	dep_path(f, t->out_h);
	fputs(":", f);
	fputs(" \\\n ", f);
	dep_path(f, ld.file_abs);
	for (; *src; src++) {
		fputs(" \\\n ", f);
		dep_path(f, *src);
	}
	fputc('\n', f);
	if (fclose(f) != 0) {
		fprintf(stderr, "lwpaste-config: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct tool t;
	int i, rc;

	memset(&t, 0, sizeof(t));
	if (argc < 2)
		return usage();
	t.cmd = argv[1];
	if (strcmp(t.cmd, "factories") == 0) {
		const struct pl_factory *f;
		static const char *const kinds[] = {"app", "filter", "composite"};

		for (f = pl_factory_begin(); f && f < pl_factory_end(); f++)
			printf("%-16s %s%s\n", f->name,
			       f->kind < 3 ? kinds[f->kind] : "?",
			       f->num_actions ? " (controller)" : "");
		return 0;
	}
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--release") == 0)
			t.release = true;
		else if (i + 1 < argc && strcmp(a, "--app") == 0)
			t.app = argv[++i];
		else if (i + 1 < argc && strcmp(a, "--out-c") == 0)
			t.out_c = argv[++i];
		else if (i + 1 < argc && strcmp(a, "--out-h") == 0)
			t.out_h = argv[++i];
		else if (i + 1 < argc && strcmp(a, "--depfile") == 0)
			t.depfile = argv[++i];
		else if (a[0] != '-' && !t.file)
			t.file = a;
		else
			return usage();
	}
	if (!t.file)
		return usage();
	if (strcmp(t.cmd, "check") == 0) {
		rc = validate(&t);
		if (!rc)
			printf("%s: ok: entry '%s', %zu apps, %zu routes\n", t.file,
			       ld.cfg.entry, t.usage.apps, t.usage.routes);
		return rc;
	}
	if (strcmp(t.cmd, "show") == 0) {
		rc = validate(&t);
		if (!rc)
			show(&t);
		return rc;
	}
	if (strcmp(t.cmd, "gen") == 0) {
		if (!t.out_c || !t.out_h)
			return usage();
		rc = validate(&t);
		if (!rc)
			rc = gen(&t);
		if (!rc && t.depfile)
			rc = depfile(&t);
		if (rc) {
			/* No stale tables survive a failed run. */
			remove(t.out_c);
			remove(t.out_h);
		}
		return rc;
	}
	return usage();
}
