/*
 * HTTPS for the HTTP server: mbedTLS under lwIP's altcp TLS layer, with the
 * certificate and key baked into the image (cmake/tls.cmake) and the DRBG
 * seeded from board_entropy(). Implemented in net/tls/ only in images built
 * with LWPASTE_TLS; elsewhere these are stubs, so callers need no #if.
 */
#ifndef LWPASTE_TLS_H
#define LWPASTE_TLS_H

#include <errno.h>
#include <stdint.h>
#include <string.h>

struct altcp_tls_config;

/* The TLS arena (every mbedTLS allocation), in bytes. */
struct tls_mem_stats {
	uint32_t size;    /* the static arena */
	uint32_t used;    /* allocated now */
	uint32_t peak;    /* most ever allocated at once */
	uint32_t blocks;  /* allocations now */
};

#if defined(LWPASTE_TLS) && LWPASTE_TLS
/* Seed the DRBG, parse the baked certificate and key, build the server
 * config for altcp_tls_alloc(); 0, -EIO (no entropy), -EINVAL (bad
 * certificate or key) or -ENOMEM (arena too small). Call once. */
int tls_server_config(struct altcp_tls_config **cfg);
/* Arena use (for /v1/stats and the console). */
void tls_mem_stats(struct tls_mem_stats *st);
#else
static inline int tls_server_config(struct altcp_tls_config **cfg)
{
	*cfg = NULL;
	return -ENOTSUP;
}

static inline void tls_mem_stats(struct tls_mem_stats *st)
{
	memset(st, 0, sizeof(*st));
}
#endif

#endif /* LWPASTE_TLS_H */
