# Arm MPS2 with the AN385 FPGA image: Cortex-M3, LAN9118 Ethernet, CMSDK
# UART. Runs before project(): toolchain and CPU flags only; sources are in
# CMakeLists.txt beside this file, QEMU flags in qemu.sh.
set(LWPASTE_CPU_FLAGS "-mcpu=cortex-m3 -mthumb -mfloat-abi=soft")
set(CMAKE_TOOLCHAIN_FILE ${CMAKE_CURRENT_LIST_DIR}/../../cmake/arm-none-eabi.cmake)
