/* Sizes of the HTTP server's static pools; see http_server.c. */
#ifndef LWPASTE_HTTP_SERVER_PRIV_H
#define LWPASTE_HTTP_SERVER_PRIV_H

#include "lwpaste_opts.h"
#if defined(__has_include)
#if __has_include("pl_gen.h")
#include "pl_gen.h"
#endif
#endif

/* Connection slots: one per open connection (small). */
#ifndef HTTP_MAX_CONNS
#ifdef PL_GEN_MAX_CONNECTIONS
#define HTTP_MAX_CONNS PL_GEN_MAX_CONNECTIONS
#else
#define HTTP_MAX_CONNS 8
#endif
#endif

/* Request buffers: only a connection with a request in progress holds one,
 * so many idle keep-alive connections cost a slot, not a buffer. */
#ifndef HTTP_REQ_BUFFERS
#ifdef PL_GEN_REQUEST_BUFFERS
#define HTTP_REQ_BUFFERS PL_GEN_REQUEST_BUFFERS
#else
#define HTTP_REQ_BUFFERS 4
#endif
#endif

#ifndef HTTP_MAX_HEADER_BYTES
#ifdef PL_GEN_MAX_HEADER_BYTES
#define HTTP_MAX_HEADER_BYTES PL_GEN_MAX_HEADER_BYTES
#else
#define HTTP_MAX_HEADER_BYTES 4096
#endif
#endif

#ifndef HTTP_MAX_BODY_BYTES
#ifdef PL_GEN_MAX_BODY_BYTES
#define HTTP_MAX_BODY_BYTES PL_GEN_MAX_BODY_BYTES
#else
#define HTTP_MAX_BODY_BYTES 16384
#endif
#endif

/* A request buffer holds one whole head and body. */
#define HTTP_REQ_BUF_SIZE (HTTP_MAX_HEADER_BYTES + HTTP_MAX_BODY_BYTES)

/* Status line and the server's own header lines. */
#define HTTP_HEAD_MAX (128 + PL_RESP_HDR_MAX)

/* Send-buffer room a response may need before the pipeline runs, so a
 * rendered response is always queued whole and never re-rendered. */
#define HTTP_TX_NEED (HTTP_HEAD_MAX + PL_RESP_BODY_MAX)

#endif
