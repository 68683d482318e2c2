/*
 * HTTP/1.x request head parser and chunked decoder. Strict where laxness
 * enables request smuggling (RFC 9112 §6.3, §11.2): a space before a
 * header colon, obs-fold, Transfer-Encoding together with Content-Length,
 * conflicting Content-Lengths and control bytes are all 400. A bare LF is
 * accepted as a line end (RFC 9112 §2.2).
 */
#include "http_parser.h"

#include <stddef.h>
#include <string.h>

#include "pl_bytes.h"

/* RFC 9110 §5.6.2 tchar: ALPHA, DIGIT and !#$%&'*+-.^_`|~, as a bitmap
 * of the 128 ASCII codes. */
static const uint32_t tchar_map[4] = {
	0x00000000u, /* 0x00-0x1f: controls */
	0x03ff6cfau, /* 0x20-0x3f: ! # $ % & ' * + - . 0-9 */
	0xc7fffffeu, /* 0x40-0x5f: A-Z ^ _ */
	0x57ffffffu, /* 0x60-0x7f: ` a-z | ~ */
};

static inline __attribute__((always_inline)) bool is_tchar(unsigned char c)
{
	return c < 128 && ((tchar_map[c >> 5] >> (c & 31)) & 1u);
}

static char lc(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* s equals the literal lit of length n (lowercase letters, digits, '-'),
 * ignoring case. Only for text the parser has validated (tchars, or a
 * header value: no control but HTAB, no DEL): there c | 0x20 equals such a
 * literal character only when c is that character in either case. */
static bool ieqn(struct pl_str s, const char *lit, size_t n)
{
	size_t i = 0;

	if (s.n != n)
		return false;
	for (; i + sizeof(pl_word) <= n; i += sizeof(pl_word))
		if ((pl_word_load(s.p + i) | (PL_WORD_ONES * 0x20)) != pl_word_load(lit + i))
			return false;
	for (; i < n; i++)
		if ((s.p[i] | 0x20) != lit[i])
			return false;
	return true;
}

#define IEQ(s, lit) ieqn((s), lit, sizeof(lit) - 1)

static int fail(struct http_head *h, uint16_t status, const char *why)
{
	h->status = status;
	h->error = why;
	return HTTP_ERROR;
}

static const struct {
	const char *name;
	unsigned bit;
} methods[] = {
	{"GET", PL_GET},       {"HEAD", PL_HEAD},     {"POST", PL_POST},
	{"PUT", PL_PUT},       {"DELETE", PL_DELETE}, {"PATCH", PL_PATCH},
	{"OPTIONS", PL_OPTIONS},
};

static unsigned method_bit(struct pl_str m)
{
	size_t i;

	if (m.n == 3 && memcmp(m.p, "GET", 3) == 0)
		return PL_GET;
	for (i = 1; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (m.n == strlen(methods[i].name) &&
		    memcmp(m.p, methods[i].name, m.n) == 0)
			return methods[i].bit;
	return 0;
}

/* Before the head is complete, catch an overlong request line early so a
 * client cannot make us buffer max_header_bytes of target first. */
static int check_partial(const char *buf, size_t len,
			 const struct http_limits *lim, struct http_head *h)
{
	const char *sp = memchr(buf, ' ', len);
	const char *nl = memchr(buf, '\n', len);

	if (sp && !nl) {
		size_t tlen = len - (size_t)(sp + 1 - buf);
		const char *sp2 = memchr(sp + 1, ' ', tlen);

		if (sp2)
			tlen = (size_t)(sp2 - (sp + 1));
		if (tlen > lim->max_uri_bytes)
			return fail(h, 414, "The request URI is too long.");
	}
	if (!sp && !nl && len > 32)
		return fail(h, 400, "Malformed request line.");
	if (len >= lim->max_header_bytes)
		return fail(h, 431, "The request header fields are too large.");
	return HTTP_PARTIAL;
}

static int parse_version(const char *p, size_t n, struct http_head *h)
{
	if (n != 8 || memcmp(p, "HTTP/", 5) != 0 || p[6] != '.' ||
	    p[5] < '0' || p[5] > '9' || p[7] < '0' || p[7] > '9')
		return fail(h, 400, "Malformed HTTP version.");
	if (p[5] != '1')
		return fail(h, 505, "Only HTTP/1.0 and HTTP/1.1 are supported.");
	/* HTTP/1.2+ is answered as 1.1 (RFC 9110 §6.2). */
	h->minor = p[7] == '0' ? 0 : 1;
	return 0;
}

static int parse_target(struct http_head *h)
{
	const char *p = h->target.p;
	size_t n = h->target.n, i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c <= 0x20 || c >= 0x7f)
			return fail(h, 400, "Malformed request target.");
	}
	/* absolute-form (RFC 9112 §3.2.2): servers must accept it. The
	 * authority ends at the first '/' or '?' (RFC 3986 §3.2): a '/' in
	 * the query is not the path. No path is "/", viewed in the buffer as
	 * the slash before the authority, like every other view. */
	if (n > 7 && (memcmp(p, "http://", 7) == 0 ||
		      (n > 8 && memcmp(p, "https://", 8) == 0))) {
		const char *auth = p + (p[4] == 's' ? 8 : 7);
		const char *end = p + n, *q = auth;

		while (q < end && *q != '/' && *q != '?')
			q++;
		if (q == end || *q == '?') {
			h->path.p = auth - 1;
			h->path.n = 1;
			h->query.p = q < end ? q + 1 : end;
			h->query.n = (size_t)(end - h->query.p);
			return 0;
		}
		n -= (size_t)(q - p);
		p = q;
	} else if (n == 1 && p[0] == '*') {
		if (h->method_bit != PL_OPTIONS)
			return fail(h, 400, "Malformed request target.");
	} else if (p[0] != '/') {
		return fail(h, 400, "Malformed request target.");
	}
	h->path.p = p;
	h->path.n = n;
	h->query.p = p + n;
	h->query.n = 0;
	for (i = 0; i < n; i++) {
		if (p[i] == '?') {
			h->path.n = i;
			h->query.p = p + i + 1;
			h->query.n = n - i - 1;
			break;
		}
	}
	return 0;
}

