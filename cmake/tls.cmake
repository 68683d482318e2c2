# HTTPS for the image (SPEC §2): mbedTLS (cmake/mbedtls.cmake), lwIP's
# altcp_tls_mbedtls glue and net/tls/, with the certificate and key baked in.
#
#   -DLWPASTE_TLS=ON|OFF  default ON; a board without the RAM says so in its
#                         board.cmake:  set(LWPASTE_BOARD_TLS OFF)
#                         (a plain set(LWPASTE_TLS OFF) there works too)
#   [server:main] tls_cert = PATH, tls_key = PATH   (PEM or DER, relative to
#                         the ini): the device's certificate and EC P-256 key
#                         (a key that is not the certificate's fails the
#                         build on the tls_key line). Without them the build generates a key and a
#                         self-signed certificate in build/<board>/tls/ (kept
#                         across rebuilds); a release build refuses to.
#
# Sets LWPASTE_TLS_CERT_PEM (the certificate the image serves, PEM: for
# curl --cacert) and the OBJECT library lwpaste_tls that firmware/ links.
# LWPASTE_TLS_RAM_KIB: the RAM TLS adds with max_tls_connections = 2,
# measured on mps2-an385 (171.2 KB with TLS vs 134.0 KB without: the 35 KiB
# mbedTLS arena, connection states, altcp pcbs); see README "HTTPS".
set(LWPASTE_TLS_RAM_KIB 38)

if(NOT DEFINED LWPASTE_BOARD_TLS)
  set(LWPASTE_BOARD_TLS ON)
endif()
if(DEFINED LWPASTE_TLS AND NOT DEFINED CACHE{LWPASTE_TLS})
  set(LWPASTE_BOARD_TLS ${LWPASTE_TLS}) # the board set it as a plain variable
endif()
option(LWPASTE_TLS "HTTPS (mbedTLS) on [server:main] tls_port" ${LWPASTE_BOARD_TLS})
if(NOT LWPASTE_TLS)
  if(NOT LWPASTE_BOARD_TLS)
    message(STATUS "lwpaste: TLS: off for this board (needs ${LWPASTE_TLS_RAM_KIB} KiB RAM)")
  else()
    message(STATUS "lwpaste: TLS: off (-DLWPASTE_TLS=OFF)")
  endif()
  return()
endif()

include(${CMAKE_CURRENT_LIST_DIR}/mbedtls.cmake)

# ---- certificate and key: from the ini, or generated for this build ----
find_program(LWPASTE_OPENSSL openssl)
if(NOT LWPASTE_OPENSSL)
  message(FATAL_ERROR "lwpaste: TLS needs the openssl command (apt-get install openssl), or -DLWPASTE_TLS=OFF")
endif()

# [server:main] tls_cert / tls_key, read with a small parser: the keys are
# plain paths, and the config tool ignores them (app/pl_build.c).
set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${LWPASTE_CONFIG})
file(STRINGS ${LWPASTE_CONFIG} _ini_lines)
get_filename_component(_ini_dir ${LWPASTE_CONFIG} DIRECTORY)
set(_section "")
set(_ini_tls_cert "")
set(_ini_tls_key "")
set(_lineno 0)
foreach(_l IN LISTS _ini_lines)
  math(EXPR _lineno "${_lineno} + 1") # file(STRINGS) keeps empty lines
  if(_l MATCHES "^[ \t]*\\[([^]]*)\\]")
    string(STRIP "${CMAKE_MATCH_1}" _section)
  elseif(_section STREQUAL "server:main" AND _l MATCHES "^[ \t]*(tls_cert|tls_key)[ \t]*[=:][ \t]*(.*)$")
    set(_k ${CMAKE_MATCH_1})
    string(STRIP "${CMAKE_MATCH_2}" _v)
    get_filename_component(_v "${_v}" ABSOLUTE BASE_DIR ${_ini_dir})
    set(_ini_${_k} "${_v}")
    set(_ini_${_k}_line ${_lineno})
  endif()
endforeach()

