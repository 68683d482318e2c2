/*
 * A Linux TAP device as a net/eth.h Ethernet driver (Mongoose's TAP
 * driver shape): frames are read and written whole on a nonblocking file
 * descriptor from /dev/net/tun, IFF_TAP | IFF_NO_PI.
 */
#ifndef LWPASTE_HOST_TAP_H
#define LWPASTE_HOST_TAP_H

#include "eth.h"

struct tap {
	int fd;               /* -1 until tap_open() */
	char ifname[16];      /* IFNAMSIZ */
};

/* Attach to the TAP interface ifname (created if it does not exist and we
 * may create it). 0 or -errno. */
int tap_open(struct tap *t, const char *ifname);

/* The driver for an opened tap (ctx = t). */
void tap_driver(struct tap *t, struct eth_driver *drv);

#endif /* LWPASTE_HOST_TAP_H */
