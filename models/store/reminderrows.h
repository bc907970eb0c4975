#pragma once

#include "domain/reminder.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include <optional>

// Row-level SQL for reminders (local schema step 7). Callers hold the
// transaction. Writing a row never touches fired_for, which only
// markFired() sets: it is this desktop's own, and a pull or an edit of the
// reminder must not make it fire again for an instant it already showed.
namespace ReminderRows {

std::optional<Reminder> load(const QSqlDatabase &db, const QString &id);
// The reminders of these todos, in the order they were made; deleted ones
// only with includeDeleted.
QList<Reminder> ofTodos(const QSqlDatabase &db, const QStringList &todoIds, bool includeDeleted = false);
// The live reminders of live, open todos: what may fire.
QList<Reminder> armed(const QSqlDatabase &db);
// Inserts or updates the synced fields (and updated_at); with syncXid, also sync_xid.
bool write(const QSqlDatabase &db, const Reminder &reminder, QString *error,
           std::optional<qint64> syncXid = std::nullopt);
bool markFired(const QSqlDatabase &db, const QString &id, Timestamp::Micros firedFor, QString *error);

} // namespace ReminderRows
