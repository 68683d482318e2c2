/*
 * lwpaste pipeline core: what WSGI is to paste.deploy.
 *
 * A request is parsed by the server into a pl_request whose strings point
 * into the server's receive buffer (never copied); the pipeline (apps and
 * filters built from the baked ini) fills a pl_response whose buffers the
 * server provides. Nothing here allocates; nothing here knows lwIP or a
 * board: the platform hooks (pl_platform) are filled in by firmware/.
 */
#ifndef LWPASTE_PL_H
#define LWPASTE_PL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lwpaste_opts.h"

/* Methods as bits, so a route's conditions are one mask. */
enum pl_method {
	PL_GET = 1u << 0,
	PL_HEAD = 1u << 1,
	PL_POST = 1u << 2,
	PL_PUT = 1u << 3,
	PL_DELETE = 1u << 4,
	PL_PATCH = 1u << 5,
	PL_OPTIONS = 1u << 6,
};

struct pl_str {
	const char *p; /* not NUL-terminated */
	size_t n;
};

struct pl_header {
	struct pl_str name;
	struct pl_str value;
};

struct pl_param {
	struct pl_str name;  /* template name, e.g. "id" */
	struct pl_str value; /* the path segment it matched */
};

struct pl_request {
	unsigned method;              /* one enum pl_method bit; 0 if unknown */
	struct pl_str method_name;    /* as sent */
	struct pl_str target;         /* request-target as sent (path?query) */
	struct pl_str script_name;    /* SCRIPT_NAME: prefix consumed so far */
	struct pl_str path_info;      /* PATH_INFO: the rest of the path */
	struct pl_str query;          /* after '?', without it */
	uint8_t version_minor;        /* HTTP/1.<minor> */
	bool secure;                  /* arrived over TLS (wsgi.url_scheme) */
	const struct pl_header *headers;
	size_t num_headers;
	struct pl_str body;           /* whole body, de-chunked */
	struct pl_param params[PL_MAX_PARAMS]; /* router captures */
	size_t num_params;
	const char *action;           /* router: the action bound to the route */
	uint32_t start_us;            /* a server's own start stamp, 0 if none (logrequest) */
	void *server;                 /* server's per-connection context */
};

struct pl_response {
	uint16_t status;
	const char *content_type;     /* NULL: application/json */
	char *hdr;                    /* extra lines "Name: value\r\n" */
	size_t hdr_len, hdr_cap;
	char *body;                   /* dynamic body */
	size_t body_len, body_cap;
	const char *ext;              /* constant body (flash), sent after body */
	size_t ext_len;
	bool overflow;                /* an append did not fit */
	bool close;                   /* close the connection after this */
};

struct pl_app;
struct pl_factory;

/* An app answers a request: 0, or -errno when it failed (the server or
 * faultwrap then answers 500 computeFault). A filter is an app whose
 * `next` is the app it wraps. */
typedef int (*pl_call_fn)(struct pl_app *app, struct pl_request *req,
			  struct pl_response *resp);

/* A controller action bound by the router at build time. */
struct pl_action {
	const char *name;
	pl_call_fn fn;
};

union pl_word {
	void *p;
	const void *cp;
	uintptr_t u;
};

struct pl_app {
	const struct pl_factory *factory;
	const struct pl_section *section; /* config it was built from */
	struct pl_app *next;              /* filters: the wrapped app */
	pl_call_fn call;
	union pl_word priv[PL_APP_PRIV_WORDS]; /* factory's own state */
};

/* ---- configuration model: the resolved ini, as the build emits it ---- */

struct pl_kv {
	const char *key;
	const char *value;
	uint16_t line;
};

enum pl_section_type {
	PL_SEC_APP,
	PL_SEC_FILTER,
	PL_SEC_PIPELINE,
	PL_SEC_COMPOSITE,
	PL_SEC_SERVER,
	PL_SEC_NET,
	PL_SEC_OTHER,
};

struct pl_section {
	const char *name;                 /* "main" in [composite:main] */
	uint8_t type;                     /* enum pl_section_type */
	uint16_t line;                    /* line of the [header] */
	const char *use;                  /* factory name, or NULL (pipeline) */
	const char *filter_with;          /* filter-with = NAME, or NULL */
	const struct pl_kv *local;        /* local conf, inherited keys merged */
	uint16_t num_local;
	const struct pl_kv *global;       /* [DEFAULT] with set/get applied */
	uint16_t num_global;
};

