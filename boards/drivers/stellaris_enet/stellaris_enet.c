/*
 * Stellaris Ethernet controller driver (see stellaris_enet.h). Register
 * names and bits follow the LM3S6965 datasheet (TI, SPMS001), chapter
 * "Ethernet Controller", section "Register Descriptions (Ethernet MAC)"
 * and the integrated PHY's MII registers.
 *
 * FIFO formats, checked against QEMU's model (hw/net/stellaris_enet.c):
 *   RX  32-bit reads of MACDATA. The first two bytes of a frame are its
 *       length, counting those two bytes, the frame and the 4-byte FCS;
 *       the frame follows at byte 2. Read into a word-aligned buffer,
 *       that is exactly net/eth.h's ETH_RX_PAD = 2 layout: the length
 *       field lands in the pad and the IP header is 4-byte aligned.
 *   TX  32-bit writes: the first two bytes are the payload length (the
 *       frame minus its 14-byte header), the frame follows; MACTR.NEWTX
 *       sends it, and stays set until the FIFO is free again. The MAC
 *       pads to 60 bytes and appends the FCS (MACTCTL PADEN, CRC).
 * What else QEMU's model does: MACDATA read with no frame waiting prints
 * "RX underflow" (so MACNP is checked first); RIS.RXINT is set per frame
 * and sticky until acknowledged; the MII is not modelled (MACMRXD reads 0,
 * so the link is reported up); there is no address filter.
 */
#include <errno.h>
#include <string.h>

#include "stellaris_enet.h"

/* MAC registers (datasheet: Ethernet MAC register map) */
#define MACRIS 0x000u  /* read: raw interrupt status; write: MACIACK */
#define MACIM 0x004u
#define MACRCTL 0x008u
#define MACTCTL 0x00Cu
#define MACDATA 0x010u
#define MACIA0 0x014u
#define MACIA1 0x018u
#define MACTHR 0x01Cu
#define MACMCTL 0x020u
#define MACMDV 0x024u
#define MACMTXD 0x02Cu
#define MACMRXD 0x030u
#define MACNP 0x034u
#define MACTR 0x038u

#define INT_RX (1u << 0)    /* RXINT: a frame is in the RX FIFO */
#define INT_TXER (1u << 1)
#define INT_TXEMP (1u << 2)
#define INT_FOV (1u << 3)   /* RX FIFO overrun */
#define INT_RXER (1u << 4)
#define INT_ALL 0x7Fu
#define RCTL_RXEN (1u << 0)
#define RCTL_BADCRC (1u << 3) /* drop frames with a bad FCS */
#define RCTL_RSTFIFO (1u << 4)
#define TCTL_TXEN (1u << 0)
#define TCTL_PADEN (1u << 1)
#define TCTL_CRC (1u << 2)
#define TCTL_DUPLEX (1u << 4)
#define THR_OFF 0x3Fu         /* no early transmit: MACTR sends */
#define MCTL_START (1u << 0)
#define MCTL_WRITE (1u << 1)
#define MCTL_REGADR(r) ((uint32_t)(r) << 3)
#define TR_NEWTX (1u << 0)
#define NP_MASK 0x3Fu

/* Integrated PHY registers (IEEE 802.3 clause 22, plus MR18) */
#define PHY_MR0 0u  /* control */
#define PHY_MR1 1u  /* status */
#define PHY_MR18 18u /* diagnostic: resolved speed and duplex */
#define MR0_ANEGEN (1u << 12)
#define MR0_RANEG (1u << 9)
#define MR1_LINK (1u << 2)
#define MR18_DPLX (1u << 11)

#define MDC_MAX_HZ 2500000u /* IEEE 802.3 22.2.2.11 */
#define SPIN_LIMIT 100000u
#define RX_HDR 2u           /* the length field */
#define FCS_LEN 4u
#define FRAME_MIN 14u
#define FRAME_MAX 1514u     /* without FCS */
#define FIFO_BYTES 2048u

static inline uint32_t rd(const struct stellaris_enet *c, uint32_t off)
{
	return *(volatile uint32_t *)(c->base + off);
}

static inline void wr(const struct stellaris_enet *c, uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(c->base + off) = v;
}

static int mii_wait(const struct stellaris_enet *c)
{
	uint32_t i;

	for (i = 0; i < SPIN_LIMIT; i++)
		if ((rd(c, MACMCTL) & MCTL_START) == 0)
			return 0;
	return -ETIMEDOUT;
}

