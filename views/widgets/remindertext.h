#pragma once

#include "domain/reminder.h"
#include "domain/todo.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>
#include <QTimeZone>

// How a reminder reads in the detail pane: what it is ("15 minutes before",
// "1 day before at 09:00", "Tue 8 Dec at 09:00"), and where it stands (when
// it fires next, "snoozed until …", "done").
class ReminderText
{
    Q_DECLARE_TR_FUNCTIONS(ReminderText)
public:
    // What the reminder is, as it was set.
    static QString describe(const Reminder &reminder);
    // Where it stands for its todo as it is now: "Next: Tue 8 Dec at 08:45",
    // "Snoozed until 09:10", "Done", "Needs a due date", "Passed" (it fired,
    // or its time had gone when it was made); empty for a completed todo, and
    // for a date and time still to come (its words say when).
    static QString state(const Reminder &reminder, const Todo &todo, const QTimeZone &localZone);
    // A local date and time: "Tue 8 Dec at 09:00", with the year when it is not today's.
    static QString dateTime(Timestamp::Micros micros, QDate today = QDate::currentDate());

private:
    static QString length(int minutes);
};
