/*
 * An Ethernet driver is four functions (Mongoose's shape): init, tx, rx,
 * poll. Real MACs (boards/drivers/), a TAP device (host board) and the unit
 * tests' mock implement it alike; net/eth_netif.c turns any of them into an
 * lwIP netif. A driver knows no lwIP: frames are plain buffers.
 *
 * Receive buffers carry ETH_RX_PAD bytes of padding in front of the frame,
 * so that the IP header after the 14-byte Ethernet header is 4-byte
 * aligned (lwIP's ETH_PAD_SIZE, the LAN9118's RXDOFF).
 */
#ifndef LWPASTE_ETH_H
#define LWPASTE_ETH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ETH_RX_PAD 2
#define ETH_FRAME_MAX 1518 /* 1514 + FCS, no VLAN tag */
/* Receive buffer for frames carrying IP datagrams of up to ip_max bytes:
 * pad, Ethernet header, datagram, FCS, and 3 because a driver may store
 * whole words. */
#define ETH_RX_BUF_FOR(ip_max) (ETH_RX_PAD + 14 + (ip_max) + 4 + 3)
#define ETH_RX_BUF_MIN ETH_RX_BUF_FOR(1500) /* any frame */

/* One piece of an outgoing frame (a pbuf of a chain). */
struct eth_seg {
	const void *p;
	size_t n;
};

struct eth_driver {
	const char *name;  /* chip name for the banner, e.g. "lan9118" */
	void *ctx;         /* the driver's state, passed back to every call */
	/* Reset and start the MAC. mac: in, the address to use if the chip has
	 * none of its own; out, the address in use. 0 or -errno. */
	int (*init)(void *ctx, uint8_t mac[6]);
	/* Send one frame made of nseg pieces (no FCS, no padding).
	 * 0, -EAGAIN if the chip has no room now, -EMSGSIZE, -EIO. */
	int (*tx)(void *ctx, const struct eth_seg *seg, size_t nseg);
	/* Copy the next received frame to buf + ETH_RX_PAD; one that does
	 * not fit in cap bytes is dropped (-errno).
	 * Returns its length without FCS, 0 if none is waiting, or -errno if a
	 * frame was bad (it is dropped; call again). Re-arms the receive
	 * interrupt when it returns 0. */
	int (*rx)(void *ctx, void *buf, size_t cap);
	/* Housekeeping from the main loop; returns whether the link is up. */
	bool (*poll)(void *ctx);
};

#endif /* LWPASTE_ETH_H */
