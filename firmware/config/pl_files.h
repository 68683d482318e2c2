/*
 * Files for the apps that serve them (pl_factory.embeds_files, e.g.
 * static): read on the build machine from the keys of their sections,
 *
 *   root = DIR          every regular file below DIR, recursively, at its
 *                       path below DIR; names starting with '.' skipped
 *   file /URL = PATH    one file at /URL, over what root gives there
 *
 * paths relative to the ini's folder (paste's `here`), into the config
 * model's file table (pl_config.files), which `lwpaste-config gen` emits
 * as const arrays. Host only: it reads the file system and allocates.
 */
#ifndef LWPASTE_PL_FILES_H
#define LWPASTE_PL_FILES_H

#include "pl_load.h"

#define PL_FILES_MAX 1024                 /* files in one config */
#define PL_FILES_MAX_BYTES (8u << 20)     /* bytes of them all */
#define PL_FILES_URL_MAX 255              /* longest /URL */

/* Fill ld->cfg.files / num_files (sorted by section, then path); 0, or
 * -errno with err at the offending key's line. Replaces what an earlier
 * call read. */
int pl_files_load(struct pl_load *ld, struct pl_err *err);

/* The file set's paths, for a build system's depfile (NULL-terminated,
 * valid until the next pl_files_load). */
const char *const *pl_files_sources(void);

#endif /* LWPASTE_PL_FILES_H */
