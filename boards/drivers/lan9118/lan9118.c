/*
 * LAN9118 driver (see lan9118.h). Register names and bits follow the
 * LAN9118 datasheet (SMSC, rev. 1.5), section 5 "System Control and Status
 * Registers" and section 5.4 "MAC Control and Status Registers".
 *
 * What QEMU's model taught us (NOTES-QEMU.md): it starts promiscuous; the
 * IRQ line is inverted unless IRQ_CFG asks for active-high push-pull; the
 * RX status level interrupt (RSFL) is sticky; frame lengths include the
 * FCS; TX fetches whole words; the RX fast-forward is unreliable, so a bad
 * frame is read out and discarded.
 */
#include <errno.h>
#include <string.h>

#include "lan9118.h"

/* System CSRs (datasheet 5.3) */
#define RX_DATA_FIFO 0x00u
#define TX_DATA_FIFO 0x20u
#define RX_STATUS_FIFO 0x40u
#define TX_STATUS_FIFO 0x48u
#define ID_REV 0x50u
#define IRQ_CFG 0x54u
#define INT_STS 0x58u
#define INT_EN 0x5Cu
#define BYTE_TEST 0x64u
#define RX_CFG 0x6Cu
#define TX_CFG 0x70u
#define HW_CFG 0x74u
#define RX_FIFO_INF 0x7Cu
#define TX_FIFO_INF 0x80u
#define PMT_CTRL 0x84u
#define GPIO_CFG 0x88u
#define FREE_RUN 0x9Cu
#define MAC_CSR_CMD 0xA4u
#define MAC_CSR_DATA 0xA8u
#define E2P_CMD 0xB0u

#define BYTE_TEST_VALUE 0x87654321u
#define IRQ_CFG_IRQ_EN (1u << 8)
#define IRQ_CFG_IRQ_POL (1u << 4)  /* active high */
#define IRQ_CFG_IRQ_TYPE (1u << 0) /* push-pull */
#define INT_RSFL (1u << 3)         /* RX status FIFO level */
#define RX_CFG_RXDOFF(n) ((uint32_t)(n) << 8)
#define TX_CFG_TX_ON (1u << 1)
#define TX_CFG_TXSAO (1u << 2) /* TX status may overrun: we do not need it */
#define HW_CFG_SRST (1u << 0)
#define PMT_CTRL_READY (1u << 0)
#define E2P_CMD_BUSY (1u << 31)
#define CSR_BUSY (1u << 31)
#define CSR_READ (1u << 30)
#define GPIO_CFG_LEDS (7u << 28) /* LED1-3 show link/activity/speed */

/* RX status word */
#define RXS_LEN(s) (((s) >> 16) & 0x3FFFu)
#define RXS_ES (1u << 15) /* error summary */

/* TX command words (datasheet 3.12.4) */
#define TXA_OFFSET(n) ((uint32_t)(n) << 16)
#define TXA_FIRST (1u << 13)
#define TXA_LAST (1u << 12)
#define TXB_TAG(n) ((uint32_t)(n) << 16)

/* MAC CSRs, indirect through MAC_CSR_CMD/DATA (datasheet 5.4) */
#define MAC_CR 1u
#define MAC_ADDRH 2u
#define MAC_ADDRL 3u
#define MAC_MII_ACC 6u
#define MAC_MII_DATA 7u
#define MAC_CR_RXEN (1u << 2)
#define MAC_CR_TXEN (1u << 3)
#define MAC_CR_FDPX (1u << 20)
#define MII_BUSY (1u << 0)
#define MII_WRITE (1u << 1)
#define PHY_ADDR 1u

/* PHY registers (IEEE 802.3 clause 22) */
#define PHY_BMCR 0u
#define PHY_BMSR 1u
#define PHY_ANAR 4u
#define PHY_ANLPAR 5u
#define BMCR_RESET (1u << 15)
#define BMCR_ANENABLE (1u << 12)
#define BMCR_ANRESTART (1u << 9)
#define BMSR_LINK (1u << 2)
#define AN_FULL_DUPLEX ((1u << 8) | (1u << 6)) /* 100FD | 10FD */

#define SPIN_LIMIT 100000u
#define FRAME_MIN 14u
#define FRAME_MAX 1514u /* without FCS */

static inline uint32_t rd(const struct lan9118 *c, uint32_t off)
{
	return *(volatile uint32_t *)(c->base + off);
}

static inline void wr(const struct lan9118 *c, uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(c->base + off) = v;
}

static int wait_clear(const struct lan9118 *c, uint32_t off, uint32_t mask)
{
	uint32_t i;

	for (i = 0; i < SPIN_LIMIT; i++)
		if ((rd(c, off) & mask) == 0)
			return 0;
	return -ETIMEDOUT;
}

static int wait_set(const struct lan9118 *c, uint32_t off, uint32_t mask)
{
	uint32_t i;

	for (i = 0; i < SPIN_LIMIT; i++)
		if ((rd(c, off) & mask) == mask)
			return 0;
	return -ETIMEDOUT;
}

