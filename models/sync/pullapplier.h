#pragma once

#include "pullset.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QStringList>

// Writes a pull into the local cache. A pull never overwrites a pending
// local edit: for a field with an outbox entry, the local value stays, and
// the push that follows carries it to the server (where the later commit
// wins). Pulled rows write no outbox entries. Work is split into short
// transactions, so the window's own writes are never kept waiting for long.
class PullApplier
{
public:
    static constexpr int kRowsPerTransaction = 2000;
    // From this many todos on (a first sync, a full resync) one transaction
    // that rebuilds the indexes at the end is faster than chunks.
    static constexpr int kBulkRows = 20000;

    explicit PullApplier(const QSqlDatabase &db);

    // Live local todos the pull would delete (those with pending edits do not count).
    int deletionCount(const PullSet &pull);
    int liveTodoCount() const;
    bool apply(const PullSet &pull, QString *error);

    QStringList changedTodoIds() const { return m_changedTodos; }
    bool listsChanged() const { return m_listsChanged; }
    bool tagsChanged() const { return m_tagsChanged; }

private:
    void loadPending();
    bool applyLists(const QList<PullSet::ListRow> &rows, QString *error);
    bool applyTodos(const QList<PullSet::TodoRow> &rows, qsizetype from, qsizetype to, QString *error);
    bool applyTodosInBulk(const QList<PullSet::TodoRow> &rows, QString *error);
    bool writeTodos(const QList<PullSet::TodoRow> &rows, qsizetype from, qsizetype to, QString *error);
    bool applyLinks(const QList<PullSet::TagLink> &links, QString *error);
    bool applyConflicts(const QList<PullSet::Conflict> &conflicts, QString *error);

    QSqlDatabase m_db;
    QHash<QString, QSet<QString>> m_pendingTodoFields;
    QHash<QString, QSet<QString>> m_pendingListFields;
    QSet<QString> m_pendingTagOps; // todo id + '\n' + case-folded tag name
    QStringList m_changedTodos;
    bool m_listsChanged = false;
    bool m_tagsChanged = false;
};
