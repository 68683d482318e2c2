/*
 * HTTP/1.1 server over lwIP's altcp API (raw, NO_SYS).
 *
 * Life of a connection: accept takes a slot (or answers 503 and closes);
 * received pbufs are kept as a chain we own and copied into a request
 * buffer from a small pool only as fast as requests are handled, and
 * altcp_recved() is called only for what was copied, so TCP's window is
 * the flow control. A complete request (head, then a Content-Length or
 * chunked body) is dispatched to the pipeline only when the send buffer
 * has room for the largest response, so a rendered response is always
 * queued whole; a constant body (flash) is streamed behind it from the
 * sent callback. Pipelined requests are answered in order; the poll
 * callback (every 500 ms) enforces the header and idle timeouts.
 */
#include "http_server.h"

#include <errno.h>
#include <string.h>

#include "board.h"
#include "http_head.h"
#include "http_parser.h"
#include "http_server_priv.h"
#include "lwip/altcp.h"
#include "lwip/altcp_tcp.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
#include "lwip_hooks.h"
#include "pl_json.h"
#include "pl_resp.h"
#if LWIP_ALTCP_TLS
#include "lwip/altcp_tls.h"
#endif

#if TCP_SND_BUF < HTTP_TX_NEED
#error "TCP_SND_BUF must hold the largest rendered response (HTTP_TX_NEED)"
#endif

/* altcp_poll interval in TCP coarse ticks (500 ms each). */
#define HTTP_POLL_TICKS 1
/* How long a closing connection may take to flush before it is aborted. */
#define HTTP_LINGER_MS 5000
/* How long a half-closed connection drains what the client still sends
 * (RFC 9112 §9.6): closing with unread input makes TCP send a RST, which
 * can destroy our last answer in the client's receive buffer. */
#define HTTP_DRAIN_MS 2000

enum conn_state {
	CONN_FREE,
	CONN_HEAD,     /* waiting for (more of) a request head */
	CONN_BODY,     /* head parsed, body arriving */
	CONN_READY,    /* request complete, waiting for send-buffer room */
	CONN_STREAM,   /* response queued, constant body still streaming */
	CONN_CLOSING,  /* last response queued; close when flushed */
	CONN_DRAIN,    /* FIN sent; reading and dropping until the peer's FIN */
};

struct http_conn {
	struct altcp_pcb *pcb;
	uint8_t state;             /* enum conn_state */
	bool secure;               /* accepted on the TLS listener */
	bool close_after;          /* close once the current response is out */
	bool peer_closed;          /* FIN received */
	bool continue_sent;        /* 100 Continue already sent */
	bool chunked;              /* the body in progress is chunked */
	bool close_deferred;       /* close asked for in on_sent: close_later() */
	int16_t buf;               /* request buffer index, -1 if none */
	struct pbuf *pending;      /* received, not yet copied (we own it) */
	uint32_t len;              /* bytes in the request buffer */
	uint32_t head_len;         /* parsed head length */
	uint32_t body_raw;         /* raw body bytes in the buffer (framing) */
	uint32_t body_len;         /* decoded body length */
	uint32_t head_start_ms;    /* first byte of the current head */
	uint32_t last_ms;          /* last progress */
	struct http_chunked chunk; /* chunked decoder state */
	const char *ext;           /* constant body still to stream */
	uint32_t ext_left;
};

static struct http_conn conns[HTTP_MAX_CONNS];
static char req_bufs[HTTP_REQ_BUFFERS][HTTP_REQ_BUF_SIZE];
static bool req_buf_used[HTTP_REQ_BUFFERS];

static struct pl_server_conf conf;
static struct pl_app *root_app;
static struct http_limits limits;
static uint32_t tls_open;

static struct {
	uint32_t requests, s2xx, s3xx, s4xx, s5xx;
	uint32_t rejected, timeouts, parse_errors, reclaimed;
} counters;

/* Dispatch is synchronous, so one set of render buffers serves all. The
 * dynamic body is rendered right behind room for the head, so that head
 * and body reach TCP in one exact-size copy: two writes (the first with
 * TCP_WRITE_FLAG_MORE) made lwIP allocate an MSS-sized pbuf per response,
 * and 16 busy keep-alive connections ran its heap dry. */
static struct http_head head;
/* The connection whose complete head `head` describes, its views into
 * that connection's request buffer still valid (nothing has parsed since
 * and the request has not been consumed): dispatch() need not parse it
 * again. NULL otherwise. */
