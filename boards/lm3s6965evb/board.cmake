# TI (Luminary Micro) Stellaris LM3S6965 evaluation board: Cortex-M3 at
# 50 MHz, 256 KiB flash, 64 KiB SRAM, Ethernet MAC+PHY on chip. The small
# board: it proves the default image fits a real MCU. Runs before
# project(): toolchain, CPU flags and the features the board cannot carry;
# sources in CMakeLists.txt beside this file, QEMU flags in qemu.sh, pool
# sizes in board_opts.h.
set(LWPASTE_CPU_FLAGS "-mcpu=cortex-m3 -mthumb -mfloat-abi=soft")
set(CMAKE_TOOLCHAIN_FILE ${CMAKE_CURRENT_LIST_DIR}/../../cmake/arm-none-eabi.cmake)

# No TLS: a TLS session needs its record buffers and handshake heap
# (cmake/tls.cmake LWPASTE_TLS_RAM_KIB, measured ~38 KiB for the default
# two sessions); after the HTTP request buffer and lwIP's pools this
# board has ~19 KiB of its 64 KiB left, 16 of them kept for the stack.
# LWPASTE_BOARD_TLS is what cmake/tls.cmake asks; the cache entry is
# forced so that a -DLWPASTE_TLS=ON left in a build tree cannot turn it on.
set(LWPASTE_BOARD_TLS OFF)
set(LWPASTE_TLS OFF CACHE BOOL "HTTPS (mbedTLS) on [server:main] tls_port" FORCE)
message(NOTICE "lwpaste: TLS is off for lm3s6965evb: mbedTLS needs ~38 KiB RAM for its sessions; this board's 64 KiB SRAM has ~19 KiB left after the HTTP request buffer and lwIP's pools, and the stack keeps 16 of them")
