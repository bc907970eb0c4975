#pragma once

#include "notify/notification.h"
#include "reminders/reminderplanner.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>

class TodoStore;

// What a firing reminder looks like on the desktop (docs/reminders.md,
// "Notifications"): one notification per reminder on time, titled with its
// todo and saying its due and list, critical once the todo is overdue; every
// missed one together in one notification. Pure text: no bus, no widgets.
class ReminderAlerts
{
    Q_DECLARE_TR_FUNCTIONS(ReminderAlerts)
public:
    // The key of the notification that groups the missed ones.
    static QString missedKey();

    // now and today are passed in for tests.
    static Notification onTime(const TodoStore &store, const FiringReminder &reminder, Timestamp::Micros now,
                               QDate today);
    // "3 missed reminders", with the titles one a line.
    static Notification missed(const QList<FiringReminder> &reminders);
};
