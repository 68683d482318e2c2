/*
 * The baseline's one page, in the format of lwIP's makefsdata output; not
 * compiled on its own: lwIP's fs.c includes it (HTTPD_FSDATA_FILE, set for
 * lwip_httpd in firmware/CMakeLists.txt) instead of the default fsdata.c,
 * whose 1.7 KB index page would make the benchmark unfair.
 *
 * GET /v1/ answers with the same bytes lwpaste's GET /v1/ sends to a client
 * that asks http://10.0.2.15/v1/ (status line, headers with a fixed request
 * id, the 234-byte version document), headers stored with the page and
 * Content-Length in them, so lwIP's httpd can keep the connection alive
 * (FS_FILE_FLAGS_HEADER_PERSISTENT, LWIP_HTTPD_SUPPORT_11_KEEPALIVE).
 *
 * Stored headers cannot depend on the request, and lwIP's httpd closes
 * without saying so: a client that sent "Connection: close" would not know
 * and try its next request on the closed connection. GET /v1/close/ is the
 * same page with "Connection: close", byte for byte what lwpaste answers to
 * such a request: the benchmark's close runs ask for it.
 */
#define BASELINE_BODY \
	"{\"version\":{\"id\":\"v1.0\",\"status\":\"CURRENT\"," \
	"\"updated\":\"2026-11-25T00:00:00Z\",\"links\":[{\"rel\":\"self\"," \
	"\"href\":\"http://10.0.2.15/v1/\"}],\"media-types\":[{\"base\":" \
	"\"application/json\",\"type\":" \
	"\"application/vnd.openstack.lwpaste+json;version=1\"}]}}"

#define BASELINE_HEAD(conn) \
	"HTTP/1.1 200 OK\r\n" \
	"Content-Type: application/json\r\n" \
	"Content-Length: 234\r\n" \
	conn \
	"X-Openstack-Request-Id: req-00000000-0000-4000-8000-000000000000\r\n" \
	"\r\n"

/* The stored Content-Length must match the body. */
typedef char baseline_body_len_check[sizeof(BASELINE_BODY) - 1 == 234 ? 1 : -1];

static const unsigned char baseline_v1_name[] = "/v1/index.html";
static const unsigned char baseline_v1_data[] = BASELINE_HEAD("") BASELINE_BODY;
static const unsigned char baseline_close_name[] = "/v1/close/index.html";
static const unsigned char baseline_close_data[] =
	BASELINE_HEAD("Connection: close\r\n") BASELINE_BODY;

static const struct fsdata_file baseline_close[] = {{
	NULL,
	baseline_close_name,
	baseline_close_data,
	sizeof(baseline_close_data) - 1,
	FS_FILE_FLAGS_HEADER_INCLUDED | FS_FILE_FLAGS_HEADER_PERSISTENT,
}};

static const struct fsdata_file baseline_v1[] = {{
	baseline_close,
	baseline_v1_name,
	baseline_v1_data,
	sizeof(baseline_v1_data) - 1,
	FS_FILE_FLAGS_HEADER_INCLUDED | FS_FILE_FLAGS_HEADER_PERSISTENT,
}};

#define FS_ROOT baseline_v1
#define FS_NUMFILES 2
