# Chip drivers shared by the boards that carry the chip. A board's
# CMakeLists.txt says which it has:
#   lwpaste_board_drivers(lwpaste_board cortex_m cmsdk_uart lan9118)
# Each driver is boards/drivers/<name>/<name>.c with <name>.h beside it.
function(lwpaste_board_drivers target)
  foreach(_drv ${ARGN})
    set(_dir ${CMAKE_SOURCE_DIR}/boards/drivers/${_drv})
    if(NOT EXISTS ${_dir}/${_drv}.c)
      message(FATAL_ERROR "no driver '${_drv}' under boards/drivers/")
    endif()
    target_sources(${target} PRIVATE ${_dir}/${_drv}.c)
    target_include_directories(${target} PUBLIC ${_dir})
  endforeach()
endfunction()
