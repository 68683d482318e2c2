/*
 * Host board sizes. lwpaste-host loads its config at run time (--config
 * FILE), so its pools are sized for the largest config the loader accepts
 * (the ranges of [server:main] in app/pl_build.c), not for the baked one:
 * any valid ini runs, and http_server_start() still refuses one that does
 * not fit. Memory is cheap here; these are bounded, static, no heap.
 *
 * Found first on the include path (app/lwpaste_opts.h includes it before
 * any default), so every value here wins over lwipopts.h and
 * net/http_server_priv.h. The unit tests and lwpaste-config see it too;
 * nothing in app/ reads these names.
 */
#ifndef LWPASTE_BOARD_OPTS_H
#define LWPASTE_BOARD_OPTS_H

/* [server:main] upper bounds (pl_build.c: max_connections 1..64,
 * max_header_bytes ..65536, max_body_bytes ..1048576). */
#define LWPASTE_MAX_CONNECTIONS 64
#define LWPASTE_MAX_TLS_CONNECTIONS 8
#define HTTP_MAX_CONNS LWPASTE_MAX_CONNECTIONS
#define HTTP_MAX_HEADER_BYTES 65536
#define HTTP_MAX_BODY_BYTES 1048576
#define HTTP_REQ_BUFFERS 8

/* The app pool and route table a run-time config is built into
 * (boards/host/host_config.c); the config tool counts what an ini needs. */
#define HOST_MAX_APPS 256
#define HOST_MAX_ROUTES 1024
#define HOST_ARENA_BYTES (64 * 1024)

/* lwIP on a 64-bit host: pool elements hold pointers, so 8-byte
 * alignment (UBSan checks it). Larger pools for many connections. */
#define MEM_ALIGNMENT 8
/* lwIP asserts on: the sanitizer runs should stop at the first broken invariant */
#define LWPASTE_LWIP_ASSERT 1
#define MEM_SIZE (512 * 1024)
/* Configs come at run time: the DHCP client is always in. */
#define LWIP_DHCP 1
#define PBUF_POOL_SIZE 128
/* Full-size frames: the TAP driver reads a frame whole or not at all. */
#define TCP_MSS 1460
#define PBUF_POOL_BUFSIZE 1536
#define MEMP_NUM_PBUF 64

#endif /* LWPASTE_BOARD_OPTS_H */
