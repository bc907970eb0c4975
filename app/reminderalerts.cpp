#include "reminderalerts.h"

#include "store/todostore.h"
#include "widgets/duetext.h"

using namespace Qt::StringLiterals;

namespace {
// The group lists this many titles, then "and N more": a notification is no list view.
constexpr int kMissedTitlesShown = 5;
} // namespace

QString ReminderAlerts::missedKey()
{
    return u"missed"_s;
}

Notification ReminderAlerts::onTime(const TodoStore &store, const FiringReminder &reminder, Timestamp::Micros now,
                                    QDate today)
{
    Notification notification;
    notification.key = reminder.reminderId;
    notification.summary = reminder.title;
    const std::optional<Todo> todo = store.todo(reminder.todoId);
    QStringList body;
    if (todo && todo->dueAt) {
        body << tr("Due %1").arg(DueText::label(*todo->dueAt, todo->dueHasTime, today));
        // A date without a time is overdue from the next day on.
        const bool overdue = todo->dueHasTime ? *todo->dueAt < now : DueText::day(*todo->dueAt, false) < today;
        if (overdue)
            notification.urgency = Notification::Urgency::Critical;
    }
    if (todo) {
        if (const std::optional<TodoList> list = store.list(todo->listId))
            body << list->name;
    }
    notification.body = body.join(u" · "_s);
    return notification;
}

Notification ReminderAlerts::missed(const QList<FiringReminder> &reminders)
{
    Notification notification;
    notification.key = missedKey();
    notification.summary = tr("%n missed reminder(s)", nullptr, int(reminders.size()));
    QStringList titles;
    for (const FiringReminder &reminder : reminders.mid(0, kMissedTitlesShown))
        titles << reminder.title;
    if (reminders.size() > kMissedTitlesShown)
        titles << tr("and %n more", nullptr, int(reminders.size() - kMissedTitlesShown));
    notification.body = titles.join(u'\n');
    return notification;
}