static const struct http_conn *head_of;
static char tx_buf[HTTP_HEAD_MAX + PL_RESP_BODY_MAX];
static char resp_hdr[PL_RESP_HDR_MAX];
#define resp_body (tx_buf + HTTP_HEAD_MAX)

#define REJECT_503_BODY \
	"{\"serviceUnavailable\": {\"code\": 503, \"message\": \"The connection table is full; try again later.\"}}"
static const char reject_503[] =
	"HTTP/1.1 503 Service Unavailable\r\n"
	"Content-Type: application/json\r\n"
	"Content-Length: 98\r\n"
	"Connection: close\r\n\r\n" REJECT_503_BODY;
_Static_assert(sizeof(REJECT_503_BODY) - 1 == 98, "reject_503: Content-Length must be its body's length");

/*
 * No close from inside the sent callback. The segment that acks our data
 * may also carry more request bytes, which lwIP 2.1.3's tcp_input() hands
 * to on_recv() only after on_sent(); a close in on_sent() sees them as
 * unread, turns into a reset, and tcp_input() then drops its reference to
 * that segment's pbuf without freeing it (a pool pbuf lost per such close;
 * found on the host board). So on_sent() marks the connection and one
 * zero-delay timeout closes every marked one after tcp_input() is done
 * (on_recv() has read and dropped those bytes by then: a FIN, not a RST).
 */
static bool in_sent;
static bool close_timer;

static void pump(struct http_conn *c);
static bool stream_ext(struct http_conn *c);
static void close_later(void *arg);

static uint32_t now_ms(void)
{
	return board_millis();
}

/* A connection's request buffer; NULL while it holds none (idle, nothing
 * buffered: c->len is 0), so req_bufs[-1] is never formed. */
static char *conn_buf(struct http_conn *c)
{
	return c->buf >= 0 ? req_bufs[c->buf] : NULL;
}

static bool buf_acquire(struct http_conn *c)
{
	int i;

	if (c->buf >= 0)
		return true;
	for (i = 0; i < HTTP_REQ_BUFFERS &&
		    (!conf.request_buffers || i < conf.request_buffers); i++) {
		if (!req_buf_used[i]) {
			req_buf_used[i] = true;
			c->buf = (int16_t)i;
			c->len = 0;
			return true;
		}
	}
	return false;
}

/* Give an idle connection's buffer back and let a waiting one have it. */
static void buf_release_if_idle(struct http_conn *c)
{
	int i;

	if (c->buf < 0 || c->len || c->state != CONN_HEAD)
		return;
	req_buf_used[c->buf] = false;
	c->buf = -1;
	for (i = 0; i < HTTP_MAX_CONNS; i++)
		if (conns[i].state == CONN_HEAD && conns[i].buf < 0 &&
		    conns[i].pending)
			pump(&conns[i]);
}

static void conn_free(struct http_conn *c)
{
	if (c->pending)
		pbuf_free(c->pending);
	if (c->buf >= 0)
		req_buf_used[c->buf] = false;
	if (c->secure && tls_open)
		tls_open--;
	memset(c, 0, sizeof(*c));
	c->buf = -1;
	c->state = CONN_FREE;
}

/* Close: drop what is still unread (so lwIP sends a FIN after the queued
 * data, not a RST) and hand the pcb to lwIP, which flushes it. False if
 * lwIP had no memory for the FIN: poll tries again. */
static bool conn_close(struct http_conn *c)
{
	struct altcp_pcb *pcb = c->pcb;

	if (pcb) {
		if (c->pending) {
			altcp_recved(pcb, c->pending->tot_len);
			pbuf_free(c->pending);
			c->pending = NULL;
		}
		if (altcp_close(pcb) != ERR_OK)
			return false;
		/* altcp_close removed our callbacks; the pcb is lwIP's now. */
	}
	c->pcb = NULL;
	conn_free(c);
	return true;
}

/* Lingering close: send our FIN after the queued data, keep reading and
 * dropping the client's bytes until it closes too (or HTTP_DRAIN_MS), then
 * close. The request buffer goes back to the pool at once. */
