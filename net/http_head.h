/*
 * The response head: status line, Content-Type, Content-Length, an
 * optional Connection line, the app's own header lines, the blank line.
 * Pure C (no lwIP): the server and tests/bench/dispatch.c share it.
 */
#ifndef LWPASTE_HTTP_HEAD_H
#define LWPASTE_HTTP_HEAD_H

#include <stddef.h>
#include <stdint.h>

#include "pl.h"

/* Write r's head so that it ends exactly at end (where the body the app
 * rendered begins), so head and body go out as one piece. conn is a whole
 * "Connection: ...\r\n" line or "". The length is known before a byte is
 * written: no rendering aside and moving. Returns where the head starts,
 * or NULL (nothing written) if it needs more than room bytes. */
char *http_head_write(const struct pl_response *r, uint8_t minor,
		      const char *conn, char *end, size_t room);

#endif /* LWPASTE_HTTP_HEAD_H */
