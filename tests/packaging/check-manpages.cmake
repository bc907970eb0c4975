# cmake -DPAGES=a.1;b.1 -P check-manpages.cmake
# Formats each man page with groff and fails on any warning (an unknown
# macro, a bad escape): groff itself exits 0 for those.
foreach(page IN LISTS PAGES)
    execute_process(
        COMMAND groff -z -ww -man -Tutf8 ${page}
        RESULT_VARIABLE rc
        ERROR_VARIABLE warnings)
    if(NOT rc EQUAL 0 OR NOT warnings STREQUAL "")
        message(FATAL_ERROR "${page}: groff exit code ${rc}:\n${warnings}")
    endif()
    message(STATUS "${page}: ok")
endforeach()