static void conn_drain(struct http_conn *c)
{
	if (c->peer_closed || !c->pcb) {
		conn_close(c);
		return;
	}
	if (c->pending) {
		altcp_recved(c->pcb, c->pending->tot_len);
		pbuf_free(c->pending);
		c->pending = NULL;
	}
	if (altcp_shutdown(c->pcb, 0, 1) != ERR_OK) {
		conn_close(c);
		return;
	}
	if (c->buf >= 0) {
		req_buf_used[c->buf] = false;
		c->buf = -1;
		c->len = 0;
	}
	c->state = CONN_DRAIN;
	c->last_ms = now_ms();
}

static void conn_abort(struct http_conn *c)
{
	struct altcp_pcb *pcb = c->pcb;

	c->pcb = NULL;
	conn_free(c);
	if (pcb) {
		altcp_arg(pcb, NULL);
		altcp_abort(pcb);
	}
}

/* Close once the last response is queued (the constant body included). */
static void conn_close_when_flushed(struct http_conn *c)
{
	if (c->state != CONN_CLOSING) {
		c->state = CONN_CLOSING;
		c->last_ms = now_ms();
	}
	if (c->ext_left && !stream_ext(c))
		return;
	if (in_sent) {
		c->close_deferred = true;
		if (!close_timer) {
			close_timer = true;
			sys_timeout(0, close_later, NULL);
		}
		return;
	}
	conn_drain(c);
}

static void close_later(void *arg)
{
	int i;

	(void)arg;
	close_timer = false;
	for (i = 0; i < HTTP_MAX_CONNS; i++) {
		struct http_conn *c = &conns[i];

		if (!c->close_deferred)
			continue;
		c->close_deferred = false;
		if (c->state == CONN_CLOSING)
			conn_close_when_flushed(c);
	}
}

static void count_status(uint16_t status)
{
	counters.requests++;
	if (status >= 500)
		counters.s5xx++;
	else if (status >= 400)
		counters.s4xx++;
	else if (status >= 300)
		counters.s3xx++;
	else
		counters.s2xx++;
}

/* Queue status line, headers and the dynamic body; the constant body is
 * left in c->ext for stream_ext(). The head is written in place right
 * before the body the app rendered (resp_body), and both go to TCP in one
 * copy. The caller checked the send buffer; false if lwIP had no memory
 * for the copy, or the head would not fit its room (nothing was queued). */
static bool send_response(struct http_conn *c, const struct pl_response *r,
			  bool head_only, uint8_t minor)
{
	const char *conn = c->close_after ? "Connection: close\r\n" :
			   minor == 0 ? "Connection: keep-alive\r\n" : "";
	char *out = http_head_write(r, minor, conn, resp_body, HTTP_HEAD_MAX);
	size_t n;

	if (!out)
		return false; /* only an absurd content type gets here */
	n = (size_t)(resp_body - out);
	count_status(r->status);
	c->ext = NULL;
	c->ext_left = 0;
	if (altcp_write(c->pcb, out, (u16_t)(n + (head_only ? 0 : r->body_len)),
			TCP_WRITE_FLAG_COPY |
			(!head_only && r->ext_len ? TCP_WRITE_FLAG_MORE : 0)) != ERR_OK)
		return false;
	c->ext = head_only ? NULL : r->ext;
	c->ext_left = head_only ? 0 : (uint32_t)r->ext_len;
	return true;
}

/* Stream the constant body as the send buffer allows; true when done. */
static bool stream_ext(struct http_conn *c)
{
	bool wrote = false;

	while (c->ext_left) {
		u16_t room = altcp_sndbuf(c->pcb);
		uint32_t n = c->ext_left < room ? c->ext_left : room;

		if (n > 0xffffu)
			n = 0xffffu;
		if (!n || altcp_sndqueuelen(c->pcb) >= TCP_SND_QUEUELEN - 2)
			break;
		/* No copy: the body is constant data that outlives the send. */
		if (altcp_write(c->pcb, c->ext, (u16_t)n,
				n < c->ext_left ? TCP_WRITE_FLAG_MORE : 0) != ERR_OK)
			break;
		c->ext += n;
		c->ext_left -= n;
		wrote = true;
	}
	if (wrote)
		altcp_output(c->pcb);
	return c->ext_left == 0;
}

static void resp_init(struct pl_response *r)
{
	memset(r, 0, sizeof(*r));
	r->status = 200;
	r->hdr = resp_hdr;
	r->hdr_cap = sizeof(resp_hdr);
	r->body = resp_body;
	r->body_cap = PL_RESP_BODY_MAX;
}

