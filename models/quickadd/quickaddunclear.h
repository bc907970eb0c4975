#pragma once

#include "quickaddwords.h"

// Words that look like a date or a time but are not one the quick-add line
// understands ("2026-02-30", "31.02.", "Feb 30", "2026/12/24", "25:00",
// "13pm"). They stay in the title, and the preview says that they were not
// understood, so that nobody believes a due was set. Only the shape is
// looked at here: the caller asks first whether the words are understood.
namespace QuickAddUnclear {

// How many words from words[index] look like a date (0: none).
qsizetype dateWords(const QList<QuickAddWords::Word> &words, qsizetype index);

// How many words from words[index] look like a time (0: none).
qsizetype timeWords(const QList<QuickAddWords::Word> &words, qsizetype index);

} // namespace QuickAddUnclear
