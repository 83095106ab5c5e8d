# Install test, run by CTest (see CMakeLists.txt here for the arguments).
string(REPLACE "|" ";" FLAGS "${FLAGS}")
string(REPLACE ";" " " FLAGS_STR "${FLAGS}")
set(prefix "${WORK}/prefix")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "failed (${rc}): ${cmd}")
  endif()
endfunction()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

# 1. Install into the scratch prefix.
set(config_args)
if(CONFIG)
  set(config_args --config ${CONFIG})
endif()
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} ${config_args})

set(expect
  ${INCLUDEDIR}/libquote.h
  ${LIBDIR}/pkgconfig/libquote.pc
  ${LIBDIR}/cmake/libquote/libquoteConfig.cmake
  ${LIBDIR}/cmake/libquote/libquoteConfigVersion.cmake
  ${LIBDIR}/cmake/libquote/libquoteTargets.cmake
  ${MANDIR}/man3/libquote.3)
if(LIBTYPE STREQUAL "SHARED_LIBRARY")
  list(APPEND expect ${LIBDIR}/libquote.so ${LIBDIR}/libquote.so.0)
else()
  list(APPEND expect ${LIBDIR}/libquote.a)
endif()
if(STATIC)
  list(APPEND expect ${LIBDIR}/libquote.a)
endif()
foreach(f IN LISTS expect)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
message(STATUS "installed files present")

# 2. CMake consumer: find_package(libquote CONFIG).
set(gen_args)
if(GENERATOR)
  set(gen_args -G "${GENERATOR}")
endif()
set(cdir "${WORK}/cmake-consumer")
run(${CMAKE_COMMAND} -S ${CONSUMER} -B ${cdir} ${gen_args}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_C_COMPILER=${CC}
    "-DCMAKE_C_FLAGS=${FLAGS_STR}" "-DCMAKE_EXE_LINKER_FLAGS=${FLAGS_STR}"
    -DCMAKE_BUILD_TYPE=Debug)
run(${CMAKE_COMMAND} --build ${cdir})
run(${cdir}/consumer)
if(EXISTS ${cdir}/consumer_static)
  run(${cdir}/consumer_static)
elseif(STATIC)
  message(FATAL_ERROR "libquote::quote_static missing from the CMake package")
endif()
message(STATUS "find_package(libquote CONFIG) consumer ok")

# The version file refuses another major version.
execute_process(COMMAND ${CMAKE_COMMAND} -S ${CONSUMER} -B ${WORK}/cmake-consumer-v1
    ${gen_args} -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_C_COMPILER=${CC} -DLIBQUOTE_WANT=1.0
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc EQUAL 0)
  message(FATAL_ERROR "find_package(libquote 1.0) accepted version 0.x")
endif()
if(NOT out MATCHES "compatible")
  message(FATAL_ERROR "find_package(libquote 1.0) failed for another reason:\n${out}")
endif()
message(STATUS "find_package(libquote 1.0) refused, as it should be")

# 3. pkg-config consumer.
find_program(PKG_CONFIG NAMES pkg-config pkgconf)
if(NOT PKG_CONFIG)
  message(STATUS "pkg-config not found: pkg-config consumer skipped")
  return()
endif()
set(ENV{PKG_CONFIG_PATH} "${prefix}/${LIBDIR}/pkgconfig")
execute_process(COMMAND ${PKG_CONFIG} --cflags --libs libquote
  OUTPUT_VARIABLE pc OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config --cflags --libs libquote failed")
endif()
message(STATUS "pkg-config libquote: ${pc}")
separate_arguments(pc_args UNIX_COMMAND "${pc}")
set(pdir "${WORK}/pkgconfig-consumer")
file(MAKE_DIRECTORY ${pdir})
if(LIBTYPE STREQUAL "SHARED_LIBRARY")
  run(${CC} ${FLAGS} -std=c99 -Wall -Werror ${CONSUMER}/main.c ${pc_args}
      -Wl,-rpath,${prefix}/${LIBDIR} -o ${pdir}/consumer)
  run(${pdir}/consumer)
endif()
if(STATIC OR NOT LIBTYPE STREQUAL "SHARED_LIBRARY")
  # Static linking: --static pulls in Requires.private (PCRE2).
  execute_process(COMMAND ${PKG_CONFIG} --static --cflags --libs libquote
    OUTPUT_VARIABLE pcs OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pkg-config --static libquote failed")
  endif()
  separate_arguments(pcs_args UNIX_COMMAND "${pcs}")
  list(TRANSFORM pcs_args REPLACE "^-lquote$" "${prefix}/${LIBDIR}/libquote.a")
  run(${CC} ${FLAGS} -std=c99 -Wall -Werror -DLIBQUOTE_STATIC ${CONSUMER}/main.c ${pcs_args}
      -o ${pdir}/consumer_static)
  run(${pdir}/consumer_static)
endif()
message(STATUS "pkg-config consumer ok")
