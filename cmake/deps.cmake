# lwIP 2.1.3 and mbedTLS 2.28 for the target, from Debian's source packages,
# pinned by version and SHA-256 (cmake/fetch-debian-source), or from a tree
# the user names with -DLWPASTE_LWIP_DIR / -DLWPASTE_MBEDTLS_DIR.
set(LWPASTE_LWIP_DEB_VERSION "2.1.3+dfsg1-2")
set(LWPASTE_LWIP_ORIG "lwip_2.1.3+dfsg1.orig.tar.xz")
set(LWPASTE_LWIP_SHA256 "0a8276d09fc4e97bbba2f953d74af2388fc2195ea156be9d7589e297a68fde24")
set(LWPASTE_MBEDTLS_DEB_VERSION "2.28.3-1")
set(LWPASTE_MBEDTLS_ORIG "mbedtls_2.28.3.orig.tar.gz")
set(LWPASTE_MBEDTLS_SHA256 "3b4953aa55a681e084d31892d9904cc5328d6b4958ea57b90ae4b4f94ae69a8d")

function(lwpaste_fetch_source pkg ver orig sha dest)
  if(NOT EXISTS "${dest}/.lwpaste-source-ok")
    message(STATUS "lwpaste: fetching Debian source package ${pkg}=${ver}")
  endif()
  execute_process(
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/fetch-debian-source ${LWPASTE_DEPS_DIR} ${pkg} ${ver} ${orig} ${sha} ${dest}
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lwpaste: could not fetch ${pkg} (see above); or pass -DLWPASTE_${pkg}_DIR=/path/to/${pkg}")
  endif()
endfunction()

if(LWPASTE_LWIP_DIR)
  set(LWIP_DIR ${LWPASTE_LWIP_DIR})
else()
  set(LWIP_DIR ${LWPASTE_DEPS_DIR}/lwip)
  lwpaste_fetch_source(lwip ${LWPASTE_LWIP_DEB_VERSION} ${LWPASTE_LWIP_ORIG} ${LWPASTE_LWIP_SHA256} ${LWIP_DIR})
endif()
if(NOT EXISTS ${LWIP_DIR}/src/Filelists.cmake)
  message(FATAL_ERROR "lwpaste: ${LWIP_DIR} is not an lwIP 2.1 tree (no src/Filelists.cmake)")
endif()

if(LWPASTE_MBEDTLS_DIR)
  set(MBEDTLS_DIR ${LWPASTE_MBEDTLS_DIR})
else()
  set(MBEDTLS_DIR ${LWPASTE_DEPS_DIR}/mbedtls)
  lwpaste_fetch_source(mbedtls ${LWPASTE_MBEDTLS_DEB_VERSION} ${LWPASTE_MBEDTLS_ORIG} ${LWPASTE_MBEDTLS_SHA256} ${MBEDTLS_DIR})
endif()
if(NOT EXISTS ${MBEDTLS_DIR}/include/mbedtls/version.h)
  message(FATAL_ERROR "lwpaste: ${MBEDTLS_DIR} is not an mbedTLS tree (no include/mbedtls/version.h)")
endif()

include(${LWIP_DIR}/src/Filelists.cmake)
