#pragma once

#include "domain/reminder.h"
#include "domain/todo.h"
#include "domain/todolist.h"
#include "cachechange.h"
#include "sqlhelpers.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QStringList>

#include <memory>
#include <optional>

class LocalDatabase;

// A set of whole-row snapshots written together, in one transaction.
struct Changeset
{
    QList<TodoList> lists;
    QList<Todo> todos;
    QList<Reminder> reminders = {}; // written after the todos, which they name
    bool isEmpty() const { return lists.isEmpty() && todos.isEmpty() && reminders.isEmpty(); }
};

// The one way into the local cache. Reads return snapshots; apply() writes
// snapshots, records what changed in the outbox in the same transaction, and
// then announces the change, with its origin, through LocalDatabase::changed.
class TodoStore : public QObject
{
    Q_OBJECT
public:
    explicit TodoStore(LocalDatabase *database, QObject *parent = nullptr);

    LocalDatabase *database() const { return m_database; }

    std::optional<Todo> todo(const QString &id) const;
    QList<Todo> todos(const QStringList &ids) const;
    // The same rows by id, read a few thousand at a time (a selection of 100,000).
    QHash<QString, Todo> todosById(const QStringList &ids) const;
    QList<Todo> todosInList(const QString &listId) const;
    std::optional<TodoList> list(const QString &id) const;
    QList<TodoList> lists() const;
    QString inboxId() const;
    std::optional<TodoList> listByName(const QString &name) const; // case-insensitive
    QList<Tag> tags() const; // tags on at least one live todo, by name
    // The same, read through any connection (the sidebar counts on its own).
    static QList<Tag> tags(const QSqlDatabase &db);

    // New, unsaved snapshots with fresh ids and times.
    Todo newTodo(const QString &listId, const QString &title) const;
    TodoList newList(const QString &name) const;

    int pendingChangeCount() const;
    // The live subtasks of these todos that are not among them, in their
    // order; with openOnly, those not completed.
    QStringList subtaskIds(const QStringList &parentIds, bool openOnly = false) const;
    // How many occurrences of a repeating todo have a live record.
    int occurrenceCount(const QString &seriesId) const;
    // The latest occurrence of a repeating todo that has a live record.
    std::optional<Timestamp::Micros> lastOccurrence(const QString &seriesId) const;

    // Reminders (todostorereminders.cpp). reminders(): a todo's, in the
    // order they were made; armedReminders(): the live ones of live, open
    // todos, which the planner looks at.
    std::optional<Reminder> reminder(const QString &id) const;
    QList<Reminder> reminders(const QStringList &todoIds) const;
    QList<Reminder> armedReminders() const;
    // Records that this desktop showed these reminders for these fire times
    // (id -> time). Local bookkeeping only: no outbox entry, no announcement.
    bool markRemindersFired(const QHash<QString, Timestamp::Micros> &fired);

    // Writes the snapshots. A list cannot be renamed to nothing and the inbox
    // cannot be deleted; such a changeset is refused whole.
    // changed() carries the origin: LocalEdit for an edit, Undo for the undo
    // stack stepping, Import for an import.
    bool apply(const Changeset &changes, CacheChange::Origin origin = CacheChange::Origin::LocalEdit);
    QString lastError() const { return m_lastError; }
    // Hides entries of the conflict log for good (dismissed = 1): all of
    // them or, when one cannot be written, none. One transaction.
    bool dismissConflicts(const QList<qint64> &ids);

    // The writes that keep the cache's own rows and outbox in step with the
    // cloud, on whichever connection runs them (the sync engine has its own,
    // on its own thread): todostoresync.cpp. With the writes of apply(), the
    // only code that writes outbox entries (tests/models check it).
    //
    // The Inbox row and its outbox entry, when the cache has no live Inbox.
    // In the caller's transaction.
    static bool writeInbox(const QSqlDatabase &db, QString *error);
    // The whole cache as outbox entries, for a new identity (see
    // IdentitySwitch): what waited in the outbox is dropped, it is in the
    // rows. In the caller's transaction; *liveTodos counts the live todos.
    static bool reseedOutbox(const QSqlDatabase &db, int *liveTodos, QString *error);
    // Moves every todo of list `from` (this cache's Inbox) to `to` (the
    // server's), in the rows and in the waiting changes' list ids, and
    // removes `from`. Its own transaction.
    static bool moveInbox(const QSqlDatabase &db, const QString &from, const QString &to, QString *error);

Q_SIGNALS:
    void writeFailed(const QString &message);

private:
    bool fail(const QString &message);
    // The reminders of a changeset and their outbox entries, in apply()'s
    // transaction; appends the ids of their todos.
    bool writeReminders(const QList<Reminder> &reminders, Timestamp::Micros now, QStringList *todoIds);

    Sql::Statements &preparedStatements(const QSqlDatabase &db);

    LocalDatabase *m_database;
    QString m_lastError;
    std::unique_ptr<Sql::Statements> m_statements;
};
