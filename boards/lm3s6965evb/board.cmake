# TI (Luminary Micro) Stellaris LM3S6965 evaluation board: Cortex-M3 at
# 50 MHz, 256 KiB flash, 64 KiB SRAM, Ethernet MAC+PHY on chip. The small
# board: it proves the default image fits a real MCU. Runs before
# project(): toolchain, CPU flags and the features the board cannot carry;
# sources in CMakeLists.txt beside this file, QEMU flags in qemu.sh, pool
# sizes in board_opts.h.
set(LWPASTE_CPU_FLAGS "-mcpu=cortex-m3 -mthumb -mfloat-abi=soft")
set(CMAKE_TOOLCHAIN_FILE ${CMAKE_CURRENT_LIST_DIR}/../../cmake/arm-none-eabi.cmake)

# No TLS: mbedTLS's sessions (record buffers, handshake heap; cmake/tls.cmake
# LWPASTE_TLS_RAM_KIB, measured for the default two) need more RAM than the
# 64 KiB leave once the request buffer, lwIP's pools and the 16 KiB stack
# reserve are placed: cmake/size-table shows the room an image leaves
# (figures here would go stale with every ini and pool change).
# LWPASTE_BOARD_TLS is what cmake/tls.cmake asks; the cache entry is
# forced so that a -DLWPASTE_TLS=ON left in a build tree cannot turn it on.
set(LWPASTE_BOARD_TLS OFF)
set(LWPASTE_TLS OFF CACHE BOOL "HTTPS (mbedTLS) on [server:main] tls_port" FORCE)
message(NOTICE "lwpaste: TLS is off for lm3s6965evb: mbedTLS's sessions need more RAM than its 64 KiB SRAM leaves beside the request buffer, lwIP's pools and the 16 KiB stack reserve (cmake/size-table shows what an image leaves)")
