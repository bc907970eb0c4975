#include "subtaskoperations.h"

#include "operations/todooperations.h"
#include "store/todostore.h"

#include <QCoreApplication>
#include <QHash>

namespace SubtaskOperations {

Edit addSubtask(const TodoStore &store, const QString &parentId, const QString &title)
{
    const auto parent = store.todo(parentId);
    const QString text = title.trimmed();
    if (!parent || parent->isDeleted() || !parent->parentId.isEmpty() || text.isEmpty())
        return {};
    Todo subtask = store.newTodo(parent->listId, text);
    subtask.parentId = parent->id;
    Edit edit = TodoOperations::addTodo(subtask);
    edit.text = QCoreApplication::translate("TodoCommands", "Add subtask “%1”").arg(text.left(40));
    return edit;
}

QList<Todo> subtasksOf(const TodoStore &store, const QString &parentId)
{
    return parentId.isEmpty() ? QList<Todo>() : store.todos(store.subtaskIds({parentId}));
}

QStringList openSubtaskIds(const TodoStore &store, const QStringList &ids)
{
    return store.subtaskIds(ids, true);
}

Edit completeWithSubtasks(const TodoStore &store, const QStringList &ids, Timestamp::Micros now)
{
    Edit edit = TodoOperations::setCompleted(store, openSubtaskIds(store, ids) + ids, true, now);
    if (!edit.isEmpty())
        edit.text = QCoreApplication::translate("TodoCommands", "Complete %n todo(s) with their subtasks", nullptr,
                                                int(ids.size()));
    return edit;
}

bool moveSubtasksAlong(const TodoStore &store, Edit &edit)
{
    QHash<QString, QString> newList; // parent id -> the list it moves to
    for (qsizetype i = 0; i < edit.after.todos.size(); ++i) {
        const Todo &after = edit.after.todos.at(i);
        if (after.parentId.isEmpty() && after.listId != edit.before.todos.at(i).listId)
            newList.insert(after.id, after.listId);
    }
    if (newList.isEmpty())
        return false;
    QStringList moving;
    for (const Todo &todo : std::as_const(edit.after.todos))
        moving << todo.id;
    // After the todos in the edit, so a subtask goes to the end of its new list after its parent.
    bool any = false;
    double position = 0;
    for (const Todo &todo : std::as_const(edit.after.todos))
        position = qMax(position, todo.position);
    for (const Todo &subtask : store.todos(store.subtaskIds(newList.keys()))) {
        if (moving.contains(subtask.id))
            continue;
        Todo moved = subtask;
        moved.listId = newList.value(subtask.parentId);
        moved.position = (position += 1.0);
        edit.before.todos << subtask;
        edit.after.todos << moved;
        any = true;
    }
    return any;
}

} // namespace SubtaskOperations
