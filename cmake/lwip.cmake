# lwIP as static libraries, from the lists in lwIP's own Filelists.cmake
# (included by cmake/deps.cmake). Third-party code: built with -Os and
# without our -Werror; configured only through net/port/lwipopts.h.
#   lwip        core + IPv4 + altcp + Ethernet: every image
#   lwip_httpd  lwIP's httpd with its default fsdata: lwpaste-baseline only
set(LWPASTE_LWIP_INCLUDES
  ${LWIP_DIR}/src/include
  ${CMAKE_SOURCE_DIR}/net/port             # lwipopts.h, arch/cc.h
  ${CMAKE_SOURCE_DIR}/app                  # lwpaste_opts.h
  ${LWPASTE_BOARD_DIR})                    # board_opts.h, if the board has one
# __FILE__ in lwIP's assertions: short names, and no build path in the image.
set(LWPASTE_LWIP_FLAGS -Os -fmacro-prefix-map=${LWIP_DIR}/=lwip/)

# net/port/lwip_hooks.c and lwip_chksum.c are code lwIP calls (its hooks,
# LWIP_CHKSUM_COPY): part of the library that references it, but our
# code, so with our warnings.
add_library(lwip STATIC ${lwipcore_SRCS} ${lwipcore4_SRCS} ${LWIP_DIR}/src/netif/ethernet.c
  ${CMAKE_SOURCE_DIR}/net/port/lwip_hooks.c ${CMAKE_SOURCE_DIR}/net/port/lwip_chksum.c)
target_include_directories(lwip SYSTEM PUBLIC ${LWPASTE_LWIP_INCLUDES})
target_compile_options(lwip PRIVATE ${LWPASTE_LWIP_FLAGS})
set_source_files_properties(${CMAKE_SOURCE_DIR}/net/port/lwip_hooks.c
  ${CMAKE_SOURCE_DIR}/net/port/lwip_chksum.c PROPERTIES
  COMPILE_OPTIONS "${LWPASTE_WARNINGS}")

add_library(lwip_httpd STATIC EXCLUDE_FROM_ALL ${LWIP_DIR}/src/apps/http/httpd.c ${LWIP_DIR}/src/apps/http/fs.c)
target_link_libraries(lwip_httpd PUBLIC lwip)
target_compile_options(lwip_httpd PRIVATE ${LWPASTE_LWIP_FLAGS})
