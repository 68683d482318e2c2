/*
 * lwIP options for lwpaste: NO_SYS superloop, raw/altcp API, IPv4 only.
 * Every size is a #ifndef default so that a board (board_opts.h, pulled in
 * through lwpaste_opts.h) or the generated config (pl_gen.h, emitted by the
 * config tool from the ini: PL_GEN_MAX_CONNECTIONS ...) can override it
 * before lwIP's opt.h fills in the rest. lwIP's files are never edited.
 */
#ifndef LWPASTE_LWIPOPTS_H
#define LWPASTE_LWIPOPTS_H

#include "lwpaste_opts.h"

/* ETH_RX_BUF_FOR(): what a driver needs to receive a frame */
#include "../eth.h"

#if defined(__has_include)
#if __has_include("pl_gen.h")
#include "pl_gen.h"
#endif
#endif

/* ---- connection budget: [server:main] max_connections, TLS sessions ---- */
#ifndef LWPASTE_MAX_CONNECTIONS
#ifdef PL_GEN_MAX_CONNECTIONS
#define LWPASTE_MAX_CONNECTIONS PL_GEN_MAX_CONNECTIONS
#else
#define LWPASTE_MAX_CONNECTIONS 8
#endif
#endif
#ifndef LWPASTE_MAX_TLS_CONNECTIONS
#ifdef PL_GEN_MAX_TLS_CONNECTIONS
#define LWPASTE_MAX_TLS_CONNECTIONS PL_GEN_MAX_TLS_CONNECTIONS
#else
#define LWPASTE_MAX_TLS_CONNECTIONS 2
#endif
#endif
/* PCBs beyond the connection table: one to accept and answer 503 when the
 * table is full, and a few in TIME_WAIT / LAST_ACK after our own closes. */
#ifndef LWPASTE_SPARE_PCBS
#define LWPASTE_SPARE_PCBS 4
#endif

/* ---- system ---- */
#define NO_SYS 1
/* lwIP's asserts cost ~10 KiB of flash (their strings); a board that wants
 * them (the host board, under sanitizers) sets LWPASTE_LWIP_ASSERT. */
#ifndef LWPASTE_LWIP_ASSERT
#define LWIP_NOASSERT 1
#endif
#define SYS_LIGHTWEIGHT_PROT 0 /* lwIP is only ever called from the main loop */
#define LWIP_TIMERS 1
#define LWIP_SOCKET 0
#define LWIP_NETCONN 0
#define LWIP_ERRNO_STDINCLUDE 1 /* newlib's errno.h, the -errno we return */

/* ---- protocols ---- */
#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define LWIP_ICMP 1
#define LWIP_RAW 0
/* The DHCP client (and UDP, which only it uses) is in an image whose
 * baked ini says [net:eth0] address = dhcp, not in one with a static
 * address: about 5 KiB of flash. Without a baked ini (the host board
 * loads one at run time) it is always in. */
#ifndef LWIP_DHCP
#if defined(PL_GEN_NET_DHCP)
#define LWIP_DHCP PL_GEN_NET_DHCP
#else
#define LWIP_DHCP 1
#endif
#endif
#define LWIP_UDP LWIP_DHCP
#define LWIP_TCP 1
#define LWIP_IGMP 0
#define LWIP_DNS 0
#define LWIP_AUTOIP 0
#ifndef LWIP_ALTCP_TLS
#define LWIP_ALTCP_TLS 0 /* cmake/tls.cmake: 1 in a TLS image */
#endif
/* The server speaks altcp. In a TLS image that is a real layer (altcp_tls
 * over altcp_tcp); without TLS, lwIP's altcp.h maps every altcp_* call
 * onto tcp_* at compile time: the same server source, without the
 * wrapper pcbs (about 2 KiB of flash and a pool of RAM). */
#define LWIP_ALTCP LWIP_ALTCP_TLS
#define IP_REASSEMBLY 0 /* nothing we serve needs fragmented requests */
#define IP_FRAG 0 /* TCP never sends segments larger than the MTU */

/* ---- netif ---- */
#define LWIP_NETIF_HOSTNAME 1
#define LWIP_NETIF_STATUS_CALLBACK LWIP_DHCP /* print the address DHCP gave us */
#define LWIP_NETIF_LINK_CALLBACK 0 /* nobody registers one */
#define LWIP_NETIF_LOOPBACK 0
#define LWIP_HAVE_LOOPIF 0
#define LWIP_SINGLE_NETIF 1
/* Two bytes before the Ethernet header align the IP header to 4 bytes;
 * the LAN9118 writes them with RXDOFF = 2 (net/eth.h ETH_RX_PAD). */
#define ETH_PAD_SIZE 2

/* ---- memory: fixed pools, no malloc ---- */
#define MEM_LIBC_MALLOC 0
#define MEMP_MEM_MALLOC 0
#ifndef MEM_ALIGNMENT
#define MEM_ALIGNMENT 4 /* the host board (64-bit) needs 8 */
#endif
#ifndef MEM_SIZE
/* lwIP heap: TCP segment headers and copied writes; one exact-size write
 * per response keeps the need near 1 KiB per busy connection. */
#define MEM_SIZE (2048 + 768 * (LWPASTE_MAX_CONNECTIONS))
#endif
#ifndef PBUF_POOL_SIZE
/* Received frames in flight. A connection waiting for a request buffer
 * holds its unread pbufs, so the pool must outnumber the connections or
 * waiting clients can starve the NIC (seen under slowloris with 8). */
