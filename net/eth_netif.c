/*
 * Glue between a net/eth.h driver and lwIP (see eth_netif.h).
 *
 * Receive: one PBUF_POOL pbuf is kept ready; the driver copies the next
 * frame into it (pad included, so the IP header lands 4-byte aligned) and
 * it goes to lwIP whole, without a second copy. Transmit: a pbuf chain
 * becomes a list of segments the driver gathers into its FIFO; only a
 * chain longer than ETH_TX_SEGS is flattened first.
 */
#include <errno.h>
#include <string.h>

#include "lwip/err.h"
#include "lwip/etharp.h"
#include "lwip/pbuf.h"
#include "lwip/stats.h"
#include "lwip/sys.h"
#include "netif/ethernet.h"

#include "eth_netif.h"

#if ETH_PAD_SIZE != ETH_RX_PAD
#error "lwipopts.h ETH_PAD_SIZE must match net/eth.h ETH_RX_PAD"
#endif
#if PBUF_POOL_BUFSIZE < ETH_RX_BUF_FOR(TCP_MSS + 40)
#error "PBUF_POOL_BUFSIZE must hold a full-MSS TCP segment's frame in one pbuf"
#endif

#define ETH_TX_SEGS 8        /* a TCP segment is 2-3 pbufs: headers, data */
#define ETH_RX_BUDGET 16     /* frames per poll, so timers still run under load */
#define ETH_LINK_POLL_MS 100 /* how often to ask the PHY about the link */
#ifndef ETH_STARVED_MS
#define ETH_STARVED_MS 250   /* receive pool empty this long: reclaim */
#endif

struct eth_netif {
	const struct eth_driver *drv;
	struct pbuf *spare;  /* the next receive buffer */
	void (*starved)(void);
	uint32_t starved_since; /* sys_now() | 1 when the pool ran dry; 0: it has not */
	uint32_t link_checked;
	int init_err;
	uint8_t mac[6];
};

/* One netif per image (LWIP_SINGLE_NETIF). */
static struct eth_netif eth0;

int eth_err_to_errno(err_t err)
{
	switch (err) {
	case ERR_OK:
		return 0;
	case ERR_MEM:
	case ERR_BUF:
		return -ENOMEM;
	case ERR_TIMEOUT:
		return -ETIMEDOUT;
	case ERR_RTE:
		return -EHOSTUNREACH;
	case ERR_INPROGRESS:
		return -EINPROGRESS;
	case ERR_VAL:
	case ERR_ARG:
		return -EINVAL;
	case ERR_WOULDBLOCK:
		return -EAGAIN;
	case ERR_USE:
		return -EADDRINUSE;
	case ERR_ALREADY:
		return -EALREADY;
	case ERR_ISCONN:
		return -EISCONN;
	case ERR_CONN:
	case ERR_CLSD:
		return -ENOTCONN;
	case ERR_ABRT:
		return -ECONNABORTED;
	case ERR_RST:
		return -ECONNRESET;
	default:
		return -EIO;
	}
}

static err_t errno_to_err(int rc)
{
	switch (rc) {
	case 0:
		return ERR_OK;
	case -EAGAIN:
	case -ENOMEM:
		return ERR_MEM;
	case -EMSGSIZE:
		return ERR_VAL;
	default:
		return ERR_IF;
	}
}

static err_t eth_linkoutput(struct netif *nif, struct pbuf *p)
{
	static uint8_t flat[ETH_FRAME_MAX];
	struct eth_netif *en = nif->state;
	struct eth_seg seg[ETH_TX_SEGS];
	size_t nseg = 0, skip = ETH_PAD_SIZE;
	struct pbuf *q;
	int rc;

	for (q = p; q != NULL; q = q->next) {
		if (q->len <= skip) {
			skip -= q->len;
			continue;
		}
		if (nseg == ETH_TX_SEGS)
			break;
		seg[nseg].p = (const uint8_t *)q->payload + skip;
		seg[nseg].n = q->len - skip;
		skip = 0;
		nseg++;
	}
	if (q != NULL) {
		/* Too many pieces: flatten (rare; lwIP chains are short). */
		uint16_t len = (uint16_t)(p->tot_len - ETH_PAD_SIZE);

		if (len > sizeof(flat))
			return ERR_VAL;
		pbuf_copy_partial(p, flat, len, ETH_PAD_SIZE);
		seg[0].p = flat;
		seg[0].n = len;
		nseg = 1;
	}
	rc = en->drv->tx(en->drv->ctx, seg, nseg);
	if (rc != 0) {
		LINK_STATS_INC(link.err);
		return errno_to_err(rc);
	}
	LINK_STATS_INC(link.xmit);
	return ERR_OK;
}

