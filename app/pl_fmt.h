/*
 * A small snprintf for messages: %s %.Ns %.*s %c %d %i %u %x with the l
 * and z length modifiers, and %%. Enough for every message the pipeline
 * and the firmware format, in a few hundred bytes, where newlib's
 * vfprintf costs 2.5 KiB and links malloc. Semantics as C99 snprintf:
 * always NUL-terminated (cap > 0), returns the length the whole output
 * would have had. Anything else after a % is copied as it is (and the
 * compiler's format check flags it first).
 */
#ifndef LWPASTE_PL_FMT_H
#define LWPASTE_PL_FMT_H

#include <stdarg.h>
#include <stddef.h>

int pl_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int pl_snprintf(char *buf, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* LWPASTE_PL_FMT_H */