/* Answer a request we could not parse or accept, then close. */
static void send_error(struct http_conn *c, uint16_t status, const char *why)
{
	struct pl_response r;

	if (status == 408)
		counters.timeouts++;
	else
		counters.parse_errors++;
	resp_init(&r);
	pl_fault(&r, status, why);
	c->close_after = true;
	send_response(c, &r, false, 1);
	altcp_output(c->pcb);
	conn_close_when_flushed(c);
}

static bool tx_room(struct http_conn *c)
{
	return altcp_sndbuf(c->pcb) >= HTTP_TX_NEED &&
	       altcp_sndqueuelen(c->pcb) + 4 <= TCP_SND_QUEUELEN;
}

/* Run the pipeline for the complete request at buf: the start of the
 * connection's request buffer, or (in_pbuf) of its first pending pbuf. */
static void dispatch(struct http_conn *c, const char *buf, bool in_pbuf)
{
	static struct pl_request req;
	struct pl_response r;
	int rc;

	/* The head was validated when it arrived. Usually it was framed just
	 * now and `head` still holds it; otherwise (another connection parsed
	 * since) parse it again, so the views need not be kept per
	 * connection. */
	if (head_of != c && http_parse_head(buf, c->head_len, &limits, &head) <= 0) {
		head_of = NULL;
		send_error(c, 400, "Malformed request.");
		return;
	}
	head_of = NULL; /* the request is consumed below */
	/* Every field but params[] (num_params says how many are set). */
	req.method = head.method_bit;
	req.method_name = head.method;
	req.target = head.target;
	req.script_name.p = head.path.p;
	req.script_name.n = 0;
	req.path_info = head.path;
	req.query = head.query;
	req.version_minor = head.minor;
	req.secure = c->secure;
	req.headers = head.headers;
	req.num_headers = head.num_headers;
	req.body.p = buf + c->head_len;
	req.body.n = c->body_len;
	req.num_params = 0;
	req.action = NULL;
	/* No clock read here: on mps2-an385 it is an MMIO access that QEMU
	 * emulates; logrequest, where configured, reads it itself. */
	req.start_us = 0;
	req.server = c;
	c->close_after = !head.keep_alive || c->peer_closed;

	resp_init(&r);
	rc = root_app->call(root_app, &req, &r);
	if (rc < 0 || r.overflow) {
		resp_init(&r);
		pl_fault(&r, 500, "The server has either erred or is incapable of performing the requested operation.");
	}
	if (r.close)
		c->close_after = true;
	if (!send_response(c, &r, req.method == PL_HEAD, head.minor)) {
		/* No memory for the answer: say so by closing, not by silence. */
		c->close_after = true;
	}

	/* Drop the request; pipelined bytes move to the front, or stay in
	 * the pbuf for the next round. */
	{
		uint32_t used = c->head_len + c->body_raw;

		if (in_pbuf) {
			c->pending = pbuf_free_header(c->pending, (u16_t)used);
			altcp_recved(c->pcb, (u16_t)used);
		} else {
			char *b = conn_buf(c);

			memmove(b, b + used, c->len - used);
			c->len -= used;
		}
		c->head_len = c->body_raw = c->body_len = 0;
		c->continue_sent = false;
	}
	c->state = CONN_STREAM;
	c->last_ms = now_ms();
}

/* Copy as much pending input as fits; acknowledge only that to TCP. */
static void pull(struct http_conn *c)
{
	char *b = conn_buf(c);

	while (c->pending && c->len < HTTP_REQ_BUF_SIZE) {
		struct pbuf *p = c->pending;
		u16_t n = (u16_t)(HTTP_REQ_BUF_SIZE - c->len < p->tot_len ?
				  HTTP_REQ_BUF_SIZE - c->len : p->tot_len);

		pbuf_copy_partial(p, b + c->len, n, 0);
		c->len += n;
		c->pending = pbuf_free_header(p, n);
		altcp_recved(c->pcb, n);
		c->last_ms = now_ms();
	}
}

