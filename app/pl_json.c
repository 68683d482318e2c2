/*
 * Bounded JSON writer. Escapes per RFC 8259 §7: quote, backslash and
 * control characters; bytes >= 0x80 pass through (the caller's UTF-8).
 */
#include "pl_json.h"

#include <string.h>

#include "pl_resp.h"

void pl_json_begin(struct pl_json *j, struct pl_response *resp)
{
	memset(j, 0, sizeof(*j));
	j->resp = resp;
	resp->content_type = "application/json";
}

static void sep(struct pl_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->need_comma[j->depth])
		pl_resp_write(j->resp, ",", 1);
	j->need_comma[j->depth] = true;
}

static void open(struct pl_json *j, char c)
{
	sep(j);
	pl_resp_write(j->resp, &c, 1);
	if (j->depth + 1 >= PL_JSON_DEPTH) {
		j->resp->overflow = true;
		return;
	}
	j->depth++;
	j->need_comma[j->depth] = false;
}

static void close_(struct pl_json *j, char c)
{
	pl_resp_write(j->resp, &c, 1);
	if (j->depth > 0)
		j->depth--;
}

void pl_json_obj_open(struct pl_json *j) { open(j, '{'); }
void pl_json_obj_close(struct pl_json *j) { close_(j, '}'); }
void pl_json_arr_open(struct pl_json *j) { open(j, '['); }
void pl_json_arr_close(struct pl_json *j) { close_(j, ']'); }

static void write_escaped(struct pl_json *j, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;

	pl_resp_write(j->resp, "\"", 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[6];
		size_t elen = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		pl_resp_write(j->resp, s + run, i - run);
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
		pl_resp_write(j->resp, esc, elen);
	}
	pl_resp_write(j->resp, s + run, n - run);
	pl_resp_write(j->resp, "\"", 1);
}

void pl_json_key(struct pl_json *j, const char *key)
{
	sep(j);
	write_escaped(j, key, strlen(key));
	pl_resp_write(j->resp, ":", 1);
	j->after_key = true;
}

void pl_json_strn(struct pl_json *j, const char *s, size_t n)
{
	sep(j);
	write_escaped(j, s, n);
}

void pl_json_str(struct pl_json *j, const char *s)
{
	pl_json_strn(j, s, strlen(s));
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

void pl_json_uint(struct pl_json *j, uint32_t v)
{
	char buf[10];
	size_t n = pl_fmt_uint(buf, sizeof(buf), v);

	sep(j);
	pl_resp_write(j->resp, buf, n);
}

void pl_json_int(struct pl_json *j, int32_t v)
{
	char buf[11];
	uint32_t mag = v < 0 ? (uint32_t)0 - (uint32_t)v : (uint32_t)v;
	size_t n = 0;

	if (v < 0)
		buf[n++] = '-';
	n += pl_fmt_uint(buf + n, sizeof(buf) - n, mag);
	sep(j);
	pl_resp_write(j->resp, buf, n);
}

void pl_json_bool(struct pl_json *j, bool v)
{
	sep(j);
	pl_resp_puts(j->resp, v ? "true" : "false");
}

void pl_json_null(struct pl_json *j)
{
	sep(j);
	pl_resp_puts(j->resp, "null");
}
