/*
 * JSON request bodies: a flat object checked against a field list, with a
 * message a client can act on ("field 'on' must be a boolean"). jsmn
 * tokenizes into a bounded token array on the stack; nothing allocates and
 * nothing is copied (strings come back as views into the body).
 */
#ifndef LWPASTE_PL_JSONIN_H
#define LWPASTE_PL_JSONIN_H

#include "pl.h"

/* Tokens one body may have: the object, and a key and a value per field.
 * A body with more is refused as too complex. */
#ifndef PL_JSONIN_TOKENS
#define PL_JSONIN_TOKENS 16
#endif

enum pl_jtype {
	PL_JBOOL,   /* out: bool */
	PL_JUINT,   /* out: uint32_t; a non-negative integer that fits */
	PL_JSTR,    /* out: struct pl_str, raw (escapes are not decoded) */
};

struct pl_jfield {
	const char *name;
	uint8_t type;       /* enum pl_jtype */
	bool required;
	void *out;          /* written only when the field is present */
	bool *present;      /* may be NULL */
};

/* Parse s[0..n) as one JSON object whose members are among fields, each at
 * most once, with every required one present. 0, or -EINVAL with a
 * message in msg[0..cap). */
int pl_jsonin_object(const char *s, size_t n, const struct pl_jfield *fields,
		     size_t num_fields, char *msg, size_t cap);

#endif /* LWPASTE_PL_JSONIN_H */
