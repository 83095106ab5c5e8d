# Provide the imported target PCRE2::8BIT (the 8-bit PCRE2 library).
#
# Used by the libquote build and installed next to libquoteConfig.cmake,
# where it runs only when a static libquote needs PCRE2 at link time.
#
# PCRE2 >= 10.38 built with CMake installs pcre2-config.cmake, which defines
# PCRE2::8BIT itself.  Distributions (Debian, for one) often ship only
# libpcre2-8.pc: then pkg-config is asked and PCRE2::8BIT is made an
# INTERFACE IMPORTED target wrapping the pkg-config result, so both paths
# give the same target name.
#
# Sets libquote_PCRE2_FOUND (TRUE/FALSE) and, on success, libquote_PCRE2_VIA
# ("CONFIG" or "pkg-config").
if(TARGET PCRE2::8BIT)
  set(libquote_PCRE2_FOUND TRUE)
  return()
endif()

set(libquote_PCRE2_FOUND FALSE)
find_package(PCRE2 CONFIG QUIET COMPONENTS 8BIT)
if(PCRE2_FOUND AND TARGET PCRE2::8BIT)
  set(libquote_PCRE2_FOUND TRUE)
  set(libquote_PCRE2_VIA "CONFIG")
  return()
endif()

find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(libquote_PCRE2_PC QUIET IMPORTED_TARGET libpcre2-8)
  if(libquote_PCRE2_PC_FOUND)
    add_library(PCRE2::8BIT INTERFACE IMPORTED)
    set_target_properties(PCRE2::8BIT PROPERTIES
      INTERFACE_LINK_LIBRARIES PkgConfig::libquote_PCRE2_PC)
    set(libquote_PCRE2_FOUND TRUE)
    set(libquote_PCRE2_VIA "pkg-config")
  endif()
endif()
