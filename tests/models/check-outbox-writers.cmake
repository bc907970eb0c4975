# One place writes outbox entries: TodoStore (models/store/todostore.cpp,
# todostoresync.cpp and todostorereminders.cpp, through the Outbox helpers). The sync's acknowledgement
# (models/sync/outboxbatch.cpp) only deletes what the server recorded.
# Fails, naming the files, when any other code of the app's libraries
# appends, rewrites or deletes outbox rows.
#
# cmake -DSOURCE_DIR=<repository root> -P check-outbox-writers.cmake
cmake_minimum_required(VERSION 3.25)
set(allowed
    models/store/todostore.cpp
    models/store/todostoresync.cpp
    models/store/todostorereminders.cpp
    models/store/outbox.cpp
    models/store/outbox.h
    models/store/localschema.cpp
    models/sync/outboxbatch.cpp)
file(GLOB_RECURSE sources
    "${SOURCE_DIR}/models/*.cpp" "${SOURCE_DIR}/models/*.h"
    "${SOURCE_DIR}/app/*.cpp" "${SOURCE_DIR}/app/*.h"
    "${SOURCE_DIR}/views/*.cpp" "${SOURCE_DIR}/views/*.h"
    "${SOURCE_DIR}/migration/*.cpp" "${SOURCE_DIR}/migration/*.h")
set(offenders "")
foreach(file IN LISTS sources)
    file(RELATIVE_PATH relative "${SOURCE_DIR}" "${file}")
    if(relative IN_LIST allowed)
        continue()
    endif()
    file(READ "${file}" text)
    string(TOLOWER "${text}" text)
    string(REGEX REPLACE "[ \t\r\n]+" " " text "${text}")
    if(text MATCHES "outbox::append|insert (or [a-z]+ )?into outbox|update outbox|delete from outbox|replace into outbox")
        list(APPEND offenders "${relative}")
    endif()
endforeach()
list(LENGTH sources count)
if(count LESS 50)
    message(FATAL_ERROR "found only ${count} sources under ${SOURCE_DIR}: the check would prove nothing")
endif()
if(offenders)
    list(JOIN offenders "\n  " named)
    message(FATAL_ERROR "outbox rows written outside TodoStore:\n  ${named}")
endif()
message(STATUS "outbox writers: ${count} sources checked, only TodoStore writes the outbox")
