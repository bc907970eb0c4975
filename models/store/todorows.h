#pragma once

#include "domain/todo.h"

#include <QSqlDatabase>

#include <optional>

// Row-level SQL for todos and their tags. Callers hold the transaction.
namespace TodoRows {

std::optional<Todo> load(const QSqlDatabase &db, const QString &id);
// Inserts or replaces the row, then makes its tag links match todo.tags.
// Fills addedTags and removedTags with the stored names of the tags whose
// links changed (tags are one per TagKey; the name is the first spelling).
bool write(const QSqlDatabase &db, const Todo &todo, QStringList *addedTags,
           QStringList *removedTags, QString *error);
// The position after the last todo of a list.
double endPosition(const QSqlDatabase &db, const QString &listId);
// The live todos of a list, for commands that act on a whole list.
QList<Todo> inList(const QSqlDatabase &db, const QString &listId);

} // namespace TodoRows
