# cmake -DBUILD_DIR=... -DROOT=... -DEXPECTED=bin/x;share/y -P check-installtree.cmake
# Installs the build into ROOT/usr, as the .deb will, and checks that it holds
# exactly the EXPECTED files (relative to the prefix), then validates the
# metainfo together with the installed desktop file (appstreamcli validate-tree).
file(REMOVE_RECURSE ${ROOT})
execute_process(
    COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${ROOT}/usr
    RESULT_VARIABLE rc
    OUTPUT_VARIABLE out
    ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}")
endif()

file(GLOB_RECURSE found LIST_DIRECTORIES false RELATIVE ${ROOT}/usr ${ROOT}/*)
list(SORT found)
set(expected ${EXPECTED})
list(SORT expected)
set(extra ${found})
list(REMOVE_ITEM extra ${expected})
set(missing ${expected})
if(found)
    list(REMOVE_ITEM missing ${found})
endif()
if(extra OR missing)
    list(JOIN extra "\n  " extra_text)
    list(JOIN missing "\n  " missing_text)
    message(FATAL_ERROR "install tree differs:\nunexpected:\n  ${extra_text}\nmissing:\n  ${missing_text}")
endif()
foreach(program IN LISTS expected)
    if(program MATCHES "^bin/")
        execute_process(COMMAND test -x ${ROOT}/usr/${program} RESULT_VARIABLE rc)
        if(NOT rc EQUAL 0)
            message(FATAL_ERROR "${program} is not executable")
        endif()
    endif()
endforeach()
list(LENGTH found count)
message(STATUS "install tree: the ${count} expected files")

execute_process(
    COMMAND appstreamcli validate-tree --no-net ${ROOT}
    RESULT_VARIABLE rc
    OUTPUT_VARIABLE out
    ERROR_VARIABLE out)
message(STATUS "${out}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "appstreamcli validate-tree failed (${rc})")
endif()
