# An ARM board configured on a machine without the cross compiler, or
# without newlib, must say which Debian packages to install
# (cmake/arm-none-eabi.cmake), not CMake's "CMAKE_ASM_COMPILER not found".
include(${CMAKE_CURRENT_LIST_DIR}/lib.cmake)

set(pkgs_re "apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi")
find_program(MAKE_PROGRAM NAMES make gmake)

# 1. no arm-none-eabi-gcc on PATH
file(MAKE_DIRECTORY ${WORK}/empty-bin)
lw_configure(${WORK}/no-gcc rc log PATH=${WORK}/empty-bin --
  -DLWPASTE_BOARD=mps2-an385 -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
lw_expect_fail("configuring mps2-an385 with no arm-none-eabi-gcc on PATH" "${rc}" "${log}"
  "lwpaste: no arm-none-eabi-gcc on PATH for board mps2-an385: ${pkgs_re}")

# 2. a compiler without newlib: it answers -print-file-name=libc.a with
#    the bare name, as gcc-arm-none-eabi does without libnewlib-arm-none-eabi
file(MAKE_DIRECTORY ${WORK}/gcc-only)
file(WRITE ${WORK}/gcc-only/arm-none-eabi-gcc
"#!/bin/sh
for a; do case $a in -print-file-name=*) echo \"\${a#-print-file-name=}\"; exit 0;; esac; done
echo \"fake arm-none-eabi-gcc: only -print-file-name\" >&2
exit 1
")
file(CHMOD ${WORK}/gcc-only/arm-none-eabi-gcc PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
lw_configure(${WORK}/no-newlib rc log PATH=${WORK}/gcc-only --
  -DLWPASTE_BOARD=lm3s6965evb -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
lw_expect_fail("configuring lm3s6965evb with a compiler but no newlib" "${rc}" "${log}"
  "has no newlib \\(libc\\.a\\) for -mcpu=cortex-m3 -mthumb -mfloat-abi=soft: ${pkgs_re}")
