#pragma once

#include "reminder.h"
#include "todo.h"
#include "todolist.h"

#include <QJsonObject>
#include <QStringList>

// The values of a change, as the outbox keeps them and the push sends them:
// a JSON object of field name to new value. Times are ISO-8601 UTC strings
// with six fractional digits, so PostgreSQL reads them back to the microsecond.
// The outbox keeps values, not just field names, so that changes reach the
// server in the order they were made, each as it was then.
namespace ChangeJson {

QStringList allTodoFields();
QStringList allListFields();

QJsonObject todoValues(const Todo &todo, const QStringList &fields);
QJsonObject listValues(const TodoList &list, const QStringList &fields);
// A reminder's synced fields (ReminderField); firedFor never travels.
QJsonObject reminderValues(const Reminder &reminder, const QStringList &fields);

// Sets the fields named in values; returns the names it set.
QStringList applyTodoValues(const QJsonObject &values, Todo &todo);
QStringList applyListValues(const QJsonObject &values, TodoList &list);
QStringList applyReminderValues(const QJsonObject &values, Reminder &reminder);

QJsonValue micros(const std::optional<Timestamp::Micros> &value);
// repeat_from as it travels and is exported: "due" or "completion".
QString repeatFrom(bool fromCompletion);
std::optional<Timestamp::Micros> micros(const QJsonValue &value);

} // namespace ChangeJson
