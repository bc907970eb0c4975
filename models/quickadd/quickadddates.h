#pragma once

#include "quickaddwords.h"

#include <QDate>
#include <QTime>

#include <optional>

// The date and time phrases of the quick-add line ("tomorrow", "next friday",
// "in 3 days", "Dec 15", "2026-11-24", "at 3pm", "noon"), with the words of
// quickaddkeywords.h; docs/quick-add.md lists them all.
namespace QuickAddDates {

// The date phrase that starts at words[index], if any. Relative phrases count
// from today; none is recognised when today is invalid.
std::optional<QuickAddWords::Match<QDate>> matchDate(
    const QList<QuickAddWords::Word> &words, qsizetype index, QDate today);

// The time ("15:30", "3pm", "at 3:30pm") that starts at words[index], if any.
std::optional<QuickAddWords::Match<QTime>> matchTime(
    const QList<QuickAddWords::Word> &words, qsizetype index);

// The time the date phrase at words[index] carries with it ("tonight":
// 19:00), used when no time is typed.
std::optional<QTime> impliedTime(const QList<QuickAddWords::Word> &words, qsizetype index);

} // namespace QuickAddDates
