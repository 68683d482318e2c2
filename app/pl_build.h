/*
 * From the resolved config model (pl_config) to a tree of app instances:
 * paste.deploy's loadapp(). Runs on the host inside lwpaste-config (to
 * validate and size the pools) and on the device at boot (to build the
 * same tree into static pools). No allocation: the caller gives the pool.
 */
#ifndef LWPASTE_PL_BUILD_H
#define LWPASTE_PL_BUILD_H

#include "pl.h"

/* [server:main], defaults from SPEC §1. */
struct pl_server_conf {
	uint16_t port;                 /* 80; 0 disables plain HTTP */
	uint16_t tls_port;             /* 443; 0 disables HTTPS */
	uint16_t max_connections;      /* 8 */
	uint16_t max_tls_connections;  /* 2 */
	uint32_t header_timeout_ms;    /* 10000, from the head's first byte */
	uint32_t idle_timeout_ms;      /* 30000 */
	uint32_t max_uri_bytes;        /* 1024 */
	uint32_t max_header_bytes;     /* 4096 */
	uint32_t max_body_bytes;       /* 16384 */
	uint16_t request_buffers;      /* 2: requests in progress at once */
};

/* [net:eth0] */
struct pl_net_conf {
	bool dhcp;
	uint32_t address, netmask, gateway; /* host byte order */
	const char *hostname;
};

/* The pools the build needs; the config tool emits them for a config. */
struct pl_pool {
	struct pl_app *apps;
	size_t num_apps;
	void *routes;                  /* router's route table storage */
	size_t num_routes;
	void *arena;                   /* factories' own data (pl_build_alloc) */
	size_t arena_size;             /* bytes; aligned to PL_ARENA_ALIGN */
};

#define PL_ARENA_ALIGN 8

/* For a factory's init: n bytes of the pool's arena, aligned to
 * PL_ARENA_ALIGN, for what it derives from its config once (a rendered
 * document, a parsed table) instead of on every request. NULL with
 * ctx->err set ("arena full") when they do not fit; the config tool sizes
 * the arena of an image by building its config. */
void *pl_build_alloc(struct pl_build_ctx *ctx, size_t n);

/* Build cfg's entry section (entry NULL: cfg->entry) into pool.
 * 0 and *root set, or -errno with err->line/msg set. */
int pl_build(const struct pl_config *cfg, const char *entry,
	     struct pl_pool *pool, struct pl_app **root, struct pl_err *err);

int pl_server_conf_get(const struct pl_config *cfg,
		       struct pl_server_conf *out, struct pl_err *err);
int pl_net_conf_get(const struct pl_config *cfg, struct pl_net_conf *out,
		    struct pl_err *err);

/* Look up a key in a section's local conf, then its global conf. */
const char *pl_conf_get(const struct pl_section *sec, const char *key);
const struct pl_kv *pl_conf_kv(const struct pl_section *sec, const char *key);

#endif /* LWPASTE_PL_BUILD_H */