/* Parse what is buffered: head, then body; true when a request is ready. */
static bool frame(struct http_conn *c)
{
	char *b = conn_buf(c);

	if (c->state == CONN_HEAD) {
		int rc;

		if (!c->len)
			return false;
		if (!c->head_start_ms)
			c->head_start_ms = now_ms() | 1u;
		rc = http_parse_head(b, c->len, &limits, &head);
		head_of = rc > 0 ? c : NULL;
		if (rc == HTTP_PARTIAL)
			return false;
		if (rc == HTTP_ERROR) {
			send_error(c, head.status, head.error);
			return false;
		}
		c->head_len = (uint32_t)rc;
		c->head_start_ms = 0;
		if (head.has_length && head.content_length > conf.max_body_bytes) {
			send_error(c, 413, "The request body is larger than this server accepts.");
			return false;
		}
		c->body_len = head.has_length ? head.content_length : 0;
		c->body_raw = c->body_len;
		c->chunked = head.chunked;
		if (head.chunked) {
			http_chunked_init(&c->chunk, conf.max_body_bytes);
			c->chunk.in = c->head_len;
			c->chunk.out = c->head_len;
		}
		c->state = CONN_BODY;
		c->close_after = !head.keep_alive;
		if (head.expect_continue && head.minor &&
		    (head.chunked || c->len < c->head_len + c->body_len)) {
			static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";

			altcp_write(c->pcb, cont, sizeof(cont) - 1, 0);
			altcp_output(c->pcb);
			c->continue_sent = true;
		}
	}
	if (c->state == CONN_BODY) {
		if (c->chunked) {
			int rc = http_chunked_decode(&c->chunk, b, c->len);

			if (rc == HTTP_PARTIAL) {
				/* Compact: decoded body, then the raw rest. */
				memmove(b + c->chunk.out, b + c->chunk.in,
					c->len - c->chunk.in);
				c->len -= (uint32_t)(c->chunk.in - c->chunk.out);
				c->chunk.in = c->chunk.out;
				return false;
			}
			if (rc == HTTP_ERROR) {
				send_error(c, c->chunk.status,
					   c->chunk.status == 413 ?
					   "The request body is larger than this server accepts." :
					   "Malformed chunked request body.");
				return false;
			}
			/* Body decoded in place; drop the gap before the next request. */
			memmove(b + c->chunk.out, b + rc, c->len - (uint32_t)rc);
			c->len -= (uint32_t)((size_t)rc - c->chunk.out);
			c->body_len = (uint32_t)(c->chunk.out - c->head_len);
			c->body_raw = c->body_len;
			c->chunked = false;
		} else if (c->len < c->head_len + c->body_len) {
			return false;
		}
		c->state = CONN_READY;
	}
	return c->state == CONN_READY;
}

/* The common case, answered without a request buffer: nothing buffered
 * yet, and the first pending pbuf holds a whole request (a head, and all
 * of its Content-Length body, if any). It is parsed and answered where
 * lwIP received it, as lwIP's httpd does, so small requests never wait
 * for a buffer and are not copied. Anything else (a partial head, chunked,
 * 100-continue, an error to answer) takes the buffered path. */
static bool in_pbuf_request(struct http_conn *c)
{
	struct pbuf *p = c->pending;
	int rc;

	if (c->state != CONN_HEAD || c->buf >= 0 || !p || p->len == 0)
		return false;
	rc = http_parse_head(p->payload, p->len, &limits, &head);
	if (rc <= 0) {
		head_of = NULL;
		return false;
	}
	if (head.chunked || head.expect_continue ||
	    (head.has_length && (head.content_length > conf.max_body_bytes ||
				 head.content_length > (uint32_t)(p->len - rc)))) {
		head_of = NULL;
		return false;
	}
	head_of = c;
	c->head_len = (uint32_t)rc;
	c->body_len = head.has_length ? head.content_length : 0;
	c->body_raw = c->body_len;
	c->head_start_ms = 0;
	c->close_after = !head.keep_alive;
	return true;
}

static void pump(struct http_conn *c)
{
	for (;;) {
		if (c->state == CONN_STREAM) {
			if (!stream_ext(c))
				return;
			if (c->close_after) {
				conn_close_when_flushed(c);
				return;
			}
			c->state = CONN_HEAD;
		}
		if (c->state == CONN_CLOSING || c->state == CONN_DRAIN ||
		    c->state == CONN_FREE)
			return;
		if (!tx_room(c))
			return; /* sent callback resumes */
		if (in_pbuf_request(c)) {
			dispatch(c, c->pending->payload, true);
			if (!c->close_after || c->ext_left)
				altcp_output(c->pcb);
			continue;
		}
		if (c->state != CONN_READY) {
			if (c->pending && !buf_acquire(c))
				return; /* a buffer frees up: buf_release_if_idle */
			if (c->buf >= 0)
				pull(c);
			if (!frame(c)) {
				if (c->state == CONN_HEAD && c->peer_closed && !c->len) {
					conn_close_when_flushed(c);
					return;
				}
				if (c->state == CONN_HEAD)
					buf_release_if_idle(c);
				if (c->state != CONN_READY)
					return;
			}
		}
		if (!tx_room(c))
			return; /* sent callback resumes */
		dispatch(c, conn_buf(c), false);
		/* An answer that ends the connection goes out with the close
		 * (lwIP puts our FIN on its last segment): one segment, not
		 * two. Otherwise now. */
		if (!c->close_after || c->ext_left)
			altcp_output(c->pcb);
	}
}