static int parse_request_line(const char *line, size_t n,
			      const struct http_limits *lim,
			      struct http_head *h)
{
	const char *p = line, *end = line + n, *sp2;

	/* the method: tchars up to the first space */
	while (p < end && is_tchar((unsigned char)*p))
		p++;
	if (p == end || *p != ' ' || p == line) {
		const char *sp1 = memchr(line, ' ', n);

		if (!sp1 || sp1 == line)
			return fail(h, 400, "Malformed request line.");
		return fail(h, 400, "Malformed request method.");
	}
	h->method.p = line;
	h->method.n = (size_t)(p - line);
	h->method_bit = method_bit(h->method);
	p++;
	sp2 = memchr(p, ' ', (size_t)(end - p));
	if (!sp2 || sp2 == p)
		return fail(h, 400, "Malformed request line.");
	h->target.p = p;
	h->target.n = (size_t)(sp2 - p);
	if (h->target.n > lim->max_uri_bytes)
		return fail(h, 414, "The request URI is too long.");
	if (parse_version(sp2 + 1, (size_t)(end - (sp2 + 1)), h))
		return HTTP_ERROR;
	return parse_target(h);
}

/* No control byte but HTAB, no DEL (RFC 9110 §5.5: field-vchar, SP,
 * HTAB, obs-text), a word at a time while there is none of either. */
static bool value_ok(const char *v, size_t n)
{
	size_t i = 0;

	for (; i + sizeof(pl_word) <= n; i += sizeof(pl_word)) {
		pl_word w = pl_word_load(v + i);

		if (pl_word_less(w, 0x20) | pl_word_eq(w, 0x7f))
			break;
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return false;
	}
	return true;
}

