/*
 * Run-time config for the host board (see host_config.h). The loader's
 * working storage and the pools a config is built into are static and
 * bounded (pl_load.h limits, HOST_MAX_APPS / HOST_MAX_ROUTES, the server
 * sizes in board_opts.h): a config too large for them is refused with a
 * message, as the loader refuses a file too large for its arrays.
 */
#include "host_config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fw.h"
#include "lwpaste_opts.h"
#include "pl_build_priv.h"
#include "pl_gen.h"
#include "pl_load.h"

static struct pl_load loaded;
static struct pl_config with_entry;
static struct pl_app apps[HOST_MAX_APPS];
static struct pl_route routes[HOST_MAX_ROUTES];
static unsigned char arena[HOST_ARENA_BYTES] __attribute__((aligned(PL_ARENA_ALIGN)));
static struct pl_pool pool = {apps, HOST_MAX_APPS, routes, HOST_MAX_ROUTES,
			      arena, HOST_ARENA_BYTES};

static int fail(const struct pl_config *cfg, const char *what, int rc,
		const struct pl_err *err)
{
	if (err->line)
		fprintf(stderr, "lwpaste-host: %s:%u: %s\n", cfg->file, err->line, err->msg);
	else
		fprintf(stderr, "lwpaste-host: %s: %s: %s\n", cfg->file, what,
			err->msg[0] ? err->msg : strerror(-rc));
	return rc;
}

/* What lwpaste_start() will do, done once here so that a mistake ends
 * the process with a message instead of a device that serves nothing. */
static int check(const struct pl_config *cfg)
{
	struct pl_server_conf sc;
	struct pl_net_conf nc;
	struct pl_err err = {0};
	struct pl_app *root;
	int rc;

	if ((rc = pl_net_conf_get(cfg, &nc, &err)) != 0)
		return fail(cfg, "[net:eth0]", rc, &err);
	if ((rc = pl_server_conf_get(cfg, &sc, &err)) != 0)
		return fail(cfg, "[server:main]", rc, &err);
	if (sc.max_connections > HTTP_MAX_CONNS || sc.max_header_bytes > HTTP_MAX_HEADER_BYTES ||
	    sc.max_body_bytes > HTTP_MAX_BODY_BYTES) {
		snprintf(err.msg, sizeof(err.msg),
			 "[server:main] asks for more than lwpaste-host is sized for "
			 "(max_connections %d, max_header_bytes %d, max_body_bytes %d)",
			 HTTP_MAX_CONNS, HTTP_MAX_HEADER_BYTES, HTTP_MAX_BODY_BYTES);
		return fail(cfg, "[server:main]", -EFBIG, &err);
	}
	if ((rc = pl_build(cfg, NULL, &pool, &root, &err)) != 0)
		return fail(cfg, "pipeline", rc, &err);
	return 0;
}

int host_config_select(const char *path, const char *app)
{
	const struct pl_config *cfg = &pl_baked_config;
	struct pl_err err = {0};
	int rc;

	if (path != NULL) {
		rc = pl_load_file(&loaded, path, app, &err);
		if (rc != 0) {
			struct pl_config named = {.file = path};

			return fail(&named, "cannot load", rc, &err);
		}
		cfg = &loaded.cfg;
	} else if (app != NULL) {
		/* The baked tables, another entry: built into our pool, which
		 * (unlike pl_baked_pool) is not sized for one tree only. */
		with_entry = pl_baked_config;
		with_entry.entry = app;
		cfg = &with_entry;
	}
	if (cfg == &pl_baked_config)
		return 0;
	rc = check(cfg);
	if (rc != 0)
		return rc;
	fw_config = cfg;
	fw_pool = &pool;
	return 0;
}