/* Room after a pool pbuf's data up to the end of its buffer (pbuf.c lays a
 * pool pbuf out as the struct, aligned, then PBUF_POOL_BUFSIZE bytes). */
static u16_t pool_tailroom(const struct pbuf *q)
{
	const u8_t *end = (const u8_t *)q + LWIP_MEM_ALIGN_SIZE(sizeof(struct pbuf)) +
			  LWIP_MEM_ALIGN_SIZE(PBUF_POOL_BUFSIZE);
	const u8_t *tail = (const u8_t *)q->payload + q->len;

	if (pbuf_get_allocsrc(q) != PBUF_TYPE_ALLOC_SRC_MASK_STD_MEMP_PBUF_POOL ||
	    q->ref != 1 || tail > end)
		return 0;
	return (u16_t)(end - tail);
}

/* Keep input that waits (for a request buffer, or behind the answer to
 * the request before it). Every segment arrives in a pool pbuf of a whole
 * frame's size, so a peer sending a few bytes a segment would hold one
 * pool buffer per few bytes and empty the pool long before TCP's window
 * stops it: a small segment is copied onto the end of the last waiting
 * pbuf when it fits, and its own buffer goes back at once. */
static void pending_add(struct http_conn *c, struct pbuf *p)
{
	struct pbuf *last, *q;

	if (!c->pending) {
		c->pending = p;
		return;
	}
	for (last = c->pending; last->next; last = last->next)
		;
	if (p->next || p->len > pool_tailroom(last)) {
		pbuf_cat(c->pending, p);
		return;
	}
	memcpy((u8_t *)last->payload + last->len, p->payload, p->len);
	last->len = (u16_t)(last->len + p->len);
	for (q = c->pending; q; q = q->next)
		q->tot_len = (u16_t)(q->tot_len + p->len);
	pbuf_free(p);
}

static err_t on_recv(void *arg, struct altcp_pcb *pcb, struct pbuf *p, err_t err)
{
	struct http_conn *c = arg;

	(void)err;
	if (!c || c->state == CONN_DRAIN) {
		/* A refused or draining connection: drop input, close on FIN. */
		if (p) {
			altcp_recved(pcb, p->tot_len);
			pbuf_free(p);
		} else if (c) {
			c->peer_closed = true;
			conn_close(c);
		} else if (altcp_close(pcb) != ERR_OK) {
			altcp_abort(pcb);
			return ERR_ABRT;
		}
		return ERR_OK;
	}
	if (!p) {
		c->peer_closed = true;
		if (c->state == CONN_HEAD && !c->len && !c->pending) {
			conn_close_when_flushed(c);
			return ERR_OK;
		}
		pump(c);
		return ERR_OK;
	}
	if (c->state == CONN_CLOSING) {
		/* Read and drop: the answer is already on its way. */
		altcp_recved(pcb, p->tot_len);
		pbuf_free(p);
		return ERR_OK;
	}
	/* The head's clock starts at its first byte, even while the
	 * connection waits for a request buffer: waiting is no refuge. */
	if (c->state == CONN_HEAD && !c->head_start_ms)
		c->head_start_ms = now_ms() | 1u;
	pending_add(c, p);
	pump(c);
	return ERR_OK;
}

static err_t on_sent(void *arg, struct altcp_pcb *pcb, u16_t len)
{
	struct http_conn *c = arg;

	(void)pcb;
	(void)len;
	if (!c)
		return ERR_OK;
	c->last_ms = now_ms();
	in_sent = true;
	if (c->state == CONN_CLOSING)
		conn_close_when_flushed(c);
	else if (c->state != CONN_DRAIN)
		pump(c);
	in_sent = false;
	return ERR_OK;
}