static int parse_header_line(const char *line, size_t n, struct http_head *h)
{
	const char *p = line, *end = line + n, *v;

	/* the name: tchars up to the colon */
	while (p < end && is_tchar((unsigned char)*p))
		p++;
	if (p == end || *p != ':' || p == line) {
		const char *colon;

		if (line[0] == ' ' || line[0] == '\t')
			return fail(h, 400, "Obsolete header line folding is not accepted.");
		colon = memchr(line, ':', n);
		if (!colon || colon == line)
			return fail(h, 400, "Malformed header line.");
		return fail(h, 400, "Malformed header name.");
	}
	for (v = p + 1; v < end && (*v == ' ' || *v == '\t'); v++)
		;
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (!value_ok(v, (size_t)(end - v)))
		return fail(h, 400, "Control character in a header value.");
	if (h->num_headers == PL_MAX_HEADERS)
		return fail(h, 431, "Too many header fields.");
	h->headers[h->num_headers].name.p = line;
	h->headers[h->num_headers].name.n = (size_t)(p - line);
	h->headers[h->num_headers].value.p = v;
	h->headers[h->num_headers].value.n = (size_t)(end - v);
	h->num_headers++;
	return 0;
}

/* The Connection header's options (a comma-separated list, any case). */
static void connection_options(struct pl_str v, bool *close, bool *keep)
{
	size_t i = 0;

	while (i < v.n) {
		struct pl_str t;

		while (i < v.n && (v.p[i] == ' ' || v.p[i] == '\t' || v.p[i] == ','))
			i++;
		t.p = v.p + i;
		while (i < v.n && v.p[i] != ',')
			i++;
		t.n = (size_t)(v.p + i - t.p);
		while (t.n && (t.p[t.n - 1] == ' ' || t.p[t.n - 1] == '\t'))
			t.n--;
		if (IEQ(t, "close"))
			*close = true;
		else if (IEQ(t, "keep-alive"))
			*keep = true;
	}
}

static int derive(struct http_head *h)
{
	size_t i, hosts = 0;
	bool conn_close = false, conn_keep = false, has_te = false;

	for (i = 0; i < h->num_headers; i++) {
		struct pl_str name = h->headers[i].name;
		struct pl_str val = h->headers[i].value;

		/* the length picks the one name it can be */
		switch (name.n) {
		case 14:
			if (IEQ(name, "content-length")) {
				uint64_t n = 0;
				size_t k;

				if (val.n == 0)
					return fail(h, 400, "Malformed Content-Length.");
				for (k = 0; k < val.n; k++) {
					if (val.p[k] < '0' || val.p[k] > '9')
						return fail(h, 400, "Malformed Content-Length.");
					n = n * 10 + (uint64_t)(val.p[k] - '0');
					if (n > UINT32_MAX)
						return fail(h, 413, "The request body is too large.");
				}
				if (h->has_length && h->content_length != n)
					return fail(h, 400, "Conflicting Content-Length fields.");
				h->has_length = true;
				h->content_length = (uint32_t)n;
			}
			break;
		case 17:
			if (IEQ(name, "transfer-encoding")) {
				if (has_te || !IEQ(val, "chunked"))
					return fail(h, 501, "Only the chunked transfer coding is implemented.");
				has_te = true;
				h->chunked = true;
			}
			break;
		case 10:
			if (IEQ(name, "connection"))
				connection_options(val, &conn_close, &conn_keep);
			break;
		case 4:
			if (IEQ(name, "host"))
				hosts++;
			break;
		case 6:
			if (IEQ(name, "expect") && IEQ(val, "100-continue"))
				h->expect_continue = true;
			break;
		default:
			break;
		}
	}
	if (h->chunked && h->has_length)
		return fail(h, 400, "Both Transfer-Encoding and Content-Length.");
	if (h->chunked && h->minor == 0)
		return fail(h, 400, "Transfer-Encoding in an HTTP/1.0 request.");
	if (h->minor >= 1 && hosts != 1)
		return fail(h, 400, "An HTTP/1.1 request needs exactly one Host header.");
	if (hosts > 1)
		return fail(h, 400, "More than one Host header.");
	h->keep_alive = h->minor >= 1 ? !conn_close : (conn_keep && !conn_close);
	if (!h->method_bit)
		return fail(h, 501, "The request method is not implemented.");
	return 0;
}

/* The careful path after the leading empty lines: buf[0..len) from the
 * request line on; pos is how many bytes were skipped before it. */
