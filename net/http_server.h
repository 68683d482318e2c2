/*
 * The HTTP/1.1 server: lwIP altcp connections in, pl_request through the
 * pipeline, responses out with tcp_sent back-pressure. One listener per
 * port; the same code serves plain TCP and TLS (an altcp allocator).
 * All memory is static, sized by lwpaste_opts.h and the generated config.
 */
#ifndef LWPASTE_HTTP_SERVER_H
#define LWPASTE_HTTP_SERVER_H

#include "pl.h"
#include "pl_build.h"

struct altcp_tls_config;

/* Serve sc->port with root; 0 or -errno. */
int http_server_start(const struct pl_server_conf *sc, struct pl_app *root);

/* Also serve sc->tls_port over TLS with cfg; 0 or -errno. */
int http_server_start_tls(struct altcp_tls_config *cfg);

/* Counters and connection use for /v1/stats. */
void http_server_stats(struct pl_sys_stats *st);

/* The receive pool has stayed empty (eth_netif_on_starved()): reset the
 * connection holding the most unread input, which may be what keeps the
 * frames that would free the rest from being read. */
void http_server_reclaim(void);

/* True once every response has left the send buffers (reboot waits). */
bool http_server_flushed(void);

#endif /* LWPASTE_HTTP_SERVER_H */
