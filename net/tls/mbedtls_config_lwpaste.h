/*
 * mbedTLS 2.28 configuration for lwpaste (MBEDTLS_CONFIG_FILE): a TLS 1.2
 * server and nothing else. mbedTLS's own files are never edited; this file
 * replaces its config.h whole, so whatever is not named here is not built.
 *
 *   protocol     TLS 1.2 server; no client, no TLS 1.0/1.1, no SSLv3, no
 *                renegotiation, no session cache or tickets
 *   key exchange ECDHE-ECDSA on P-256 only (RFC 8422); no RSA, no DHE
 *   ciphers      AES-128-GCM and ChaCha20-Poly1305 (RFC 7905), both AEAD
 *   certificate  X.509 DER parse of the baked certificate and EC key
 *   randomness   CTR_DRBG(AES-256) seeded by mbedtls_hardware_poll(), which
 *                reads the board's board_entropy() (net/tls/tls_entropy.c);
 *                no platform entropy, no seed file, never a constant
 *   memory       mbedtls_calloc/free over a static arena (memory_buffer_alloc,
 *                net/tls/tls_mem.c); before the arena is set up every
 *                allocation fails: the system heap is never reachable
 *   records      4 KiB in, 2 KiB out (RFC 6066 max_fragment_length honoured)
 */
#ifndef LWPASTE_MBEDTLS_CONFIG_H
#define LWPASTE_MBEDTLS_CONFIG_H

#include <stddef.h>

/* ---- system ---- */
#define MBEDTLS_HAVE_ASM /* bn_mul.h's Thumb-2 multiply-accumulate */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
/* Until tls_mem_init() hands mbedTLS the arena, calloc fails (no heap). */
void *tls_mem_unset_calloc(size_t n, size_t size);
void tls_mem_unset_free(void *p);
#define MBEDTLS_PLATFORM_STD_CALLOC tls_mem_unset_calloc
#define MBEDTLS_PLATFORM_STD_FREE tls_mem_unset_free
#define MBEDTLS_MEMORY_DEBUG /* the arena's use and peak, for /v1/stats */
/* memory_buffer_alloc's complaints: to the console, then reset. */
int tls_mem_fprintf(void *f, const char *fmt, ...);
void tls_mem_fatal(int status);
#define MBEDTLS_PLATFORM_FPRINTF_MACRO tls_mem_fprintf
#define MBEDTLS_PLATFORM_EXIT_MACRO tls_mem_fatal

/* ---- randomness ---- */
#define MBEDTLS_NO_PLATFORM_ENTROPY      /* no /dev/urandom on a Cortex-M */
#define MBEDTLS_ENTROPY_HARDWARE_ALT     /* mbedtls_hardware_poll: board_entropy */
#define MBEDTLS_ENTROPY_MIN_HARDWARE 32  /* bytes per poll: one full block */
#define MBEDTLS_ENTROPY_FORCE_SHA256     /* no SHA-512 in this image */
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_HMAC_DRBG_C              /* deterministic ECDSA (RFC 6979) */

/* ---- primitives ---- */
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ROM_TABLES           /* tables in flash, not 8 KiB of RAM */
#define MBEDTLS_AES_FEWER_TABLES
#define MBEDTLS_GCM_C
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA256_SMALLER

/* ---- public key: P-256 ECDHE and ECDSA ---- */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_MPI_WINDOW_SIZE 1        /* modular exponentiation is unused */
#define MBEDTLS_MPI_MAX_SIZE 64
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECP_MAX_BITS 256
#define MBEDTLS_ECP_WINDOW_SIZE 4        /* 8-point table: RAM over speed */
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0  /* no per-group cached comb table */
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECDSA_DETERMINISTIC
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C

/* ---- TLS ---- */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_SRV_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_SSL_CIPHERSUITES                         \
	MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, \
	MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET /* RFC 7627 */
#define MBEDTLS_SSL_ALL_ALERT_MESSAGES     /* refusals end with an alert */
#define MBEDTLS_SSL_MAX_FRAGMENT_LENGTH    /* and lwIP caps writes with it */
#define MBEDTLS_SSL_MAX_CONTENT_LEN 4096
#define MBEDTLS_SSL_IN_CONTENT_LEN 4096
#define MBEDTLS_SSL_OUT_CONTENT_LEN 2048

#include "mbedtls/check_config.h"

#endif /* LWPASTE_MBEDTLS_CONFIG_H */
