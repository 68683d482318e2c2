/*
 * A small bounded JSON writer over a pl_response body: correct escaping,
 * commas handled by a nesting stack, no allocation. Overflow is sticky in
 * resp->overflow.
 */
#ifndef LWPASTE_PL_JSON_H
#define LWPASTE_PL_JSON_H

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
void pl_json_key(struct pl_json *j, const char *key);
void pl_json_str(struct pl_json *j, const char *s);
void pl_json_strn(struct pl_json *j, const char *s, size_t n);
void pl_json_uint(struct pl_json *j, uint32_t v);
void pl_json_int(struct pl_json *j, int32_t v);
void pl_json_bool(struct pl_json *j, bool v);
void pl_json_null(struct pl_json *j);

/* Append a decimal or lowercase hex number to a bounded char buffer;
 * returns the length written (0 if it does not fit). */
size_t pl_fmt_uint(char *buf, size_t cap, uint32_t v);

#endif /* LWPASTE_PL_JSON_H */
