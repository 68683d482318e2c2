/*
 * pl_build internals shared by the builder, the factories that build
 * children (urlmap, router), the config tool (which sizes the pools and
 * prints the tree) and the generated pl_gen.c (which declares the route
 * storage). Not for apps and filters in general: they only see pl.h and
 * pl_build.h.
 */
#ifndef LWPASTE_PL_BUILD_PRIV_H
#define LWPASTE_PL_BUILD_PRIV_H

#include "pl_build.h"

/* Sections nested deeper than this (pipeline in composite in pipeline ...)
 * are refused: it bounds the builder's recursion on the device's stack. */
#ifndef PL_BUILD_MAX_DEPTH
#define PL_BUILD_MAX_DEPTH 16
#endif

/* The prefix factory names may carry (paste's egg URI for our registry). */
#define PL_EGG_PREFIX "egg:lwpaste#"

/*
 * One entry of a dispatch table, from the pool's route storage. urlmap uses
 * it for `/prefix = target` (tmpl is the prefix without trailing slashes,
 * app the target); the router for a bound route (tmpl the path template,
 * app the controller instance, fn the action). A `resource` member route
 * is its collection path plus "/{id}", marked by `member`, so no template
 * string has to be composed at build time.
 */
struct pl_route {
	const char *tmpl;       /* template or prefix; not NUL-terminated */
	uint16_t tmpl_len;
	uint16_t methods;       /* enum pl_method mask; HEAD added for GET */
	uint16_t line;          /* ini line the route comes from */
	bool member;            /* router: tmpl + "/{id}" */
	struct pl_app *app;     /* urlmap target / router controller */
	pl_call_fn fn;          /* router: the bound action */
	const char *action;     /* router: action name (req->action) */
	const char *name;       /* router: route name; urlmap: target name */
	size_t name_len;
};

/* urlmap and router keep their table as priv[PL_PRIV_ROUTES] (pointer) and
 * priv[PL_PRIV_NUM_ROUTES] (count), so tools can print it. */
enum { PL_PRIV_ROUTES = 0, PL_PRIV_NUM_ROUTES = 1 };

/* What a build used from the pool: the config tool sizes the image's pools
 * from it. */
struct pl_build_usage {
	size_t apps;
	size_t routes;
	size_t arena;                  /* bytes of pl_build_alloc() */
};

/* pl_build() that also reports what it used (usage may be NULL). */
int pl_build_ex(const struct pl_config *cfg, const char *entry,
		struct pl_pool *pool, struct pl_app **root, struct pl_err *err,
		struct pl_build_usage *usage);

/* An app, filter, pipeline or composite section by name; NULL if none. */
/* "app", "filter", ... for messages; [app:] [filter:] [pipeline:]
 * [composite:] are the objects a pipeline can name. */
const char *pl_section_type_name(uint8_t type);
bool pl_section_is_object(uint8_t type);

const struct pl_section *pl_section_find(const struct pl_config *cfg,
					 const char *name, size_t len);

/* Build the section called name as an app (a filter is refused) from
 * inside a factory's init: urlmap targets, router controllers. `line` is
 * where the reference is, for errors. */
int pl_build_ref(struct pl_build_ctx *ctx, const char *name, size_t len,
		 uint16_t line, struct pl_app **out);

/* Take n routes from the pool; NULL with ctx->err set when it is empty. */
struct pl_route *pl_build_routes(struct pl_build_ctx *ctx, size_t n,
				 uint16_t line);

/* Fill err (line and printf-style message) and return rc, so an error is
 * one statement: return pl_errf(err, line, -EINVAL, "..."). */
#ifndef PL_TERSE_ERRORS
int pl_errf(struct pl_err *err, uint16_t line, int rc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
#else
/* In a device image (app/CMakeLists.txt): lwpaste-config ran these same
 * checks on the baked ini at build time and failed the build with the
 * message, so on the device only the line and the code are kept (the
 * boot log says which part failed) and the message text stays out of
 * flash. */
int pl_errf_terse(struct pl_err *err, uint16_t line, int rc);
/* Never defined: only inside sizeof, which keeps the format checked and
 * its arguments used, and emits neither. */
int pl_errf_format_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define pl_errf(err, line, rc, ...) \
	((void)sizeof(pl_errf_format_(__VA_ARGS__)), pl_errf_terse((err), (line), (rc)))
#endif

/* The factory a `use =` value names ("NAME" or "egg:lwpaste#NAME"). */
const struct pl_factory *pl_factory_use(const char *use);

#endif /* LWPASTE_PL_BUILD_PRIV_H */
