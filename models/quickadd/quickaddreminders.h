#pragma once

#include "quickaddwords.h"

#include <QTime>

#include <optional>

// The reminder phrases of the quick-add line ("remind 15m before", "remind
// 1 day before at 9:00", "remind at 9:00", "erinnern 15m vorher",
// "erinnern um 9:00"), with the words of quickaddkeywords.h;
// docs/quick-add.md lists them all.
namespace QuickAddReminders {

struct Phrase
{
    std::optional<int> beforeMinutes; // "15m before"; nullopt: "at 9:00"
    std::optional<QTime> time;        // "at 9:00", or with whole days before: that day at 9:00
};

// The reminder phrase that starts at words[index], if any.
std::optional<QuickAddWords::Match<Phrase>> matchReminder(const QList<QuickAddWords::Word> &words, qsizetype index);

} // namespace QuickAddReminders