static int parse_careful(const char *buf, size_t len, size_t pos,
			 const struct http_limits *lim, struct http_head *h)
{
	const char *start = buf + pos, *p = start, *end = buf + len;
	bool first = true;

	/* One pass, line by line: a complete line is checked as it is found,
	 * so garbage is refused before the rest of its head arrives. A CR or
	 * NUL left in a line fails the checks of its part: method and header
	 * names are tchars, the target is VCHARs, the version is exact,
	 * values refuse controls. */
	for (;;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n;

		if (!nl)
			return check_partial(start, (size_t)(end - start), lim, h);
		if ((size_t)(nl + 1 - start) > lim->max_header_bytes)
			return fail(h, 431, "The request header fields are too large.");
		n = (size_t)(nl - p);
		if (n && p[n - 1] == '\r')
			n--;
		if (first) {
			if (parse_request_line(p, n, lim, h))
				return HTTP_ERROR;
			first = false;
		} else if (n == 0) {
			p = nl + 1;
			break;
		} else if (parse_header_line(p, n, h)) {
			return HTTP_ERROR;
		}
		p = nl + 1;
	}
	if (derive(h))
		return HTTP_ERROR;
	return (int)(p - buf);
}

/* Line end at p ("\r\n" or "\n"): where the next line starts, or NULL. */
static const unsigned char *eol(const unsigned char *p, const unsigned char *end)
{
	if (p < end && *p == '\n')
		return p + 1;
	if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
		return p + 2;
	return NULL;
}

/* The common case in one pass and no library calls: a complete, well-formed
 * head within the limits. Its length, or 0: then parse_careful() decides
 * (a partial head, an error and its exact status, anything unusual), so
 * the two never disagree on what they both accept (the fuzz target checks
 * it against http_parse_head_careful()). */
static int parse_fast(const char *buf, size_t len, size_t pos,
		      const struct http_limits *lim, struct http_head *h)
{
	const unsigned char *start = (const unsigned char *)buf + pos;
	const unsigned char *end = (const unsigned char *)buf + len;
	const unsigned char *p = start, *s;

	/* request line: method SP target SP HTTP/1.d */
	while (p < end && is_tchar(*p))
		p++;
	if (p == start || p >= end || *p != ' ')
		return 0;
	h->method.p = (const char *)start;
	h->method.n = (size_t)(p - start);
	s = ++p;
	while (p < end && *p > 0x20 && *p < 0x7f)
		p++;
	if (p == s || p >= end || *p != ' ' || (size_t)(p - s) > lim->max_uri_bytes)
		return 0;
	h->target.p = (const char *)s;
	h->target.n = (size_t)(p - s);
	p++;
	if (end - p < 9 || memcmp(p, "HTTP/1.", 7) != 0 || p[7] < '0' || p[7] > '9')
		return 0;
	h->minor = p[7] == '0' ? 0 : 1;
	p = eol(p + 8, end);
	if (!p)
		return 0;
	h->method_bit = method_bit(h->method);
	/* header lines: name ":" OWS value OWS, up to the empty line */
	for (;;) {
		const unsigned char *v, *ve, *next;
		size_t nlen;

		if (p >= end)
			return 0;
		next = eol(p, end);
		if (next) {
			p = next;
			break;
		}
		s = p;
		while (p < end && is_tchar(*p))
			p++;
		if (p == s || p >= end || *p != ':')
			return 0;
		nlen = (size_t)(p - s);
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		v = p;
		/* the value runs to the first control byte other than HTAB,
		 * which must be the line end */
		while (end - p >= (ptrdiff_t)sizeof(pl_word)) {
			pl_word w = pl_word_load(p);

			if (pl_word_less(w, 0x20) | pl_word_eq(w, 0x7f))
				break;
			p += sizeof(pl_word);
		}
		while (p < end && (*p >= 0x20 || *p == '\t') && *p != 0x7f)
			p++;
		ve = p;
		next = eol(p, end);
		if (!next)
			return 0;
		while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
			ve--;
		if (h->num_headers == PL_MAX_HEADERS)
			return 0;
		h->headers[h->num_headers].name.p = (const char *)s;
		h->headers[h->num_headers].name.n = nlen;
		h->headers[h->num_headers].value.p = (const char *)v;
		h->headers[h->num_headers].value.n = (size_t)(ve - v);
		h->num_headers++;
		p = next;
	}
	if ((size_t)(p - start) > lim->max_header_bytes)
		return 0;
	if (parse_target(h) || derive(h))
		return 0;
	return (int)(p - (const unsigned char *)buf);
}

