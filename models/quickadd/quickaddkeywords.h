#pragma once

#include "quickaddwords.h"

// The words of the quick-add line, one table per language (quickaddkeywords.cpp).
// English always counts; so does the language of the default QLocale when
// there is a table for it. Month and weekday names are not here: they come
// from QLocale (quickaddcalendar.h).
namespace QuickAddKeywords {

enum class Keyword {
    Today,
    Tomorrow,
    DayAfterTomorrow,
    Tonight, // today, in the evening
    Next, // next friday, next week
    In, // in 3 days
    One, // in a week
    Day, // a unit, singular or plural: in 3 days, every day
    Week,
    Month,
    Year,
    At, // at 15:30
    OClock, // 15 Uhr
    Noon,
    High, // !high
    Medium,
    Low,
    Every, // every week, every 2 weeks
    Daily,
    Weekly,
    Monthly,
    Yearly,
    Workday, // every weekday: Monday to Friday
    And, // every monday and thursday
    On, // every 2 weeks on friday, every month on the 1st
    The, // on the 1st
    Last, // every last day of the month
    OfTheMonth,
    Remind, // remind 15m before, remind at 9:00
    Before, // remind 1 day before
    Minute, // a unit: remind 15 minutes before
    Hour,
};

// Whether word is one of the keyword's one-word forms, in any case.
bool is(QStringView word, Keyword keyword);

// How many words the longest form of the keyword that starts at words[index]
// takes up; 0 when none does. For the keywords that are phrases
// ("heute Abend", "of the month").
qsizetype phraseAt(const QList<QuickAddWords::Word> &words, qsizetype index, Keyword keyword);

} // namespace QuickAddKeywords
