/*
 * SMSC/Microchip LAN9118 (and LAN9115-9221 family) 10/100 Ethernet
 * controller with integrated PHY, memory-mapped, PIO FIFOs: a net/eth.h
 * driver. Used by every board that carries the chip (MPS2 boards; QEMU's
 * mps2-an385 models it at 0x40200000, IRQ 13).
 *
 * The board owns the interrupt line: its handler calls lan9118_irq() and
 * then wakes the main loop; frames are only moved in lan9118_rx().
 */
#ifndef LWPASTE_LAN9118_H
#define LWPASTE_LAN9118_H

#include <stdbool.h>
#include <stdint.h>

#include "eth.h"

struct lan9118 {
	uintptr_t base;  /* register window */
	uint16_t tx_tag; /* packet tag, for TX status matching */
};

int lan9118_init(void *ctx, uint8_t mac[6]);
int lan9118_tx(void *ctx, const struct eth_seg *seg, size_t nseg);
int lan9118_rx(void *ctx, void *buf, size_t cap);
bool lan9118_poll(void *ctx);

/* Interrupt handler body: acknowledge and mask until the loop has drained
 * the RX FIFO (lan9118_rx re-arms it). */
void lan9118_irq(struct lan9118 *chip);

/* The chip's free-running 25 MHz counter (seed material). */
uint32_t lan9118_free_run(const struct lan9118 *chip);

#endif /* LWPASTE_LAN9118_H */