static size_t skip_empty_lines(const char *buf, size_t len)
{
	size_t pos = 0;

	/* RFC 9112 §2.2: ignore at least one empty line before a request. */
	while (pos < len && (buf[pos] == '\r' || buf[pos] == '\n') && pos < 4)
		pos++;
	return pos;
}

int http_parse_head(const char *buf, size_t len, const struct http_limits *lim,
		    struct http_head *h)
{
	size_t pos = skip_empty_lines(buf, len);
	int rc;

	/* everything but the header array, which num_headers bounds */
	memset(h, 0, offsetof(struct http_head, headers));
	rc = parse_fast(buf, len, pos, lim, h);
	if (rc > 0)
		return rc;
	memset(h, 0, offsetof(struct http_head, headers));
	return parse_careful(buf, len, pos, lim, h);
}

int http_parse_head_careful(const char *buf, size_t len,
			    const struct http_limits *lim, struct http_head *h)
{
	memset(h, 0, offsetof(struct http_head, headers));
	return parse_careful(buf, len, skip_empty_lines(buf, len), lim, h);
}

enum {
	CH_SIZE,      /* hex digits */
	CH_EXT,       /* ;extensions up to LF */
	CH_DATA,
	CH_DATA_CR,   /* CRLF after data */
	CH_DATA_LF,
	CH_TRAILER,   /* trailer lines until an empty one */
	CH_DONE,
};

void http_chunked_init(struct http_chunked *c, uint32_t max_body)
{
	memset(c, 0, sizeof(*c));
	c->max_body = max_body;
}

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = lc(ch);
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

static int ch_fail(struct http_chunked *c, uint16_t status)
{
	c->status = status;
	return HTTP_ERROR;
}

int http_chunked_decode(struct http_chunked *c, char *buf, size_t len)
{
	while (c->in < len) {
		char ch = buf[c->in];

		switch (c->state) {
		case CH_SIZE: {
			int d = hexval(ch);

			if (d >= 0) {
				if (++c->digits > 7)
					return ch_fail(c, 413);
				c->remaining = c->remaining * 16 + (uint32_t)d;
				c->in++;
				break;
			}
			if (!c->digits)
				return ch_fail(c, 400);
			if ((uint64_t)c->out + c->remaining > c->max_body)
				return ch_fail(c, 413);
			c->state = CH_EXT;
			c->line_len = 0;
			break;
		}
		case CH_EXT:
			c->in++;
			if (++c->line_len > 256)
				return ch_fail(c, 400);
			if (ch == '\n') {
				c->digits = 0;
				c->state = c->remaining ? CH_DATA : CH_TRAILER;
				c->line_len = 0;
			} else if (ch != ';' && ch != '\r' && c->line_len == 1 &&
				   ch != ' ' && ch != '\t') {
				return ch_fail(c, 400);
			} else if ((unsigned char)ch < 0x20 && ch != '\t' && ch != '\r') {
				return ch_fail(c, 400);
			}
			break;
		case CH_DATA: {
			size_t take = len - c->in;

			if (take > c->remaining)
				take = c->remaining;
			memmove(buf + c->out, buf + c->in, take);
			c->out += take;
			c->in += take;
			c->remaining -= (uint32_t)take;
			if (!c->remaining)
				c->state = CH_DATA_CR;
			break;
		}
		case CH_DATA_CR:
			c->in++;
			if (ch == '\n') {
				c->state = CH_SIZE;
				break;
			}
			if (ch != '\r')
				return ch_fail(c, 400);
			c->state = CH_DATA_LF;
			break;
		case CH_DATA_LF:
			c->in++;
			if (ch != '\n')
				return ch_fail(c, 400);
			c->state = CH_SIZE;
			break;
		case CH_TRAILER:
			/* Trailer fields are read and dropped (RFC 9112 §7.1.2). */
			c->in++;
			if (ch == '\n') {
				if (c->line_len == 0) {
					c->state = CH_DONE;
					return (int)c->in;
				}
				c->line_len = 0;
			} else if (ch != '\r' || c->line_len) {
				if (++c->line_len > 1024)
					return ch_fail(c, 431);
				if (ch == '\0')
					return ch_fail(c, 400);
			}
			break;
		default:
			return (int)c->in;
		}
	}
	return HTTP_PARTIAL;
}
