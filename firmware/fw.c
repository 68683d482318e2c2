/*
 * Console helpers and the NO_SYS superloop (lwIP's
 * doc/NO_SYS_SampleCode.c shape): drain the NIC, sys_check_timeouts(),
 * sleep until the next interrupt. A requested reboot happens here too, once
 * the responses before it have left.
 */
#include <string.h>

#include "lwip/priv/tcp_priv.h"
#include "lwip/timeouts.h"

#include "board.h"
#include "fw.h"

#define REBOOT_FLUSH_MAX_MS 1000u

bool (*fw_app_flushed)(void);

static bool reboot_pending;
static uint32_t reboot_requested;

void fw_puts(const char *s)
{
	board_console_write(s, strlen(s));
}

void fw_banner(const char *image)
{
	fw_puts("\n");
	fw_puts(image);
	fw_puts(" " LWPASTE_VERSION " (build " LWPASTE_BUILD_ID ") on ");
	fw_puts(board_name());
	fw_puts("\n");
}

void fw_reboot_after_flush(void)
{
	reboot_requested = board_millis();
	reboot_pending = true;
}

static bool tcp_flushed(void)
{
	const struct tcp_pcb *pcb;

	if (fw_app_flushed != NULL && !fw_app_flushed())
		return false;
	for (pcb = tcp_active_pcbs; pcb != NULL; pcb = pcb->next)
		if (pcb->unsent != NULL || pcb->unacked != NULL)
			return false;
	return true;
}

static void reboot_check(void)
{
	if (!reboot_pending)
		return;
	if (tcp_flushed() || board_millis() - reboot_requested >= REBOOT_FLUSH_MAX_MS) {
		fw_puts("rebooting\n");
		board_reset();
	}
}

void fw_run(void)
{
	for (;;) {
		bool more = fw_net_poll();

		sys_check_timeouts();
		reboot_check();
		if (!more)
			board_idle();
	}
}
