#include "todocommands.h"

#include "snapshotcommand.h"
#include "store/todostore.h"

#include <QCoreApplication>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {

// Pushes a command for the todos that actually change.
bool pushTodos(QUndoStack *stack, TodoStore *store, const QList<Todo> &before,
               const QList<Todo> &after, const QString &text, const QString &mergeKey = {})
{
    Changeset from, to;
    for (qsizetype i = 0; i < before.size(); ++i) {
        if (before.at(i).sameContent(after.at(i)))
            continue;
        from.todos << before.at(i);
        to.todos << after.at(i);
    }
    if (to.isEmpty())
        return false;
    const int depth = stack->count();
    stack->push(new SnapshotCommand(store, from, to, text, mergeKey));
    // A merged step leaves the count as it was; so does a refused write, which
    // leaves the store's error behind.
    return stack->count() > depth || (!mergeKey.isEmpty() && store->lastError().isEmpty());
}

template<typename Edit>
bool editEach(QUndoStack *stack, TodoStore *store, const QStringList &ids, const QString &text, Edit edit)
{
    const QList<Todo> before = store->todos(ids);
    QList<Todo> after = before;
    for (Todo &todo : after)
        edit(todo);
    return pushTodos(stack, store, before, after, text);
}

// The step at index, to write before the stack moves. QUndoStack hands out
// its commands as const only; writeUndo()/writeRedo() change nothing but
// what the command's next undo()/redo() call does.
SnapshotCommand *stepAt(const QUndoStack *stack, int index)
{
    return const_cast<SnapshotCommand *>(dynamic_cast<const SnapshotCommand *>(stack->command(index)));
}

} // namespace

