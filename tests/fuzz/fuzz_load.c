/*
 * libFuzzer target for the paste ini loader and what runs on its output:
 * pl_load_buf() on arbitrary bytes, then (when it loads) the [server:main]
 * and [net:eth0] getters, pl_build() into bounded pools, and a few requests
 * through whatever tree was built. The loader must never crash, loop or
 * read out of bounds on hostile input (SPEC §1).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pl.h"
#include "pl_build_priv.h"
#include "pl_load.h"

/* A platform where every hook exists and does nothing observable. */
static uint32_t f_u32(void) { return 0; }
static void f_console(const char *s, size_t n) { (void)s; (void)n; }
static unsigned f_led_count(void) { return 2; }
static bool f_led_get(unsigned id) { (void)id; return false; }
static int f_led_set(unsigned id, bool on) { (void)id; (void)on; return 0; }
static void f_reboot(void) {}
static int f_entropy(void *buf, size_t n) { memset(buf, 0x5a, n); return 0; }
static void f_net_info(struct pl_net_info *ni) { memset(ni, 0, sizeof(*ni)); }
static void f_sys_stats(struct pl_sys_stats *st) { memset(st, 0, sizeof(*st)); }

static const struct pl_platform fuzz_platform = {
	.board = "fuzz",
	.uptime_ms = f_u32,
	.micros = f_u32,
	.console = f_console,
	.led_count = f_led_count,
	.led_get = f_led_get,
	.led_set = f_led_set,
	.reboot_after_flush = f_reboot,
	.entropy = f_entropy,
	.net_info = f_net_info,
	.sys_stats = f_sys_stats,
};
const struct pl_platform *pl_platform = &fuzz_platform;

static struct pl_load ld;
static struct pl_app apps[256];
static struct pl_route routes[512];

static void request(struct pl_app *root, unsigned method, const char *name,
		    const char *target)
{
	static char path[128], body[PL_RESP_BODY_MAX], hdr[PL_RESP_HDR_MAX];
	struct pl_request req;
	struct pl_response resp;

	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	strncpy(path, target, sizeof(path) - 1);
	req.method = method;
	req.method_name.p = name;
	req.method_name.n = strlen(name);
	req.target.p = req.script_name.p = req.path_info.p = path;
	req.target.n = req.path_info.n = strlen(path);
	req.version_minor = 1;
	resp.status = 200;
	resp.body = body;
	resp.body_cap = sizeof(body);
	resp.hdr = hdr;
	resp.hdr_cap = sizeof(hdr);
	root->call(root, &req, &resp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char arena[16 * 1024] __attribute__((aligned(PL_ARENA_ALIGN)));
	struct pl_pool pool = {apps, 256, routes, 512, arena, sizeof(arena)};
	struct pl_server_conf sc;
	struct pl_net_conf nc;
	struct pl_app *root;
	struct pl_err err;

	if (pl_load_buf(&ld, "fuzz.ini", (const char *)data, size, NULL, &err))
		return 0;
	pl_server_conf_get(&ld.cfg, &sc, &err);
	pl_net_conf_get(&ld.cfg, &nc, &err);
	pl_load_check_samples(&ld, &err);
	if (pl_build(&ld.cfg, NULL, &pool, &root, &err))
		return 0;
	request(root, PL_GET, "GET", "/");
	request(root, PL_HEAD, "HEAD", "/v1/");
	request(root, PL_GET, "GET", "/v1/test/1");
	request(root, PL_POST, "POST", "/a/b/c/d");
	request(root, PL_DELETE, "DELETE", "//x//y/");
	return 0;
}
