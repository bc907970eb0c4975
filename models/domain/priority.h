#pragma once

#include <QString>

// Stored as 0..3 locally and in the cloud (tandem.todos.priority smallint).
enum class Priority : int { None = 0, Low = 1, Medium = 2, High = 3 };

namespace Priorities {
constexpr int kCount = 4;
Priority fromInt(int value);
// Untranslated, stable key for files and the command line: none/low/medium/high.
QString key(Priority priority);
} // namespace Priorities
