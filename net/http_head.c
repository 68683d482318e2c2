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

/* Every head ends the same way: the Content-Length value, the Connection
 * line (or none), the app's lines, the blank line. */
static void put_tail(char *p, const char *num, size_t nnum, const char *conn,
		     size_t nconn, const struct pl_response *r)
{
	p = put_at(p, num, nnum);
	p = PUT_LIT(p, "\r\n");
	p = put_at(p, conn, nconn);
	p = put_at(p, r->hdr, r->hdr_len);
	PUT_LIT(p, "\r\n");
}

/* Most answers: 200, JSON, HTTP/1.1. Their first line and Content-Type as
 * one literal, so no status or type is formatted or measured. */
static const char head_200_json[] =
	"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ";

static char *head_200_json_write(const struct pl_response *r, const char *conn,
				 char *end, size_t room)
{
	char num[10];
	size_t nnum = pl_fmt_uint(num, sizeof(num), (uint32_t)(r->body_len + r->ext_len));
	size_t nconn = strlen(conn);
	size_t n = sizeof(head_200_json) - 1 + nnum + 2 + nconn + r->hdr_len + 2;
	char *out, *p;

	if (n > room)
		return NULL;
	out = p = end - n;
	p = put_at(p, head_200_json, sizeof(head_200_json) - 1);
	put_tail(p, num, nnum, conn, nconn, r);
	return out;
}

static char *head_write(const struct pl_response *r, uint8_t minor,
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
	put_tail(p, num, nnum, conn, nconn, r);
	return out;
}

char *http_head_write(const struct pl_response *r, uint8_t minor,
		      const char *conn, char *end, size_t room)
{
	if (r->status == 200 && minor &&
	    (!r->content_type || strcmp(r->content_type, "application/json") == 0))
		return head_200_json_write(r, conn, end, room);
	return head_write(r, minor, conn, end, room);
}
