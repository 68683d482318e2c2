# Shared by the build-system checks (tests/buildsys/*.cmake, which ctest
# runs as `cmake -P`): configure, and build a target of, a throwaway tree
# in a scratch folder of the host build tree, against the lwIP and mbedTLS
# trees the host configure already unpacked (nothing is fetched), then
# check that it failed the way it must.
#
# -D inputs: SRC      the source tree
#            WORK     scratch folder (emptied first)
#            LWIP     unpacked lwIP tree     (LWPASTE_LWIP_DIR)
#            MBEDTLS  unpacked mbedTLS tree  (LWPASTE_MBEDTLS_DIR)
#            TOOL     the host tree's lwpaste-config (LWPASTE_CONFIG_TOOL_EXE)
cmake_minimum_required(VERSION 3.20)

foreach(_v SRC WORK LWIP MBEDTLS TOOL)
  if(NOT DEFINED ${_v})
    message(FATAL_ERROR "buildsys: -D${_v}=... missing (tests/buildsys/CMakeLists.txt passes it)")
  endif()
endforeach()
if(NOT EXISTS ${LWIP}/src/Filelists.cmake OR NOT EXISTS ${MBEDTLS}/include/mbedtls/version.h)
  message(FATAL_ERROR "buildsys: no unpacked lwIP/mbedTLS at ${LWIP}, ${MBEDTLS}: configure the host tree first (./tests/run or cmake --preset host)")
endif()
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

# lw_re(OUT STRING): STRING as a regex that matches it literally.
function(lw_re out s)
  string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" s "${s}")
  set(${out} "${s}" PARENT_SCOPE)
endfunction()

# lw_configure(BIN RC LOG [ENV VAR=VALUE...] -- ARGS...): configure BIN;
# RC, LOG get cmake's exit code and its stdout+stderr.
function(lw_configure bin rc_var log_var)
  set(_env "")
  set(_args ${ARGN})
  list(FIND _args "--" _sep)
  if(_sep GREATER -1)
    list(SUBLIST _args 0 ${_sep} _env)
    math(EXPR _sep "${_sep} + 1")
    list(SUBLIST _args ${_sep} -1 _args)
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E env ${_env}
      ${CMAKE_COMMAND} -S ${SRC} -B ${bin}
      -DLWPASTE_LWIP_DIR=${LWIP} -DLWPASTE_MBEDTLS_DIR=${MBEDTLS}
      -DLWPASTE_DEPS_DIR=${WORK}/deps-unused -DLWPASTE_CONFIG_TOOL_EXE=${TOOL}
      ${_args}
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _log ERROR_VARIABLE _log)
  set(${rc_var} ${_rc} PARENT_SCOPE)
  set(${log_var} "${_log}" PARENT_SCOPE)
endfunction()

# lw_build(BIN TARGET RC LOG): build one target of BIN.
function(lw_build bin target rc_var log_var)
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${bin} --target ${target}
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _log ERROR_VARIABLE _log)
  set(${rc_var} ${_rc} PARENT_SCOPE)
  set(${log_var} "${_log}" PARENT_SCOPE)
endfunction()

# CMake wraps and indents a message(FATAL_ERROR) text: join it back into
# lines before matching.
function(_lw_flat out log)
  string(REGEX REPLACE "[ ]*\n[ ]+" " " log "${log}")
  set(${out} "${log}" PARENT_SCOPE)
endfunction()

# lw_expect_fail(WHAT RC LOG REGEX): WHAT must have failed (RC not 0)
# with a message matching REGEX; says which line matched.
function(lw_expect_fail what rc log regex)
  _lw_flat(_flat "${log}")
  if(rc EQUAL 0)
    message(FATAL_ERROR "FAIL: ${what} succeeded; it must fail with /${regex}/. Its output:\n${log}")
  endif()
  if(NOT _flat MATCHES "${regex}")
    message(FATAL_ERROR "FAIL: ${what} failed (exit ${rc}), but without /${regex}/. Its output:\n${log}")
  endif()
  string(REGEX MATCH "[^\n]*${regex}[^\n]*" _line "${_flat}")
  message(STATUS "ok: ${what} fails: ${_line}")
endfunction()

# lw_expect_ok(WHAT RC LOG): WHAT must have succeeded.
function(lw_expect_ok what rc log)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "FAIL: ${what} failed (exit ${rc}); it must work. Its output:\n${log}")
  endif()
  message(STATUS "ok: ${what} works")
endfunction()
