/*
 * The HTTPS server configuration: mbedTLS's DRBG seeded from the board
 * (tls_entropy.c), the baked certificate and key (tls_creds.c) parsed into
 * the static arena (tls_mem.c), and lwIP's altcp_tls config that the HTTP
 * server's TLS listener allocates its connections with.
 */
#include <errno.h>

#include "lwip/altcp_tls.h"
#include "mbedtls/entropy.h"
#include "mbedtls/platform_util.h"
#include "mbedtls/ssl.h"
#include "tls.h"
#include "tls_entropy.h"
#include "tls_priv.h"

_Static_assert(TLS_ERR_ENTROPY_SOURCE_FAILED == MBEDTLS_ERR_ENTROPY_SOURCE_FAILED,
	       "tls_entropy.h must return mbedTLS's source-failed code");

int tls_server_config(struct altcp_tls_config **out)
{
	struct altcp_tls_config *cfg;
	struct tls_mem_stats st;
	unsigned char probe[32];
	size_t olen;
	int rc;

	*out = NULL;
	tls_mem_init();
	/* lwIP reports every failure as NULL; find out first whether the
	 * board has entropy at all, the failure a new board will meet. */
	rc = mbedtls_hardware_poll(NULL, probe, sizeof(probe), &olen);
	mbedtls_platform_zeroize(probe, sizeof(probe));
	if (rc != 0)
		return -EIO;
	cfg = altcp_tls_create_config_server_privkey_cert(tls_key_der, tls_key_der_len,
							  NULL, 0, tls_cert_der,
							  tls_cert_der_len);
	if (cfg == NULL) {
		if (tls_entropy_failures())
			return -EIO;
		tls_mem_stats(&st);
		return st.peak + 1024 >= st.size ? -ENOMEM : -EINVAL;
	}
	/* lwIP's server config asks for client certificates (authmode
	 * OPTIONAL) and has no call to change it. Its struct altcp_tls_config
	 * (altcp_tls_mbedtls.c, lwIP 2.1.3) starts with the mbedtls_ssl_config,
	 * so the config pointer is that member's address. */
	mbedtls_ssl_conf_authmode((mbedtls_ssl_config *)(void *)cfg, MBEDTLS_SSL_VERIFY_NONE);
	*out = cfg;
	return 0;
}
