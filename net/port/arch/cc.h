/*
 * lwIP's compiler/platform glue for lwpaste: newlib types, little-endian
 * Cortex-M (and x86 on the host board), diagnostics through the board
 * console, randomness from the seed net/ collects at start.
 */
#ifndef LWPASTE_ARCH_CC_H
#define LWPASTE_ARCH_CC_H

#include <stdint.h>
#include <stdlib.h>

#define LWIP_NO_INTTYPES_H 0

/* Implemented in net/port/sys_arch.c. */
void net_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
__attribute__((noreturn)) void net_assert(const char *msg, const char *file, int line);
uint32_t net_rand(void);

#define LWIP_PLATFORM_DIAG(x) \
	do {                  \
		net_diag x;   \
	} while (0)
#define LWIP_PLATFORM_ASSERT(x) net_assert((x), __FILE__, __LINE__)
#define LWIP_RAND() (net_rand())

#endif /* LWPASTE_ARCH_CC_H */
