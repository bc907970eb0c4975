#pragma once

#include "domain/timestamp.h"

#include <QDate>
#include <QString>

// How a due reads in the todo list. Its texts keep the TodoDelegate
// translation context, where the list's translations have always lived.
class DueText
{
public:
    // The calendar day a due falls on, as the person sees it.
    static QDate day(Timestamp::Micros dueAt, bool hasTime);

    // The locale's short time format without seconds: some locales (C among
    // them) put seconds in it, and no one sets a due to the second.
    static QString timeFormat();
    static QString time(QTime time);

    // "Today", "Tomorrow", a weekday within a week, else a short date; plus
    // the local time for a timed due. today is passed in for tests.
    static QString label(Timestamp::Micros dueAt, bool hasTime, QDate today);
};