static uint32_t mac_read(const struct lan9118 *c, uint32_t reg)
{
	(void)wait_clear(c, MAC_CSR_CMD, CSR_BUSY);
	wr(c, MAC_CSR_CMD, CSR_BUSY | CSR_READ | reg);
	(void)wait_clear(c, MAC_CSR_CMD, CSR_BUSY);
	return rd(c, MAC_CSR_DATA);
}

static void mac_write(const struct lan9118 *c, uint32_t reg, uint32_t v)
{
	(void)wait_clear(c, MAC_CSR_CMD, CSR_BUSY);
	wr(c, MAC_CSR_DATA, v);
	wr(c, MAC_CSR_CMD, CSR_BUSY | reg);
	(void)wait_clear(c, MAC_CSR_CMD, CSR_BUSY);
}

static int mii_wait(const struct lan9118 *c)
{
	uint32_t i;

	for (i = 0; i < SPIN_LIMIT; i++)
		if ((mac_read(c, MAC_MII_ACC) & MII_BUSY) == 0)
			return 0;
	return -ETIMEDOUT;
}

static uint16_t phy_read(const struct lan9118 *c, uint32_t reg)
{
	(void)mii_wait(c);
	mac_write(c, MAC_MII_ACC, (PHY_ADDR << 11) | (reg << 6) | MII_BUSY);
	(void)mii_wait(c);
	return (uint16_t)mac_read(c, MAC_MII_DATA);
}

static void phy_write(const struct lan9118 *c, uint32_t reg, uint16_t v)
{
	(void)mii_wait(c);
	mac_write(c, MAC_MII_DATA, v);
	mac_write(c, MAC_MII_ACC, (PHY_ADDR << 11) | (reg << 6) | MII_WRITE | MII_BUSY);
	(void)mii_wait(c);
}

