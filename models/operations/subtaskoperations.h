#pragma once

#include "domain/timestamp.h"
#include "operations/edit.h"

#include <QStringList>

class TodoStore;

// What subtasks add to the edits of TodoOperations. A subtask is one level
// deep: it lives in its parent's list, and the window shows it in the
// parent's detail pane rather than as a row of the list.
namespace SubtaskOperations {

// A subtask at the end of the parent's, in the parent's list. Empty when the
// parent is gone, is itself a subtask, or the title is blank.
Edit addSubtask(const TodoStore &store, const QString &parentId, const QString &title);
// The live subtasks of a todo, in their order.
QList<Todo> subtasksOf(const TodoStore &store, const QString &parentId);
// The open subtasks of these todos, not among them: what "Complete All" completes with them.
QStringList openSubtaskIds(const TodoStore &store, const QStringList &ids);
// The todos and their open subtasks completed, as one edit.
Edit completeWithSubtasks(const TodoStore &store, const QStringList &ids, Timestamp::Micros now = Timestamp::now());
// The subtasks of the todos in `after` that change list, moved with them:
// appended to the edit, in the new list, after the todos themselves. True if any were.
bool moveSubtasksAlong(const TodoStore &store, Edit &edit);

} // namespace SubtaskOperations