/* A file baked into the image for a section whose factory serves files
 * (pl_factory.embeds_files): the config tool reads it at build time and
 * emits it as a const array, so it is served from flash. */
struct pl_file {
	const char *section;              /* the [app:NAME] it belongs to */
	const char *path;                 /* URL path below the app, "/a/b.css" */
	const uint8_t *data;
	uint32_t len;
};

struct pl_config {
	const char *file;                 /* ini path, for FILE:LINE */
	const char *entry;                /* entry section name */
	const struct pl_section *sections;
	size_t num_sections;
	const char *ini_text;             /* the ini, secrets masked */
	size_t ini_len;
	const struct pl_file *files;      /* sorted by section, then path */
	size_t num_files;
};

/* Errors while building are reported with the line they come from. */
struct pl_err {
	uint16_t line;
	char msg[PL_ERR_MSG_MAX];
};

/* What a factory's init sees. */
struct pl_build_ctx {
	const struct pl_config *cfg;
	const struct pl_section *sec;
	struct pl_err *err;
	void *builder;                    /* pl_build internals */
};

enum pl_kind {
	PL_KIND_APP,
	PL_KIND_FILTER,
	PL_KIND_COMPOSITE,
};

struct pl_factory {
	const char *name;
	uint8_t kind;                     /* enum pl_kind */
	/* Parse the section's conf into app->priv; 0 or -errno with
	 * ctx->err filled (line and message). May be NULL. */
	int (*init)(struct pl_app *app, struct pl_build_ctx *ctx);
	pl_call_fn call;
	const struct pl_action *actions;  /* controllers: what routes bind */
	size_t num_actions;
	/* Its `root = DIR` and `file /URL = PATH` keys name files the config
	 * tool bakes into the image (pl_config.files). */
	bool embeds_files;
};

/* Register a factory in the static registry (a linker section): one
 * statement in the factory's own file; nothing else in the tree changes.
 *   PL_FACTORY(hello, .kind = PL_KIND_APP, .call = hello_call);
 * The name is the identifier, so `use = egg:lwpaste#hello` finds it and a
 * device image links it by its symbol, pl_factory_hello, when its ini uses
 * it (lwpaste-config gen). */
#define PL_FACTORY(ident, ...)                                                 \
	__attribute__((used, section("pl_factories"), aligned(sizeof(void *)))) \
	const struct pl_factory pl_factory_##ident = {.name = #ident, __VA_ARGS__}

/* Look a factory up by name ("egg:lwpaste#" already stripped). */
const struct pl_factory *pl_factory_find(const char *name, size_t len);

/* Iterate the registry (tools list the factories). */
const struct pl_factory *pl_factory_begin(void);
const struct pl_factory *pl_factory_end(void);

/* ---- platform hooks: filled in by firmware/ (or a test) ---- */

struct pl_net_info {
	uint8_t mac[6];
	uint32_t ipv4;                    /* network byte order; 0 if none */
	uint32_t netmask, gateway;
	const char *hostname;
};

struct pl_sys_stats {
	uint32_t mem_used, mem_max, mem_avail; /* lwIP heap */
	uint32_t pbuf_used, pbuf_max, pbuf_avail; /* PBUF_POOL */
	uint32_t pcb_used, pcb_max, pcb_avail;    /* TCP PCBs */
	uint32_t conns_open, conns_max;
	uint32_t tls_open;
	uint32_t requests;                /* responses sent */
	uint32_t status_2xx, status_3xx, status_4xx, status_5xx;
	uint32_t rejected;                /* refused: 503, TLS past its limit, no PCB */
	uint32_t timeouts;                /* 408 and idle closes */
	uint32_t parse_errors;            /* 400/414/431/501/505 */
	uint32_t tls_mem_used, tls_mem_max, tls_mem_avail; /* TLS arena: now, peak, size (0: no TLS) */
};

struct pl_platform {
	const char *board;
	uint32_t (*uptime_ms)(void);
	uint32_t (*micros)(void);
	void (*console)(const char *s, size_t n);
	unsigned (*led_count)(void);
	bool (*led_get)(unsigned id);
	int (*led_set)(unsigned id, bool on);   /* 0 or -errno */
	void (*reboot_after_flush)(void);       /* reset once responses are out */
	int (*entropy)(void *buf, size_t n);    /* 0 or -errno */
	void (*net_info)(struct pl_net_info *ni);
	void (*sys_stats)(struct pl_sys_stats *st);
};

extern const struct pl_platform *pl_platform;

#endif /* LWPASTE_PL_H */
