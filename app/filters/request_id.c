/*
 * request_id (oslo.middleware.request_id): every response through this
 * filter carries `X-Openstack-Request-Id: req-<uuid4>`, so a client can
 * quote one request in a bug report and an operator can find it in a log.
 * The header is added after the wrapped app answered, so an app that
 * resets its response cannot lose it, and a fault made by faultwrap
 * inside this filter carries it too (put request_id outside faultwrap, as
 * oslo's pipelines do).
 *
 * The UUIDs (RFC 9562 §5.4: 122 random bits) come from xoshiro128**
 * seeded from pl_platform->entropy on the first request, not at init: init
 * also runs on the build machine (the config tool builds the pipeline to
 * check it), and a seed taken there would be baked into every image and
 * repeat on every boot. Request ids need to be unique, not secret, so a
 * fast generator is enough; the seed is what makes two boots differ. If the
 * board has no entropy source the seed mixes the free-running microsecond
 * and millisecond clocks instead (distinct across boots only by timing),
 * and the console says so once.
 *
 * ini keys ([filter:NAME] use = request_id): none.
 */
#include <string.h>

#include "pl.h"
#include "pl_resp.h"

/* The generator's state lives in the instance: s[0..3] in priv[0..3]
 * (uintptr_t holds 32 bits everywhere), priv[4] is 1 once seeded. */
enum { R_S0, R_S1, R_S2, R_S3, R_SEEDED };

#define REQ_ID_HEADER "X-Openstack-Request-Id"

static uint32_t rotl(uint32_t x, int k)
{
	return (x << k) | (x >> (32 - k));
}

/* xoshiro128** 1.1 (Blackman & Vigna, public domain reference). */
static uint32_t next_u32(struct pl_app *app)
{
	uint32_t s0 = (uint32_t)app->priv[R_S0].u, s1 = (uint32_t)app->priv[R_S1].u;
	uint32_t s2 = (uint32_t)app->priv[R_S2].u, s3 = (uint32_t)app->priv[R_S3].u;
	uint32_t out = rotl(s1 * 5u, 7) * 9u, t = s1 << 9;

	s2 ^= s0;
	s3 ^= s1;
	s1 ^= s2;
	s0 ^= s3;
	s2 ^= t;
	s3 = rotl(s3, 11);
	app->priv[R_S0].u = s0;
	app->priv[R_S1].u = s1;
	app->priv[R_S2].u = s2;
	app->priv[R_S3].u = s3;
	return out;
}

/* splitmix32-style finalizer, to spread a weak fallback seed. */
static uint32_t mix32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	return x;
}

static void seed(struct pl_app *app)
{
	uint32_t s[4] = {0, 0, 0, 0};
	int k;

	if (!pl_platform || !pl_platform->entropy ||
	    pl_platform->entropy(s, sizeof(s)) != 0) {
		uint32_t us = pl_platform && pl_platform->micros ? pl_platform->micros() : 0;
		uint32_t ms = pl_platform && pl_platform->uptime_ms ? pl_platform->uptime_ms() : 0;
		static const char warn[] =
			"request_id: no entropy source; ids seeded from the clock\r\n";

		for (k = 0; k < 4; k++)
			s[k] = mix32(us + (uint32_t)k * 0x9e3779b9u) ^ mix32(ms + (uint32_t)k);
		if (pl_platform && pl_platform->console)
			pl_platform->console(warn, sizeof(warn) - 1);
	}
	if ((s[0] | s[1] | s[2] | s[3]) == 0)
		s[0] = 0x9e3779b9u; /* the one state xoshiro cannot leave */
	for (k = 0; k < 4; k++)
		app->priv[R_S0 + k].u = s[k];
	app->priv[R_SEEDED].u = 1;
}

/* "req-" + 8-4-4-4-12 lowercase hex, version 4, variant 10xx. */
#define REQ_ID_LEN 40

/* The 4 lowercase hex digits of the low 16 bits of v, most significant
 * first, as the bytes of one word: each nibble spread into a byte, then
 * '0'-'9' or 'a'-'f' (nothing carries between bytes: all stay below
 * 0x80). */
static uint32_t hex4(uint32_t v)
{
	uint32_t x = v & 0xffffu;

	x = (x | (x << 8)) & 0x00ff00ffu;
	x = (x | (x << 4)) & 0x0f0f0f0fu; /* nibble i (from the lowest) in byte i */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	x = __builtin_bswap32(x);         /* the highest first in memory */
#endif
	return x + 0x30303030u + 39u * (((x + 0x06060606u) >> 4) & 0x01010101u);
}

static char *hex_digits(char *o, uint32_t v, unsigned n)
{
	uint32_t w;

	if (n == 8) {
		w = hex4(v >> 16);
		memcpy(o, &w, 4);
		o += 4;
	}
	w = hex4(v);
	memcpy(o, &w, 4);
	return o + 4;
}

static void make_id(struct pl_app *app, char *out)
{
	uint32_t w0 = next_u32(app), w1 = next_u32(app);
	uint32_t w2 = next_u32(app), w3 = next_u32(app);
	char *o = out;

	/* 8-4-4-4-12 = w0 - w1 high - w1 low - w2 high - w2 low w3. The third
	 * group starts with the version (4), the fourth with the variant
	 * bits 10. */
	w1 = (w1 & 0xffff0fffu) | 0x00004000u;
	w2 = (w2 & 0x3fffffffu) | 0x80000000u;
	memcpy(o, "req-", 4);
	o = hex_digits(o + 4, w0, 8);
	*o++ = '-';
	o = hex_digits(o, w1 >> 16, 4);
	*o++ = '-';
	o = hex_digits(o, w1, 4);
	*o++ = '-';
	o = hex_digits(o, w2 >> 16, 4);
	*o++ = '-';
	o = hex_digits(o, w2, 4);
	hex_digits(o, w3, 8);
}

static int request_id_call(struct pl_app *app, struct pl_request *req,
			   struct pl_response *resp)
{
	char *id;
	int rc = app->next->call(app->next, req, resp);

	if (rc < 0)
		return rc;
	if (!app->priv[R_SEEDED].u)
		seed(app);
	/* Straight into the header block: no copy, no CR/LF scan. */
	id = pl_resp_header_space(resp, REQ_ID_HEADER, sizeof(REQ_ID_HEADER) - 1,
				  REQ_ID_LEN);
	if (id)
		make_id(app, id);
	return rc;
}

PL_FACTORY(request_id,
	.kind = PL_KIND_FILTER,
	.call = request_id_call);
