#pragma once

#include "domain/todo.h"
#include "operations/edit.h"
#include "domain/todolist.h"

#include <QStringList>

class QUndoStack;
class TodoStore;

// Every user edit, as one function each: the Edit that TodoOperations makes
// of the intent, pushed as one SnapshotCommand on the stack, which writes
// through the store; nothing else in the UI writes. tandem-cli applies the
// same Edits without a stack. They return false when there was nothing to
// do or the store refused.
namespace TodoCommands {

// Any Edit of TodoOperations (or of a presenter) as one undoable step.
bool perform(QUndoStack *stack, TodoStore *store, const Edit &edit);

bool addTodo(QUndoStack *stack, TodoStore *store, const Todo &todo);
// One edited snapshot of one todo; edits of the same field in a row merge.
bool editTodo(QUndoStack *stack, TodoStore *store, const Todo &edited, const QString &mergeField = {});
bool setCompleted(QUndoStack *stack, TodoStore *store, const QStringList &ids, bool completed);
// Completes them unless all are complete already, then reopens them.
bool toggleCompleted(QUndoStack *stack, TodoStore *store, const QStringList &ids);
bool deleteTodos(QUndoStack *stack, TodoStore *store, const QStringList &ids);
bool setPriority(QUndoStack *stack, TodoStore *store, const QStringList &ids, Priority priority);
// Moves todos to the end of another list.
bool moveToList(QUndoStack *stack, TodoStore *store, const QStringList &ids, const QString &listId);
// Places todos, in the given order, between two neighbours (empty: the start or end).
bool reorder(QUndoStack *stack, TodoStore *store, const QStringList &ids, const QString &listId,
             std::optional<double> afterPosition, std::optional<double> beforePosition);

bool createList(QUndoStack *stack, TodoStore *store, const QString &name, QString *newId = nullptr);
bool renameList(QUndoStack *stack, TodoStore *store, const QString &listId, const QString &name);
// Deletes a list with all its todos, as one undoable step. The Inbox is refused.
bool deleteList(QUndoStack *stack, TodoStore *store, const QString &listId);
// Moves a list to a new index among the lists after the Inbox.
bool moveList(QUndoStack *stack, TodoStore *store, const QString &listId, int newIndex);

// Undo and redo as Ctrl+Z and Ctrl+Shift+Z do them: the store writes the
// step first, and the stack moves only when it took the write. A refused
// write (the store reports it with writeFailed) leaves the stack, its
// index and the rows as they were. False when nothing moved.
bool undo(QUndoStack *stack);
bool redo(QUndoStack *stack);

} // namespace TodoCommands
