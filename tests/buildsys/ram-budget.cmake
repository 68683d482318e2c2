# lm3s6965evb: an ini whose pools cannot fit 64 KiB must fail the build in
# boards/lm3s6965evb/ram_budget.c with advice that works on that board
# (max_body_bytes, max_header_bytes, max_connections). Configures the
# board with an oversized ini, generates its pl_gen.h, and compiles
# ram_budget.c alone with the tree's own command (compile_commands.json).
include(${CMAKE_CURRENT_LIST_DIR}/lib.cmake)

file(WRITE ${WORK}/big.ini "[app:main]\nuse = egg:lwpaste#versions\n\n[server:main]\nmax_body_bytes = 65536\n")
lw_configure(${WORK}/tree rc log -- -DLWPASTE_BOARD=lm3s6965evb -DLWPASTE_CONFIG=${WORK}/big.ini)
lw_expect_ok("configuring lm3s6965evb with max_body_bytes = 65536" "${rc}" "${log}")
lw_build(${WORK}/tree lwpaste_gen rc log)
lw_expect_ok("lwpaste-config gen for it" "${rc}" "${log}")
file(STRINGS ${WORK}/tree/gen/pl_gen.h _body REGEX "PL_GEN_MAX_BODY_BYTES 65536")
if(NOT _body)
  message(FATAL_ERROR "FAIL: ${WORK}/tree/gen/pl_gen.h does not have max_body_bytes = 65536")
endif()

file(READ ${WORK}/tree/compile_commands.json _db)
string(JSON _n LENGTH "${_db}")
math(EXPR _last "${_n} - 1")
set(_cmd "")
foreach(_i RANGE ${_last})
  string(JSON _file GET "${_db}" ${_i} file)
  if(_file MATCHES "/boards/lm3s6965evb/ram_budget\\.c$")
    string(JSON _cmd GET "${_db}" ${_i} command)
    string(JSON _dir GET "${_db}" ${_i} directory)
    break()
  endif()
endforeach()
if(NOT _cmd)
  message(FATAL_ERROR "FAIL: no ram_budget.c in ${WORK}/tree/compile_commands.json")
endif()
separate_arguments(_cmd UNIX_COMMAND "${_cmd}")
execute_process(COMMAND ${_cmd} WORKING_DIRECTORY ${_dir}
  RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
lw_expect_fail("compiling ram_budget.c for max_body_bytes = 65536" "${rc}" "${log}"
  "error: #error \"lm3s6965evb: the configured pools do not fit its 64 KiB RAM: lower max_body_bytes, max_header_bytes or max_connections in \\[server:main\\]")
if(NOT log MATCHES "configured pools need about [0-9]+ KiB RAM[^\n]*\\(4096 \\+ 65536\\)")
  message(FATAL_ERROR "FAIL: no 'need about N KiB' note with the ini's sizes:\n${log}")
endif()
