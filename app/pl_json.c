/*
 * Bounded JSON writer. Escapes per RFC 8259 §7: quote, backslash and
 * control characters; bytes >= 0x80 pass through (the caller's UTF-8).
 *
 * Every token is one reservation in the body: separator, quotes and text
 * together. Strings are scanned a machine word at a time for a byte that
 * needs escaping; most need none and go out with one memcpy.
 */
#include "pl_json.h"

#include <string.h>

#include "pl_bytes.h"
#include "pl_resp.h"

void pl_json_begin(struct pl_json *j, struct pl_response *resp)
{
	j->resp = resp;
	j->depth = 0;
	j->need_comma[0] = false;
	j->after_key = false;
	resp->content_type = "application/json";
}

/* Does the next value need a comma before it? Marks the level non-empty. */
static bool sep(struct pl_json *j)
{
	bool comma;

	if (j->after_key) {
		j->after_key = false;
		return false;
	}
	comma = j->need_comma[j->depth];
	j->need_comma[j->depth] = true;
	return comma;
}

static void open(struct pl_json *j, char c)
{
	bool comma = sep(j);
	char *d = pl_resp_reserve(j->resp, (size_t)comma + 1);

	if (!d)
		return;
	if (comma)
		*d++ = ',';
	*d = c;
	if (j->depth + 1 >= PL_JSON_DEPTH) {
		j->resp->overflow = true;
		return;
	}
	j->depth++;
	j->need_comma[j->depth] = false;
}

static void close_(struct pl_json *j, char c)
{
	char *d = pl_resp_reserve(j->resp, 1);

	if (d)
		*d = c;
	if (j->depth > 0)
		j->depth--;
}

void pl_json_obj_open(struct pl_json *j) { open(j, '{'); }
void pl_json_obj_close(struct pl_json *j) { close_(j, '}'); }
void pl_json_arr_open(struct pl_json *j) { open(j, '['); }
void pl_json_arr_close(struct pl_json *j) { close_(j, ']'); }

/* Some byte of w is below 0x20, '"' or '\\' (pl_bytes.h). */
static bool word_needs_escape(pl_word w)
{
	return (pl_word_less(w, 0x20) | pl_word_eq(w, '"') | pl_word_eq(w, '\\')) != 0;
}

static bool needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

/* Length of the prefix of s that goes out as it is: whole words while
 * they are clean, the last few bytes padded into one more word ('a' is
 * clean), a byte loop only from the word that has something to escape. */
static size_t plain_len(const char *s, size_t n)
{
	size_t i = 0, r;

	for (; i + sizeof(pl_word) <= n; i += sizeof(pl_word))
		if (word_needs_escape(pl_word_load(s + i)))
			goto bytes;
	r = n - i;
	if (r) {
		pl_word w = PL_WORD_ONES * (pl_word)'a';
		unsigned char *wb = (unsigned char *)&w;
		size_t k;

		for (k = 0; k < r; k++)
			wb[k] = (unsigned char)s[i + k];
		if (!word_needs_escape(w))
			return n;
	}
bytes:
	for (; i < n; i++)
		if (needs_escape((unsigned char)s[i]))
			return i;
	return n;
}

/* The slow path: s has a byte to escape at or after `plain`. */
static void write_escaped_tail(struct pl_response *resp, const char *s,
			       size_t n, size_t plain)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;

	for (i = plain; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[6];
		size_t elen = 2;

		if (!needs_escape(c))
			continue;
		pl_resp_write(resp, s + run, i - run);
		run = i + 1;
		esc[0] = '\\';
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			elen = 6;
		}
		pl_resp_write(resp, esc, elen);
	}
	pl_resp_write(resp, s + run, n - run);
}

/* [,]"s"[:] */
static void put_string(struct pl_response *resp, bool comma, const char *s,
		       size_t n, bool key)
{
	size_t plain = plain_len(s, n);
	char *d;

	if (plain == n) {
		d = pl_resp_reserve(resp, (size_t)comma + n + 2 + (size_t)key);
		if (!d)
			return;
		if (comma)
			*d++ = ',';
		*d++ = '"';
		memcpy(d, s, n);
		d += n;
		*d++ = '"';
		if (key)
			*d = ':';
		return;
	}
	d = pl_resp_reserve(resp, (size_t)comma + 1);
	if (!d)
		return;
	if (comma)
		*d++ = ',';
	*d = '"';
	write_escaped_tail(resp, s, n, plain);
	pl_resp_write(resp, key ? "\":" : "\"", key ? 2 : 1);
}

static void string(struct pl_json *j, const char *s, size_t n, bool key)
{
	bool comma = sep(j);

	put_string(j->resp, comma, s, n, key);
}

void pl_json_write_string(struct pl_response *resp, const char *s, size_t n)
{
	put_string(resp, false, s, n, false);
}

void pl_json_key_lit(struct pl_json *j, const char *quoted, size_t n)
{
	bool comma = sep(j);
	char *d;

#ifdef PL_JSON_CHECK_KEYS
	if (n < 3 || plain_len(quoted + 1, n - 3) != n - 3) {
		j->resp->overflow = true;
		return;
	}
#endif
	d = pl_resp_reserve(j->resp, (size_t)comma + n);
	if (d) {
		if (comma)
			*d++ = ',';
		memcpy(d, quoted, n);
	}
	j->after_key = true;
}

void pl_json_keyn(struct pl_json *j, const char *key, size_t n)
{
	string(j, key, n, true);
	j->after_key = true;
}

void pl_json_strn(struct pl_json *j, const char *s, size_t n)
{
	string(j, s, n, false);
}

size_t pl_fmt_uint(char *buf, size_t cap, uint32_t v)
{
	char tmp[10];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (n > cap)
		return 0;
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	return n;
}

/* [,]text */
static void raw(struct pl_json *j, const char *text, size_t n)
{
	bool comma = sep(j);
	char *d = pl_resp_reserve(j->resp, (size_t)comma + n);

	if (!d)
		return;
	if (comma)
		*d++ = ',';
	memcpy(d, text, n);
}

void pl_json_uint(struct pl_json *j, uint32_t v)
{
	char buf[10];

	raw(j, buf, pl_fmt_uint(buf, sizeof(buf), v));
}

void pl_json_int(struct pl_json *j, int32_t v)
{
	char buf[11];
	uint32_t mag = v < 0 ? (uint32_t)0 - (uint32_t)v : (uint32_t)v;
	size_t n = 0;

	if (v < 0)
		buf[n++] = '-';
	n += pl_fmt_uint(buf + n, sizeof(buf) - n, mag);
	raw(j, buf, n);
}

void pl_json_bool(struct pl_json *j, bool v)
{
	if (v)
		raw(j, "true", 4);
	else
		raw(j, "false", 5);
}

void pl_json_null(struct pl_json *j)
{
	raw(j, "null", 4);
}