static bool mac_blank(const uint8_t m[6])
{
	static const uint8_t zero[6], ones[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

	return memcmp(m, zero, 6) == 0 || memcmp(m, ones, 6) == 0;
}

int lan9118_init(void *ctx, uint8_t mac[6])
{
	struct lan9118 *c = ctx;
	uint32_t lo, hi, cr;
	uint8_t chip_mac[6];
	int rc;

	if (rd(c, BYTE_TEST) != BYTE_TEST_VALUE)
		return -ENODEV;
	if ((rc = wait_set(c, PMT_CTRL, PMT_CTRL_READY)) != 0)
		return rc;

	/* Soft reset; the chip then reloads its MAC from the EEPROM. */
	wr(c, IRQ_CFG, 0);
	wr(c, INT_EN, 0);
	wr(c, HW_CFG, HW_CFG_SRST);
	if ((rc = wait_clear(c, HW_CFG, HW_CFG_SRST)) != 0)
		return rc;
	if ((rc = wait_set(c, PMT_CTRL, PMT_CTRL_READY)) != 0)
		return rc;
	if ((rc = wait_clear(c, E2P_CMD, E2P_CMD_BUSY)) != 0)
		return rc;

	/* Keep the EEPROM's address (QEMU: -nic ...,mac=); set ours only if
	 * the EEPROM is blank. */
	lo = mac_read(c, MAC_ADDRL);
	hi = mac_read(c, MAC_ADDRH);
	chip_mac[0] = (uint8_t)lo;
	chip_mac[1] = (uint8_t)(lo >> 8);
	chip_mac[2] = (uint8_t)(lo >> 16);
	chip_mac[3] = (uint8_t)(lo >> 24);
	chip_mac[4] = (uint8_t)hi;
	chip_mac[5] = (uint8_t)(hi >> 8);
	if (mac_blank(chip_mac)) {
		mac_write(c, MAC_ADDRL, (uint32_t)mac[0] | (uint32_t)mac[1] << 8 |
					(uint32_t)mac[2] << 16 | (uint32_t)mac[3] << 24);
		mac_write(c, MAC_ADDRH, (uint32_t)mac[4] | (uint32_t)mac[5] << 8);
	} else {
		memcpy(mac, chip_mac, 6);
	}

	/* PHY: reset, then autonegotiate (QEMU completes it at once). */
	phy_write(c, PHY_BMCR, BMCR_RESET);
	for (rc = 0; rc < 1000 && (phy_read(c, PHY_BMCR) & BMCR_RESET); rc++)
		;
	phy_write(c, PHY_BMCR, BMCR_ANENABLE | BMCR_ANRESTART);

	wr(c, GPIO_CFG, GPIO_CFG_LEDS);
	wr(c, RX_CFG, RX_CFG_RXDOFF(ETH_RX_PAD));
	wr(c, TX_CFG, TX_CFG_TX_ON | TX_CFG_TXSAO);

	/* Out of promiscuous mode (the reset default): our address and
	 * broadcast only. */
	cr = MAC_CR_TXEN | MAC_CR_RXEN;
	if (phy_read(c, PHY_ANAR) & phy_read(c, PHY_ANLPAR) & AN_FULL_DUPLEX)
		cr |= MAC_CR_FDPX;
	mac_write(c, MAC_CR, cr);

	/* Interrupt: polarity and type first, stale status cleared, then
	 * enabled - otherwise the line starts out asserted. */
	wr(c, IRQ_CFG, IRQ_CFG_IRQ_POL | IRQ_CFG_IRQ_TYPE);
	wr(c, INT_STS, 0xFFFFFFFFu);
	wr(c, INT_EN, INT_RSFL);
	wr(c, IRQ_CFG, IRQ_CFG_IRQ_EN | IRQ_CFG_IRQ_POL | IRQ_CFG_IRQ_TYPE);
	return 0;
}

void lan9118_irq(struct lan9118 *c)
{
	/* RSFL stays set while frames wait, so mask it until the main loop
	 * has drained the FIFO; lan9118_rx() unmasks it. */
	wr(c, INT_EN, 0);
	wr(c, INT_STS, rd(c, INT_STS));
}

static uint32_t rx_status_used(const struct lan9118 *c)
{
	return (rd(c, RX_FIFO_INF) >> 16) & 0xFFu;
}

int lan9118_rx(void *ctx, void *buf, size_t cap)
{
	struct lan9118 *c = ctx;
	uint32_t status, len, words, i;
	uint32_t *w = buf;

	if (rx_status_used(c) == 0) {
		/* Acknowledge, then look again: a frame that arrived in
		 * between raises RSFL anew and is read now. */
		wr(c, INT_STS, INT_RSFL);
		if (rx_status_used(c) == 0) {
			wr(c, INT_EN, INT_RSFL);
			return 0;
		}
	}
	status = rd(c, RX_STATUS_FIFO);
	len = RXS_LEN(status); /* includes the 4-byte FCS */
	/* RXDOFF pad bytes, frame, FCS, rounded up to whole words. */
	words = (len + ETH_RX_PAD + 3u) / 4u;
	if ((status & RXS_ES) || len < FRAME_MIN + 4u || len > FRAME_MAX + 4u ||
	    words * 4u > cap || ((uintptr_t)buf & 3u)) {
		for (i = 0; i < words; i++)
			(void)rd(c, RX_DATA_FIFO);
		return -EIO;
	}
	for (i = 0; i < words; i++)
		w[i] = rd(c, RX_DATA_FIFO);
	return (int)(len - 4u);
}

int lan9118_tx(void *ctx, const struct eth_seg *seg, size_t nseg)
{
	struct lan9118 *c = ctx;
	uint32_t total = 0, need = 0, i;
	size_t s;

	for (s = 0; s < nseg; s++) {
		uint32_t off = (uint32_t)((uintptr_t)seg[s].p & 3u);

		total += (uint32_t)seg[s].n;
		need += 8u + ((off + (uint32_t)seg[s].n + 3u) & ~3u);
	}
	if (nseg == 0 || total < FRAME_MIN || total > FRAME_MAX)
		return -EMSGSIZE;
	for (i = 0; (rd(c, TX_FIFO_INF) & 0xFFFFu) < need; i++)
		if (i == SPIN_LIMIT)
			return -EAGAIN;

	c->tx_tag++;
	for (s = 0; s < nseg; s++) {
		/* The FIFO takes whole words from an aligned address; the
		 * start offset tells it which leading bytes to skip, and the
		 * bytes read past the end are dropped by the length. */
		uint32_t off = (uint32_t)((uintptr_t)seg[s].p & 3u);
		const volatile uint32_t *w =
			(const volatile uint32_t *)((uintptr_t)seg[s].p - off);
		uint32_t n = (uint32_t)seg[s].n;
		uint32_t a = TXA_OFFSET(off) | n;

		if (s == 0)
			a |= TXA_FIRST;
		if (s == nseg - 1)
			a |= TXA_LAST;
		wr(c, TX_DATA_FIFO, a);
		wr(c, TX_DATA_FIFO, TXB_TAG(c->tx_tag) | total);
		for (i = 0; i < (off + n + 3u) / 4u; i++)
			wr(c, TX_DATA_FIFO, w[i]);
	}
	return 0;
}

bool lan9118_poll(void *ctx)
{
	struct lan9118 *c = ctx;

	/* TXSAO lets the status FIFO overrun; empty it anyway so that real
	 * chips never stall on it. */
	while ((rd(c, TX_FIFO_INF) >> 16) & 0xFFu)
		(void)rd(c, TX_STATUS_FIFO);
	/* Link status latches low on a drop: the second read is current. */
	(void)phy_read(c, PHY_BMSR);
	return (phy_read(c, PHY_BMSR) & BMSR_LINK) != 0;
}

uint32_t lan9118_free_run(const struct lan9118 *c)
{
	return rd(c, FREE_RUN);
}
