/*
 * pl_platform for host programs that build pipelines but serve nothing
 * (lwpaste-config, the loader fuzzer): factories may look at the platform
 * in init, so it exists, with a clock and the console on stderr.
 */
#include <stdio.h>
#include <time.h>

#include "pl.h"

static uint32_t tool_micros(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)((uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u);
}

static uint32_t tool_uptime_ms(void)
{
	return tool_micros() / 1000u;
}

static void tool_console(const char *s, size_t n)
{
	fwrite(s, 1, n, stderr);
}

static const struct pl_platform tool_platform = {
	.board = "host-tool",
	.uptime_ms = tool_uptime_ms,
	.micros = tool_micros,
	.console = tool_console,
};

const struct pl_platform *pl_platform = &tool_platform;
