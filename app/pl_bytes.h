/*
 * Word-at-a-time byte tests (the "has zero byte" and "has less than" bit
 * tricks): test sizeof(size_t) bytes with a few ALU operations. Each is
 * exact for "does ANY byte ..." - which byte is not reliable (a borrow can
 * flag the bytes above a true hit), so callers fall back to a byte loop to
 * find it. Loads go through memcpy: no alignment or aliasing assumptions.
 */
#ifndef LWPASTE_PL_BYTES_H
#define LWPASTE_PL_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef size_t pl_word;

#define PL_WORD_ONES ((pl_word)-1 / 0xff)
#define PL_WORD_HIGHS (PL_WORD_ONES * 0x80)

static inline pl_word pl_word_load(const void *p)
{
	pl_word w;

	memcpy(&w, p, sizeof(w));
	return w;
}

/* high bit set in some byte iff some byte of w is < n (n <= 128) */
static inline pl_word pl_word_less(pl_word w, unsigned n)
{
	return (w - PL_WORD_ONES * n) & ~w & PL_WORD_HIGHS;
}

/* high bit set in some byte iff some byte of w equals b */
static inline pl_word pl_word_eq(pl_word w, unsigned char b)
{
	pl_word x = w ^ (PL_WORD_ONES * b);

	return (x - PL_WORD_ONES) & ~x & PL_WORD_HIGHS;
}

#endif /* LWPASTE_PL_BYTES_H */