static err_t on_poll(void *arg, struct altcp_pcb *pcb)
{
	struct http_conn *c = arg;
	uint32_t now = now_ms();

	if (!c) {
		/* A refused connection has had its poll interval to read the
		 * 503; our FIN is out, so this close sends no RST. */
		if (altcp_close(pcb) != ERR_OK) {
			altcp_abort(pcb);
			return ERR_ABRT;
		}
		return ERR_OK;
	}
	if (c->state == CONN_FREE)
		return ERR_OK;
	switch (c->state) {
	case CONN_HEAD:
		if (c->head_start_ms &&
		    now - c->head_start_ms >= conf.header_timeout_ms) {
			send_error(c, 408, "The request head did not arrive in time.");
			return ERR_OK;
		}
		if (!c->head_start_ms && !c->len && !c->pending &&
		    now - c->last_ms >= conf.idle_timeout_ms) {
			counters.timeouts++;
			if (!conn_close(c))
				c->state = CONN_CLOSING;
			return ERR_OK;
		}
		break;
	case CONN_BODY:
		if (now - c->last_ms >= conf.idle_timeout_ms) {
			send_error(c, 408, "The request body did not arrive in time.");
			return ERR_OK;
		}
		break;
	case CONN_DRAIN:
		if (now - c->last_ms >= HTTP_DRAIN_MS && !conn_close(c)) {
			conn_abort(c);
			return ERR_ABRT;
		}
		return ERR_OK;
	case CONN_CLOSING:
		if (now - c->last_ms >= HTTP_LINGER_MS) {
			conn_abort(c);
			return ERR_ABRT;
		}
		conn_close_when_flushed(c);
		return ERR_OK;
	default:
		break;
	}
	pump(c);
	return ERR_OK;
}

static void on_err(void *arg, err_t err)
{
	struct http_conn *c = arg;

	(void)err;
	if (c) {
		c->pcb = NULL; /* lwIP has freed it */
		conn_free(c);
	}
}

static const char reclaim_msg[] =
	"http: receive pool empty: reset the connection holding the most unread input\n";

void http_server_reclaim(void)
{
	struct http_conn *worst = NULL;
	u16_t most = 0, n;
	int i;

	for (i = 0; i < HTTP_MAX_CONNS; i++) {
		if (conns[i].state == CONN_FREE || !conns[i].pending)
			continue;
		n = pbuf_clen(conns[i].pending);
		if (n > most) {
			most = n;
			worst = &conns[i];
		}
	}
	if (!worst)
		return;
	/* Counted as refused: a connection the server could not keep. */
	if (counters.reclaimed++ == 0)
		board_console_write(reclaim_msg, sizeof(reclaim_msg) - 1);
	counters.rejected++;
	conn_abort(worst);
}

static err_t on_accept(void *arg, struct altcp_pcb *pcb, err_t err)
{
	bool secure = arg != NULL;
	struct http_conn *c = NULL;
	int i;

	if (err != ERR_OK || !pcb) {
		/* lwIP 2.1.3's altcp_tcp_accept() passes an altcp pcb with no
		 * TCP pcb under it when tcp_alloc() failed (a SYN flood): close
		 * it or it leaks, and with TLS its state and record buffers.
		 * lwIP would drop the SYN in silence, and a retransmission of
		 * it may come long after its client is gone, to take a slot
		 * from a live one (net/port/lwip_hooks.c): refuse it now. */
		counters.rejected++;
		lwpaste_tcp_refuse_syn();
		if (pcb)
			altcp_close(pcb);
		return ERR_VAL;
	}
	for (i = 0; i < HTTP_MAX_CONNS && i < conf.max_connections; i++) {
		if (conns[i].state == CONN_FREE) {
			c = &conns[i];
			break;
		}
	}
	if (c && secure && tls_open >= conf.max_tls_connections)
		c = NULL;
	if (!c) {
		counters.rejected++;
		if (secure) {
			/* No HTTP before a handshake: refuse the TLS client. */
			altcp_abort(pcb);
			return ERR_ABRT;
		}
		altcp_arg(pcb, NULL);
		altcp_recv(pcb, on_recv);
		altcp_write(pcb, reject_503, sizeof(reject_503) - 1, 0);
		altcp_output(pcb);
		/* FIN after the answer, then drain until the client closes or
		 * the next poll (on_recv, on_poll with no connection). */
		if (altcp_shutdown(pcb, 0, 1) != ERR_OK) {
			altcp_abort(pcb);
			return ERR_ABRT;
		}
		altcp_poll(pcb, on_poll, 2 * HTTP_POLL_TICKS);
		return ERR_OK;
	}
	memset(c, 0, sizeof(*c));
	c->pcb = pcb;
	c->buf = -1;
	c->state = CONN_HEAD;
	c->secure = secure;
	c->last_ms = now_ms();
	if (secure)
		tls_open++;
	altcp_arg(pcb, c);
	altcp_recv(pcb, on_recv);
	altcp_sent(pcb, on_sent);
	altcp_err(pcb, on_err);
	altcp_poll(pcb, on_poll, HTTP_POLL_TICKS);
	altcp_nagle_disable(pcb);
	return ERR_OK;
}

