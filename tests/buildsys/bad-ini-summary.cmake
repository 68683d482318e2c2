# A bad ini given to ./qemu/run (qemu/lib.sh's lw_build_image, which every
# script builds images with) must end its output with the build's
# FILE:LINE error, not with make's "Error 2" lines, and return non-zero.
include(${CMAKE_CURRENT_LIST_DIR}/lib.cmake)

set(ini ${WORK}/bad.ini)
file(WRITE ${ini} "[app:main]\nuse = egg:lwpaste#showversion\nversion = 1\n\n[server:main]\nport = 99999\n")
execute_process(
  COMMAND bash -c ". qemu/lib.sh && lw_build_image \"$0\" mps2-an385 \"$1\" main -DLWPASTE_TLS=OFF -DLWPASTE_LWIP_DIR=\"$2\" -DLWPASTE_MBEDTLS_DIR=\"$3\" -DLWPASTE_CONFIG_TOOL_EXE=\"$4\" -DLWPASTE_DEPS_DIR=\"$0/deps-unused\""
          ${WORK}/tree ${ini} ${LWIP} ${MBEDTLS} ${TOOL}
  WORKING_DIRECTORY ${SRC}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "FAIL: lw_build_image built an image from a bad ini. Output:\n${out}${err}")
endif()
string(STRIP "${err}" err)
string(REGEX MATCH "[^\n]*\n[^\n]*$" tail "${err}")
lw_re(ini_re "${ini}")
if(NOT tail MATCHES "lwpaste: error: building [^\n]* failed:\n${ini_re}:6: port = 99999: out of range")
  message(FATAL_ERROR "FAIL: the last lines of a failed build are not its FILE:LINE error:\n${tail}\n(all of stderr:\n${err})")
endif()
message(STATUS "ok: a bad ini's build ends with: ${tail}")
