# CMakePresets.json: this CMake reads it, it has the presets the README and
# CMakeLists.txt name, and each board preset builds in the folder
# ./tests/run (qemu/lib.sh lw_build_image) uses for that board with the
# same config, so a preset and the scripts share build/<name>.
include(${CMAKE_CURRENT_LIST_DIR}/lib.cmake)

execute_process(COMMAND ${CMAKE_COMMAND} --list-presets=all WORKING_DIRECTORY ${SRC}
  RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
lw_expect_ok("cmake --list-presets=all" "${rc}" "${log}")
foreach(_p mps2-an385 lm3s6965evb host)
  if(NOT log MATCHES "\"${_p}\"")
    message(FATAL_ERROR "FAIL: no preset ${_p} in CMakePresets.json:\n${log}")
  endif()
endforeach()

file(STRINGS ${SRC}/tests/run _images REGEX "^  \"[^ ]+ [^ ]+ [^ ]+\"$")
file(READ ${SRC}/CMakePresets.json _json)
string(JSON _n LENGTH "${_json}" configurePresets)
math(EXPR _last "${_n} - 1")
foreach(_i RANGE ${_last})
  string(JSON _name GET "${_json}" configurePresets ${_i} name)
  string(JSON _dir ERROR_VARIABLE _e GET "${_json}" configurePresets ${_i} binaryDir)
  if(NOT _e AND NOT _dir STREQUAL "\${sourceDir}/build/\${presetName}")
    message(FATAL_ERROR "FAIL: preset ${_name}: binaryDir ${_dir}, not \${sourceDir}/build/\${presetName}")
  endif()
  string(JSON _board ERROR_VARIABLE _e GET "${_json}" configurePresets ${_i} cacheVariables LWPASTE_BOARD)
  if(_e OR _board STREQUAL "host")
    continue() # hidden base presets; host: ./tests/run passes only the board
  endif()
  if(NOT _name STREQUAL _board)
    message(FATAL_ERROR "FAIL: preset ${_name} builds board ${_board}: name it after the board (its folder is build/<preset>)")
  endif()
  # ./tests/run: "BUILDDIR BOARD CONFIG"
  if(NOT "${_images}" MATCHES "\"${_name} ${_board} config/api-paste.ini\"")
    message(FATAL_ERROR "FAIL: ./tests/run builds no build/${_name} for ${_board} with config/api-paste.ini; preset ${_name} would configure that folder differently")
  endif()
  message(STATUS "ok: preset ${_name}: build/${_name}, as ./tests/run")
endforeach()
