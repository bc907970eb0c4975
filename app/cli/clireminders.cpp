#include "clireminders.h"

#include "reminders/reminderplanner.h"
#include "store/todostore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

namespace CliReminders {

std::optional<QList<Reminder>> fromRequest(const CliRequest &request, const Todo &todo, QString *error)
{
    if (!request.remindBefore.isEmpty() && !todo.dueAt) {
        *error = QCoreApplication::translate("CliCommands", "--remind-before needs a todo with a due date.");
        return std::nullopt;
    }
    QList<Reminder> reminders;
    for (const CliRequest::Due &at : request.remindAt) {
        // A date alone: 09:00 of that day here, as for a due date without a time.
        const Timestamp::Micros instant = at.hasTime
            ? at.at
            : Timestamp::fromDateTime(QDateTime(Timestamp::toDate(at.at),
                                                QTime::fromMSecsSinceStartOfDay(Reminder::kDateOnlyDueMinutes * 60000)));
        reminders << Reminder::atInstant(todo.id, instant);
    }
    for (const int minutes : request.remindBefore)
        reminders << Reminder::beforeDue(todo.id, minutes);
    return reminders;
}

QHash<QString, QStringList> nextFireTimes(const TodoStore &store, const QList<Todo> &todos)
{
    QHash<QString, const Todo *> byId;
    QStringList ids;
    for (const Todo &todo : todos) {
        byId.insert(todo.id, &todo);
        ids << todo.id;
    }
    QHash<QString, QList<Timestamp::Micros>> times;
    const QTimeZone zone = QTimeZone::systemTimeZone();
    for (const Reminder &reminder : store.reminders(ids)) {
        if (const auto at = ReminderPlanner::pendingFireTime(reminder, *byId.value(reminder.todoId), zone))
            times[reminder.todoId] << *at;
    }
    QHash<QString, QStringList> result;
    for (auto it = times.begin(); it != times.end(); ++it) {
        std::sort(it->begin(), it->end());
        for (const Timestamp::Micros at : std::as_const(*it))
            result[it.key()] << Timestamp::toIsoUtc(at);
    }
    return result;
}

} // namespace CliReminders
