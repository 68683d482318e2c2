/*
 * TAP Ethernet driver for the host board (see tap.h). The kernel hands us
 * whole Ethernet frames without FCS; one read() is one frame, one
 * writev() sends one frame gathered from the segments lwIP gives. The
 * descriptor is nonblocking and close-on-exec (board_reset() re-execs).
 */
#include "tap.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>

#define TAP_TX_SEGS 16

int tap_open(struct tap *t, const char *ifname)
{
	struct ifreq ifr;
	int fd;

	t->fd = -1;
	if (strlen(ifname) >= sizeof(ifr.ifr_name))
		return -ENAMETOOLONG;
	fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	memcpy(ifr.ifr_name, ifname, strlen(ifname));
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		int rc = -errno;

		close(fd);
		return rc;
	}
	t->fd = fd;
	memcpy(t->ifname, ifr.ifr_name, sizeof(t->ifname) - 1);
	t->ifname[sizeof(t->ifname) - 1] = 0;
	return 0;
}

/* The kernel side has its own MAC; ours is whatever we put in frames. */
static int tap_init(void *ctx, uint8_t mac[6])
{
	struct tap *t = ctx;

	(void)mac;
	return t->fd >= 0 ? 0 : -ENODEV;
}

static int tap_tx(void *ctx, const struct eth_seg *seg, size_t nseg)
{
	struct tap *t = ctx;
	struct iovec iov[TAP_TX_SEGS];
	size_t i, len = 0;
	ssize_t n;

	if (nseg > TAP_TX_SEGS)
		return -EMSGSIZE;
	for (i = 0; i < nseg; i++) {
		iov[i].iov_base = (void *)seg[i].p;
		iov[i].iov_len = seg[i].n;
		len += seg[i].n;
	}
	if (len > ETH_FRAME_MAX)
		return -EMSGSIZE;
	n = writev(t->fd, iov, (int)nseg);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS ? -EAGAIN : -EIO;
	return (size_t)n == len ? 0 : -EIO;
}

static int tap_rx(void *ctx, void *buf, size_t cap)
{
	struct tap *t = ctx;
	ssize_t n;

	if (cap < ETH_RX_BUF_MIN)
		return -EINVAL;
	n = read(t->fd, (uint8_t *)buf + ETH_RX_PAD, cap - ETH_RX_PAD);
	if (n < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
			return 0;
		return -EIO;
	}
	if (n < 14)
		return n == 0 ? 0 : -EINVAL; /* shorter than an Ethernet header */
	if (n > ETH_FRAME_MAX)
		return -EMSGSIZE;
	return (int)n;
}

/* A TAP interface has no PHY: the link is up while we hold it. */
static bool tap_poll(void *ctx)
{
	struct tap *t = ctx;

	return t->fd >= 0;
}

void tap_driver(struct tap *t, struct eth_driver *drv)
{
	drv->name = "tap";
	drv->ctx = t;
	drv->init = tap_init;
	drv->tx = tap_tx;
	drv->rx = tap_rx;
	drv->poll = tap_poll;
}
