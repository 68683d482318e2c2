/*
 * The host board's run-time config: `--config FILE.ini [--app NAME]`,
 * read with the config tool's loader (firmware/config/pl_load.c) and
 * checked by building it once, so a config that cannot run is a
 * FILE:LINE message and exit status 2 before any network starts.
 */
#ifndef LWPASTE_HOST_CONFIG_H
#define LWPASTE_HOST_CONFIG_H

/* Load path (NULL: the baked config) with entry app (NULL: its own),
 * check it, and make lwpaste_start() serve it (fw_config, fw_pool).
 * 0, or -errno after printing why. */
int host_config_select(const char *path, const char *app);

#endif /* LWPASTE_HOST_CONFIG_H */
