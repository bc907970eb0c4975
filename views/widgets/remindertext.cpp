#include "remindertext.h"

#include "domain/shorttime.h"
#include "reminders/reminderplanner.h"

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace {

constexpr int kMinutesPerHour = 60;

QString timeOfDay(int minutesAfterMidnight)
{
    return ShortTime::text(QTime(0, 0).addSecs(minutesAfterMidnight * 60));
}

} // namespace

QString ReminderText::length(int minutes)
{
    if (minutes % Reminder::kMinutesPerDay == 0)
        return tr("%n day(s)", nullptr, minutes / Reminder::kMinutesPerDay);
    if (minutes % kMinutesPerHour == 0)
        return tr("%n hour(s)", nullptr, minutes / kMinutesPerHour);
    return tr("%n minute(s)", nullptr, minutes);
}

QString ReminderText::describe(const Reminder &reminder)
{
    if (reminder.kind == Reminder::Kind::At)
        return reminder.at ? dateTime(*reminder.at) : QString();
    if (reminder.dayTime) {
        const int days = reminder.offsetMinutes / Reminder::kMinutesPerDay;
        if (days == 0)
            return tr("On the due day at %1").arg(timeOfDay(*reminder.dayTime));
        return tr("%n day(s) before at %1", nullptr, days).arg(timeOfDay(*reminder.dayTime));
    }
    if (reminder.offsetMinutes == 0)
        return tr("At the due time");
    if (reminder.offsetMinutes > 0)
        return tr("%1 before").arg(length(reminder.offsetMinutes));
    return tr("%1 after").arg(length(-reminder.offsetMinutes));
}

QString ReminderText::state(const Reminder &reminder, const Todo &todo, const QTimeZone &localZone)
{
    const std::optional<Timestamp::Micros> instant = reminder.instantFor(todo, localZone);
    if (!instant)
        return tr("Needs a due date");
    if (reminder.acknowledgedFor && *reminder.acknowledgedFor >= *instant)
        return tr("Done");
    const std::optional<Timestamp::Micros> pending = ReminderPlanner::pendingFireTime(reminder, todo, localZone);
    if (!pending)
        return todo.completed ? QString() : tr("Passed");
    if (reminder.snoozedUntil && *reminder.snoozedUntil > *instant)
        return tr("Snoozed until %1").arg(dateTime(*pending));
    if (reminder.kind == Reminder::Kind::At)
        return {}; // its words say when already
    return tr("Next: %1").arg(dateTime(*pending));
}

QString ReminderText::dateTime(Timestamp::Micros micros, QDate today)
{
    const QDateTime local = Timestamp::toLocal(micros);
    const QLocale locale;
    const QString day = local.date().year() == today.year() ? locale.toString(local.date(), u"ddd d MMM"_s)
                                                             : locale.toString(local.date(), u"ddd d MMM yyyy"_s);
    return tr("%1 at %2").arg(day, ShortTime::text(local.time()));
}
