#pragma once

#include "domain/todolist.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

// Row-level SQL for lists. Callers hold the transaction.
namespace ListRows {

std::optional<TodoList> load(const QSqlDatabase &db, const QString &id);
QList<TodoList> live(const QSqlDatabase &db); // not deleted, in order
bool write(const QSqlDatabase &db, const TodoList &list, QString *error);
double endPosition(const QSqlDatabase &db);

} // namespace ListRows
