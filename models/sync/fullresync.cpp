#include "fullresync.h"

#include "pullset.h"
#include "store/sqlhelpers.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace FullResync {

bool needed(const QString &cursor, const PullSet &pull)
{
    return cursor != u"0"_s && cursor.toLongLong() < pull.purgeXid.toLongLong();
}

QStringList missingTodos(const QSqlDatabase &local, const PullSet &full)
{
    // After a full resync: rows that came from the server but are no longer
    // there were tombstones purged while this desktop was away.
    QSet<QString> onServer;
    for (const PullSet::TodoRow &row : full.todos)
        onServer.insert(row.todo.id);
    QStringList gone;
    auto query = Sql::select(local,
                             u"SELECT id FROM todos WHERE sync_xid IS NOT NULL AND deleted_at IS NULL"
                             " AND id NOT IN (SELECT entity_id FROM outbox WHERE entity = 'todo')"_s,
                             {});
    while (query && query->next()) {
        if (!onServer.contains(query->value(0).toString()))
            gone << query->value(0).toString();
    }
    return gone;
}

bool retireMissingTodos(const QSqlDatabase &local, const PullSet &full, QStringList *retired,
                        QString *error)
{
    // The window writes through its own connection: look for the rows
    // inside the transaction, so an edit committed meanwhile keeps its row.
    Sql::WriteTransaction transaction(local);
    if (!transaction.isActive()) {
        *error = transaction.error();
        return false;
    }
    const QStringList gone = missingTodos(local, full);
    for (const QString &id : std::as_const(gone)) {
        if (!Sql::exec(local, u"UPDATE todos SET deleted_at = ? WHERE id = ?"_s, {Timestamp::now(), id}, error))
            return false;
    }
    *retired << gone;
    return transaction.commit() || (error->append(transaction.error()), false);
}

} // namespace FullResync
