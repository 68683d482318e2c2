/*
 * Arm CMSDK APB UART (CMSDK TRM, "UART"): the console of the MPS2 boards.
 * Transmit only, polled: a console that works before interrupts and from
 * a fault handler.
 */
#ifndef LWPASTE_CMSDK_UART_H
#define LWPASTE_CMSDK_UART_H

#include <stddef.h>
#include <stdint.h>

/* Enable the transmitter at baud from the peripheral clock. 0 or -EINVAL. */
int cmsdk_uart_init(uintptr_t base, uint32_t pclk_hz, uint32_t baud);
/* Blocking write of n bytes. */
void cmsdk_uart_write(uintptr_t base, const char *s, size_t n);

#endif /* LWPASTE_CMSDK_UART_H */
