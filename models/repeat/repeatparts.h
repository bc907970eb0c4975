#pragma once

#include "repeat/repeatrule.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

// A repeat rule as the detail pane's editor shows it: how often, on which
// days, and when it ends. from() reads a RepeatRule (as libical parsed it)
// and text() writes the RRULE text, which RepeatRule::parse checks again.
// A rule with parts the editor has no field for (BYSETPOS, a BYDAY list of
// nth weekdays, BYMONTH with a monthly rule) reads as nullopt: the editor
// then shows it as it is and leaves it alone.
struct RepeatParts
{
    enum class MonthMode { Day, LastDay, NthWeekday };

    RepeatRule::Frequency frequency = RepeatRule::Frequency::Daily;
    int interval = 1;
    QList<int> weekdays;  // weekly: 1 (Monday) to 7 (Sunday), in order; empty: the start's weekday
    MonthMode monthMode = MonthMode::Day;
    int monthDay = 0;     // MonthMode::Day: 1 to 31; 0: the start's day
    int nth = 1;          // MonthMode::NthWeekday: 1 to 4, or -1 for the last
    int nthWeekday = 1;   // and its weekday, 1 to 7
    int yearMonth = 0;    // yearly: 1 to 12 with monthDay; 0: the start's date
    int count = 0;        // 0: no COUNT
    QDate until;          // invalid: no UNTIL

    static std::optional<RepeatParts> from(const RepeatRule &rule);
    QString text() const;

    friend bool operator==(const RepeatParts &, const RepeatParts &) = default;
};
