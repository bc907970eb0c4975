#pragma once

#include "clirequest.h"
#include "domain/reminder.h"
#include "domain/todo.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <optional>

class TodoStore;

// tandem-cli's reminder options and what export shows of them (docs/reminders.md).
namespace CliReminders {

// The reminders --remind and --remind-before ask for, of todo as it is
// after the edit; nullopt with *error when --remind-before is given for a
// todo without a due date.
std::optional<QList<Reminder>> fromRequest(const CliRequest &request, const Todo &todo, QString *error);

// For export: by todo id, when each live reminder fires next (ISO-8601,
// UTC, in order); reminders with nothing left to fire are left out.
QHash<QString, QStringList> nextFireTimes(const TodoStore &store, const QList<Todo> &todos);

} // namespace CliReminders
