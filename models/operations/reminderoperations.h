#pragma once

#include "domain/reminder.h"
#include "domain/timestamp.h"
#include "operations/edit.h"

#include <QList>
#include <QStringList>

class TodoStore;

// What every reminder edit means (docs/reminders.md), as Edits like
// TodoOperations': they write nothing, the window pushes them on its undo
// stack, tandem-cli applies them. Completing a todo needs no reminder edit:
// the planner does not fire the reminders of a completed todo.
namespace ReminderOperations {

// New reminders (Reminder::atInstant, Reminder::beforeDue) of an existing
// todo. Before the add each "exists" as its tombstone, as a new todo does.
Edit add(const TodoStore &store, const QList<Reminder> &reminders);
// The same added to another edit: a todo and its reminders made in one
// step (tandem-cli's add, quick add).
void addTo(Edit &edit, const QList<Reminder> &reminders);
Edit remove(const TodoStore &store, const QString &reminderId, Timestamp::Micros now = Timestamp::now());
// Every live reminder of a todo (tandem-cli edit --no-reminders).
Edit clear(const TodoStore &store, const QString &todoId, Timestamp::Micros now = Timestamp::now());
// Fires at `until` instead (on every desktop), while that is later than its instant.
Edit snooze(const TodoStore &store, const QString &reminderId, Timestamp::Micros until);
// Done with the reminder for this instant (FiringReminder::instant) and
// every earlier one, on every desktop. Also what "Done" on a notification
// does before it completes the todo.
Edit dismiss(const TodoStore &store, const QString &reminderId, Timestamp::Micros instant);

// The live reminders of the todos that `edit` deletes, deleted with them
// (TodoOperations' deletes call it, so an undo brings them back too).
void deleteWithTodos(const TodoStore &store, Edit &edit);

// For an undo stack that writes back only what a step changed (SnapshotCommand):
// the reminders of `to`, each the stored row with the fields that differ
// between `from` and `to` copied over; a reminder not stored yet, whole.
QList<Reminder> overlay(const TodoStore &store, const QList<Reminder> &from, const QList<Reminder> &to);

} // namespace ReminderOperations
