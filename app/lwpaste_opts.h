/*
 * lwpaste options: every compile-time limit has a default here, lwIP-style.
 * A board (boards/<name>/board_opts.h, found first on the include path) or
 * the build (-D) overrides it; the generated config (pl_gen.h) sizes the
 * pools that depend on the ini. Runtime limits from [server:main] are
 * checked against these at build time by the config tool.
 */
#ifndef LWPASTE_OPTS_H
#define LWPASTE_OPTS_H

#if defined(__has_include)
#if __has_include("board_opts.h")
#include "board_opts.h"
#endif
#endif

#define LWPASTE_NAME "lwpaste"

#ifndef LWPASTE_VERSION
#define LWPASTE_VERSION "0.1.0"
#endif

#ifndef LWPASTE_BUILD_ID
#define LWPASTE_BUILD_ID "dev"
#endif

/* Bytes of one build-error message (lwpaste-config's FILE:LINE: lines;
 * a device keeps only the line and code, and holds one at boot, on the
 * stack). Room for the whole factory list of an unknown-factory error. */
#ifndef PL_ERR_MSG_MAX
#define PL_ERR_MSG_MAX 384
#endif

/* Headers one request may carry (the parser's array). */
#ifndef PL_MAX_HEADERS
#define PL_MAX_HEADERS 24
#endif

/* Path parameters one route may capture ({id} ...). */
#ifndef PL_MAX_PARAMS
#define PL_MAX_PARAMS 4
#endif

/* Bytes a handler may render as a dynamic body; larger bodies are flash
 * references (pl_response.ext) streamed with back-pressure. */
#ifndef PL_RESP_BODY_MAX
#define PL_RESP_BODY_MAX 1024
#endif

/* Bytes of extra response header lines the pipeline may add. A CORS
 * preflight of the default image (Allow-Origin, Vary, -Credentials,
 * -Methods, the echoed -Allow-Headers, -Max-Age) plus the request id is
 * about 320 bytes already; 512 leaves room for a longer origin. */
#ifndef PL_RESP_HDR_MAX
#define PL_RESP_HDR_MAX 512
#endif

/* Private words each app instance keeps for its factory. */
#ifndef PL_APP_PRIV_WORDS
#define PL_APP_PRIV_WORDS 6
#endif

#if PL_MAX_HEADERS < 8
#error "PL_MAX_HEADERS must be at least 8"
#endif
#if PL_RESP_BODY_MAX < 256
#error "PL_RESP_BODY_MAX must be at least 256 (fault bodies must fit)"
#endif
#if PL_RESP_HDR_MAX < 128
#error "PL_RESP_HDR_MAX must be at least 128"
#endif

#endif /* LWPASTE_OPTS_H */