#if LWIP_ALTCP
typedef altcp_allocator_t http_alloc_t;
#else
typedef void http_alloc_t; /* altcp_* is tcp_* (lwipopts.h): no allocator */
#endif

static int listen_on(http_alloc_t *alloc, uint16_t port, void *arg)
{
	struct altcp_pcb *pcb = altcp_new_ip_type(alloc, IPADDR_TYPE_ANY);
	struct altcp_pcb *lpcb;

	(void)alloc;
	if (!pcb)
		return -ENOMEM;
	if (altcp_bind(pcb, IP_ANY_TYPE, port) != ERR_OK) {
		altcp_close(pcb);
		return -EADDRINUSE;
	}
	lpcb = altcp_listen_with_backlog(pcb, TCP_DEFAULT_LISTEN_BACKLOG);
	if (!lpcb) {
		altcp_close(pcb);
		return -ENOMEM;
	}
	altcp_arg(lpcb, arg);
	altcp_accept(lpcb, on_accept);
	return 0;
}

int http_server_start(const struct pl_server_conf *sc, struct pl_app *root)
{
#if LWIP_ALTCP
	static altcp_allocator_t tcp_alloc = {altcp_tcp_alloc, NULL};
#endif
	int i;

	if (sc->max_connections > HTTP_MAX_CONNS ||
	    sc->max_header_bytes > HTTP_MAX_HEADER_BYTES ||
	    sc->max_body_bytes > HTTP_MAX_BODY_BYTES)
		return -EINVAL; /* the image was sized for a smaller config */
	conf = *sc;
	root_app = root;
	limits.max_uri_bytes = sc->max_uri_bytes;
	limits.max_header_bytes = sc->max_header_bytes;
	for (i = 0; i < HTTP_MAX_CONNS; i++)
		conns[i].buf = -1;
	if (!sc->port)
		return 0;
#if LWIP_ALTCP
	return listen_on(&tcp_alloc, sc->port, NULL);
#else
	return listen_on(NULL, sc->port, NULL);
#endif
}

int http_server_start_tls(struct altcp_tls_config *cfg)
{
#if LWIP_ALTCP_TLS
	static altcp_allocator_t tls_alloc = {altcp_tls_alloc, NULL};

	tls_alloc.arg = cfg;
	if (!conf.tls_port)
		return 0;
	/* The listener's arg marks accepted connections as secure. */
	return listen_on(&tls_alloc, conf.tls_port, &tls_alloc);
#else
	(void)cfg;
	return -ENOTSUP;
#endif
}

void http_server_stats(struct pl_sys_stats *st)
{
	int i;

	st->conns_open = 0;
	for (i = 0; i < HTTP_MAX_CONNS; i++)
		st->conns_open += conns[i].state != CONN_FREE;
	st->conns_max = conf.max_connections;
	st->tls_open = tls_open;
	st->requests = counters.requests;
	st->status_2xx = counters.s2xx;
	st->status_3xx = counters.s3xx;
	st->status_4xx = counters.s4xx;
	st->status_5xx = counters.s5xx;
	st->rejected = counters.rejected;
	st->timeouts = counters.timeouts;
	st->parse_errors = counters.parse_errors;
}

bool http_server_flushed(void)
{
	int i;

	for (i = 0; i < HTTP_MAX_CONNS; i++) {
		struct http_conn *c = &conns[i];

		if (c->state == CONN_FREE || !c->pcb)
			continue;
		if (c->ext_left || altcp_sndqueuelen(c->pcb))
			return false;
	}
	return true;
}
