#include "commitledger.h"

#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace CommitLedger {

namespace {

struct Registry
{
    QMutex mutex;
    QHash<QString, std::shared_ptr<Tally>> owners;
    std::shared_ptr<Tally> unowned = std::make_shared<Tally>();
};

Registry &registry()
{
    static Registry instance;
    return instance;
}

} // namespace

void claim(const QString &connectionName, const std::shared_ptr<Tally> &tally)
{
    Registry &r = registry();
    const QMutexLocker lock(&r.mutex);
    r.owners.insert(connectionName, tally);
}

void release(const QString &connectionName)
{
    Registry &r = registry();
    const QMutexLocker lock(&r.mutex);
    r.owners.remove(connectionName);
}

Count countFor(const Tally &own)
{
    const Tally &unowned = *registry().unowned;
    // finished before started: a COMMIT that ends between the two reads
    // leaves them unequal, and the reader looks again later.
    Count count;
    count.committed = own.committed.load() + unowned.committed.load();
    count.finished = own.finished.load() + unowned.finished.load();
    count.started = own.started.load() + unowned.started.load();
    return count;
}

CommitScope::CommitScope(const QSqlDatabase &db)
{
    Registry &r = registry();
    {
        const QMutexLocker lock(&r.mutex);
        m_tally = r.owners.value(db.connectionName(), r.unowned);
    }
    ++m_tally->started;
}

CommitScope::~CommitScope()
{
    if (m_committed)
        ++m_tally->committed;
    ++m_tally->finished;
}

qint64 changesSoFar(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(u"SELECT total_changes()"_s) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

void countInFile(const QSqlDatabase &db)
{
    QSqlQuery bump(db);
    bump.exec(u"INSERT INTO meta(key, value) VALUES ('commits', 1)"
              " ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"_s);
}

} // namespace CommitLedger
