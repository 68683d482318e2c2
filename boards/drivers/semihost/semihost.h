/*
 * Arm semihosting (Arm IHI 0091, "Semihosting for AArch32 and AArch64"):
 * the program asks the debugger, or QEMU with -semihosting-config
 * enable=on, to do I/O on the host. A debug aid, not a board feature: with
 * nobody listening the BKPT faults, and cortex_m's HardFault handler turns
 * that into a -1 return (cortex_m.c), so every call here fails cleanly.
 */
#ifndef LWPASTE_SEMIHOST_H
#define LWPASTE_SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

/* Open a host file for binary reading; a handle >= 0 or -1. */
int semihost_open_read(const char *path);
/* Read n bytes; the number NOT read (0: all of them), or -1. */
int semihost_read(int handle, void *buf, size_t n);
/* Host clock in centiseconds since the program started (SYS_CLOCK), or -1. */
int32_t semihost_clock(void);
/* Host tick count (SYS_ELAPSED, 64 bits); 0 or -1. */
int semihost_elapsed(uint64_t *ticks);

#endif /* LWPASTE_SEMIHOST_H */
