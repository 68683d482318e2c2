/*
 * Weak defaults for the optional half of the board API (net/board.h): a
 * board without LEDs, entropy source, low-power idle or Ethernet still
 * links. A board overrides any of them by defining the function.
 */
#include <errno.h>

#include "board.h"

__attribute__((weak)) unsigned board_led_count(void)
{
	return 0;
}

__attribute__((weak)) bool board_led_get(unsigned i)
{
	(void)i;
	return false;
}

__attribute__((weak)) int board_led_set(unsigned i, bool on)
{
	(void)i;
	(void)on;
	return -ENODEV;
}

__attribute__((weak)) int board_entropy(void *buf, size_t n)
{
	(void)buf;
	(void)n;
	return -ENOSYS;
}

__attribute__((weak)) void board_idle(void)
{
}

__attribute__((weak)) const struct eth_driver *board_eth(void)
{
	return 0;
}
