#pragma once

#include <QString>

// What makes two tag names the same tag: the one definition, used by the
// store, the sidebar, the command line, the pull, the legacy import, and sent
// to the server with every tag change. The server never computes it (its
// lower() depends on the database's LC_CTYPE or collation); it stores the key
// a client computed and compares keys (cloud schema step 9).
namespace TagKey {

// The name as stored and shown: trimmed, otherwise as typed.
QString displayName(const QString &name);

// The identity key of a tag name (see tagkey.cpp for the rule).
QString of(const QString &name);

// What joins a todo's tag names into one text (the todo_rows views): a
// character nobody types (ASCII unit separator), so a comma or any other
// punctuation inside a tag name never splits it.
inline constexpr char16_t kJoinSeparator = u'\x1f';

} // namespace TagKey
