/*
 * stats: the server's counters and lwIP's pool use, for a monitor to
 * scrape. One pl_platform->sys_stats() snapshot per request; the counters
 * are the server's, so the request being answered is not counted yet.
 *
 * Action (router controller): show, 200
 *   {"stats": {"uptime_ms",
 *     "http": {"requests", "status": {"2xx", "3xx", "4xx", "5xx"},
 *              "errors": {"total", "rejected", "timeouts", "parse_errors"}},
 *     "connections": {"open", "max", "tls_open"},
 *     "lwip": {"mem": {"used", "max", "avail"},
 *              "pbuf": {"used", "max", "avail"},
 *              "tcp_pcb": {"used", "max", "avail"}},
 *     "tls": {"mem": {"used", "max", "avail"}}}}   (TLS images only: the
 *              mbedTLS arena in bytes, "max" is the peak, "avail" its size)
 * errors.total is every 4xx and 5xx answer (a 408, a 503 for a full
 * table and a parse error are among them); the other error counters say
 * why, and timeouts also counts idle connections closed without a word.
 * Mounted directly (urlmap): GET / is show.
 *
 * ini keys ([app:NAME] use = stats): none.
 */
#include <string.h>

#include "pl.h"
#include "pl_json.h"
#include "pl_resp.h"

static void json_use(struct pl_json *j, const char *key, uint32_t used,
		     uint32_t max, uint32_t avail)
{
	pl_json_key_str(j, key);
	pl_json_obj_open(j);
	pl_json_key(j, "used");
	pl_json_uint(j, used);
	pl_json_key(j, "max");
	pl_json_uint(j, max);
	pl_json_key(j, "avail");
	pl_json_uint(j, avail);
	pl_json_obj_close(j);
}

static void json_count(struct pl_json *j, const char *key, uint32_t v)
{
	pl_json_key_str(j, key);
	pl_json_uint(j, v);
}

static int stats_show(struct pl_app *app, struct pl_request *req,
		      struct pl_response *resp)
{
	struct pl_sys_stats st;
	struct pl_json j;

	(void)app;
	(void)req;
	memset(&st, 0, sizeof(st));
	if (pl_platform && pl_platform->sys_stats)
		pl_platform->sys_stats(&st);

	resp->status = 200;
	pl_json_begin(&j, resp);
	pl_json_obj_open(&j);
	pl_json_key(&j, "stats");
	pl_json_obj_open(&j);
	json_count(&j, "uptime_ms",
		   pl_platform && pl_platform->uptime_ms ? pl_platform->uptime_ms() : 0);

	pl_json_key(&j, "http");
	pl_json_obj_open(&j);
	json_count(&j, "requests", st.requests);
	pl_json_key(&j, "status");
	pl_json_obj_open(&j);
	json_count(&j, "2xx", st.status_2xx);
	json_count(&j, "3xx", st.status_3xx);
	json_count(&j, "4xx", st.status_4xx);
	json_count(&j, "5xx", st.status_5xx);
	pl_json_obj_close(&j);
	pl_json_key(&j, "errors");
	pl_json_obj_open(&j);
	json_count(&j, "total", st.status_4xx + st.status_5xx);
	json_count(&j, "rejected", st.rejected);
	json_count(&j, "timeouts", st.timeouts);
	json_count(&j, "parse_errors", st.parse_errors);
	pl_json_obj_close(&j);
	pl_json_obj_close(&j);

	pl_json_key(&j, "connections");
	pl_json_obj_open(&j);
	json_count(&j, "open", st.conns_open);
	json_count(&j, "max", st.conns_max);
	json_count(&j, "tls_open", st.tls_open);
	pl_json_obj_close(&j);

	pl_json_key(&j, "lwip");
	pl_json_obj_open(&j);
	json_use(&j, "mem", st.mem_used, st.mem_max, st.mem_avail);
	json_use(&j, "pbuf", st.pbuf_used, st.pbuf_max, st.pbuf_avail);
	json_use(&j, "tcp_pcb", st.pcb_used, st.pcb_max, st.pcb_avail);
	pl_json_obj_close(&j);
	if (st.tls_mem_avail) {
		pl_json_key(&j, "tls");
		pl_json_obj_open(&j);
		json_use(&j, "mem", st.tls_mem_used, st.tls_mem_max, st.tls_mem_avail);
		pl_json_obj_close(&j);
	}

	pl_json_obj_close(&j);
	pl_json_obj_close(&j);
	return 0;
}

static int stats_call(struct pl_app *app, struct pl_request *req,
		      struct pl_response *resp)
{
	if (pl_resp_root_get_only(req, resp))
		return 0;
	return stats_show(app, req, resp);
}

static const struct pl_action stats_actions[] = {
	{"show", stats_show},
};

PL_FACTORY(stats,
	.kind = PL_KIND_APP,
	.call = stats_call,
	.actions = stats_actions,
	.num_actions = sizeof(stats_actions) / sizeof(stats_actions[0]));