static err_t eth_netif_init(struct netif *nif)
{
	struct eth_netif *en = nif->state;
	int rc;

	rc = en->drv->init(en->drv->ctx, en->mac);
	if (rc != 0) {
		en->init_err = rc;
		return ERR_IF;
	}
	nif->name[0] = 'e';
	nif->name[1] = 'n';
	nif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(nif->hwaddr, en->mac, ETH_HWADDR_LEN);
	nif->mtu = 1500;
	nif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
	nif->output = etharp_output;
	nif->linkoutput = eth_linkoutput;
	return ERR_OK;
}

int eth_netif_add(struct netif *nif, const struct eth_driver *drv,
		  const uint8_t default_mac[6], const ip4_addr_t *ip,
		  const ip4_addr_t *mask, const ip4_addr_t *gw)
{
	struct eth_netif *en = &eth0;

	if (drv == NULL)
		return -ENODEV;
	if (en->drv != NULL)
		return -EBUSY;
	en->drv = drv;
	en->init_err = 0;
	memcpy(en->mac, default_mac, sizeof(en->mac));
	if (netif_add(nif, ip, mask, gw, en, eth_netif_init, ethernet_input) == NULL) {
		en->drv = NULL;
		return en->init_err != 0 ? en->init_err : -EIO;
	}
	netif_set_default(nif);
	netif_set_up(nif);
	return 0;
}

void eth_netif_on_starved(struct netif *nif, void (*fn)(void))
{
	struct eth_netif *en = nif->state;

	en->starved = fn;
}

/* No pool buffer for the next frame. Waiting is right while the stack
 * frees buffers by itself; when the pool stays empty, what holds it may
 * be waiting for a frame that is still in the chip: ask for some back. */
static void eth_netif_starving(struct eth_netif *en)
{
	uint32_t now = sys_now();

	LINK_STATS_INC(link.memerr);
	if (!en->starved_since) {
		en->starved_since = now | 1u;
		return;
	}
	if (now - en->starved_since >= ETH_STARVED_MS && en->starved) {
		en->starved_since = now | 1u;
		en->starved();
	}
}

static void eth_netif_link(struct netif *nif, struct eth_netif *en)
{
	uint32_t now = sys_now();
	bool up;

	if (netif_is_link_up(nif) && now - en->link_checked < ETH_LINK_POLL_MS)
		return;
	en->link_checked = now;
	up = en->drv->poll(en->drv->ctx);
	if (up && !netif_is_link_up(nif))
		netif_set_link_up(nif);
	else if (!up && netif_is_link_up(nif))
		netif_set_link_down(nif);
}

bool eth_netif_poll(struct netif *nif)
{
	struct eth_netif *en = nif->state;
	int i;

	eth_netif_link(nif, en);
	for (i = 0; i < ETH_RX_BUDGET; i++) {
		struct pbuf *p;
		int n;

		if (en->spare == NULL) {
			/* The pool is empty: leave frames in the chip until
			 * the stack frees some (the next tick retries). */
			en->spare = pbuf_alloc(PBUF_RAW, PBUF_POOL_BUFSIZE, PBUF_POOL);
			if (en->spare == NULL) {
				eth_netif_starving(en);
				return false;
			}
			en->starved_since = 0;
		}
		n = en->drv->rx(en->drv->ctx, en->spare->payload, en->spare->len);
		if (n == 0)
			return false;
		if (n < 0) {
			LINK_STATS_INC(link.drop);
			continue;
		}
		p = en->spare;
		en->spare = NULL;
		pbuf_realloc(p, (u16_t)(n + ETH_PAD_SIZE));
		LINK_STATS_INC(link.recv);
		if (nif->input(p, nif) != ERR_OK)
			pbuf_free(p);
	}
	return true;
}
