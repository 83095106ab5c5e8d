# Compile SOURCE with the C++ compiler, link it against the libquote LIB,
# and run it.  Static libquote also needs PCRE2, found with pkg-config.
# FLAGS is a '|'-separated list.
string(REPLACE "|" ";" FLAGS "${FLAGS}")
set(extra)
if(LIBTYPE STREQUAL "STATIC_LIBRARY")
  find_program(PKG_CONFIG pkg-config)
  execute_process(COMMAND ${PKG_CONFIG} --libs libpcre2-8
    OUTPUT_VARIABLE pcre_libs OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
  separate_arguments(extra UNIX_COMMAND "${pcre_libs}")
  list(APPEND FLAGS -DLIBQUOTE_STATIC)
else()
  get_filename_component(libdir "${LIB}" DIRECTORY)
  set(extra "-Wl,-rpath,${libdir}")
endif()
execute_process(COMMAND ${CXX} ${FLAGS} -I${INCLUDE} ${SOURCE} ${LIB} ${extra} -o ${OUT}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "C++ build against libquote failed")
endif()
execute_process(COMMAND ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "C++ program failed (${rc})")
endif()
