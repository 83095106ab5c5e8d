# jsmn, the JSON tokenizer quotedump's fast record path uses (Debian:
# libjsmn-dev).  It is one header without a pkg-config file, so it is looked
# up by its header; the result is the interface target libquote_jsmn (an
# include directory, nothing to link).  Sets libquote_JSMN_FOUND.
if(NOT TARGET libquote_jsmn)
  find_path(LIBQUOTE_JSMN_INCLUDE_DIR jsmn.h DOC "directory of jsmn.h (libjsmn-dev)")
  if(LIBQUOTE_JSMN_INCLUDE_DIR)
    add_library(libquote_jsmn INTERFACE)
    target_include_directories(libquote_jsmn INTERFACE ${LIBQUOTE_JSMN_INCLUDE_DIR})
  endif()
endif()
if(TARGET libquote_jsmn)
  set(libquote_JSMN_FOUND TRUE)
else()
  set(libquote_JSMN_FOUND FALSE)
endif()
