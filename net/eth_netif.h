/*
 * Any net/eth.h driver as an lwIP netif. The driver's interrupt only wakes
 * the core; eth_netif_poll(), called from the main loop, moves frames from
 * the chip into pbufs and through lwIP, and follows the link state.
 */
#ifndef LWPASTE_ETH_NETIF_H
#define LWPASTE_ETH_NETIF_H

#include <stdbool.h>

#include "lwip/netif.h"

#include "eth.h"

/* Start drv and add it as the default netif with these addresses (NULL:
 * 0.0.0.0, e.g. before DHCP). mac: the address to use when the chip has
 * none; the one in use ends up in nif->hwaddr. 0 or -errno. */
int eth_netif_add(struct netif *nif, const struct eth_driver *drv,
		  const uint8_t default_mac[6], const ip4_addr_t *ip,
		  const ip4_addr_t *mask, const ip4_addr_t *gw);

/* Feed received frames to lwIP, a bounded batch per call. Returns true if
 * frames may still be waiting: call again before sleeping. */
bool eth_netif_poll(struct netif *nif);

/* fn runs from eth_netif_poll() when the receive pool has stayed empty
 * for ETH_STARVED_MS: frames wait in the chip, among them the ACKs and
 * FINs that would free pool buffers, so whoever holds received data it is
 * not consuming must let some go (http_server_reclaim()). */
void eth_netif_on_starved(struct netif *nif, void (*fn)(void));

/* lwIP's err_t as 0 / -errno, for the net/ boundary. */
int eth_err_to_errno(err_t err);

#endif /* LWPASTE_ETH_NETIF_H */
