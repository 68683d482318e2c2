# [server:main] tls_cert and tls_key must be one pair (cmake/tls.cmake):
# two fresh P-256 keys and self-signed certificates; cert A with key A
# configures, cert A with key B fails on the tls_key line (FILE:LINE).
include(${CMAKE_CURRENT_LIST_DIR}/lib.cmake)

find_program(OPENSSL openssl)
if(NOT OPENSSL)
  message(FATAL_ERROR "buildsys: no openssl: apt-get install openssl")
endif()
foreach(_p a b)
  execute_process(COMMAND ${OPENSSL} req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1
      -nodes -sha256 -days 30 -subj /CN=lwpaste-test-${_p}
      -keyout ${WORK}/${_p}-key.pem -out ${WORK}/${_p}-cert.pem
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "buildsys: openssl could not make a test key: ${err}")
  endif()
endforeach()

# line 5: tls_cert, line 6: tls_key
function(write_ini path cert key)
  file(WRITE ${path} "[app:main]\nuse = egg:lwpaste#versions\n\n[server:main]\ntls_cert = ${cert}\ntls_key = ${key}\n")
endfunction()
write_ini(${WORK}/pair.ini a-cert.pem a-key.pem)
write_ini(${WORK}/mismatch.ini a-cert.pem b-key.pem)

lw_configure(${WORK}/tree rc log -- -DLWPASTE_BOARD=mps2-an385 -DLWPASTE_TLS=ON
  -DLWPASTE_CONFIG=${WORK}/pair.ini)
lw_expect_ok("configuring with tls_cert and tls_key of one pair" "${rc}" "${log}")

# the same tree again (no second compiler check): only the key changes
lw_configure(${WORK}/tree rc log -- -DLWPASTE_CONFIG=${WORK}/mismatch.ini)
lw_re(ini_re "${WORK}/mismatch.ini")
lw_re(key_re "${WORK}/b-key.pem")
lw_re(cert_re "${WORK}/a-cert.pem")
lw_expect_fail("configuring with a tls_key that is not tls_cert's" "${rc}" "${log}"
  "${ini_re}:6: tls_key ${key_re} is not the key of tls_cert ${cert_re} \\(line 5\\)")
