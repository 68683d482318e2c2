/*
 * lwpaste_start(): from the baked config (pl_gen.c, generated from the ini
 * by the config tool) to a serving device - pipeline built into its static
 * pool, eth0 configured from [net:eth0], HTTP server on [server:main].
 * Every failure is printed with the ini line it comes from.
 */
#include <stdio.h>

#include "board.h"
#include "fw.h"
#include "http_server.h"
#include "pl_gen.h"

int lwpaste_start(void);

static int report(const char *what, int rc, const struct pl_err *err)
{
	char buf[224];

	if (err != NULL && err->msg[0] != 0)
		snprintf(buf, sizeof(buf), "lwpaste: %s: %s:%u: %s (%d)\n", what,
			 pl_baked_config.file, err->line, err->msg, rc);
	else
		snprintf(buf, sizeof(buf), "lwpaste: %s failed (%d)\n", what, rc);
	fw_puts(buf);
	return rc;
}

int lwpaste_start(void)
{
	struct pl_err err = {0};
	struct pl_net_conf nc;
	struct pl_server_conf sc;
	struct pl_app *root;
	int rc;

	fw_platform_init();
	if ((rc = pl_net_conf_get(&pl_baked_config, &nc, &err)) != 0)
		return report("[net:eth0]", rc, &err);
	if ((rc = pl_server_conf_get(&pl_baked_config, &sc, &err)) != 0)
		return report("[server:main]", rc, &err);
	if ((rc = pl_build(&pl_baked_config, NULL, &pl_baked_pool, &root, &err)) != 0)
		return report("pipeline", rc, &err);
	if ((rc = fw_net_init(&nc)) != 0)
		return report("network", rc, NULL);
	if ((rc = http_server_start(&sc, root)) != 0)
		return report("http server", rc, NULL);
	fw_http_stats = http_server_stats;
	fw_app_flushed = http_server_flushed;
	return 0;
}
