/*
 * A pl_platform for unit tests: every hook is there and observable. The
 * console is captured, the clock is set by the test, LEDs are an array,
 * entropy is a counter (deterministic), reboot is a flag. Linked into every
 * unit test by lwpaste_unit_test(); call mock_platform_reset() in setup.
 */
#ifndef LWPASTE_MOCK_PLATFORM_H
#define LWPASTE_MOCK_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pl.h"

#define MOCK_LEDS 4
#define MOCK_CONSOLE_MAX 4096

struct mock_platform_state {
	uint32_t uptime_ms;             /* what uptime_ms() returns */
	uint32_t micros;                /* what micros() returns ... */
	uint32_t micros_step;           /* ... then it advances by this */
	char console[MOCK_CONSOLE_MAX]; /* everything written, NUL-terminated */
	size_t console_len;
	bool leds[MOCK_LEDS];
	int led_set_rc;                 /* led_set() returns this (0) */
	unsigned reboots;               /* reboot_after_flush() calls */
	uint8_t entropy_next;           /* entropy() fills 0, 1, 2, ... */
	int entropy_rc;
	struct pl_net_info net;         /* returned by net_info() */
	struct pl_sys_stats stats;      /* returned by sys_stats() */
};

extern struct mock_platform_state mock;

/* Zero the state; MAC 02:00:00:00:00:01, IPv4 10.0.2.15/24 gw 10.0.2.2. */
void mock_platform_reset(void);

/* Forget the console output captured so far. */
void mock_console_clear(void);

#endif /* LWPASTE_MOCK_PLATFORM_H */