set(LWPASTE_TLS_DIR ${CMAKE_BINARY_DIR}/tls)
file(MAKE_DIRECTORY ${LWPASTE_TLS_DIR})
if(_ini_tls_cert OR _ini_tls_key)
  if(NOT _ini_tls_cert OR NOT _ini_tls_key)
    if(_ini_tls_cert)
      set(_given "${_ini_tls_cert_line}: tls_cert")
      set(_missing tls_key)
    else()
      set(_given "${_ini_tls_key_line}: tls_key")
      set(_missing tls_cert)
    endif()
    message(FATAL_ERROR "${LWPASTE_CONFIG}:${_given} without ${_missing}: [server:main] needs both, or neither")
  endif()
  foreach(_k tls_cert tls_key)
    if(NOT EXISTS ${_ini_${_k}})
      message(FATAL_ERROR "${LWPASTE_CONFIG}:${_ini_${_k}_line}: ${_k}: no such file: ${_ini_${_k}}")
    endif()
    set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_ini_${_k}})
  endforeach()
  set(_cert_in ${_ini_tls_cert})
  set(_key_in ${_ini_tls_key})
  message(STATUS "lwpaste: TLS: certificate ${_cert_in}, key ${_key_in} (from the ini)")
else()
  if(LWPASTE_RELEASE)
    message(FATAL_ERROR "${LWPASTE_CONFIG}: a release build needs the device's own key: set tls_cert and tls_key in [server:main] (or -DLWPASTE_TLS=OFF)")
  endif()
  set(_cert_in ${LWPASTE_TLS_DIR}/device-cert.pem)
  set(_key_in ${LWPASTE_TLS_DIR}/device-key.pem)
  if(NOT EXISTS ${_cert_in} OR NOT EXISTS ${_key_in})
    execute_process(
      COMMAND ${LWPASTE_OPENSSL} req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1
              -nodes -sha256 -days 3650 -subj /CN=lwpaste
              -addext subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:lwpaste
              -keyout ${_key_in} -out ${_cert_in}
      RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_VARIABLE _err)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR "lwpaste: openssl could not generate the device key: ${_err}")
    endif()
  endif()
  message(STATUS "lwpaste: no tls_cert in the ini: generated a device key and self-signed certificate ${_cert_in}")
endif()

