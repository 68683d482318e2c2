/*
 * lm3s6965evb pool sizes: 64 KiB of SRAM for everything. Found first on
 * the include path (app/lwpaste_opts.h includes it before any default), so
 * every value here wins over lwipopts.h and net/http_server_priv.h; what
 * the ini sizes (max_header_bytes + max_body_bytes per request buffer,
 * max_connections) still comes from pl_gen.h. ram_budget.c and link.ld
 * check that the sum leaves the stack its 16 KiB.
 *
 * Budget (cmake/size-table has an image's real figures):
 *   request buffer  1 x (max_header_bytes + max_body_bytes): the board
 *                   serves one request at a time
 *   lwIP heap       1 KiB + 640 B a connection: responses in flight
 *   pbuf pool       10 x 600 B   received frames (TCP_MSS 536: a frame a pbuf)
 *   PCBs, segments, connections, app pool, console  ~6 KiB
 *   stack + growth  >= 16 KiB
 * So what an ini can trade on this board is max_header_bytes,
 * max_body_bytes and max_connections (ram_budget.c says so when they do
 * not fit).
 */
#ifndef LWPASTE_BOARD_OPTS_H
#define LWPASTE_BOARD_OPTS_H

/* Physical SRAM, and what the stack must keep (link.ld has the same). */
#define BOARD_RAM_BYTES (64 * 1024)
#define BOARD_STACK_RESERVE (16 * 1024)

/* No TLS on this board (board.cmake): no TLS PCBs, one listener. */
#define LWPASTE_MAX_TLS_CONNECTIONS 0
#define LWPASTE_SPARE_PCBS 3
#define MEMP_NUM_TCP_PCB_LISTEN 1

/* One request buffer: requests on other connections wait (back-pressure
 * through the TCP window) until it is free. */
#define HTTP_REQ_BUFFERS 1

/* lwIP. The heap holds each connection's response until it is acked (the
 * server copies it in: ~600 bytes for a typical JSON answer), so it grows
 * with [server:main] max_connections: 6 KiB for the default 8. Measured:
 * 16 keep-alive clients on a fixed 6 KiB heap ran it dry and the server
 * closed connections. A response is queued whole (HTTP_TX_NEED, ~1.6 KiB):
 * four MSS of send buffer hold it; two MSS of window keep the pbuf pool
 * from running dry while a request body streams in. */
#define MEM_SIZE (1024 + 640 * (LWPASTE_MAX_CONNECTIONS))
#define PBUF_POOL_SIZE 10
#define MEMP_NUM_PBUF 8
#define MEMP_NUM_UDP_PCB 1
#define TCP_SND_BUF (4 * TCP_MSS)
#define TCP_WND (2 * TCP_MSS)

#endif /* LWPASTE_BOARD_OPTS_H */
