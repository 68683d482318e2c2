/*
 * A small bounded JSON writer over a pl_response body: correct escaping,
 * commas handled by a nesting stack, no allocation. Overflow is sticky in
 * resp->overflow.
 */
#ifndef LWPASTE_PL_JSON_H
#define LWPASTE_PL_JSON_H

#include <string.h>

#include "pl.h"

#define PL_JSON_DEPTH 8

struct pl_json {
	struct pl_response *resp;
	uint8_t depth;
	bool need_comma[PL_JSON_DEPTH];
	bool after_key;
};

void pl_json_begin(struct pl_json *j, struct pl_response *resp);
void pl_json_obj_open(struct pl_json *j);
void pl_json_obj_close(struct pl_json *j);
void pl_json_arr_open(struct pl_json *j);
void pl_json_arr_close(struct pl_json *j);
/* A key spelled in the code: pl_json_key(j, "name"). Only a string
 * literal compiles, quoted at compile time and copied without escaping, so
 * it must not need any (no '"', '\\' or control character); host debug
 * builds check that (PL_JSON_CHECK_KEYS: a key that does, overflows). */
#define pl_json_key(j, lit) pl_json_key_lit((j), "\"" lit "\":", sizeof(lit) + 2)
void pl_json_key_lit(struct pl_json *j, const char *quoted, size_t n);

/* A key from data (config, a table): escaped like a string value. */
void pl_json_keyn(struct pl_json *j, const char *key, size_t n);

static inline void pl_json_key_str(struct pl_json *j, const char *key)
{
	pl_json_keyn(j, key, strlen(key));
}

void pl_json_strn(struct pl_json *j, const char *s, size_t n);

/* A quoted, escaped JSON string appended to a body as it is, outside any
 * writer (for a document assembled from pre-rendered parts). */
void pl_json_write_string(struct pl_response *resp, const char *s, size_t n);

static inline void pl_json_str(struct pl_json *j, const char *s)
{
	pl_json_strn(j, s, strlen(s));
}
void pl_json_uint(struct pl_json *j, uint32_t v);
void pl_json_int(struct pl_json *j, int32_t v);
void pl_json_bool(struct pl_json *j, bool v);
void pl_json_null(struct pl_json *j);

/* Append a decimal or lowercase hex number to a bounded char buffer;
 * returns the length written (0 if it does not fit). */
size_t pl_fmt_uint(char *buf, size_t cap, uint32_t v);

#endif /* LWPASTE_PL_JSON_H */
