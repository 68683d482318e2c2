/*
 * The response head, written in place before the body (http_head.h).
 */
#include "http_head.h"

#include <string.h>

#include "pl_json.h"
#include "pl_resp.h"

static char *put_at(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

#define PUT_LIT(p, lit) put_at((p), lit, sizeof(lit) - 1)

char *http_head_write(const struct pl_response *r, uint8_t minor,
		      const char *conn, char *end, size_t room)
{
	char num[10], code[10];
	const char *ctype = r->content_type ? r->content_type : "application/json";
	const char *reason = pl_status_reason(r->status);
	size_t nnum = pl_fmt_uint(num, sizeof(num), (uint32_t)(r->body_len + r->ext_len));
	size_t ncode = pl_fmt_uint(code, sizeof(code), r->status);
	size_t nreason = strlen(reason), nctype = strlen(ctype), nconn = strlen(conn);
	size_t n = sizeof("HTTP/1.1 ") - 1 + ncode + 1 + nreason +
		   sizeof("\r\nContent-Type: ") - 1 + nctype +
		   sizeof("\r\nContent-Length: ") - 1 + nnum + 2 + nconn + r->hdr_len + 2;
	char *out, *p;

	if (n > room)
		return NULL;
	out = p = end - n;
	p = minor ? PUT_LIT(p, "HTTP/1.1 ") : PUT_LIT(p, "HTTP/1.0 ");
	p = put_at(p, code, ncode);
	*p++ = ' ';
	p = put_at(p, reason, nreason);
	p = PUT_LIT(p, "\r\nContent-Type: ");
	p = put_at(p, ctype, nctype);
	p = PUT_LIT(p, "\r\nContent-Length: ");
	p = put_at(p, num, nnum);
	p = PUT_LIT(p, "\r\n");
	p = put_at(p, conn, nconn);
	p = put_at(p, r->hdr, r->hdr_len);
	PUT_LIT(p, "\r\n");
	return out;
}
