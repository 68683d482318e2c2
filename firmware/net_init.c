/*
 * Network bring-up from [net:eth0]: lwIP, the board's Ethernet driver as
 * eth0, a static address or DHCP. QEMU's user networking answers DHCP
 * and expects 10.0.2.15/24 via 10.0.2.2.
 */
#include <errno.h>
#include <string.h>

#include "lwip/dhcp.h"
#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"

#include "board.h"
#include "eth_netif.h"
#include "fw.h"

static struct netif eth0;

static void put_hex8(char *p, uint8_t v)
{
	static const char hex[] = "0123456789abcdef";

	p[0] = hex[v >> 4];
	p[1] = hex[v & 15];
}

static void print_addr(const struct netif *nif)
{
	char mac[18], buf[IP4ADDR_STRLEN_MAX];
	int i;

	for (i = 0; i < 6; i++) {
		put_hex8(&mac[3 * i], nif->hwaddr[i]);
		mac[3 * i + 2] = i < 5 ? ':' : 0;
	}
	fw_puts("eth0: ");
	fw_puts(mac);
	fw_puts(" ");
	fw_puts(ip4addr_ntoa_r(netif_ip4_addr(nif), buf, sizeof(buf)));
	fw_puts(" mask ");
	fw_puts(ip4addr_ntoa_r(netif_ip4_netmask(nif), buf, sizeof(buf)));
	fw_puts(" gw ");
	fw_puts(ip4addr_ntoa_r(netif_ip4_gw(nif), buf, sizeof(buf)));
	fw_puts("\n");
}

#if LWIP_DHCP
/* Called by lwIP when the address changes (DHCP bound, renewed, lost). */
static void status_changed(struct netif *nif)
{
	print_addr(nif);
}
#endif

int fw_net_init(const struct pl_net_conf *nc)
{
	/* Used only if the chip has no address of its own: locally
	 * administered, unicast, random so that two boards differ. */
	uint8_t mac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
	const struct eth_driver *drv = board_eth();
	ip4_addr_t ip, mask, gw;
	int rc;

	if (drv == NULL) {
		fw_puts("eth0: this board has no Ethernet driver\n");
		return -ENODEV;
	}
	if (board_entropy(&mac[1], 5) == 0)
		mac[0] = 0x02;
	lwip_init();
	ip4_addr_set_zero(&ip);
	ip4_addr_set_zero(&mask);
	ip4_addr_set_zero(&gw);
	if (!nc->dhcp) {
		ip4_addr_set_u32(&ip, lwip_htonl(nc->address));
		ip4_addr_set_u32(&mask, lwip_htonl(nc->netmask));
		ip4_addr_set_u32(&gw, lwip_htonl(nc->gateway));
	}
	rc = eth_netif_add(&eth0, drv, mac, &ip, &mask, &gw);
	if (rc != 0) {
		fw_puts("eth0: driver ");
		fw_puts(drv->name);
		fw_puts(" did not start\n");
		return rc;
	}
	netif_set_hostname(&eth0, nc->hostname ? nc->hostname : LWPASTE_NAME);
	fw_puts("eth0: ");
	fw_puts(drv->name);
	fw_puts(nc->dhcp ? ", DHCP\n" : ", static\n");
	if (nc->dhcp) {
#if LWIP_DHCP
		netif_set_status_callback(&eth0, status_changed);
		return eth_err_to_errno(dhcp_start(&eth0));
#else
		/* lwipopts.h leaves DHCP out when the baked ini has a static
		 * address; a config given at run time cannot ask for it. */
		fw_puts("eth0: this image was built without DHCP\n");
		return -ENOTSUP;
#endif
	}
	print_addr(&eth0);
	return 0;
}

void fw_net_on_starved(void (*fn)(void))
{
	if (eth0.state != NULL)
		eth_netif_on_starved(&eth0, fn);
}

bool fw_net_poll(void)
{
	if (eth0.state == NULL)
		return false;
	return eth_netif_poll(&eth0);
}

void fw_net_info(struct pl_net_info *ni)
{
	memset(ni, 0, sizeof(*ni));
	if (eth0.state == NULL)
		return;
	memcpy(ni->mac, eth0.hwaddr, sizeof(ni->mac));
	ni->ipv4 = ip4_addr_get_u32(netif_ip4_addr(&eth0));
	ni->netmask = ip4_addr_get_u32(netif_ip4_netmask(&eth0));
	ni->gateway = ip4_addr_get_u32(netif_ip4_gw(&eth0));
	ni->hostname = netif_get_hostname(&eth0);
}
