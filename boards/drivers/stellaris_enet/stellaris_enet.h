/*
 * Stellaris (TI/Luminary Micro LM3S6965 family) Ethernet controller: the
 * on-chip 10/100 MAC with integrated PHY, PIO FIFOs: a net/eth.h driver.
 * Used by every board that carries the chip (QEMU's lm3s6965evb models it
 * at 0x40048000, IRQ 42, -nic ...,model=stellaris).
 *
 * The board enables the controller's clocks (RCGC2 EMAC0/EPHY0) and owns
 * the interrupt line: its handler calls stellaris_enet_irq() and then
 * wakes the main loop; frames are only moved in stellaris_enet_rx().
 */
#ifndef LWPASTE_STELLARIS_ENET_H
#define LWPASTE_STELLARIS_ENET_H

#include <stdbool.h>
#include <stdint.h>

#include "eth.h"

struct stellaris_enet {
	uintptr_t base;     /* register window */
	uint32_t sysclk_hz; /* system clock, for the MII management clock */
	bool phy_absent;    /* MII reads all zeros (QEMU): report link up */
};

int stellaris_enet_init(void *ctx, uint8_t mac[6]);
int stellaris_enet_tx(void *ctx, const struct eth_seg *seg, size_t nseg);
int stellaris_enet_rx(void *ctx, void *buf, size_t cap);
bool stellaris_enet_poll(void *ctx);

/* Interrupt handler body: acknowledge and mask until the loop has drained
 * the RX FIFO (stellaris_enet_rx re-arms it). */
void stellaris_enet_irq(struct stellaris_enet *mac);

#endif /* LWPASTE_STELLARIS_ENET_H */
