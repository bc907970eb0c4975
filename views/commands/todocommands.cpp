#include "todocommands.h"

#include "snapshotcommand.h"
#include "operations/todooperations.h"
#include "store/todostore.h"

#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {

// The step at index, to write before the stack moves. QUndoStack hands out
// its commands as const only; writeUndo()/writeRedo() change nothing but
// what the command's next undo()/redo() call does.
SnapshotCommand *stepAt(const QUndoStack *stack, int index)
{
    return const_cast<SnapshotCommand *>(dynamic_cast<const SnapshotCommand *>(stack->command(index)));
}

} // namespace

namespace TodoCommands {

bool perform(QUndoStack *stack, TodoStore *store, const Edit &edit)
{
    if (edit.isEmpty())
        return false;
    const int depth = stack->count();
    stack->push(new SnapshotCommand(store, edit.before, edit.after, edit.text, edit.mergeKey));
    // A merged step leaves the count as it was; so does a refused write,
    // which leaves the store's error behind.
    return stack->count() > depth || (!edit.mergeKey.isEmpty() && store->lastError().isEmpty());
}

bool addTodo(QUndoStack *stack, TodoStore *store, const Todo &todo)
{
    return perform(stack, store, TodoOperations::addTodo(todo));
}

bool editTodo(QUndoStack *stack, TodoStore *store, const Todo &edited, const QString &mergeField)
{
    return perform(stack, store, TodoOperations::editTodo(*store, edited, mergeField));
}

bool setCompleted(QUndoStack *stack, TodoStore *store, const QStringList &ids, bool completed)
{
    return perform(stack, store, TodoOperations::setCompleted(*store, ids, completed));
}

bool toggleCompleted(QUndoStack *stack, TodoStore *store, const QStringList &ids)
{
    return perform(stack, store, TodoOperations::toggleCompleted(*store, ids));
}

bool deleteTodos(QUndoStack *stack, TodoStore *store, const QStringList &ids)
{
    return perform(stack, store, TodoOperations::deleteTodos(*store, ids));
}

bool setPriority(QUndoStack *stack, TodoStore *store, const QStringList &ids, Priority priority)
{
    return perform(stack, store, TodoOperations::setPriority(*store, ids, priority));
}

bool moveToList(QUndoStack *stack, TodoStore *store, const QStringList &ids, const QString &listId)
{
    return perform(stack, store, TodoOperations::moveToList(*store, ids, listId));
}

bool reorder(QUndoStack *stack, TodoStore *store, const QStringList &ids, const QString &listId,
             std::optional<double> afterPosition, std::optional<double> beforePosition)
{
    return perform(stack, store, TodoOperations::reorder(*store, ids, listId, afterPosition, beforePosition));
}

bool createList(QUndoStack *stack, TodoStore *store, const QString &name, QString *newId)
{
    QString id;
    if (!perform(stack, store, TodoOperations::createList(*store, name, &id)))
        return false;
    if (newId)
        *newId = id;
    return true;
}

bool renameList(QUndoStack *stack, TodoStore *store, const QString &listId, const QString &name)
{
    return perform(stack, store, TodoOperations::renameList(*store, listId, name));
}

bool deleteList(QUndoStack *stack, TodoStore *store, const QString &listId)
{
    return perform(stack, store, TodoOperations::deleteList(*store, listId));
}

bool moveList(QUndoStack *stack, TodoStore *store, const QString &listId, int newIndex)
{
    return perform(stack, store, TodoOperations::moveList(*store, listId, newIndex));
}

bool undo(QUndoStack *stack)
{
    // canUndo() is false inside a macro, where QUndoStack::undo() would not move.
    if (!stack->canUndo())
        return false;
    if (SnapshotCommand *step = stepAt(stack, stack->index() - 1); step && !step->writeUndo())
        return false;
    stack->undo();
    return true;
}

bool redo(QUndoStack *stack)
{
    if (!stack->canRedo())
        return false;
    if (SnapshotCommand *step = stepAt(stack, stack->index()); step && !step->writeRedo())
        return false;
    stack->redo();
    return true;
}

} // namespace TodoCommands
