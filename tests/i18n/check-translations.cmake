# Runs lupdate over the sources into copies of the committed .ts files (the
# committed ones are never written) and fails when a copy differs from its
# original, or holds an entry that is unfinished (a new or changed source
# text), vanished or obsolete (a text no longer in the sources).
#
#   cmake -DLUPDATE=... -DINPUTS=lupdate-inputs.lst "-DOPTIONS=..."
#         "-DTRANSLATIONS=a.ts;..." "-DPLURAL_TRANSLATIONS=en.ts;..."
#         -DWORK=dir -P check-translations.cmake
#
# To mend: cmake --build BUILD --target update_translations, translate what
# is new (Qt Linguist), and commit the .ts files.
foreach(var LUPDATE INPUTS TRANSLATIONS WORK)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "check-translations.cmake: ${var} is not set")
    endif()
endforeach()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(problems 0)

function(check_one committed extra_options)
    get_filename_component(name ${committed} NAME)
    set(copy ${WORK}/${name})
    file(COPY_FILE ${committed} ${copy})
    execute_process(
        COMMAND ${LUPDATE} -silent @${INPUTS} ${OPTIONS} ${extra_options} -ts ${copy}
        RESULT_VARIABLE status
        OUTPUT_VARIABLE output
        ERROR_VARIABLE output)
    set(failed 0)
    if(NOT status EQUAL 0)
        message("${name}: lupdate failed (${status}):\n${output}")
        set(failed 1)
    elseif(NOT output STREQUAL "")
        # lupdate warns about tr() it cannot place, e.g. without a context.
        message("${name}: lupdate warns:\n${output}")
        set(failed 1)
    endif()

    file(READ ${copy} updated)
    # A ";" (as in "&amp;") would split the CMake list of matches.
    string(REPLACE ";" "__SEMICOLON__" listable "${updated}")
    string(REGEX MATCHALL "<source>[^<]*</source>[ \n]*(<comment>[^<]*</comment>[ \n]*)?<translation type=\"(unfinished|vanished|obsolete)\""
        entries "${listable}")
    foreach(entry IN LISTS entries)
        string(REGEX REPLACE ".*type=\"([a-z]+)\"" "\\1" kind "${entry}")
        string(REGEX REPLACE "^<source>([^<]*)</source>.*" "\\1" source "${entry}")
        string(REPLACE "__SEMICOLON__" ";" source "${source}")
        foreach(entity "&lt;=<" "&gt;=>" "&quot;=\"" "&apos;='" "&amp;=&")
            string(REGEX REPLACE "^([^=]*)=(.*)$" "\\1" from "${entity}")
            string(REGEX REPLACE "^([^=]*)=(.*)$" "\\2" to "${entity}")
            string(REPLACE "${from}" "${to}" source "${source}")
        endforeach()
        message("${name}: ${kind}: \"${source}\"")
        set(failed 1)
    endforeach()

    file(READ ${committed} original)
    if(NOT original STREQUAL updated)
        execute_process(COMMAND diff -u ${committed} ${copy} OUTPUT_VARIABLE difference)
        message("${name}: differs from what lupdate makes of the sources:\n${difference}")
        set(failed 1)
    endif()
    if(failed)
        set(problems 1 PARENT_SCOPE)
    else()
        message("${name}: up to date")
    endif()
endfunction()

foreach(ts IN LISTS TRANSLATIONS)
    check_one(${ts} "")
endforeach()
foreach(ts IN LISTS PLURAL_TRANSLATIONS)
    check_one(${ts} -pluralonly)
endforeach()

if(problems)
    message(FATAL_ERROR "The translations are not up to date: cmake --build <build> --target "
        "update_translations, translate the new texts, and commit resources/translations/.")
endif()
