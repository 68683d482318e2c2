/*
 * The copy-and-checksum that lwIP's tcp_write() uses for copied data
 * (lwipopts.h: LWIP_CHECKSUM_ON_COPY, LWIP_CHKSUM_COPY). No lwIP types:
 * lwipopts.h includes it before lwIP defines them, and the unit test
 * builds it alone.
 */
#ifndef LWPASTE_LWIP_CHKSUM_H
#define LWPASTE_LWIP_CHKSUM_H

#include <stdint.h>

/* Copy len bytes from src to dst; return lwip_standard_chksum(dst, len). */
uint16_t lwpaste_chksum_copy(void *dst, const void *src, uint16_t len);

#endif /* LWPASTE_LWIP_CHKSUM_H */
