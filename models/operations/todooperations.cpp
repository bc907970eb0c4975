#include "todooperations.h"

#include "domain/tagkey.h"
#include "reminderoperations.h"
#include "repeatoperations.h"
#include "operations/subtaskoperations.h"
#include "store/todostore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// The todos that actually change, before and after.
Edit todoEdit(const QList<Todo> &before, const QList<Todo> &after, const QString &text,
              const QString &mergeKey = {})
{
    Edit edit;
    for (qsizetype i = 0; i < before.size(); ++i) {
        if (before.at(i).sameContent(after.at(i)))
            continue;
        edit.before.todos << before.at(i);
        edit.after.todos << after.at(i);
    }
    if (!edit.isEmpty()) {
        edit.text = text;
        edit.mergeKey = mergeKey;
    }
    return edit;
}

template<typename Change>
Edit editEach(const QList<Todo> &before, const QString &text, Change change)
{
    QList<Todo> after = before;
    for (Todo &todo : after)
        change(todo);
    return todoEdit(before, after, text);
}

template<typename Change>
Edit editEach(const TodoStore &store, const QStringList &ids, const QString &text, Change change)
{
    return editEach(store.todos(ids), text, change);
}

// The rows (of a selection of n ids) completed or reopened. Completing a
// repeating todo records its occurrence and moves it on (RepeatOperations).
Edit completedEach(const TodoStore &store, const QList<Todo> &before, int n, bool completed,
                   Timestamp::Micros now)
{
    const QString text = completed ? QCoreApplication::translate("TodoCommands", "Complete %n todo(s)", nullptr, n)
                                   : QCoreApplication::translate("TodoCommands", "Reopen %n todo(s)", nullptr, n);
    const bool anyRepeats = completed && std::any_of(before.cbegin(), before.cend(), [](const Todo &t) {
        return t.repeats() && !t.completed;
    });
    if (!anyRepeats)
        return editEach(before, text, [=](Todo &todo) { todo.setCompleted(completed, now); });
    Edit edit;
    for (const Todo &todo : before) {
        if (todo.completed)
            continue;
        if (todo.repeats()) {
            RepeatOperations::complete(store, todo, now, &edit.before, &edit.after);
        } else {
            Todo done = todo;
            done.setCompleted(true, now);
            edit.before.todos << todo;
            edit.after.todos << done;
        }
    }
    if (!edit.isEmpty())
        edit.text = text;
    return edit;
}

Edit listEdit(const TodoList &before, const TodoList &after, const QString &text)
{
    Edit edit;
    edit.before.lists << before;
    edit.after.lists << after;
    edit.text = text;
    return edit;
}

// The end of a list, and the places after it for more todos.
double endOf(const TodoStore &store, const QString &listId)
{
    return store.newTodo(listId, {}).position;
}

// The list deleted, with its live todos before and after change(); text
// (a QT_TRANSLATE_NOOP in TodoCommands) takes the list's name.
template<typename Change>
Edit deleteListWith(const TodoStore &store, const QString &listId, Timestamp::Micros now, const char *text, Change change)
{
    const auto before = store.list(listId);
    if (!before || before->isInbox)
        return {};
    TodoList after = *before;
    after.deletedAt = now;
    Edit edit = listEdit(*before, after, QCoreApplication::translate("TodoCommands", text).arg(before->name));
    edit.before.todos = store.todosInList(listId);
    edit.after.todos = edit.before.todos;
    change(edit.after.todos);
    return edit;
}

} // namespace

