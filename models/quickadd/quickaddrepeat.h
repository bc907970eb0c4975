#pragma once

#include "quickaddwords.h"

#include <QString>

#include <optional>

// The repeat phrases of the quick-add line ("every 2 weeks on friday",
// "daily", "every! 3 days", "jeden Monat am 1."), with the words of
// quickaddkeywords.h; docs/quick-add.md lists them all.
namespace QuickAddRepeat {

struct Repeat
{
    QString rule; // RFC 5545 RRULE text without "RRULE:", e.g. "FREQ=WEEKLY;BYDAY=FR"
    bool fromCompletion = false; // "every!": counted from when it was done
};

// The repeat phrase that starts at words[index], if any.
std::optional<QuickAddWords::Match<Repeat>> matchRepeat(
    const QList<QuickAddWords::Word> &words, qsizetype index);

} // namespace QuickAddRepeat
