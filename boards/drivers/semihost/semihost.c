/*
 * Arm semihosting calls (see semihost.h): BKPT 0xAB in Thumb state, the
 * operation number in r0, a parameter block's address in r1, the result
 * in r0 (Arm IHI 0091 §5).
 */
#include <string.h>

#include "semihost.h"

#define SYS_OPEN 0x01u
#define SYS_READ 0x06u
#define SYS_CLOCK 0x10u
#define SYS_ELAPSED 0x30u
#define OPEN_MODE_RB 1u /* fopen() mode "rb" */

static int32_t semihost_call(uint32_t op, void *args)
{
	register uint32_t r0 __asm("r0") = op;
	register void *r1 __asm("r1") = args;

	__asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return (int32_t)r0;
}

int semihost_open_read(const char *path)
{
	uint32_t args[3] = {(uint32_t)(uintptr_t)path, OPEN_MODE_RB, (uint32_t)strlen(path)};

	return (int)semihost_call(SYS_OPEN, args);
}

int semihost_read(int handle, void *buf, size_t n)
{
	uint32_t args[3] = {(uint32_t)handle, (uint32_t)(uintptr_t)buf, (uint32_t)n};

	return (int)semihost_call(SYS_READ, args);
}

int32_t semihost_clock(void)
{
	return semihost_call(SYS_CLOCK, NULL);
}

int semihost_elapsed(uint64_t *ticks)
{
	uint32_t args[2] = {0, 0};

	if (semihost_call(SYS_ELAPSED, args) != 0)
		return -1;
	*ticks = ((uint64_t)args[1] << 32) | args[0];
	return 0;
}
