/*
 * JSON request bodies over jsmn (Debian's libjsmn-dev, header-only; this is
 * the one file that compiles it, JSMN_STATIC). jsmn is a tokenizer, not a
 * validator: even in strict mode it accepts `tru`, `{"a":1,}` and
 * `{"a" "b": 1}`. So the object is checked again here, token by token and
 * gap by gap, against RFC 8259's grammar for a flat object (scalar members
 * only, which is all a device API body needs).
 */
#define JSMN_STATIC
#define JSMN_STRICT
#include <jsmn.h>

#include "pl_fmt.h"
#include "pl_jsonin.h"

#include <errno.h>
#include <string.h>

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* s[a..b) is whitespace around at most one `sep` (exactly one if sep). */
static bool gap_ok(const char *s, int a, int b, char sep)
{
	bool seen = false;
	int i;

	if (a > b)
		return false;
	for (i = a; i < b; i++) {
		if (is_ws(s[i]))
			continue;
		if (!sep || s[i] != sep || seen)
			return false;
		seen = true;
	}
	return sep ? seen : true;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* RFC 8259 §6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static bool is_number(const char *p, size_t n)
{
	size_t i = 0;

	if (i < n && p[i] == '-')
		i++;
	if (i >= n || !is_digit(p[i]))
		return false;
	if (p[i] == '0')
		i++;
	else
		while (i < n && is_digit(p[i]))
			i++;
	if (i < n && p[i] == '.') {
		if (++i >= n || !is_digit(p[i]))
			return false;
		while (i < n && is_digit(p[i]))
			i++;
	}
	if (i < n && (p[i] == 'e' || p[i] == 'E')) {
		i++;
		if (i < n && (p[i] == '+' || p[i] == '-'))
			i++;
		if (i >= n || !is_digit(p[i]))
			return false;
		while (i < n && is_digit(p[i]))
			i++;
	}
	return i == n;
}

static bool tok_is(const char *s, const jsmntok_t *t, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(t->end - t->start) == n &&
	       memcmp(s + t->start, lit, n) == 0;
}

static bool primitive_ok(const char *s, const jsmntok_t *t)
{
	return tok_is(s, t, "true") || tok_is(s, t, "false") ||
	       tok_is(s, t, "null") ||
	       is_number(s + t->start, (size_t)(t->end - t->start));
}

static bool to_uint(const char *p, size_t n, uint32_t *out)
{
	uint32_t v = 0;
	size_t i;

	if (n == 0 || n > 10)
		return false;
	for (i = 0; i < n; i++) {
		uint32_t d;

		if (!is_digit(p[i]))
			return false;
		d = (uint32_t)(p[i] - '0');
		if (v > (UINT32_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

/* A key as the client sent it, shortened and printable, for a message. */
static void key_for_msg(char *dst, size_t cap, const char *s,
			const jsmntok_t *t)
{
	size_t n = (size_t)(t->end - t->start), i;

	if (n > cap - 1)
		n = cap - 1;
	for (i = 0; i < n; i++) {
		char c = s[t->start + (int)i];

		dst[i] = (c >= 0x20 && c < 0x7f) ? c : '?';
	}
	dst[n] = '\0';
}

static int fail(char *msg, size_t cap, const char *fmt, const char *arg)
{
	if (cap)
		pl_snprintf(msg, cap, fmt, arg);
	return -EINVAL;
}

static const char *type_word(uint8_t type)
{
	switch (type) {
	case PL_JBOOL: return "a boolean";
	case PL_JUINT: return "a non-negative integer";
	case PL_JSTR: return "a string";
	default: return "valid";
	}
}

static bool store(const struct pl_jfield *f, const char *s,
		  const jsmntok_t *v)
{
	size_t n = (size_t)(v->end - v->start);

	switch (f->type) {
	case PL_JBOOL:
		if (v->type != JSMN_PRIMITIVE ||
		    !(tok_is(s, v, "true") || tok_is(s, v, "false")))
			return false;
		*(bool *)f->out = s[v->start] == 't';
		return true;
	case PL_JUINT: {
		uint32_t u;

		if (v->type != JSMN_PRIMITIVE || !to_uint(s + v->start, n, &u))
			return false;
		*(uint32_t *)f->out = u;
		return true;
	}
	case PL_JSTR:
		if (v->type != JSMN_STRING)
			return false;
		((struct pl_str *)f->out)->p = s + v->start;
		((struct pl_str *)f->out)->n = n;
		return true;
	default:
		return false;
	}
}

int pl_jsonin_object(const char *s, size_t n, const struct pl_jfield *fields,
		     size_t num_fields, char *msg, size_t cap)
{
	static const char malformed[] = "malformed JSON in request body%s";
	jsmntok_t tok[PL_JSONIN_TOKENS];
	uint32_t seen = 0;
	jsmn_parser p;
	char key[33];
	int count, i, k, prev;
	size_t f;

	if (num_fields > 32)
		return fail(msg, cap, "%s", "too many fields declared");
	while (n > 0 && is_ws(s[n - 1]))
		n--;
	if (n == 0)
		return fail(msg, cap, "%s", "request body must be a JSON object");
	if (n > (size_t)INT32_MAX)
		return fail(msg, cap, malformed, "");
	jsmn_init(&p);
	count = jsmn_parse(&p, s, n, tok, PL_JSONIN_TOKENS);
	if (count == JSMN_ERROR_NOMEM)
		return fail(msg, cap, "%s", "request body has too many JSON values");
	if (count <= 0)
		return fail(msg, cap, malformed, "");
	if (tok[0].type != JSMN_OBJECT)
		return fail(msg, cap, "%s", "request body must be a JSON object");
	/* jsmn stops at a NUL or after the first value; the rest must be
	 * nothing (trailing whitespace was trimmed above). */
	if ((size_t)tok[0].end != n || !gap_ok(s, 0, tok[0].start, 0))
		return fail(msg, cap, malformed, "");

	prev = tok[0].start + 1; /* after '{' */
	for (k = 0, i = 1; k < tok[0].size; k++, i += 2) {
		const jsmntok_t *kt, *vt;
		int kstart, vstart, vend;

		if (i + 1 >= count)
			return fail(msg, cap, malformed, "");
		kt = &tok[i];
		vt = &tok[i + 1];
		/* A container value is always refused below (every field is
		 * a scalar), so its members never need to be walked. */
		if (kt->type != JSMN_STRING || kt->size != 1 ||
		    ((vt->type == JSMN_STRING || vt->type == JSMN_PRIMITIVE) &&
		     vt->size != 0))
			return fail(msg, cap, malformed, "");
		kstart = kt->start - 1; /* the quotes are outside the token */
		vstart = vt->type == JSMN_STRING ? vt->start - 1 : vt->start;
		vend = vt->type == JSMN_STRING ? vt->end + 1 : vt->end;
		if (!gap_ok(s, prev, kstart, k ? ',' : 0) ||
		    !gap_ok(s, kt->end + 1, vstart, ':'))
			return fail(msg, cap, malformed, "");
		if (vt->type == JSMN_PRIMITIVE && !primitive_ok(s, vt))
			return fail(msg, cap, malformed, "");
		prev = vend;

		key_for_msg(key, sizeof(key), s, kt);
		for (f = 0; f < num_fields; f++)
			if (tok_is(s, kt, fields[f].name))
				break;
		if (f == num_fields)
			return fail(msg, cap, "unknown field '%s'", key);
		if (seen & (1u << f))
			return fail(msg, cap, "duplicate field '%s'", key);
		seen |= 1u << f;
		if (!store(&fields[f], s, vt)) {
			if (cap)
				pl_snprintf(msg, cap, "field '%s' must be %s", key,
					 type_word(fields[f].type));
			return -EINVAL;
		}
		if (fields[f].present)
			*fields[f].present = true;
	}
	if (i != count || !gap_ok(s, prev, tok[0].end - 1, 0))
		return fail(msg, cap, malformed, "");
	for (f = 0; f < num_fields; f++)
		if (fields[f].required && !(seen & (1u << f)))
			return fail(msg, cap, "missing field '%s'", fields[f].name);
	return 0;
}
