#include "reminderplanner.h"

namespace ReminderPlanner {

std::optional<Timestamp::Micros> pendingFireTime(const Reminder &reminder, const Todo &todo,
                                                 const QTimeZone &localZone, Timestamp::Micros *instant)
{
    if (reminder.isDeleted() || todo.isDeleted() || todo.completed)
        return std::nullopt;
    const auto forInstant = reminder.instantFor(todo, localZone);
    // A dismissal covers its instant and every earlier one.
    if (!forInstant || (reminder.acknowledgedFor && *reminder.acknowledgedFor >= *forInstant))
        return std::nullopt;
    const Timestamp::Micros firesAt = reminder.firesAt(*forInstant);
    if ((reminder.firedFor && *reminder.firedFor >= firesAt) || firesAt < reminder.createdAt)
        return std::nullopt;
    if (instant)
        *instant = *forInstant;
    return firesAt;
}

ReminderPlan plan(const QList<Reminder> &reminders, const QHash<QString, Todo> &todos, Timestamp::Micros now,
                  Timestamp::Micros lastPlannedAt, const QTimeZone &localZone)
{
    ReminderPlan result;
    for (const Reminder &reminder : reminders) {
        const auto todo = todos.constFind(reminder.todoId);
        if (todo == todos.cend())
            continue;
        Timestamp::Micros instant = 0;
        const auto firesAt = pendingFireTime(reminder, *todo, localZone, &instant);
        if (!firesAt)
            continue;
        if (*firesAt > now) {
            result.nextWakeUp = std::min(result.nextWakeUp.value_or(*firesAt), *firesAt);
            continue;
        }
        const bool missed = *firesAt < lastPlannedAt || now - *firesAt > kMissedAfter;
        result.fireNow << FiringReminder{reminder.id, todo->id, todo->title, instant, *firesAt, missed};
    }
    std::sort(result.fireNow.begin(), result.fireNow.end(),
              [](const FiringReminder &a, const FiringReminder &b) { return a.firesAt < b.firesAt; });
    return result;
}

} // namespace ReminderPlanner