# The image carries DER (no PEM/base64 code on the device). Check the key
# is EC P-256: the only curve this mbedTLS has.
set(_cert_der ${LWPASTE_TLS_DIR}/cert.der)
set(_key_der ${LWPASTE_TLS_DIR}/key.der)
foreach(_fmt PEM DER)
  execute_process(COMMAND ${LWPASTE_OPENSSL} x509 -inform ${_fmt} -in ${_cert_in} -outform DER -out ${_cert_der}
    RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
  if(_rc EQUAL 0)
    execute_process(COMMAND ${LWPASTE_OPENSSL} x509 -inform ${_fmt} -in ${_cert_in} -outform PEM
      -out ${LWPASTE_TLS_DIR}/device-cert.pem.served RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
    break()
  endif()
endforeach()
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "lwpaste: ${_cert_in} is not an X.509 certificate (PEM or DER)")
endif()
execute_process(COMMAND ${LWPASTE_OPENSSL} pkey -in ${_key_in} -outform DER -out ${_key_der}
  RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
if(NOT _rc EQUAL 0)
  execute_process(COMMAND ${LWPASTE_OPENSSL} pkey -inform DER -in ${_key_in} -outform DER -out ${_key_der}
    RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
endif()
execute_process(COMMAND ${LWPASTE_OPENSSL} pkey -inform DER -in ${_key_der} -noout -text
  RESULT_VARIABLE _rc2 OUTPUT_VARIABLE _keytext ERROR_QUIET)
if(NOT _rc EQUAL 0 OR NOT _rc2 EQUAL 0 OR NOT _keytext MATCHES "prime256v1|P-256")
  message(FATAL_ERROR "lwpaste: ${_key_in}: not an unencrypted EC P-256 private key (the image does ECDHE-ECDSA on P-256 only)")
endif()
# The key must be the certificate's: with another one every handshake fails
# on the device, long after the build. Compare the public keys.
execute_process(COMMAND ${LWPASTE_OPENSSL} pkey -inform DER -in ${_key_der} -pubout
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _key_pub ERROR_QUIET)
execute_process(COMMAND ${LWPASTE_OPENSSL} x509 -inform DER -in ${_cert_der} -noout -pubkey
  RESULT_VARIABLE _rc2 OUTPUT_VARIABLE _cert_pub ERROR_QUIET)
if(NOT _rc EQUAL 0 OR NOT _rc2 EQUAL 0 OR NOT _key_pub STREQUAL _cert_pub)
  if(_ini_tls_key)
    message(FATAL_ERROR "${LWPASTE_CONFIG}:${_ini_tls_key_line}: tls_key ${_key_in} is not the key of tls_cert ${_cert_in} (line ${_ini_tls_cert_line}): their public keys differ")
  endif()
  message(FATAL_ERROR "lwpaste: ${_key_in} is not the key of ${_cert_in}: delete both and configure again to generate a new pair")
endif()
set(LWPASTE_TLS_CERT_PEM ${LWPASTE_TLS_DIR}/device-cert.pem)
if(NOT _cert_in STREQUAL LWPASTE_TLS_CERT_PEM)
  # A given certificate: put it where tests and tools look for it.
  file(COPY_FILE ${LWPASTE_TLS_DIR}/device-cert.pem.served ${LWPASTE_TLS_CERT_PEM} ONLY_IF_DIFFERENT)
endif()
file(REMOVE ${LWPASTE_TLS_DIR}/device-cert.pem.served)

# tls_creds.c: the DER bytes as constant arrays (flash).
function(_lwpaste_c_array var file out)
  file(READ ${file} _hex HEX)
  string(LENGTH "${_hex}" _n)
  math(EXPR _n "${_n} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," _hex "${_hex}")
  string(REGEX REPLACE "((0x..,){16})" "\\1\n\t" _hex "${_hex}")
  set(${out} "const unsigned char ${var}[] = {\n\t${_hex}\n};\nconst size_t ${var}_len = ${_n};\n" PARENT_SCOPE)
endfunction()
_lwpaste_c_array(tls_cert_der ${_cert_der} _c1)
_lwpaste_c_array(tls_key_der ${_key_der} _c2)
file(CONFIGURE OUTPUT ${LWPASTE_TLS_DIR}/tls_creds.c CONTENT
"/* Generated by cmake/tls.cmake from ${_cert_in} and its key: do not edit. */
#include \"tls_priv.h\"

${_c1}
${_c2}")

# ---- lwIP's TLS layer and net/tls/ ----
# OBJECT library: net/tls/ and lwIP's altcp_tls_mbedtls.c call each other
# (and mbedTLS calls back into tls_entropy.c / tls_mem.c), which static
# archives would resolve only by link order. altcp_tls_mbedtls_mem.c is
# replaced by net/tls/tls_mem.c (static pools; lwIP's uses its heap).
set(_altcp_tls ${LWIP_DIR}/src/apps/altcp_tls/altcp_tls_mbedtls.c)
file(GLOB LWPASTE_TLS_SRCS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/net/tls/*.c)
add_library(lwpaste_tls OBJECT ${LWPASTE_TLS_SRCS} ${LWPASTE_TLS_DIR}/tls_creds.c ${_altcp_tls})
target_include_directories(lwpaste_tls PRIVATE ${CMAKE_SOURCE_DIR}/net/tls ${CMAKE_SOURCE_DIR}/net
  ${LWIP_DIR}/src/apps/altcp_tls)
target_link_libraries(lwpaste_tls PUBLIC lwpaste_mbedtls lwip)
set_source_files_properties(${LWPASTE_TLS_SRCS} PROPERTIES COMPILE_OPTIONS "${LWPASTE_WARNINGS}")
set_source_files_properties(${_altcp_tls} PROPERTIES COMPILE_OPTIONS "${LWPASTE_LWIP_FLAGS};-Wno-unused-result")

# Every lwIP user (lwIP itself, the server, the firmware) sees the TLS layer.
target_compile_definitions(lwip PUBLIC LWIP_ALTCP_TLS=1 LWIP_ALTCP_TLS_MBEDTLS=1 LWPASTE_TLS=1)
message(STATUS "lwpaste: TLS: on (mbedTLS ${LWPASTE_MBEDTLS_DEB_VERSION}, TLS 1.2 ECDHE-ECDSA P-256, AES-128-GCM / ChaCha20-Poly1305)")
