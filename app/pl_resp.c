/*
 * Response building and OpenStack fault bodies. All writes are bounded by
 * the buffers the server lent to the response; overflow is sticky so a
 * handler can write without checking each call and the server answers 500
 * instead of sending a truncated body.
 */
#include "pl_resp.h"

#include <string.h>

#include "pl_json.h"

char *pl_resp_header_space(struct pl_response *resp, const char *name,
			   size_t name_len, size_t value_len)
{
	size_t need = name_len + 2 + value_len + 2;
	char *p;

	if (need > resp->hdr_cap - resp->hdr_len) {
		resp->overflow = true;
		return NULL;
	}
	p = resp->hdr + resp->hdr_len;
	resp->hdr_len += need;
	memcpy(p, name, name_len);
	p += name_len;
	p[0] = ':';
	p[1] = ' ';
	p[2 + value_len] = '\r';
	p[3 + value_len] = '\n';
	return p + 2;
}

void pl_resp_headern(struct pl_response *resp, const char *name,
		     size_t name_len, const char *value, size_t value_len)
{
	char *v;
	size_t i;

	/* A CR or LF in a value would let a handler split the response. */
	for (i = 0; i < value_len; i++) {
		if (value[i] == '\r' || value[i] == '\n') {
			resp->overflow = true;
			return;
		}
	}
	v = pl_resp_header_space(resp, name, name_len, value_len);
	if (v && value_len)
		memcpy(v, value, value_len);
}

void pl_resp_reset(struct pl_response *resp, bool keep_hdr)
{
	resp->status = 200;
	resp->content_type = NULL;
	if (!keep_hdr)
		resp->hdr_len = 0;
	resp->body_len = 0;
	resp->ext = NULL;
	resp->ext_len = 0;
	resp->overflow = false;
}

struct status_entry {
	uint16_t code;
	const char *reason;
	const char *fault;
};

/* RFC 9110 §15 reason phrases; fault names from OpenStack's compute API. */
static const struct status_entry status_table[] = {
	{200, "OK", NULL},
	{201, "Created", NULL},
	{202, "Accepted", NULL},
	{204, "No Content", NULL},
	{300, "Multiple Choices", NULL},
	{301, "Moved Permanently", NULL},
	{302, "Found", NULL},
	{304, "Not Modified", NULL},
	{400, "Bad Request", "badRequest"},
	{401, "Unauthorized", "unauthorized"},
	{403, "Forbidden", "forbidden"},
	{404, "Not Found", "itemNotFound"},
	{405, "Method Not Allowed", "badMethod"},
	{408, "Request Timeout", "requestTimeout"},
	{409, "Conflict", "conflictingRequest"},
	{411, "Length Required", "badRequest"},
	{413, "Content Too Large", "overLimit"},
	{414, "URI Too Long", "overLimit"},
	{415, "Unsupported Media Type", "badMediaType"},
	{431, "Request Header Fields Too Large", "overLimit"},
	{500, "Internal Server Error", "computeFault"},
	{501, "Not Implemented", "notImplemented"},
	{503, "Service Unavailable", "serviceUnavailable"},
	{505, "HTTP Version Not Supported", "badVersion"},
};

static const struct status_entry *status_find(uint16_t status)
{
	size_t i;

	for (i = 0; i < sizeof(status_table) / sizeof(status_table[0]); i++)
		if (status_table[i].code == status)
			return &status_table[i];
	return NULL;
}

const char *pl_status_reason(uint16_t status)
{
	const struct status_entry *e = status_find(status);

	return e ? e->reason : "Unknown";
}

const char *pl_fault_name(uint16_t status)
{
	const struct status_entry *e = status_find(status);

	if (e && e->fault)
		return e->fault;
	return status >= 500 ? "computeFault" : "badRequest";
}

void pl_fault(struct pl_response *resp, uint16_t status, const char *message)
{
	struct pl_json j;

	pl_resp_reset(resp, true);
	resp->status = status;
	pl_json_begin(&j, resp);
	pl_json_obj_open(&j);
	pl_json_key_str(&j, pl_fault_name(status));
	pl_json_obj_open(&j);
	pl_json_key(&j, "code");
	pl_json_uint(&j, status);
	pl_json_key(&j, "message");
	pl_json_str(&j, message);
	pl_json_obj_close(&j);
	pl_json_obj_close(&j);
}

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

bool pl_str_eq(struct pl_str s, const char *lit)
{
	size_t n = strlen(lit);

	return s.n == n && memcmp(s.p, lit, n) == 0;
}

bool pl_str_ieqn(struct pl_str s, const char *lit, size_t n)
{
	size_t i;

	if (s.n != n)
		return false;
	for (i = 0; i < n; i++)
		if (s.p[i] != lit[i] && lower(s.p[i]) != lower(lit[i]))
			return false;
	return true;
}

const struct pl_str *pl_req_headern(const struct pl_request *req,
				    const char *name, size_t name_len)
{
	size_t i;

	for (i = 0; i < req->num_headers; i++)
		if (req->headers[i].name.n == name_len &&
		    pl_str_ieqn(req->headers[i].name, name, name_len))
			return &req->headers[i].value;
	return NULL;
}

bool pl_resp_root_get_only(const struct pl_request *req,
			   struct pl_response *resp)
{
	if (req->path_info.n > 1 ||
	    (req->path_info.n == 1 && req->path_info.p[0] != '/')) {
		pl_fault(resp, 404, "The resource could not be found.");
		return true;
	}
	if (!(req->method & (PL_GET | PL_HEAD))) {
		pl_fault(resp, 405, "The method is not allowed for this resource.");
		pl_resp_header(resp, "Allow", "GET, HEAD", 9);
		return true;
	}
	return false;
}
