/*
 * pl_platform for the device: the pipeline's view of the board (clock,
 * console, LEDs, reboot, entropy) and of lwIP (addresses, pool use).
 * app/ sees only this table, never a board or lwIP header.
 */
#include <string.h>

#include "lwip/memp.h"
#include "lwip/stats.h"

#include "board.h"
#include "fw.h"

void (*fw_http_stats)(struct pl_sys_stats *st);

static void sys_stats(struct pl_sys_stats *st)
{
	const struct stats_mem *pool = lwip_stats.memp[MEMP_PBUF_POOL];
	const struct stats_mem *pcb = lwip_stats.memp[MEMP_TCP_PCB];

	memset(st, 0, sizeof(*st));
	st->mem_used = lwip_stats.mem.used;
	st->mem_max = lwip_stats.mem.max;
	st->mem_avail = lwip_stats.mem.avail;
	st->pbuf_used = pool->used;
	st->pbuf_max = pool->max;
	st->pbuf_avail = pool->avail;
	st->pcb_used = pcb->used;
	st->pcb_max = pcb->max;
	st->pcb_avail = pcb->avail;
	if (fw_http_stats != NULL)
		fw_http_stats(st);
}

/* In RAM only because .board comes from a function. */
static struct pl_platform fw_platform = {
	.uptime_ms = board_millis,
	.micros = board_micros,
	.console = board_console_write,
	.led_count = board_led_count,
	.led_get = board_led_get,
	.led_set = board_led_set,
	.reboot_after_flush = fw_reboot_after_flush,
	.entropy = board_entropy,
	.net_info = fw_net_info,
	.sys_stats = sys_stats,
};

const struct pl_platform *pl_platform = &fw_platform;

void fw_platform_init(void)
{
	fw_platform.board = board_name();
}
