#pragma once

#include "pullset.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>

// Writes a pull into the local cache. A pull never overwrites a pending
// local edit: for a field with an outbox entry, the local value stays, and
// the push that follows carries it to the server (where the later commit
// wins). Pulled rows write no outbox entries. Work is split into short
// transactions, so the window's own writes are never kept waiting for long.
//
// The window writes through its own connection while a pull is applied, so
// an edit can commit between two of these transactions. Each transaction
// therefore reads the pending fields of its own rows itself (BEGIN IMMEDIATE:
// no other writer can commit while it runs), and the pull cursor moves in
// the last one: a pull that stops half-way is applied again, whole.
class PullApplier
{
public:
    // Tests only: runs on the applying thread before each of apply()'s
    // transactions (numbered from 0), so that a test can commit a concurrent
    // edit exactly then.
    using TransactionHook = std::function<void(const PullSet &pull, int transaction)>;
    static void setBeforeTransactionHookForTests(TransactionHook hook);

    static constexpr int kRowsPerTransaction = 2000;
    // From this many todos on (a first sync, a full resync) one transaction
    // that rebuilds the indexes at the end is faster than chunks.
    static constexpr int kBulkRows = 20000;

    explicit PullApplier(const QSqlDatabase &db);

    // Live local todos the pull would delete (those with pending edits do not count).
    int deletionCount(const PullSet &pull);
    int liveTodoCount() const;
    // newCursor (when not empty) is stored in the same transaction as the last rows.
    bool apply(const PullSet &pull, const QString &newCursor, QString *error);

    QStringList changedTodoIds() const { return m_changedTodos; }
    bool listsChanged() const { return m_listsChanged; }
    bool tagsChanged() const { return m_tagsChanged; }
    bool remindersChanged() const { return m_remindersChanged; }

private:
    void loadPendingFields(const char *entity, const QStringList &ids, QHash<QString, QSet<QString>> *fields) const;
    void loadPendingTagOps();
    void beforeTransaction(const PullSet &pull, int *transaction) const;
    bool applyLists(const QList<PullSet::ListRow> &rows, QString *error);
    bool applyTodos(const QList<PullSet::TodoRow> &rows, qsizetype from, qsizetype to, QString *error);
    bool applyTodosInBulk(const QList<PullSet::TodoRow> &rows, QString *error);
    bool writeTodos(const QList<PullSet::TodoRow> &rows, qsizetype from, qsizetype to, QString *error);
    bool applyLinks(const QList<PullSet::TagLink> &links, QString *error);
    // pullapplierreminders.cpp
    bool applyReminders(const QList<PullSet::ReminderRow> &rows, QString *error);
    bool applyConflicts(const QList<PullSet::Conflict> &conflicts, const QString &newCursor, QString *error);

    QSqlDatabase m_db;
    QHash<QString, QSet<QString>> m_pendingTodoFields;
    QHash<QString, QSet<QString>> m_pendingListFields;
    QSet<QString> m_pendingTagOps; // todo id + '\n' + case-folded tag name
    QStringList m_changedTodos;
    bool m_listsChanged = false;
    bool m_tagsChanged = false;
    bool m_remindersChanged = false;
};
