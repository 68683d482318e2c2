# A release build with TLS and no tls_cert/tls_key in the ini must refuse
# at configure time to generate a throwaway device key (cmake/tls.cmake).
include(${CMAKE_CURRENT_LIST_DIR}/lib.cmake)

set(ini ${SRC}/config/api-paste.ini)
lw_configure(${WORK}/tree rc log --
  -DLWPASTE_BOARD=mps2-an385 -DLWPASTE_TLS=ON -DLWPASTE_RELEASE=ON -DLWPASTE_CONFIG=${ini})
lw_re(ini_re "${ini}")
lw_expect_fail("configuring a release build with TLS and no key in config/api-paste.ini" "${rc}" "${log}"
  "${ini_re}: a release build needs the device's own key: set tls_cert and tls_key in \\[server:main\\]")
