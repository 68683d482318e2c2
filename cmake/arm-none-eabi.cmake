# Toolchain for bare-metal Arm Cortex-M with Debian's gcc-arm-none-eabi and
# newlib-nano. CPU flags (-mcpu, -mthumb, float ABI) come from the board's
# board.cmake through LWPASTE_CPU_FLAGS, so one toolchain serves every M-class
# board. Size first: -Os and per-function sections so --gc-sections drops
# whatever an image does not reach (most of lwIP's optional code).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

# Find the compiler and newlib before CMake looks for them: without the
# packages CMake would stop at a bare "CMAKE_ASM_COMPILER not found".
# (CMake reads this file again for each try_compile; the checks are cheap.)
set(_lwpaste_pkgs "apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi")
# PATH only (not CMake's system folders): the compiler a shell would run.
find_program(LWPASTE_ARM_GCC arm-none-eabi-gcc NO_CMAKE_SYSTEM_PATH)
if(NOT LWPASTE_ARM_GCC)
  unset(LWPASTE_ARM_GCC CACHE) # look again next time, once it is installed
  message(FATAL_ERROR "lwpaste: no arm-none-eabi-gcc on PATH for board ${LWPASTE_BOARD}: ${_lwpaste_pkgs}")
endif()
# newlib-nano for this CPU (what --specs=nano.specs links): gcc prints the
# bare name when it has no such file.
separate_arguments(_lwpaste_cpu UNIX_COMMAND "${LWPASTE_CPU_FLAGS}")
foreach(_lib libc.a libc_nano.a)
  execute_process(COMMAND ${LWPASTE_ARM_GCC} ${_lwpaste_cpu} -print-file-name=${_lib}
    OUTPUT_VARIABLE _lwpaste_libc OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT IS_ABSOLUTE "${_lwpaste_libc}" OR NOT EXISTS "${_lwpaste_libc}")
    message(FATAL_ERROR "lwpaste: ${LWPASTE_ARM_GCC} has no newlib (${_lib}) for ${LWPASTE_CPU_FLAGS}: ${_lwpaste_pkgs}")
  endif()
endforeach()

set(CMAKE_C_COMPILER ${LWPASTE_ARM_GCC})
set(CMAKE_ASM_COMPILER ${LWPASTE_ARM_GCC})
set(CMAKE_AR arm-none-eabi-ar)
set(CMAKE_RANLIB arm-none-eabi-ranlib)
set(CMAKE_OBJCOPY arm-none-eabi-objcopy CACHE FILEPATH "")
set(CMAKE_SIZE arm-none-eabi-size CACHE FILEPATH "")

# A bare-metal compiler cannot link a test program without a linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES LWPASTE_CPU_FLAGS)

set(_lwpaste_common "${LWPASTE_CPU_FLAGS} -ffunction-sections -fdata-sections -fno-common -g3")
set(CMAKE_C_FLAGS_INIT "${_lwpaste_common}")
set(CMAKE_ASM_FLAGS_INIT "${_lwpaste_common} -x assembler-with-cpp")
# nano.specs: newlib-nano (small printf, no float formatting);
# nosys.specs: syscalls are stubs, we never call them.
# -nostartfiles: the board's Reset_Handler is the whole C runtime start-up.
set(CMAKE_EXE_LINKER_FLAGS_INIT "${LWPASTE_CPU_FLAGS} --specs=nano.specs --specs=nosys.specs -nostartfiles -Wl,--gc-sections -Wl,--print-memory-usage")

# Firmware is always optimized for size; -g costs no flash.
set(CMAKE_C_FLAGS_RELEASE_INIT "-Os")
set(CMAKE_C_FLAGS_MINSIZEREL_INIT "-Os")
set(CMAKE_C_FLAGS_DEBUG_INIT "-Os")
set(CMAKE_C_FLAGS_RELWITHDEBINFO_INIT "-Os")
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE MinSizeRel CACHE STRING "")
endif()

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_EXECUTABLE_SUFFIX_C ".elf")
