# Cross builds: build lwpaste-config with the build machine's compiler
# (firmware/config as a project of its own, in the build tree), then turn
# the paste ini into the tables the image bakes in:
#
#   ${LWPASTE_CONFIG} [${LWPASTE_APP}] --lwpaste-config gen--> gen/pl_gen.c, gen/pl_gen.h
#
# The generation re-runs when the ini or the tool changes; a bad ini fails
# the build with the tool's FILE:LINE: message lines. For firmware/:
#   LWPASTE_GEN_SRCS         the generated .c
#   LWPASTE_GEN_INCLUDE      its directory (pl_gen.h); also as
#   LWPASTE_GEN_INCLUDE_DIR
#   lwpaste_gen              the target that produces them
include(ExternalProject)

set(LWPASTE_HOST_CC "cc" CACHE STRING "C compiler of the build machine, for lwpaste-config")
# The build-system checks (tests/buildsys/) pass the host tree's tool, built
# from the same sources, instead of compiling app/ once more for each one.
set(LWPASTE_CONFIG_TOOL_EXE "" CACHE FILEPATH "use this lwpaste-config (from the same source tree) instead of building one")

if(LWPASTE_CONFIG_TOOL_EXE)
  if(NOT EXISTS ${LWPASTE_CONFIG_TOOL_EXE})
    message(FATAL_ERROR "lwpaste: LWPASTE_CONFIG_TOOL_EXE: no such file: ${LWPASTE_CONFIG_TOOL_EXE}")
  endif()
  set(LWPASTE_CONFIG_TOOL ${LWPASTE_CONFIG_TOOL_EXE})
  add_custom_target(lwpaste_config_host)
else()
  set(LWPASTE_CONFIG_TOOL_DIR ${CMAKE_BINARY_DIR}/config-tool)
  set(LWPASTE_CONFIG_TOOL ${LWPASTE_CONFIG_TOOL_DIR}/lwpaste-config)
  ExternalProject_Add(lwpaste_config_host
    SOURCE_DIR ${CMAKE_SOURCE_DIR}/firmware/config
    BINARY_DIR ${LWPASTE_CONFIG_TOOL_DIR}
    # No toolchain file, no target flags: this runs on the build machine.
    CMAKE_ARGS -DCMAKE_C_COMPILER=${LWPASTE_HOST_CC}
               -DCMAKE_BUILD_TYPE=Release
               -DLWPASTE_BUILD_ID=${LWPASTE_BUILD_ID}
    INSTALL_COMMAND ""
    # Its sources are app/ and firmware/config/, which ExternalProject does
    # not watch: always step into the (incremental) sub-build.
    BUILD_ALWAYS ON
    BUILD_BYPRODUCTS ${LWPASTE_CONFIG_TOOL})
endif()

set(LWPASTE_GEN_DIR ${CMAKE_BINARY_DIR}/gen)
file(MAKE_DIRECTORY ${LWPASTE_GEN_DIR})
set(_release "")
if(LWPASTE_RELEASE)
  set(_release --release)
endif()
add_custom_command(
  OUTPUT ${LWPASTE_GEN_DIR}/pl_gen.c ${LWPASTE_GEN_DIR}/pl_gen.h
  COMMAND ${LWPASTE_CONFIG_TOOL} gen ${LWPASTE_CONFIG} --app ${LWPASTE_APP}
          --out-c ${LWPASTE_GEN_DIR}/pl_gen.c --out-h ${LWPASTE_GEN_DIR}/pl_gen.h
          ${_release} --depfile ${LWPASTE_GEN_DIR}/pl_gen.d
  DEPENDS ${LWPASTE_CONFIG} ${LWPASTE_CONFIG_TOOL} lwpaste_config_host
  # the files a static app bakes in (lwpaste-config writes the list)
  DEPFILE ${LWPASTE_GEN_DIR}/pl_gen.d
  COMMENT "lwpaste-config: ${LWPASTE_CONFIG} [${LWPASTE_APP}] -> pl_gen.c"
  VERBATIM)
add_custom_target(lwpaste_gen DEPENDS ${LWPASTE_GEN_DIR}/pl_gen.c ${LWPASTE_GEN_DIR}/pl_gen.h)

set(LWPASTE_GEN_SRCS ${LWPASTE_GEN_DIR}/pl_gen.c)
set(LWPASTE_GEN_INCLUDE ${LWPASTE_GEN_DIR})
set(LWPASTE_GEN_INCLUDE_DIR ${LWPASTE_GEN_DIR})
