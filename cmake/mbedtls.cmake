# mbedTLS 2.28 for the target, from ${MBEDTLS_DIR} (cmake/deps.cmake), as
# the static library `lwpaste_mbedtls`. Third-party code: -Os, without our
# -Werror, configured only by net/tls/mbedtls_config_lwpaste.h through
# MBEDTLS_CONFIG_FILE (mbedTLS's own config.h is not used). Only the modules
# that config enables are compiled; the rest of library/ is left alone.
set(LWPASTE_MBEDTLS_CONFIG ${CMAKE_SOURCE_DIR}/net/tls/mbedtls_config_lwpaste.h)
set(LWPASTE_MBEDTLS_MODULES
  aes asn1parse asn1write bignum chacha20 chachapoly cipher cipher_wrap
  constant_time ctr_drbg ecdh ecdsa ecp ecp_curves entropy entropy_poll gcm
  hmac_drbg md memory_buffer_alloc oid pk pk_wrap pkparse platform
  platform_util poly1305 sha256 ssl_ciphersuites ssl_msg ssl_srv ssl_tls
  x509 x509_crt)
set(_srcs "")
foreach(_m ${LWPASTE_MBEDTLS_MODULES})
  list(APPEND _srcs ${MBEDTLS_DIR}/library/${_m}.c)
endforeach()

add_library(lwpaste_mbedtls STATIC ${_srcs})
target_include_directories(lwpaste_mbedtls SYSTEM PUBLIC
  ${MBEDTLS_DIR}/include ${CMAKE_SOURCE_DIR}/net/tls)
target_compile_definitions(lwpaste_mbedtls PUBLIC
  MBEDTLS_CONFIG_FILE="mbedtls_config_lwpaste.h")
target_compile_options(lwpaste_mbedtls PRIVATE -Os -fmacro-prefix-map=${MBEDTLS_DIR}/=mbedtls/)
set_source_files_properties(${_srcs} PROPERTIES OBJECT_DEPENDS ${LWPASTE_MBEDTLS_CONFIG})
