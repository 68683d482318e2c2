/*
 * CMSDK APB UART, polled transmit (see cmsdk_uart.h).
 */
#include <errno.h>

#include "cmsdk_uart.h"

#define UART_DATA 0x00u
#define UART_STATE 0x04u /* bit 0: TX buffer full */
#define UART_CTRL 0x08u  /* bit 0: TX enable */
#define UART_BAUDDIV 0x10u

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))

int cmsdk_uart_init(uintptr_t base, uint32_t pclk_hz, uint32_t baud)
{
	uint32_t div = baud ? pclk_hz / baud : 0;

	/* The TRM requires a divider of at least 16. */
	if (div < 16)
		return -EINVAL;
	REG(base, UART_BAUDDIV) = div;
	REG(base, UART_CTRL) |= 1u;
	return 0;
}

void cmsdk_uart_write(uintptr_t base, const char *s, size_t n)
{
	while (n--) {
		while (REG(base, UART_STATE) & 1u)
			;
		REG(base, UART_DATA) = (uint8_t)*s++;
	}
}
