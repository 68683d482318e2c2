# host: Linux build of lwpaste for unit tests, sanitizers, fuzzing and the
# config tool (and later lwIP over TAP). Native compiler, ASan + UBSan.
set(LWPASTE_SANITIZE ON CACHE BOOL "build host code with AddressSanitizer and UBSan")
if(LWPASTE_SANITIZE)
  set(CMAKE_C_FLAGS_INIT "-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all")
  set(CMAKE_EXE_LINKER_FLAGS_INIT "-fsanitize=address,undefined")
endif()
set(CMAKE_BUILD_TYPE Debug CACHE STRING "")
