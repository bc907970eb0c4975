#include "reminderoperations.h"

#include "store/todostore.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace {

QString todoTitle(const TodoStore &store, const QString &todoId)
{
    const auto todo = store.todo(todoId);
    return todo ? todo->title.left(40) : QString();
}

template<typename Change>
Edit editOne(const TodoStore &store, const QString &reminderId, const char *text, Change change)
{
    const auto before = store.reminder(reminderId);
    if (!before || before->isDeleted())
        return {};
    Reminder after = *before;
    change(after);
    if (after.sameContent(*before))
        return {};
    Edit edit;
    edit.before.reminders << *before;
    edit.after.reminders << after;
    edit.text = QCoreApplication::translate("ReminderOperations", text).arg(todoTitle(store, before->todoId));
    return edit;
}

} // namespace

namespace ReminderOperations {

void addTo(Edit &edit, const QList<Reminder> &reminders)
{
    for (const Reminder &reminder : reminders) {
        Reminder tombstone = reminder;
        tombstone.deletedAt = reminder.createdAt;
        edit.before.reminders << tombstone;
        edit.after.reminders << reminder;
    }
}

Edit add(const TodoStore &store, const QList<Reminder> &reminders)
{
    Edit edit;
    if (reminders.isEmpty() || !store.todo(reminders.first().todoId))
        return edit;
    addTo(edit, reminders);
    edit.text = QCoreApplication::translate("ReminderOperations", "Add %n reminder(s) to “%1”", nullptr,
                                            int(reminders.size()))
                    .arg(todoTitle(store, reminders.first().todoId));
    return edit;
}

Edit remove(const TodoStore &store, const QString &reminderId, Timestamp::Micros now)
{
    return editOne(store, reminderId, QT_TRANSLATE_NOOP("ReminderOperations", "Remove a reminder of “%1”"),
                   [now](Reminder &r) { r.deletedAt = now; });
}

Edit clear(const TodoStore &store, const QString &todoId, Timestamp::Micros now)
{
    Edit edit;
    for (const Reminder &reminder : store.reminders({todoId})) {
        Reminder gone = reminder;
        gone.deletedAt = now;
        edit.before.reminders << reminder;
        edit.after.reminders << gone;
    }
    if (!edit.isEmpty())
        edit.text = QCoreApplication::translate("ReminderOperations", "Remove the reminders of “%1”")
                        .arg(todoTitle(store, todoId));
    return edit;
}

Edit snooze(const TodoStore &store, const QString &reminderId, Timestamp::Micros until)
{
    return editOne(store, reminderId, QT_TRANSLATE_NOOP("ReminderOperations", "Snooze a reminder of “%1”"),
                   [until](Reminder &r) { r.snoozedUntil = until; });
}

Edit dismiss(const TodoStore &store, const QString &reminderId, Timestamp::Micros instant)
{
    // Never back: a dismissal covers its instant and every earlier one, as
    // the server's merge (GREATEST) has it.
    return editOne(store, reminderId, QT_TRANSLATE_NOOP("ReminderOperations", "Dismiss a reminder of “%1”"),
                   [instant](Reminder &r) { r.acknowledgedFor = std::max(r.acknowledgedFor.value_or(instant), instant); });
}

void deleteWithTodos(const TodoStore &store, Edit &edit)
{
    QStringList deleted;
    QHash<QString, Timestamp::Micros> when;
    for (const Todo &todo : std::as_const(edit.after.todos)) {
        if (todo.deletedAt) {
            deleted << todo.id;
            when.insert(todo.id, *todo.deletedAt);
        }
    }
    for (const Reminder &reminder : store.reminders(deleted)) {
        Reminder gone = reminder;
        gone.deletedAt = when.value(reminder.todoId);
        edit.before.reminders << reminder;
        edit.after.reminders << gone;
    }
}

QList<Reminder> overlay(const TodoStore &store, const QList<Reminder> &from, const QList<Reminder> &to)
{
    QHash<QString, const Reminder *> sources;
    for (const Reminder &candidate : from)
        sources.insert(candidate.id, &candidate);
    QList<Reminder> result;
    result.reserve(to.size());
    for (const Reminder &target : to) {
        const Reminder *source = sources.value(target.id);
        auto current = store.reminder(target.id);
        if (!current || !source) {
            result << target;
            continue;
        }
        ReminderField::copy(target, *current, ReminderField::changed(*source, target));
        result << *current;
    }
    return result;
}

} // namespace ReminderOperations
