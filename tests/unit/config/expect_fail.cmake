# cmake -DTOOL=lwpaste-config -DINI=file.ini [-DEXPECT="LINE: msg"] [-DARGS=...]
#   -P expect_fail.cmake
# Runs `TOOL check INI ARGS` and fails unless it exits 1 and prints
# "INI:LINE: msg". Without EXPECT/ARGS they come from the ini's first two
# lines: "# expect: LINE: msg" and "# args: ...".
if(NOT DEFINED EXPECT)
  file(STRINGS ${INI} _lines LIMIT_COUNT 2)
  list(GET _lines 0 _first)
  string(REGEX REPLACE "^# expect: " "" EXPECT "${_first}")
  if(EXPECT STREQUAL _first)
    message(FATAL_ERROR "${INI}: first line must be '# expect: LINE: message'")
  endif()
  list(LENGTH _lines _n)
  if(_n GREATER 1)
    list(GET _lines 1 _second)
    if(_second MATCHES "^# args: (.*)$")
      set(ARGS ${CMAKE_MATCH_1})
    endif()
  endif()
endif()
separate_arguments(_args UNIX_COMMAND "${ARGS}")
execute_process(COMMAND ${TOOL} check ${INI} ${_args}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(_want "${INI}:${EXPECT}")
string(FIND "${err}" "${_want}" _at)
if(NOT rc EQUAL 1 OR _at EQUAL -1)
  message(FATAL_ERROR "want exit 1 and '${_want}'\ngot exit ${rc}:\n${err}${out}")
endif()
message(STATUS "ok: ${err}")
