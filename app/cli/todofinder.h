#pragma once

#include "domain/todo.h"
#include "domain/todolist.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

class TodoStore;

// The reads tandem-cli needs beyond TodoStore's own: the todos to show, in
// the order the desktop app shows them, and the todo or list a person named
// on the command line. Writes stay with TodoStore::apply().
class TodoFinder
{
    Q_DECLARE_TR_FUNCTIONS(TodoFinder)
public:
    static constexpr int kShortId = 8; // how much of an id `list` prints
    static constexpr int kMinimumPrefix = 4; // the shortest prefix taken, as in git

    explicit TodoFinder(TodoStore *store);

    // The todos that are not deleted (and, unless includeCompleted, not
    // done), by list position and then by their position in the list.
    // nullopt (with *error) when the cache cannot be read.
    std::optional<QList<Todo>> liveTodos(bool includeCompleted, QString *error) const;

    // A live todo by its full id or a unique prefix of at least
    // kMinimumPrefix characters, any case. nullopt with *error (one line)
    // otherwise; for a prefix too short, or shared by several todos, the
    // error says how many characters it takes.
    std::optional<Todo> todo(const QString &idOrPrefix, QString *error) const;

    // A live list by name, any case; "Inbox" (any case) is always the inbox,
    // whatever the inbox is called now. nullopt with *error otherwise.
    std::optional<TodoList> list(const QString &name, QString *error) const;

private:
    TodoStore *m_store;
};