namespace TodoOperations {

Edit addTodo(const Todo &added)
{
    Todo todo = added;
    RepeatOperations::prepare(todo, todo.createdAt, true);
    // Before the add, the row "exists" as a tombstone: undo deletes it the way
    // every delete works, so a sync in between sees an ordinary delete.
    Todo tombstone = todo;
    tombstone.deletedAt = todo.createdAt;
    Edit edit;
    edit.before.todos << tombstone;
    edit.after.todos << todo;
    edit.text = QCoreApplication::translate("TodoCommands", "Add “%1”").arg(todo.title.left(40));
    return edit;
}

Edit editTodo(const TodoStore &store, const Todo &edited, const QString &mergeField)
{
    const auto before = store.todo(edited.id);
    if (!before)
        return {};
    Todo after = edited;
    // Ticked in an editor: a repeating todo completes its occurrence.
    if (after.completed && !before->completed && before->repeats() && after.repeats())
        return completedEach(store, {*before}, 1, true, after.completedAt.value_or(Timestamp::now()));
    if (after.listId != before->listId && store.list(after.listId))
        after.position = endOf(store, after.listId);
    RepeatOperations::prepare(after, Timestamp::now(), after.repeatRule != before->repeatRule);
    RepeatOperations::keepDoneDaysDone(store, after);
    const QString key = mergeField.isEmpty() ? QString() : edited.id + u':' + mergeField;
    Edit edit = todoEdit({*before}, {after}, QCoreApplication::translate("TodoCommands", "Edit “%1”").arg(edited.title.left(40)), key);
    // A parent's subtasks share its list. A step that moves them stays a
    // step of its own: a merge keeps the first step's rows for undo.
    if (SubtaskOperations::moveSubtasksAlong(store, edit))
        edit.mergeKey.clear();
    return edit;
}

Edit setCompleted(const TodoStore &store, const QStringList &ids, bool completed, Timestamp::Micros now)
{
    return completedEach(store, store.todos(ids), int(ids.size()), completed, now);
}

Edit toggleCompleted(const TodoStore &store, const QStringList &ids)
{
    const QList<Todo> todos = store.todos(ids);
    const bool allDone = !todos.isEmpty()
        && std::all_of(todos.cbegin(), todos.cend(), [](const Todo &t) { return t.completed; });
    // The rows just read: a selection of 100,000 is read once.
    return completedEach(store, todos, int(ids.size()), !allDone, Timestamp::now());
}

Edit deleteTodos(const TodoStore &store, const QStringList &ids, Timestamp::Micros now)
{
    // A parent takes its subtasks with it; they go first, so the server sees
    // the parent's delete after theirs (docs/repeats.md, subtasks).
    const QStringList children = store.subtaskIds(ids);
    Edit edit = editEach(store, children + ids,
                         QCoreApplication::translate("TodoCommands", "Delete %n todo(s)", nullptr, int(ids.size())),
                         [=](Todo &todo) { todo.deletedAt = now; });
    ReminderOperations::deleteWithTodos(store, edit);
    return edit;
}

Edit setPriority(const TodoStore &store, const QStringList &ids, Priority priority)
{
    return editEach(store, ids, QCoreApplication::translate("TodoCommands", "Set priority of %n todo(s)", nullptr, int(ids.size())),
                    [=](Todo &todo) { todo.priority = priority; });
}

Edit setDueDate(const TodoStore &store, const QStringList &ids, std::optional<QDate> date)
{
    const int n = int(ids.size());
    if (!date) {
        return editEach(store, ids, QCoreApplication::translate("TodoCommands", "Remove the due date of %n todo(s)", nullptr, n),
                        [](Todo &todo) {
                            todo.dueAt.reset();
                            todo.dueHasTime = false;
                        });
    }
    return editEach(store, ids, QCoreApplication::translate("TodoCommands", "Reschedule %n todo(s)", nullptr, n),
                    [day = *date, &store](Todo &todo) {
                        if (todo.dueAt && todo.dueHasTime) {
                            // The time of day where the todo keeps it: a repeat's zone, else this computer's.
                            const QTimeZone zone = todo.repeats() && !todo.timeZone.isEmpty()
                                ? QTimeZone(todo.timeZone.toUtf8())
                                : QTimeZone::systemTimeZone();
                            const QTime time = Timestamp::toUtc(*todo.dueAt).toTimeZone(zone).time();
                            todo.dueAt = Timestamp::fromDateTime(QDateTime(day, time, zone));
                        } else {
                            todo.dueAt = Timestamp::fromDate(day);
                            todo.dueHasTime = false;
                        }
                        RepeatOperations::keepDoneDaysDone(store, todo);
                    });
}

Edit addTag(const TodoStore &store, const QStringList &ids, const QString &tag)
{
    const QString name = TagKey::displayName(tag);
    const QString key = TagKey::of(name);
    if (name.isEmpty())
        return {};
    return editEach(store, ids, QCoreApplication::translate("TodoCommands", "Add tag “%1” to %n todo(s)", nullptr, int(ids.size())).arg(name),
                    [&](Todo &todo) {
                        const bool has = std::any_of(todo.tags.cbegin(), todo.tags.cend(),
                                                     [&](const QString &t) { return TagKey::of(t) == key; });
                        if (!has)
                            todo.tags << name;
                    });
}

Edit removeTag(const TodoStore &store, const QStringList &ids, const QString &tag)
{
    const QString key = TagKey::of(TagKey::displayName(tag));
    if (key.isEmpty())
        return {};
    return editEach(store, ids, QCoreApplication::translate("TodoCommands", "Remove tag “%1” from %n todo(s)", nullptr, int(ids.size())).arg(TagKey::displayName(tag)),
                    [&](Todo &todo) {
                        todo.tags.removeIf([&](const QString &t) { return TagKey::of(t) == key; });
                    });
}

Edit moveToList(const TodoStore &store, const QStringList &ids, const QString &listId)
{
    if (!store.list(listId))
        return {};
    const QList<Todo> before = store.todos(ids);
    double position = endOf(store, listId);
    QList<Todo> after = before;
    for (Todo &todo : after) {
        if (todo.listId == listId)
            continue;
        todo.listId = listId;
        todo.position = position;
        position += 1.0;
    }
    Edit edit = todoEdit(before, after, QCoreApplication::translate("TodoCommands", "Move %n todo(s)", nullptr, int(ids.size())));
    SubtaskOperations::moveSubtasksAlong(store, edit);
    return edit;
}

Edit reorder(const TodoStore &store, const QStringList &ids, const QString &listId,
             std::optional<double> afterPosition, std::optional<double> beforePosition)
{
    if (ids.isEmpty() || !store.list(listId))
        return {};
    const double low = afterPosition.value_or(beforePosition ? *beforePosition - 1.0 : 0.0);
    const double high = beforePosition.value_or(low + double(ids.size()) + 1.0);
    const double step = (high - low) / double(ids.size() + 1);
    const QList<Todo> before = store.todos(ids);
    QList<Todo> after = before;
    for (qsizetype i = 0; i < after.size(); ++i) {
        after[i].listId = listId;
        after[i].position = low + step * double(i + 1);
    }
    return todoEdit(before, after, QCoreApplication::translate("TodoCommands", "Reorder %n todo(s)", nullptr, int(ids.size())));
}

Edit reorderBetween(const TodoStore &store, const QStringList &ids, const QString &listId,
                    const QString &afterId, const QString &beforeId)
{
    const auto after = afterId.isEmpty() ? std::nullopt : store.todo(afterId);
    const auto before = beforeId.isEmpty() ? std::nullopt : store.todo(beforeId);
    return reorder(store, ids, listId, after ? std::optional(after->position) : std::nullopt,
                   before ? std::optional(before->position) : std::nullopt);
}

Edit createList(const TodoStore &store, const QString &name, QString *newId)
{
    if (name.trimmed().isEmpty())
        return {};
    const TodoList list = store.newList(name);
    TodoList tombstone = list;
    tombstone.deletedAt = list.createdAt;
    if (newId)
        *newId = list.id;
    return listEdit(tombstone, list, QCoreApplication::translate("TodoCommands", "New list “%1”").arg(list.name));
}

Edit renameList(const TodoStore &store, const QString &listId, const QString &name)
{
    const auto before = store.list(listId);
    if (!before || name.trimmed().isEmpty() || before->name == name.trimmed())
        return {};
    TodoList after = *before;
    after.name = name.trimmed();
    return listEdit(*before, after, QCoreApplication::translate("TodoCommands", "Rename list to “%1”").arg(after.name));
}

Edit deleteList(const TodoStore &store, const QString &listId, Timestamp::Micros now)
{
    Edit edit = deleteListWith(store, listId, now, QT_TRANSLATE_NOOP("TodoCommands", "Delete list “%1”"),
                               [now](QList<Todo> &todos) {
                                   for (Todo &todo : todos)
                                       todo.deletedAt = now;
                               });
    ReminderOperations::deleteWithTodos(store, edit);
    return edit;
}

Edit deleteListKeepingTodos(const TodoStore &store, const QString &listId, Timestamp::Micros now)
{
    const QString inbox = store.inboxId();
    double position = endOf(store, inbox);
    return deleteListWith(store, listId, now, QT_TRANSLATE_NOOP("TodoCommands", "Delete list “%1”, its todos to the Inbox"),
                          [&](QList<Todo> &todos) {
                              for (Todo &todo : todos) {
                                  todo.listId = inbox;
                                  todo.position = position;
                                  position += 1.0;
                              }
                          });
}

Edit moveList(const TodoStore &store, const QString &listId, int newIndex)
{
    QList<TodoList> others;
    std::optional<TodoList> moving;
    for (const TodoList &list : store.lists()) {
        if (list.id == listId)
            moving = list;
        else if (!list.isInbox)
            others << list;
    }
    if (!moving || moving->isInbox)
        return {};
    newIndex = std::clamp(newIndex, 0, int(others.size()));
    const double low = newIndex > 0 ? others.at(newIndex - 1).position
                       : others.isEmpty() ? 0.0
                                          : others.first().position - 2.0;
    const double high = newIndex < others.size() ? others.at(newIndex).position : low + 2.0;
    TodoList after = *moving;
    after.position = (low + high) / 2.0;
    if (after.position == moving->position)
        return {};
    return listEdit(*moving, after, QCoreApplication::translate("TodoCommands", "Move list “%1”").arg(moving->name));
}

bool apply(TodoStore &store, const Edit &edit)
{
    return edit.isEmpty() || store.apply(edit.after);
}

} // namespace TodoOperations
