/*
 * The board API: everything net/ and firmware/ need from the hardware, in
 * the TinyUSB style — a dozen functions a board folder implements
 * (boards/<name>/board.c). Optional ones have weak defaults in
 * net/board_weak.c, so a minimal board is init, time, console and reset.
 * Errors are 0 / -errno; nothing here blocks for long.
 */
#ifndef LWPASTE_BOARD_H
#define LWPASTE_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct eth_driver;

int board_init(void);                          /* clocks, console, 1 ms tick, IRQs; 0 or -errno */
const char *board_name(void);                  /* the board folder's name, e.g. "mps2-an385" */
uint32_t board_millis(void);                   /* monotonic ms since boot (wraps after 49 days) */
uint32_t board_micros(void);                   /* monotonic us since boot (wraps after 71 minutes) */
void board_console_write(const char *s, size_t n); /* blocking write to the console UART */
unsigned board_led_count(void);                /* user LEDs (weak: 0) */
bool board_led_get(unsigned i);                /* LED i read back from the hardware (weak: false) */
int board_led_set(unsigned i, bool on);        /* 0, -ENODEV if no such LED (weak: -ENODEV) */
int board_entropy(void *buf, size_t n);        /* fill buf with seed material; 0 or -errno (weak: -ENOSYS) */
void board_idle(void);                         /* sleep until an interrupt unless one is pending (weak: return) */
const struct eth_driver *board_eth(void);      /* the board's Ethernet driver, or NULL (weak: NULL) */
__attribute__((noreturn)) void board_reset(void); /* system reset; never returns */

#endif /* LWPASTE_BOARD_H */
