/*
 * The only road from the board's entropy source into mbedTLS: mbedTLS's
 * entropy pool polls mbedtls_hardware_poll() (MBEDTLS_ENTROPY_HARDWARE_ALT,
 * a strong source), which reads board_entropy() and checks what it got.
 * Free of mbedTLS headers so the unit test builds it on the host.
 */
#ifndef LWPASTE_TLS_ENTROPY_H
#define LWPASTE_TLS_ENTROPY_H

#include <stddef.h>

/* MBEDTLS_ERR_ENTROPY_SOURCE_FAILED (mbedtls/entropy.h; checked in tls.c) */
#define TLS_ERR_ENTROPY_SOURCE_FAILED (-0x003C)

/* Fill output[0..len) from board_entropy() and set *olen = len; or
 * TLS_ERR_ENTROPY_SOURCE_FAILED with *olen = 0 and output wiped when the
 * board fails, reports a count instead of 0 (a short read), or returns
 * something a working source does not: a block of one repeated byte, or
 * the same block as the previous call (a stuck source). */
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen);

/* Failed polls since boot. */
unsigned tls_entropy_failures(void);

/* Forget the previous block and the failure count (unit tests). */
void tls_entropy_reset(void);

#endif /* LWPASTE_TLS_ENTROPY_H */