namespace TodoCommands {

bool addTodo(QUndoStack *stack, TodoStore *store, const Todo &todo)
{
    // Before the add, the row "exists" as a tombstone: undo deletes it the way
    // every delete works, so a sync in between sees an ordinary delete.
    Todo tombstone = todo;
    tombstone.deletedAt = todo.createdAt;
    const int depth = stack->count();
    stack->push(new SnapshotCommand(store, {{}, {tombstone}}, {{}, {todo}},
        QCoreApplication::translate("TodoCommands", "Add “%1”").arg(todo.title.left(40))));
    return stack->count() > depth;
}

bool editTodo(QUndoStack *stack, TodoStore *store, const Todo &edited, const QString &mergeField)
{
    const auto before = store->todo(edited.id);
    if (!before)
        return false;
    const QString key = mergeField.isEmpty() ? QString() : edited.id + u':' + mergeField;
    return pushTodos(stack, store, {*before}, {edited},
        QCoreApplication::translate("TodoCommands", "Edit “%1”").arg(edited.title.left(40)), key);
}

bool setCompleted(QUndoStack *stack, TodoStore *store, const QStringList &ids, bool completed)
{
    const Timestamp::Micros now = Timestamp::now();
    return editEach(stack, store, ids,
        completed ? QCoreApplication::translate(
            "TodoCommands", "Complete %n todo(s)", nullptr, int(ids.size()))
                  : QCoreApplication::translate(
                      "TodoCommands", "Reopen %n todo(s)", nullptr, int(ids.size())),
        [=](Todo &todo) { todo.setCompleted(completed, now); });
}

bool toggleCompleted(QUndoStack *stack, TodoStore *store, const QStringList &ids)
{
    const QList<Todo> todos = store->todos(ids);
    const bool allDone = !todos.isEmpty()
        && std::all_of(todos.cbegin(), todos.cend(), [](const Todo &t) { return t.completed; });
    return setCompleted(stack, store, ids, !allDone);
}

bool deleteTodos(QUndoStack *stack, TodoStore *store, const QStringList &ids)
{
    const Timestamp::Micros now = Timestamp::now();
    return editEach(stack, store, ids,
        QCoreApplication::translate("TodoCommands", "Delete %n todo(s)", nullptr, int(ids.size())),
        [=](Todo &todo) { todo.deletedAt = now; });
}

bool setPriority(QUndoStack *stack, TodoStore *store, const QStringList &ids, Priority priority)
{
    return editEach(stack, store, ids,
        QCoreApplication::translate(
            "TodoCommands", "Set priority of %n todo(s)", nullptr, int(ids.size())),
        [=](Todo &todo) { todo.priority = priority; });
}

bool moveToList(QUndoStack *stack, TodoStore *store, const QStringList &ids, const QString &listId)
{
    if (!store->list(listId))
        return false;
    const QList<Todo> before = store->todos(ids);
    double position = store->newTodo(listId, {}).position; // the end of the target list
    QList<Todo> after = before;
    for (Todo &todo : after) {
        if (todo.listId == listId)
            continue;
        todo.listId = listId;
        todo.position = position;
        position += 1.0;
    }
    return pushTodos(stack, store, before, after,
        QCoreApplication::translate("TodoCommands", "Move %n todo(s)", nullptr, int(ids.size())));
}

bool reorder(QUndoStack *stack, TodoStore *store, const QStringList &ids, const QString &listId,
             std::optional<double> afterPosition, std::optional<double> beforePosition)
{
    if (ids.isEmpty())
        return false;
    // Positions are fractional: the moved todos share the gap between their
    // new neighbours evenly, so no other row has to be rewritten.
    const double low = afterPosition.value_or(beforePosition ? *beforePosition - 1.0 : 0.0);
    const double high = beforePosition.value_or(low + double(ids.size()) + 1.0);
    const double step = (high - low) / double(ids.size() + 1);
    const QList<Todo> before = store->todos(ids);
    QList<Todo> after = before;
    for (qsizetype i = 0; i < after.size(); ++i) {
        after[i].listId = listId;
        after[i].position = low + step * double(i + 1);
    }
    return pushTodos(stack, store, before, after,
        QCoreApplication::translate(
            "TodoCommands", "Reorder %n todo(s)", nullptr, int(ids.size())));
}

bool createList(QUndoStack *stack, TodoStore *store, const QString &name, QString *newId)
{
    if (name.trimmed().isEmpty())
        return false;
    const TodoList list = store->newList(name);
    TodoList tombstone = list;
    tombstone.deletedAt = list.createdAt;
    const int depth = stack->count();
    stack->push(new SnapshotCommand(store, {{tombstone}, {}}, {{list}, {}},
        QCoreApplication::translate("TodoCommands", "New list “%1”").arg(list.name)));
    if (newId)
        *newId = list.id;
    return stack->count() > depth;
}

bool renameList(QUndoStack *stack, TodoStore *store, const QString &listId, const QString &name)
{
    const auto before = store->list(listId);
    if (!before || name.trimmed().isEmpty() || before->name == name.trimmed())
        return false;
    TodoList after = *before;
    after.name = name.trimmed();
    const int depth = stack->count();
    stack->push(new SnapshotCommand(store, {{*before}, {}}, {{after}, {}},
        QCoreApplication::translate("TodoCommands", "Rename list to “%1”").arg(after.name)));
    return stack->count() > depth;
}

bool deleteList(QUndoStack *stack, TodoStore *store, const QString &listId)
{
    const auto before = store->list(listId);
    if (!before || before->isInbox)
        return false;
    const Timestamp::Micros now = Timestamp::now();
    TodoList after = *before;
    after.deletedAt = now;
    const QList<Todo> todosBefore = store->todosInList(listId);
    QList<Todo> todosAfter = todosBefore;
    for (Todo &todo : todosAfter)
        todo.deletedAt = now;
    const int depth = stack->count();
    stack->push(new SnapshotCommand(store, {{*before}, todosBefore}, {{after}, todosAfter},
        QCoreApplication::translate("TodoCommands", "Delete list “%1”").arg(before->name)));
    return stack->count() > depth;
}

bool moveList(QUndoStack *stack, TodoStore *store, const QString &listId, int newIndex)
{
    QList<TodoList> others;
    std::optional<TodoList> moving;
    for (const TodoList &list : store->lists()) {
        if (list.id == listId)
            moving = list;
        else if (!list.isInbox)
            others << list;
    }
    if (!moving || moving->isInbox)
        return false;
    newIndex = std::clamp(newIndex, 0, int(others.size()));
    const double low = newIndex > 0 ? others.at(newIndex - 1).position : others.isEmpty() ? 0.0 : others.first().position - 2.0;
    const double high = newIndex < others.size() ? others.at(newIndex).position : low + 2.0;
    TodoList after = *moving;
    after.position = (low + high) / 2.0;
    if (after.position == moving->position)
        return false;
    const int depth = stack->count();
    stack->push(new SnapshotCommand(store, {{*moving}, {}}, {{after}, {}},
        QCoreApplication::translate("TodoCommands", "Move list “%1”").arg(moving->name)));
    return stack->count() > depth;
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
