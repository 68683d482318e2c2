/*
 * The unit tests' pl_platform (see mock_platform.h).
 */
#include "mock_platform.h"

#include <string.h>

struct mock_platform_state mock;

static uint32_t mock_uptime_ms(void)
{
	return mock.uptime_ms;
}

static uint32_t mock_micros(void)
{
	uint32_t now = mock.micros;

	mock.micros += mock.micros_step;
	return now;
}

static void mock_console(const char *s, size_t n)
{
	size_t room = sizeof(mock.console) - 1 - mock.console_len;

	if (n > room)
		n = room;
	memcpy(mock.console + mock.console_len, s, n);
	mock.console_len += n;
	mock.console[mock.console_len] = '\0';
}

static unsigned mock_led_count(void)
{
	return MOCK_LEDS;
}

static bool mock_led_get(unsigned id)
{
	return id < MOCK_LEDS && mock.leds[id];
}

static int mock_led_set(unsigned id, bool on)
{
	if (mock.led_set_rc)
		return mock.led_set_rc;
	if (id >= MOCK_LEDS)
		return -22; /* -EINVAL */
	mock.leds[id] = on;
	return 0;
}

static void mock_reboot(void)
{
	mock.reboots++;
}

static int mock_entropy(void *buf, size_t n)
{
	uint8_t *p = buf;
	size_t i;

	if (mock.entropy_rc)
		return mock.entropy_rc;
	for (i = 0; i < n; i++)
		p[i] = mock.entropy_next++;
	return 0;
}

static void mock_net_info(struct pl_net_info *ni)
{
	*ni = mock.net;
}

static void mock_sys_stats(struct pl_sys_stats *st)
{
	*st = mock.stats;
}

static const struct pl_platform mock_ops = {
	.board = "mock",
	.uptime_ms = mock_uptime_ms,
	.micros = mock_micros,
	.console = mock_console,
	.led_count = mock_led_count,
	.led_get = mock_led_get,
	.led_set = mock_led_set,
	.reboot_after_flush = mock_reboot,
	.entropy = mock_entropy,
	.net_info = mock_net_info,
	.sys_stats = mock_sys_stats,
};

const struct pl_platform *pl_platform = &mock_ops;

void mock_console_clear(void)
{
	mock.console_len = 0;
	mock.console[0] = '\0';
}

void mock_platform_reset(void)
{
	/* network byte order: the bytes as they appear on the wire */
	static const uint8_t ip[4] = {10, 0, 2, 15}, mask[4] = {255, 255, 255, 0},
			     gw[4] = {10, 0, 2, 2};

	memset(&mock, 0, sizeof(mock));
	mock.net.mac[0] = 0x02;
	mock.net.mac[5] = 0x01;
	memcpy(&mock.net.ipv4, ip, 4);
	memcpy(&mock.net.netmask, mask, 4);
	memcpy(&mock.net.gateway, gw, 4);
	mock.net.hostname = "lwpaste";
	pl_platform = &mock_ops;
}
