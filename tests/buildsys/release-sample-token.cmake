# A release build of the shipped config/api-paste.ini (TLS off, so the key
# check does not come first) must stop on its sample token, naming the
# ini's FILE:LINE: lwpaste-config gen --release, run by the build
# (cmake/config-tool.cmake), refuses it.
include(${CMAKE_CURRENT_LIST_DIR}/lib.cmake)

set(ini ${SRC}/config/api-paste.ini)
lw_configure(${WORK}/tree rc log --
  -DLWPASTE_BOARD=mps2-an385 -DLWPASTE_TLS=OFF -DLWPASTE_RELEASE=ON -DLWPASTE_CONFIG=${ini})
set(what "configuring a release build of config/api-paste.ini")
if(rc EQUAL 0)
  lw_build(${WORK}/tree lwpaste_gen rc log)
  set(what "building a release image of config/api-paste.ini (its tables)")
endif()
lw_re(ini_re "${ini}")
lw_expect_fail("${what}" "${rc}" "${log}"
  "${ini_re}:[0-9]+: [^\n]*is a sample secret; a release build needs a real one")
