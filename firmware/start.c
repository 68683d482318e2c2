/*
 * lwpaste_start(): from the baked config (pl_gen.c, generated from the ini
 * by the config tool) to a serving device - pipeline built into its static
 * pool, eth0 configured from [net:eth0], HTTP server on [server:main]
 * (and HTTPS on its tls_port when the image has TLS: net/tls.h).
 * Every failure is printed with the ini line it comes from.
 */
#include <errno.h>

#include "board.h"
#include "fw.h"
#include "http_server.h"
#include "pl_fmt.h"
#include "pl_gen.h"
#include "tls.h"

int lwpaste_start(void);

const struct pl_config *fw_config = &pl_baked_config;
struct pl_pool *fw_pool = &pl_baked_pool;

static int report(const char *what, int rc, const struct pl_err *err)
{
	char buf[224];

	if (err != NULL && err->msg[0] != 0)
		pl_snprintf(buf, sizeof(buf), "lwpaste: %s: %s:%u: %s (%d)\n", what,
			 fw_config->file, err->line, err->msg, rc);
	else
		pl_snprintf(buf, sizeof(buf), "lwpaste: %s failed (%d)\n", what, rc);
	fw_puts(buf);
	return rc;
}

/* The server's counters and the TLS arena's use. */
static void server_stats(struct pl_sys_stats *st)
{
	struct tls_mem_stats tm;

	http_server_stats(st);
	tls_mem_stats(&tm);
	st->tls_mem_used = tm.used;
	st->tls_mem_max = tm.peak;
	st->tls_mem_avail = tm.size;
}

/* HTTPS beside HTTP: a failure here is reported and HTTP goes on. */
static void start_https(const struct pl_server_conf *sc)
{
	struct altcp_tls_config *cfg;
	struct tls_mem_stats tm;
	char buf[160];
	int rc;

	rc = tls_server_config(&cfg);
	if (rc == -ENOTSUP) {
		fw_puts("https: not in this image (built with LWPASTE_TLS=OFF)\n");
		return;
	}
	if (rc == -EIO) {
		fw_puts("https: off: the board gave no entropy to seed the DRBG\n");
		return;
	}
	if (rc == 0)
		rc = http_server_start_tls(cfg);
	if (rc != 0) {
		report("https", rc, NULL);
		return;
	}
	tls_mem_stats(&tm);
	pl_snprintf(buf, sizeof(buf),
		 "https: port %u, %u connections, TLS arena %lu B (%lu B in use)\n",
		 (unsigned)sc->tls_port, (unsigned)sc->max_tls_connections,
		 (unsigned long)tm.size, (unsigned long)tm.used);
	fw_puts(buf);
}

int lwpaste_start(void)
{
	struct pl_err err = {0};
	struct pl_net_conf nc;
	struct pl_server_conf sc;
	struct pl_app *root;
	char buf[32];
	int rc;

	fw_platform_init();
	if ((rc = pl_net_conf_get(fw_config, &nc, &err)) != 0)
		return report("[net:eth0]", rc, &err);
	if ((rc = pl_server_conf_get(fw_config, &sc, &err)) != 0)
		return report("[server:main]", rc, &err);
	if ((rc = pl_build(fw_config, NULL, fw_pool, &root, &err)) != 0)
		return report("pipeline", rc, &err);
	if ((rc = fw_net_init(&nc)) != 0)
		return report("network", rc, NULL);
	if ((rc = http_server_start(&sc, root)) != 0)
		return report("http server", rc, NULL);
	fw_net_on_starved(http_server_reclaim);
	if (sc.port) {
		pl_snprintf(buf, sizeof(buf), "http: serving on port %u\n",
			    (unsigned)sc.port);
		fw_puts(buf);
	}
	if (sc.tls_port && sc.max_tls_connections)
		start_https(&sc);
	fw_http_stats = server_stats;
	fw_app_flushed = http_server_flushed;
	return 0;
}
