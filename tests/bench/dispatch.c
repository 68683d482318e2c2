/*
 * bench_dispatch: the server's work for one request, minus TCP - parse a
 * raw "GET /v1/ HTTP/1.1" head (net/http_parser.c), fill the pl_request as
 * net/http_server.c dispatch() does, call the root app of the default
 * image's baked config (config/api-paste.ini through lwpaste-config gen:
 * request_id, urlmap, then the /v1 pipeline with its other filters, the router and
 * the versions action) and render status line, headers and body the way
 * send_response() does - N times. tests/bench/dispatch-callgrind runs it
 * under callgrind for two N and divides, so start-up is not counted.
 *
 *   bench_dispatch [N [PATH]]     (N = 1000, PATH = /v1/)
 *
 * The platform is the device's minus the hardware: the console goes to a
 * byte sink (one store per byte, as a UART data register takes it), the
 * clock is a counter, entropy a fixed pattern. A benchmark, not a test: it
 * fails only when the answer is an error (4xx, 5xx): GET / is a 300.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_head.h"
#include "http_parser.h"
#include "pl.h"
#include "pl_build.h"
#include "pl_gen.h"
#include "pl_json.h"
#include "pl_resp.h"

static volatile char console_sink;
static size_t console_bytes;
static uint32_t clock_us;

static uint32_t bench_uptime_ms(void)
{
	return clock_us / 1000u;
}

static uint32_t bench_micros(void)
{
	return clock_us += 7;
}

static void bench_console(const char *s, size_t n)
{
	console_bytes += n;
	while (n--)
		console_sink = *s++;
}

static unsigned bench_led_count(void)
{
	return 4;
}

static bool bench_led_get(unsigned id)
{
	(void)id;
	return false;
}

static int bench_led_set(unsigned id, bool on)
{
	(void)id;
	(void)on;
	return 0;
}

static void bench_reboot(void)
{
}

static int bench_entropy(void *buf, size_t n)
{
	memset(buf, 0x5a, n);
	return 0;
}

static void bench_net_info(struct pl_net_info *ni)
{
	memset(ni, 0, sizeof(*ni));
}

static void bench_sys_stats(struct pl_sys_stats *st)
{
	memset(st, 0, sizeof(*st));
}

static const struct pl_platform bench_platform = {
	.board = "bench",
	.uptime_ms = bench_uptime_ms,
	.micros = bench_micros,
	.console = bench_console,
	.led_count = bench_led_count,
	.led_get = bench_led_get,
	.led_set = bench_led_set,
	.reboot_after_flush = bench_reboot,
	.entropy = bench_entropy,
	.net_info = bench_net_info,
	.sys_stats = bench_sys_stats,
};

const struct pl_platform *pl_platform = &bench_platform;

/* The server's render buffers (net/http_server.c): head room, then body. */
#define HEAD_MAX (128 + PL_RESP_HDR_MAX)
static char tx_buf[HEAD_MAX + PL_RESP_BODY_MAX];
static char resp_hdr[PL_RESP_HDR_MAX];
static volatile size_t wire_bytes;

/* send_response() without the TCP write: the head written in place
 * before the body (net/http_head.c, the server's own code). Returns the
 * bytes on the wire. */
static size_t render(const struct pl_response *r, bool keep_alive, uint8_t minor)
{
	const char *conn = !keep_alive ? "Connection: close\r\n" :
			   minor == 0 ? "Connection: keep-alive\r\n" : "";
	char *out = http_head_write(r, minor, conn, tx_buf + HEAD_MAX, HEAD_MAX);

	if (!out)
		return 0;
	return (size_t)(tx_buf + HEAD_MAX - out) + r->body_len + r->ext_len;
}

int main(int argc, char **argv)
{
	static const struct http_limits lim = {.max_uri_bytes = 1024, .max_header_bytes = 4096};
	static struct http_head head;
	static struct pl_request req;
	static char raw[512];
	struct pl_response r;
	struct pl_app *root;
	struct pl_err err = {0};
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000;
	const char *path = argc > 2 ? argv[2] : "/v1/";
	size_t raw_len, wire = 0;
	unsigned long i;
	int rc;

	/* What wrk sends (tests/bench/run). */
	rc = snprintf(raw, sizeof(raw),
		      "GET %s HTTP/1.1\r\nHost: 10.0.2.15\r\nConnection: keep-alive\r\n\r\n", path);
	if (rc < 0 || (size_t)rc >= sizeof(raw))
		return 2;
	raw_len = (size_t)rc;
	if (pl_build(&pl_baked_config, NULL, &pl_baked_pool, &root, &err) != 0) {
		fprintf(stderr, "pl_build: %u: %s\n", err.line, err.msg);
		return 1;
	}
	memset(&r, 0, sizeof(r));
	for (i = 0; i < n; i++) {
		if (http_parse_head(raw, raw_len, &lim, &head) != (int)raw_len)
			return 1;
		memset(&req, 0, sizeof(req));
		req.method = head.method_bit;
		req.method_name = head.method;
		req.target = head.target;
		req.script_name.p = head.path.p;
		req.script_name.n = 0;
		req.path_info = head.path;
		req.query = head.query;
		req.version_minor = head.minor;
		req.headers = head.headers;
		req.num_headers = head.num_headers;
		req.body.p = raw + raw_len;
		req.start_us = 0;
		memset(&r, 0, sizeof(r));
		r.status = 200;
		r.hdr = resp_hdr;
		r.hdr_cap = sizeof(resp_hdr);
		r.body = tx_buf + HEAD_MAX;
		r.body_cap = PL_RESP_BODY_MAX;
		if (root->call(root, &req, &r) < 0 || r.overflow)
			return 1;
		wire = render(&r, head.keep_alive, head.minor);
		wire_bytes = wire;
	}
	printf("%lu x GET %s: %u, %zu bytes on the wire, %zu console bytes\n",
	       n, path, (unsigned)r.status, wire, console_bytes);
	return n && r.status >= 400 ? 1 : 0;
}
