/*
 * The little lwIP needs from a NO_SYS platform: a millisecond clock,
 * diagnostics and a random source, all on top of net/board.h.
 *
 * net_rand() is a xorshift generator seeded from board_entropy() (and the
 * microsecond clock) the first time it is used. It serves lwIP's DHCP
 * transaction ids, ephemeral ports and TCP ISNs - unpredictability, not
 * cryptography: TLS gets its entropy from board_entropy() directly.
 */
#include <stdarg.h>
#include <stdio.h>

#include "lwip/arch.h"
#include "lwip/sys.h"

#include "board.h"

u32_t sys_now(void)
{
	return board_millis();
}

void net_diag(const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		board_console_write(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

static void put_str(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	board_console_write(s, n);
}

void net_assert(const char *msg, const char *file, int line)
{
	char num[12];
	int i = (int)sizeof(num) - 1;
	unsigned v = line > 0 ? (unsigned)line : 0;

	num[i] = 0;
	do {
		num[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i > 0);
	put_str("\r\nlwIP assertion \"");
	put_str(msg);
	put_str("\" failed at ");
	put_str(file);
	put_str(":");
	put_str(&num[i]);
	put_str("; resetting\r\n");
	board_reset();
}

static uint32_t rand_state;

uint32_t net_rand(void)
{
	uint32_t x = rand_state;

	if (x == 0) {
		if (board_entropy(&x, sizeof(x)) != 0)
			x = 0;
		x ^= board_micros() * 2654435761u;
		if (x == 0)
			x = 0x9e3779b9u;
	}
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	rand_state = x;
	return x;
}
