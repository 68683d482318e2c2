/*
 * Memory for the TLS layer, all static (no system heap, no lwIP heap):
 *
 *   - mbedTLS's calloc/free: memory_buffer_alloc over one static arena,
 *     TLS_ARENA_SIZE bytes, sized for max_tls_connections (record buffers,
 *     handshake state, the transient ECP arithmetic) plus what lives for
 *     the whole run (parsed certificate and key, entropy pool, DRBG);
 *   - lwIP's altcp_tls_mbedtls per-connection state: a fixed pool of one
 *     per TLS connection, the listener's, and one spare. This file
 *     replaces lwIP's altcp_tls_mbedtls_mem.c (which takes it all from the
 *     lwIP heap) and implements the same five functions
 *     (altcp_tls_mbedtls_mem.h).
 *
 * The spare matters: lwIP sets a TLS connection up (state, record
 * buffers) before the server's accept callback sees it, and it is that
 * callback which refuses a client past max_tls_connections. Were the set-up
 * itself to fail, lwIP 2.1.3 would leak the TCP-level altcp pcb whenever
 * the SYN also found no free tcp_pcb (altcp_tcp_accept() with a NULL
 * pcb). So the pool and the arena hold max_tls_connections + 1 set-ups;
 * the one past the limit lives only inside the accept callback.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "altcp_tls_mbedtls_mem.h"
#include "board.h"
#include "lwip/opt.h"
#include "mbedtls/memory_buffer_alloc.h"
#include "mbedtls/platform.h"
#include "tls.h"
#include "tls_priv.h"

/* Measured on mps2-an385 (README "HTTPS"): 2.7 KiB stay allocated after
 * set-up (certificate, key, entropy pool, DRBG, config); an established
 * connection holds 8.2 KiB (ssl context, 4 KiB in / 2 KiB out record
 * buffers, session, AEAD transform); a handshake adds up to 4 KiB of ECP
 * arithmetic, one at a time (the loop runs one handshake step at once). */
#ifndef TLS_ARENA_BASE
#define TLS_ARENA_BASE (8 * 1024)
#endif
#ifndef TLS_ARENA_PER_CONN
#define TLS_ARENA_PER_CONN (9 * 1024)
#endif
#ifndef TLS_ARENA_SIZE
#define TLS_ARENA_SIZE (TLS_ARENA_BASE + (LWPASTE_MAX_TLS_CONNECTIONS + 1) * TLS_ARENA_PER_CONN)
#endif
/* memory_buffer_alloc's block header: eight words (no MEMORY_BACKTRACE). */
#define TLS_ARENA_HDR (8 * sizeof(size_t))

/* One state per TLS connection, the listener's, and the spare. */
#define TLS_STATES (LWPASTE_MAX_TLS_CONNECTIONS + 2)

static unsigned char arena[TLS_ARENA_SIZE] __attribute__((aligned(8)));
static altcp_mbedtls_state_t states[TLS_STATES];
static bool state_used[TLS_STATES];
static unsigned refused;

void *tls_mem_unset_calloc(size_t n, size_t size)
{
	(void)n;
	(void)size;
	return NULL; /* before tls_mem_init(): fail, never fall back to a heap */
}

void tls_mem_unset_free(void *p)
{
	(void)p;
}

int tls_mem_fprintf(void *f, const char *fmt, ...)
{
	(void)f;
	board_console_write("tls: ", 5);
	board_console_write(fmt, strlen(fmt));
	return 0;
}

void tls_mem_fatal(int status)
{
	(void)status;
	board_console_write("tls: arena corrupted, resetting\n", 32);
	board_reset();
}

void tls_mem_init(void)
{
	static bool done;

	if (done)
		return;
	mbedtls_memory_buffer_alloc_init(arena, sizeof(arena));
	done = true;
}

void tls_mem_stats(struct tls_mem_stats *st)
{
	size_t used, blocks, peak, peak_blocks;

	mbedtls_memory_buffer_alloc_cur_get(&used, &blocks);
	mbedtls_memory_buffer_alloc_max_get(&peak, &peak_blocks);
	st->size = sizeof(arena);
	st->used = (uint32_t)(used + blocks * TLS_ARENA_HDR);
	st->peak = (uint32_t)(peak + peak_blocks * TLS_ARENA_HDR);
	st->blocks = (uint32_t)blocks;
}

unsigned tls_mem_refused(void)
{
	return refused;
}

/* ---- altcp_tls_mbedtls_mem.h ---- */

void altcp_mbedtls_mem_init(void)
{
	tls_mem_init();
}

altcp_mbedtls_state_t *altcp_mbedtls_alloc(void *conf)
{
	int i;

	for (i = 0; i < TLS_STATES; i++) {
		if (!state_used[i]) {
			state_used[i] = true;
			memset(&states[i], 0, sizeof(states[i]));
			states[i].conf = conf;
			return &states[i];
		}
	}
	if (refused++ == 0)
		board_console_write("tls: a TLS client refused: all TLS states in use\n", 49);
	return NULL;
}

void altcp_mbedtls_free(void *conf, altcp_mbedtls_state_t *state)
{
	(void)conf;
	if (state >= states && state < states + TLS_STATES)
		state_used[state - states] = false;
}

void *altcp_mbedtls_alloc_config(size_t size)
{
	return mbedtls_calloc(1, size);
}

void altcp_mbedtls_free_config(void *item)
{
	mbedtls_free(item);
}
