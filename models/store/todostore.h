#pragma once

#include "domain/todo.h"
#include "domain/todolist.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <optional>

class LocalDatabase;

// A set of whole-row snapshots written together, in one transaction.
struct Changeset
{
    QList<TodoList> lists;
    QList<Todo> todos;
    bool isEmpty() const { return lists.isEmpty() && todos.isEmpty(); }
};

// The one way into the local cache. Reads return snapshots; apply() writes
// snapshots, records what changed in the outbox in the same transaction, and
// then tells the item models through LocalDatabase's signals.
class TodoStore : public QObject
{
    Q_OBJECT
public:
    explicit TodoStore(LocalDatabase *database, QObject *parent = nullptr);

    LocalDatabase *database() const { return m_database; }

    std::optional<Todo> todo(const QString &id) const;
    QList<Todo> todos(const QStringList &ids) const;
    QList<Todo> todosInList(const QString &listId) const;
    std::optional<TodoList> list(const QString &id) const;
    QList<TodoList> lists() const;
    QString inboxId() const;
    std::optional<TodoList> listByName(const QString &name) const; // case-insensitive
    QList<Tag> tags() const; // tags on at least one live todo, by name

    // New, unsaved snapshots with fresh ids and times.
    Todo newTodo(const QString &listId, const QString &title) const;
    TodoList newList(const QString &name) const;

    int pendingChangeCount() const;

    // Writes the snapshots. A list cannot be renamed to nothing and the inbox
    // cannot be deleted; such a changeset is refused whole.
    bool apply(const Changeset &changes);
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void writeFailed(const QString &message);

private:
    bool fail(const QString &message);

    LocalDatabase *m_database;
    QString m_lastError;
};
