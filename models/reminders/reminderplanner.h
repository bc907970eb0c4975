#pragma once

#include "domain/reminder.h"
#include "domain/todo.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QTimeZone>

#include <optional>

// One reminder that fires now, with what a notification shows and what its
// actions need: dismissing it takes `instant` (ReminderOperations::dismiss).
struct FiringReminder
{
    QString reminderId;
    QString todoId;
    QString title;
    Timestamp::Micros instant = 0; // the instant it is for (its todo's due moves it)
    Timestamp::Micros firesAt = 0; // the instant, or the snooze that moved it later
    // It should have fired earlier: the machine slept, the clock jumped, or
    // Tandem was not running. Missed ones are shown together.
    bool missed = false;
};
Q_DECLARE_METATYPE(FiringReminder)

struct ReminderPlan
{
    QList<FiringReminder> fireNow;
    std::optional<Timestamp::Micros> nextWakeUp; // the earliest fire time still to come
};

// When reminders fire (docs/reminders.md, "The planner"). Pure: no timers,
// no clock, no store; ReminderScheduler feeds it.
namespace ReminderPlanner {

// A reminder that fires later than this after its time is marked missed.
inline constexpr Timestamp::Micros kMissedAfter = 60 * Timestamp::kMicrosPerSecond;

// The time a reminder still has to fire at, or nullopt: its todo is gone,
// done or has no due (for a relative one); the instant was acknowledged
// (dismissed, on any desktop), or this desktop showed it already
// (firedFor); or the time had passed when the reminder was made, since a
// reminder never fires on save.
std::optional<Timestamp::Micros> pendingFireTime(const Reminder &reminder, const Todo &todo,
                                                 const QTimeZone &localZone, Timestamp::Micros *instant = nullptr);

// Everything due at `now` fires, each at most once per fire time; missed
// when its time is before lastPlannedAt (the previous plan did not see it
// coming) or more than kMissedAfter ago. todos: the reminders' todos by id.
ReminderPlan plan(const QList<Reminder> &reminders, const QHash<QString, Todo> &todos, Timestamp::Micros now,
                  Timestamp::Micros lastPlannedAt, const QTimeZone &localZone);

} // namespace ReminderPlanner