static uint16_t phy_read(const struct stellaris_enet *c, uint32_t reg)
{
	(void)mii_wait(c);
	wr(c, MACMCTL, MCTL_REGADR(reg) | MCTL_START);
	(void)mii_wait(c);
	return (uint16_t)rd(c, MACMRXD);
}

static void phy_write(const struct stellaris_enet *c, uint32_t reg, uint16_t v)
{
	(void)mii_wait(c);
	wr(c, MACMTXD, v);
	wr(c, MACMCTL, MCTL_REGADR(reg) | MCTL_WRITE | MCTL_START);
	(void)mii_wait(c);
}

static bool mac_blank(const uint8_t m[6])
{
	static const uint8_t zero[6], ones[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

	return memcmp(m, zero, 6) == 0 || memcmp(m, ones, 6) == 0;
}

/* Empty the RX FIFO; the receiver must be off (datasheet, MACRCTL). */
static void rx_reset(const struct stellaris_enet *c, uint32_t rctl)
{
	wr(c, MACRCTL, rctl & ~RCTL_RXEN);
	wr(c, MACRCTL, (rctl & ~RCTL_RXEN) | RCTL_RSTFIFO);
	wr(c, MACRCTL, rctl);
}

int stellaris_enet_init(void *ctx, uint8_t mac[6])
{
	struct stellaris_enet *c = ctx;
	uint32_t lo, hi, div;
	uint8_t chip_mac[6];

	wr(c, MACIM, 0);
	wr(c, MACRCTL, 0);
	wr(c, MACTCTL, 0);
	wr(c, MACRIS, INT_ALL);

	/* MDC = sysclk / (2 * (MDV + 1)) must not exceed 2.5 MHz. */
	div = (c->sysclk_hz + 2u * MDC_MAX_HZ - 1u) / (2u * MDC_MAX_HZ);
	wr(c, MACMDV, div > 0 ? (div - 1u) & 0xFFu : 0);

	/* The address registers come up empty on silicon (the board passes
	 * the one from its USER0/USER1 flash words); QEMU presets them with
	 * -nic ...,mac=. Keep a preset address. */
	lo = rd(c, MACIA0);
	hi = rd(c, MACIA1);
	chip_mac[0] = (uint8_t)lo;
	chip_mac[1] = (uint8_t)(lo >> 8);
	chip_mac[2] = (uint8_t)(lo >> 16);
	chip_mac[3] = (uint8_t)(lo >> 24);
	chip_mac[4] = (uint8_t)hi;
	chip_mac[5] = (uint8_t)(hi >> 8);
	if (mac_blank(chip_mac)) {
		wr(c, MACIA0, (uint32_t)mac[0] | (uint32_t)mac[1] << 8 |
				      (uint32_t)mac[2] << 16 | (uint32_t)mac[3] << 24);
		wr(c, MACIA1, (uint32_t)mac[4] | (uint32_t)mac[5] << 8);
	} else {
		memcpy(mac, chip_mac, 6);
	}

	/* PHY: (re)start autonegotiation; poll() follows the result. A PHY
	 * always has ability bits set in MR1: all zeros means no PHY model. */
	c->phy_absent = phy_read(c, PHY_MR1) == 0;
	if (!c->phy_absent)
		phy_write(c, PHY_MR0, MR0_ANEGEN | MR0_RANEG);

	wr(c, MACTHR, THR_OFF);
	wr(c, MACTCTL, TCTL_TXEN | TCTL_PADEN | TCTL_CRC | TCTL_DUPLEX);
	/* Our address and broadcast (no PRMS, no AMUL), good frames only. */
	rx_reset(c, RCTL_RXEN | RCTL_BADCRC);

	wr(c, MACRIS, INT_ALL);
	wr(c, MACIM, INT_RX | INT_FOV);
	return 0;
}

void stellaris_enet_irq(struct stellaris_enet *c)
{
	/* RXINT comes back while frames wait: mask until the main loop has
	 * drained the FIFO; stellaris_enet_rx() unmasks it. */
	wr(c, MACIM, 0);
	wr(c, MACRIS, rd(c, MACRIS) & (INT_RX | INT_FOV));
}

int stellaris_enet_rx(void *ctx, void *buf, size_t cap)
{
	struct stellaris_enet *c = ctx;
	uint32_t first, len, words, i;
	uint32_t *w = buf;

	if (rd(c, MACRIS) & INT_FOV) {
		/* Overrun: the FIFO's framing is lost; start it afresh. */
		wr(c, MACRIS, INT_FOV);
		rx_reset(c, rd(c, MACRCTL));
		return -EIO;
	}
	if ((rd(c, MACNP) & NP_MASK) == 0) {
		/* Acknowledge, then look again: a frame that arrived in
		 * between sets RXINT anew and is read now. */
		wr(c, MACRIS, INT_RX);
		if ((rd(c, MACNP) & NP_MASK) == 0) {
			wr(c, MACIM, INT_RX | INT_FOV);
			return 0;
		}
	}
	first = rd(c, MACDATA);
	len = first & 0xFFFFu; /* length field + frame + FCS */
	words = (len + 3u) / 4u;
	if (len < RX_HDR + FRAME_MIN + FCS_LEN || len > RX_HDR + FRAME_MAX + FCS_LEN ||
	    words * 4u > cap || ((uintptr_t)buf & 3u)) {
		if (len > FIFO_BYTES)
			rx_reset(c, rd(c, MACRCTL)); /* nonsense length */
		else
			for (i = 1; i < words; i++)
				(void)rd(c, MACDATA);
		return -EIO;
	}
	w[0] = first;
	for (i = 1; i < words; i++)
		w[i] = rd(c, MACDATA);
	return (int)(len - RX_HDR - FCS_LEN);
}

/* TX FIFO writer: bytes in, whole little-endian words out. */
struct tx_pack {
	const struct stellaris_enet *c;
	uint32_t acc; /* bytes not yet written, lowest first */
	uint32_t n;   /* how many (0..3) */
};

static void pack_byte(struct tx_pack *t, uint8_t b)
{
	t->acc |= (uint32_t)b << (8u * t->n);
	if (++t->n == 4u) {
		wr(t->c, MACDATA, t->acc);
		t->acc = 0;
		t->n = 0;
	}
}

static void pack(struct tx_pack *t, const uint8_t *s, size_t len)
{
	while (len > 0 && ((uintptr_t)s & 3u)) {
		pack_byte(t, *s++);
		len--;
	}
	/* s is word-aligned now: memcpy of 4 bytes is one load. */
	s = __builtin_assume_aligned(s, 4);
	if (t->n == 0) {
		for (; len >= 4; len -= 4, s += 4) {
			uint32_t v;

			memcpy(&v, s, 4);
			wr(t->c, MACDATA, v);
		}
	} else {
		uint32_t sh = 8u * t->n;

		for (; len >= 4; len -= 4, s += 4) {
			uint32_t v;

			memcpy(&v, s, 4);
			wr(t->c, MACDATA, t->acc | v << sh);
			t->acc = v >> (32u - sh);
		}
	}
	while (len-- > 0)
		pack_byte(t, *s++);
}

int stellaris_enet_tx(void *ctx, const struct eth_seg *seg, size_t nseg)
{
	struct stellaris_enet *c = ctx;
	struct tx_pack t = {.c = c};
	uint32_t total = 0, i;
	size_t s;

	for (s = 0; s < nseg; s++)
		total += (uint32_t)seg[s].n;
	if (nseg == 0 || total < FRAME_MIN || total > FRAME_MAX)
		return -EMSGSIZE;
	/* The FIFO holds one frame: wait for the previous one to leave. */
	for (i = 0; rd(c, MACTR) & TR_NEWTX; i++)
		if (i == SPIN_LIMIT)
			return -EAGAIN;

	/* Length prefix, then the frame: a frame that starts 2 bytes past a
	 * word boundary (lwIP's ETH_PAD_SIZE) goes out as whole words. */
	t.acc = total - FRAME_MIN;
	t.n = 2;
	for (s = 0; s < nseg; s++)
		pack(&t, seg[s].p, seg[s].n);
	if (t.n > 0)
		wr(c, MACDATA, t.acc);
	wr(c, MACTR, TR_NEWTX);
	return 0;
}

bool stellaris_enet_poll(void *ctx)
{
	struct stellaris_enet *c = ctx;
	uint32_t tctl;

	if (c->phy_absent)
		return true;
	/* Link status latches low on a drop: the second read is current. */
	(void)phy_read(c, PHY_MR1);
	if ((phy_read(c, PHY_MR1) & MR1_LINK) == 0)
		return false;
	/* Follow what autonegotiation resolved: a half-duplex MAC on a
	 * full-duplex link (or the reverse) loses frames to collisions. */
	tctl = rd(c, MACTCTL);
	if (phy_read(c, PHY_MR18) & MR18_DPLX)
		tctl |= TCTL_DUPLEX;
	else
		tctl &= ~TCTL_DUPLEX;
	if (tctl != rd(c, MACTCTL))
		wr(c, MACTCTL, tctl);
	return true;
}
