/*
 * firmware/: the only place that knows the board, lwIP, the HTTP server
 * and the pipeline at once. These are its internal pieces, shared by the
 * two images (lwpaste and lwpaste-baseline).
 */
#ifndef LWPASTE_FW_H
#define LWPASTE_FW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pl.h"
#include "pl_build.h"

/* Console output of a NUL-terminated string. */
void fw_puts(const char *s);
/* "NAME VERSION (build ID) on BOARD" */
void fw_banner(const char *image);

/* lwIP up, eth0 from [net:eth0] (static or DHCP). 0 or -errno. */
int fw_net_init(const struct pl_net_conf *nc);
/* One pass of network work; true if more is waiting (do not sleep). */
bool fw_net_poll(void);
/* fn runs when the receive pool stays empty (eth_netif_on_starved()). */
void fw_net_on_starved(void (*fn)(void));
void fw_net_info(struct pl_net_info *ni);

/* Ask the loop to reset once responses have left (or after 1 s). */
void fw_reboot_after_flush(void);
/* Whether the server has responses still queued; set by whoever starts
 * the server. NULL: only lwIP's TCP send queues are checked. */
extern bool (*fw_app_flushed)(void);

/* Fill pl_platform's board name (board_name() is a function). */
void fw_platform_init(void);
/* The HTTP server's counters (connections, requests, statuses), added to
 * /v1/stats by pl_platform->sys_stats; set by whoever starts the server. */
extern void (*fw_http_stats)(struct pl_sys_stats *st);

/* The config lwpaste_start() serves and the pool it builds into: the
 * baked tables (pl_gen.c) unless the board points them elsewhere first
 * (the host board's --config FILE, loaded with the same loader). */
extern const struct pl_config *fw_config;
extern struct pl_pool *fw_pool;

/* The superloop: drain the NIC, run lwIP's timers, sleep. */
__attribute__((noreturn)) void fw_run(void);

#endif /* LWPASTE_FW_H */
