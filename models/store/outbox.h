#pragma once

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// The queue of local changes not yet pushed to the cloud. Every store write
// appends to it inside the same SQLite transaction as the change itself, so
// a change is never on disk without its outbox entry, nor the other way round.
namespace Sql {
class Statements;
}

namespace Outbox {

inline constexpr auto kEntityTodo = "todo";
inline constexpr auto kEntityList = "list";
inline constexpr auto kEntityTodoTag = "todo_tag";
inline constexpr auto kEntityReminder = "reminder";

inline constexpr auto kOpUpsert = "upsert"; // payload: JSON object of the changed fields' new values
inline constexpr auto kOpAddTag = "add";    // payload: the tag name
inline constexpr auto kOpRemoveTag = "remove";

bool append(const QSqlDatabase &db, const char *entity, const QString &entityId, const char *op,
            const QString &payload, QString *error);
// The same with the write's prepared statements (a bulk edit appends one per row).
bool append(Sql::Statements &statements, const char *entity, const QString &entityId, const char *op,
            const QString &payload, QString *error);
int pendingChangeCount(const QSqlDatabase &db);
// Pending changes queued at or before seq.
int pendingChangeCount(const QSqlDatabase &db, qint64 upToSeq);
// The sequence number of the newest pending change; 0 when none waits.
qint64 lastSequence(const QSqlDatabase &db);
// Compact JSON text for the payload column.
QString encode(const QJsonObject &values);

} // namespace Outbox
