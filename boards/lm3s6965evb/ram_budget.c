/*
 * Compile-time RAM budget for this board: do the pools that the ini
 * (pl_gen.h: max_header_bytes + max_body_bytes per request buffer,
 * max_connections) and board_opts.h ask for fit 64 KiB with 16 KiB left
 * for the stack? An estimate from the same macros that size the pools, so
 * the build fails early with a message that says what to change; link.ld
 * checks the exact figure when the image links. Emits no code.
 *
 * What the ini can change: board_opts.h fixes one request buffer and the
 * pbuf pool, so max_header_bytes + max_body_bytes (that buffer) and
 * max_connections (lwIP heap, TCP PCBs, connection slots) are the knobs.
 * tests/buildsys/ram-budget.cmake checks that an oversized ini fails here.
 */
#include "lwipopts.h"
#include "http_server_priv.h"

/* Static RAM besides the pools below, measured on the default image
 * (cmake/size-report): the server's response buffers and connection
 * table, eth_netif's TX flattening buffer, lwIP's small pools, the
 * pipeline pool, libc. */
#define RB_FIXED (8 * 1024)
#define RB_TCP_PCB 152  /* sizeof(struct tcp_pcb), Cortex-M, this lwipopts.h */
#define RB_PBUF_HDR 16  /* struct pbuf in front of each pool buffer */
#define RB_CONN 80      /* the server's per-connection slot */

#define RB_NEED                                                              \
	((HTTP_REQ_BUFFERS) * (HTTP_REQ_BUF_SIZE) + (MEM_SIZE) +               \
	 (PBUF_POOL_SIZE) * ((PBUF_POOL_BUFSIZE) + RB_PBUF_HDR) +              \
	 (MEMP_NUM_TCP_PCB) * RB_TCP_PCB + (HTTP_MAX_CONNS) * RB_CONN +        \
	 RB_FIXED + (BOARD_STACK_RESERVE))
#define RB_NEED_KIB (((RB_NEED) + 1023) / 1024)

#if RB_NEED > BOARD_RAM_BYTES
/* The preprocessor cannot print a number it computed, but #pragma message
 * expands macros: spell the KiB out digit by digit. */
#if (RB_NEED_KIB / 100 % 10) == 0
#define RB_D2 0
#elif (RB_NEED_KIB / 100 % 10) == 1
#define RB_D2 1
#elif (RB_NEED_KIB / 100 % 10) == 2
#define RB_D2 2
#elif (RB_NEED_KIB / 100 % 10) == 3
#define RB_D2 3
#elif (RB_NEED_KIB / 100 % 10) == 4
#define RB_D2 4
#elif (RB_NEED_KIB / 100 % 10) == 5
#define RB_D2 5
#elif (RB_NEED_KIB / 100 % 10) == 6
#define RB_D2 6
#elif (RB_NEED_KIB / 100 % 10) == 7
#define RB_D2 7
#elif (RB_NEED_KIB / 100 % 10) == 8
#define RB_D2 8
#elif (RB_NEED_KIB / 100 % 10) == 9
#define RB_D2 9
#endif
#if (RB_NEED_KIB / 10 % 10) == 0
#define RB_D1 0
#elif (RB_NEED_KIB / 10 % 10) == 1
#define RB_D1 1
#elif (RB_NEED_KIB / 10 % 10) == 2
#define RB_D1 2
#elif (RB_NEED_KIB / 10 % 10) == 3
#define RB_D1 3
#elif (RB_NEED_KIB / 10 % 10) == 4
#define RB_D1 4
#elif (RB_NEED_KIB / 10 % 10) == 5
#define RB_D1 5
#elif (RB_NEED_KIB / 10 % 10) == 6
#define RB_D1 6
#elif (RB_NEED_KIB / 10 % 10) == 7
#define RB_D1 7
#elif (RB_NEED_KIB / 10 % 10) == 8
#define RB_D1 8
#elif (RB_NEED_KIB / 10 % 10) == 9
#define RB_D1 9
#endif
#if (RB_NEED_KIB % 10) == 0
#define RB_D0 0
#elif (RB_NEED_KIB % 10) == 1
#define RB_D0 1
#elif (RB_NEED_KIB % 10) == 2
#define RB_D0 2
#elif (RB_NEED_KIB % 10) == 3
#define RB_D0 3
#elif (RB_NEED_KIB % 10) == 4
#define RB_D0 4
#elif (RB_NEED_KIB % 10) == 5
#define RB_D0 5
#elif (RB_NEED_KIB % 10) == 6
#define RB_D0 6
#elif (RB_NEED_KIB % 10) == 7
#define RB_D0 7
#elif (RB_NEED_KIB % 10) == 8
#define RB_D0 8
#elif (RB_NEED_KIB % 10) == 9
#define RB_D0 9
#endif
#define RB_STR_(x) #x
#define RB_STR(x) RB_STR_(x)
#define RB_CAT_(a, b, c) a##b##c
#define RB_CAT(a, b, c) RB_CAT_(a, b, c)
#if RB_D2 == 0
#define RB_KIB RB_CAT(, RB_D1, RB_D0)
#else
#define RB_KIB RB_CAT(RB_D2, RB_D1, RB_D0)
#endif
#pragma message "lwpaste: configured pools need about " RB_STR(RB_KIB) " KiB RAM: " RB_STR(HTTP_REQ_BUFFERS) " request buffer of max_header_bytes + max_body_bytes (" RB_STR(HTTP_MAX_HEADER_BYTES) " + " RB_STR(HTTP_MAX_BODY_BYTES) "), lwIP heap, PCBs and slots for max_connections (" RB_STR(HTTP_MAX_CONNS) "), 16 KiB stack; lm3s6965evb has 64 KiB"
#error "lm3s6965evb: the configured pools do not fit its 64 KiB RAM: lower max_body_bytes, max_header_bytes or max_connections in [server:main] (see the message above)"
#endif

/* An empty translation unit is not ISO C. */
typedef int lm3s_ram_budget_ok;