#define PBUF_POOL_SIZE (LWPASTE_MAX_CONNECTIONS + 8)
#endif
/* One pool pbuf holds a received frame with pad and FCS (net/eth.h): a
 * full-MSS TCP segment, and any IPv4 datagram of up to 576 bytes (RFC 791:
 * every host takes those; DHCP's are). A driver drops a larger frame, and
 * our TCP_MSS keeps peers from sending one. */
#ifndef PBUF_POOL_BUFSIZE
#define PBUF_POOL_BUFSIZE ((ETH_RX_BUF_FOR(576) + MEM_ALIGNMENT - 1) / MEM_ALIGNMENT * MEM_ALIGNMENT)
#endif
#ifndef MEMP_NUM_PBUF
#define MEMP_NUM_PBUF 16 /* PBUF_REF/ROM: zero-copy writes of flash bodies */
#endif
#ifndef MEMP_NUM_TCP_PCB
#define MEMP_NUM_TCP_PCB (LWPASTE_MAX_CONNECTIONS + LWPASTE_MAX_TLS_CONNECTIONS + LWPASTE_SPARE_PCBS)
#endif
#ifndef MEMP_NUM_TCP_PCB_LISTEN
#define MEMP_NUM_TCP_PCB_LISTEN 2 /* http and https */
#endif
#ifndef MEMP_NUM_UDP_PCB
#define MEMP_NUM_UDP_PCB 2
#endif
#ifndef MEMP_NUM_SYS_TIMEOUT
#define MEMP_NUM_SYS_TIMEOUT (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 4)
#endif

/* ---- TLS: cmake/tls.cmake sets LWIP_ALTCP_TLS=1 in TLS images ---- */
#if LWIP_ALTCP_TLS
/* A TLS connection, like the TLS listener, is two altcp pcbs: the TLS
 * layer (net/tls/) over the TCP one; one more TLS connection may exist
 * while the server refuses it (net/tls/tls_mem.c). */
#ifndef MEMP_NUM_ALTCP_PCB
#define MEMP_NUM_ALTCP_PCB (MEMP_NUM_TCP_PCB + MEMP_NUM_TCP_PCB_LISTEN + LWPASTE_MAX_TLS_CONNECTIONS + 2)
#endif
#endif

/* ---- TCP ---- */
/* lwIP's default MSS: frames of at most 590 bytes, so a pool pbuf is 600
 * bytes, not 1.5 KiB (-15 KiB of RAM with the default pool). A request
 * and a JSON answer are one segment either way; a board with RAM to spare
 * may raise it (and PBUF_POOL_BUFSIZE follows). */
#ifndef TCP_MSS
#define TCP_MSS 536
#endif
#ifndef TCP_SND_BUF
#define TCP_SND_BUF (4 * TCP_MSS)
#endif
#ifndef TCP_WND
#define TCP_WND (4 * TCP_MSS)
#endif
#define TCP_SND_QUEUELEN ((4 * (TCP_SND_BUF) + (TCP_MSS - 1)) / (TCP_MSS))
#ifndef MEMP_NUM_TCP_SEG
#define MEMP_NUM_TCP_SEG (2 * TCP_SND_QUEUELEN)
#endif
#define TCP_QUEUE_OOSEQ 0 /* requests are small; keep pbufs for new ones */
#define LWIP_TCP_KEEPALIVE 0
#define TCP_LISTEN_BACKLOG 0

/* ---- checksums in software (neither QEMU model offloads) ---- */
#define LWIP_CHECKSUM_CTRL_PER_NETIF 0
/* Data the server copies into lwIP (every rendered answer) is summed as it
 * is copied, in one pass (net/port/lwip_chksum.c), instead of a memcpy now
 * and a second walk over the bytes in tcp_output(). */
#define LWIP_CHECKSUM_ON_COPY 1
#include "lwip_chksum.h"
#define LWIP_CHKSUM_COPY(dst, src, len) lwpaste_chksum_copy((dst), (src), (len))

/* ---- statistics: /v1/stats reports them ---- */
#define LWIP_STATS 1
#define LWIP_STATS_DISPLAY 0
#define MEM_STATS 1
#define MEMP_STATS 1
#define LINK_STATS 1
#define TCP_STATS 1
#define ETHARP_STATS 0
#define IP_STATS 0
#define ICMP_STATS 0
#define UDP_STATS 0
#define SYS_STATS 0

/* ---- lwIP's httpd, only in the lwpaste-baseline image ---- */
#define LWIP_HTTPD_CGI 0
#define LWIP_HTTPD_SSI 0
#define LWIP_HTTPD_SUPPORT_POST 0
#define HTTPD_USE_MEM_POOL 0

/* ---- hooks (net/port/lwip_hooks.c) ---- */
/* A SYN for the ports of a TIME-WAIT PCB starts a new connection; a SYN
 * with no PCB left for it is refused with a RST (http_server.c on_accept). */
#define LWIP_HOOK_FILENAME "lwip_hooks.h"
#define LWIP_HOOK_IP4_INPUT(p, inp) lwpaste_ip4_input_hook((p), (inp))
#define LWIP_HOOK_TCP_INPACKET_PCB(pcb, hdr, optlen, opt1len, opt2, p) \
	lwpaste_tcp_inpacket_hook((pcb), (hdr), (optlen), (opt1len), (opt2), (p))

#endif /* LWPASTE_LWIPOPTS_H */
