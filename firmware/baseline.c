/*
 * lwpaste-baseline: the same board, driver, lwIP port and superloop as
 * lwpaste, serving lwIP's own httpd on port 80 instead of the pipeline. It
 * proved the spine before the server existed and stays as the benchmark
 * baseline (tests/bench/run): its one page, GET /v1/, carries the same bytes
 * as lwpaste's answer (baseline_fsdata.c). Network fixed to 10.0.2.15/24.
 */
#include "lwip/apps/httpd.h"

#include "board.h"
#include "fw.h"

int main(void)
{
	static const struct pl_net_conf nc = {
		.dhcp = false,
		.address = 0x0A00020Fu, /* 10.0.2.15 */
		.netmask = 0xFFFFFF00u,
		.gateway = 0x0A000202u, /* 10.0.2.2 */
		.hostname = "lwpaste-baseline",
	};

	board_init();
	fw_banner("lwpaste-baseline (lwIP httpd)");
	fw_platform_init();
	if (fw_net_init(&nc) == 0) {
		httpd_init();
		fw_puts("httpd: listening on port 80\n");
	}
	fw_run();
}
