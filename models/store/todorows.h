#pragma once

#include "domain/todo.h"

#include <QHash>
#include <QSqlDatabase>

#include <optional>

// Row-level SQL for todos and their tags. Callers hold the transaction.
namespace Sql {
class Statements;
}

namespace TodoRows {

std::optional<Todo> load(const QSqlDatabase &db, const QString &id);
// The rows of these ids that exist, by id, read a few thousand at a time.
QHash<QString, Todo> loadMany(const QSqlDatabase &db, const QStringList &ids);
// The same through statements prepared once (TodoStore keeps them between edits).
QHash<QString, Todo> loadMany(Sql::Statements &statements, const QStringList &ids);
// Inserts or replaces the row, then (with syncTags: for a new row or one
// whose tags differ from the stored ones) makes its tag links match todo.tags.
// Fills addedTags and removedTags with the stored names of the tags whose
// links changed (tags are one per TagKey; the name is the first spelling).
bool write(Sql::Statements &statements, const Todo &todo, bool syncTags, QStringList *addedTags,
           QStringList *removedTags, QString *error);
// The position after the last todo of a list.
double endPosition(const QSqlDatabase &db, const QString &listId);
// The live todos of a list, for commands that act on a whole list.
QList<Todo> inList(const QSqlDatabase &db, const QString &listId);

} // namespace TodoRows
