# ABI properties, the optional static library, and install rules.
# Included from the top-level CMakeLists.txt after add_subdirectory(lib), so
# that lib/CMakeLists.txt only has to say what the library is built from.

include(CMakePackageConfigHelpers)

get_target_property(_lq_type quote TYPE)
if(_lq_type STREQUAL "SHARED_LIBRARY")
  set_target_properties(quote PROPERTIES
    VERSION ${LIBQUOTE_ABI_VERSION}
    SOVERSION ${LIBQUOTE_SOVERSION})
else()
  # A static quote: consumers must not expect dllimport / visibility attributes.
  target_compile_definitions(quote INTERFACE LIBQUOTE_STATIC)
endif()
set_target_properties(quote PROPERTIES
  C_VISIBILITY_PRESET hidden
  VISIBILITY_INLINES_HIDDEN ON
  EXPORT_NAME quote)

set(LIBQUOTE_INSTALL_TARGETS quote)

# libquote_add_static_copy(<name>): a static library built from the same
# sources with the same settings as quote (read from it, so the two cannot
# drift), linking PCRE2 privately.  Used for quote_static and for the
# white-box test library in tests/.
function(libquote_add_static_copy name)
  get_target_property(sources quote SOURCES)
  get_target_property(source_dir quote SOURCE_DIR)
  set(abs_sources)
  foreach(src IN LISTS sources)
    if(NOT IS_ABSOLUTE "${src}")
      set(src "${source_dir}/${src}")
    endif()
    list(APPEND abs_sources "${src}")
    # Sources generated in lib/ (the embedded lexicons) are only known there:
    # mark them here and build after quote, which generates them.
    string(FIND "${src}" "${PROJECT_BINARY_DIR}/" in_build)
    if(NOT EXISTS "${src}"
       OR (in_build EQUAL 0 AND NOT PROJECT_BINARY_DIR STREQUAL PROJECT_SOURCE_DIR))
      set_source_files_properties("${src}" PROPERTIES GENERATED TRUE)
    endif()
  endforeach()
  add_library(${name} STATIC ${abs_sources})
  add_dependencies(${name} quote)
  target_include_directories(${name}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
           $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
    PRIVATE $<TARGET_PROPERTY:quote,INCLUDE_DIRECTORIES>)
  target_compile_definitions(${name}
    PRIVATE $<TARGET_PROPERTY:quote,COMPILE_DEFINITIONS>
    INTERFACE LIBQUOTE_STATIC)
  target_compile_options(${name} PRIVATE $<TARGET_PROPERTY:quote,COMPILE_OPTIONS>)
  target_link_libraries(${name} PRIVATE PCRE2::8BIT)
  set_target_properties(${name} PROPERTIES
    C_VISIBILITY_PRESET hidden
    POSITION_INDEPENDENT_CODE ON)
endfunction()

if(LIBQUOTE_BUILD_STATIC)
  libquote_add_static_copy(quote_static)
  add_library(libquote::quote_static ALIAS quote_static)
  set_target_properties(quote_static PROPERTIES
    OUTPUT_NAME quote
    EXPORT_NAME quote_static)
  list(APPEND LIBQUOTE_INSTALL_TARGETS quote_static)
endif()

# ---------------------------------------------------------------- install --

install(TARGETS ${LIBQUOTE_INSTALL_TARGETS}
  EXPORT libquoteTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_COMPONENT Development
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Development
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_SOURCE_DIR}/include/libquote.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT Development)

# CMake package: find_package(libquote CONFIG) gives libquote::quote.
set(LIBQUOTE_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/libquote)
# PCRE2 is needed by consumers only when a static libquote is exported.
if(LIBQUOTE_BUILD_STATIC OR NOT _lq_type STREQUAL "SHARED_LIBRARY")
  set(LIBQUOTE_CONFIG_NEEDS_PCRE2 TRUE)
else()
  set(LIBQUOTE_CONFIG_NEEDS_PCRE2 FALSE)
endif()
install(EXPORT libquoteTargets
  NAMESPACE libquote::
  FILE libquoteTargets.cmake
  DESTINATION ${LIBQUOTE_CMAKEDIR} COMPONENT Development)
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/libquoteConfig.cmake.in
  ${PROJECT_BINARY_DIR}/libquoteConfig.cmake
  INSTALL_DESTINATION ${LIBQUOTE_CMAKEDIR})
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/libquoteConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMajorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/libquoteConfig.cmake
  ${PROJECT_BINARY_DIR}/libquoteConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/libquotePCRE2.cmake
  DESTINATION ${LIBQUOTE_CMAKEDIR} COMPONENT Development)

# pkg-config.  Paths are relative to the .pc file when the install dirs are
# relative, so the tree can be installed with `cmake --install --prefix` or
# DESTDIR and moved afterwards.
set(_lq_pcdir "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
if(IS_ABSOLUTE "${_lq_pcdir}")
  set(LIBQUOTE_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _lq_up "/root/${_lq_pcdir}" "/root")
  set(LIBQUOTE_PC_PREFIX "\${pcfiledir}/${_lq_up}")
  string(REGEX REPLACE "/$" "" LIBQUOTE_PC_PREFIX "${LIBQUOTE_PC_PREFIX}")
endif()
foreach(_dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_dir}}")
    set(LIBQUOTE_PC_${_dir} "${CMAKE_INSTALL_${_dir}}")
  else()
    set(LIBQUOTE_PC_${_dir} "\${prefix}/${CMAKE_INSTALL_${_dir}}")
  endif()
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/cmake/libquote.pc.in
  ${PROJECT_BINARY_DIR}/libquote.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/libquote.pc
  DESTINATION ${_lq_pcdir} COMPONENT Development)

# Manual page for the library (examples/ installs quotedump.1 with quotedump).
install(FILES ${PROJECT_SOURCE_DIR}/man/libquote.3
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man3 COMPONENT Development)
