/*
 * The paste ini loader (host only: the config tool, the host board's
 * --config, the tests and the fuzzer). inih reads the file; this resolves
 * it into the pl_config model that pl_build() and the generated tables use:
 *
 *   [DEFAULT]                globals, visible to every section
 *   %(name)s                 interpolation from the section's own keys, then
 *                            [DEFAULT], then paste's `here` and `__file__`;
 *                            %% is a literal %
 *   use = NAME               a factory (or egg:lwpaste#NAME) -- or, when a
 *                            section of the same kind is called NAME, that
 *                            section: its factory and keys are inherited and
 *                            this section's keys override them
 *   set key = value          override a global for this section
 *   get key = global_key     copy a global into this section's local conf
 *   filter-with = NAME       wrap this section in the filter NAME
 *   key = value              local conf; continuation lines (indented) are
 *                            joined with '\n' as in configparser
 *
 * Every error is a line and a message (pl_err); the tool prints
 * FILE:LINE: message. All storage is the caller's struct pl_load (bounded
 * arrays, no malloc), so the loader can run again and again under a fuzzer.
 */
#ifndef LWPASTE_PL_LOAD_H
#define LWPASTE_PL_LOAD_H

#include "pl_build.h"

#define PL_LOAD_MAX_FILE (64 * 1024)      /* bytes of ini */
#define PL_LOAD_MAX_SECTIONS 128
#define PL_LOAD_MAX_RAW 1024              /* key = value lines */
#define PL_LOAD_MAX_KV 4096               /* resolved local + global kvs */
#define PL_LOAD_ARENA (256 * 1024)        /* strings */
#define PL_LOAD_PATH_MAX 1024

struct pl_load_raw {
	const char *key;
	const char *value;
	uint16_t line;
	bool secret;
};

struct pl_load_sec {
	const char *name;
	uint8_t type;                  /* enum pl_section_type; 0xff DEFAULT */
	uint16_t line;
	uint16_t first, num;           /* its raw entries */
	uint8_t state;                 /* resolution: 0 new, 1 busy, 2 done */
	const char *factory;           /* resolved factory name */
	const struct pl_load_sec *base;/* the section `use =` reuses */
	uint16_t use_line;
};

struct pl_load {
	struct pl_config cfg;
	char file[PL_LOAD_PATH_MAX];
	char file_abs[PL_LOAD_PATH_MAX];
	char here[PL_LOAD_PATH_MAX];
	char src[PL_LOAD_MAX_FILE + 1];
	size_t src_len, pos;
	char text[PL_LOAD_MAX_FILE + PL_LOAD_MAX_FILE / 2]; /* masked ini */
	size_t text_len;

	struct pl_load_sec sec[PL_LOAD_MAX_SECTIONS];
	size_t num_sec;
	int default_sec;               /* index of [DEFAULT] or -1 */
	struct pl_load_raw raw[PL_LOAD_MAX_RAW];
	size_t num_raw;
	struct pl_section out[PL_LOAD_MAX_SECTIONS];
	struct pl_kv kv[PL_LOAD_MAX_KV];
	size_t num_kv;
	const struct pl_kv *globals;   /* [DEFAULT], interpolated */
	uint16_t num_globals;
	char arena[PL_LOAD_ARENA];
	size_t arena_used;

	/* reader state, mirrors inih's line classification */
	unsigned lineno;
	int cur;                       /* current section index, -1 none */
	bool prev_name;                /* inih: a key was seen in section */
	bool cont;                     /* this line continues the last key */
	bool mask_cont;                /* ... and that key is a secret */
	struct pl_err *err;
	bool failed;
};

/* Parse and resolve text (len bytes, named file in messages); entry NULL
 * means "main". 0, or -errno with err set. */
int pl_load_buf(struct pl_load *ld, const char *file, const char *text,
		size_t len, const char *entry, struct pl_err *err);

/* Read path and pl_load_buf() it. A file-level error has line 0. */
int pl_load_file(struct pl_load *ld, const char *path, const char *entry,
		 struct pl_err *err);

/* Keys whose values are secrets: token, password, secret, key, or any key
 * containing one of them (case-insensitive). */
bool pl_load_is_secret(const char *key);

/* Release builds: a secret whose value is a sample (contains "sample") is
 * an error at its line. */
int pl_load_check_samples(const struct pl_load *ld, struct pl_err *err);

#endif /* LWPASTE_PL_LOAD_H */
