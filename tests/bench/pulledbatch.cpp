#include "pulledbatch.h"

#include "store/localdatabase.h"
#include "store/sqlhelpers.h"
#include "store/todorows.h"
#include "sync/pullapplier.h"

#include <QScopeGuard>
#include <QSqlDatabase>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString kPulledSuffix = u" (changed on another desktop)"_s;

// Runs on the worker: what SyncSession does with a fetched PullSet, minus
// the network. Returns false with error set when a write failed.
bool applyBatch(const QString &filePath, const QStringList &ids, qint64 xid, QStringList *changed,
                QString *firstTitle, bool *lists, bool *tags, QString *error)
{
    const QString name = u"tandem-bench-pull-%1"_s.arg(xid);
    const auto removeConnection = qScopeGuard([&name] { QSqlDatabase::removeDatabase(name); });
    QSqlDatabase db = LocalDatabase::openExtraConnection(filePath, name, error);
    if (!db.isOpen())
        return false;
    PullSet pull;
    const Timestamp::Micros now = Timestamp::now();
    for (const QString &id : ids) {
        std::optional<Todo> todo = TodoRows::load(db, id);
        if (!todo) {
            *error = u"todo %1 is missing"_s.arg(id);
            return false;
        }
        todo->title = todo->title.endsWith(kPulledSuffix) ? todo->title.chopped(kPulledSuffix.size())
                                                          : todo->title + kPulledSuffix;
        todo->updatedAt = now;
        todo->tags.clear(); // a pulled row carries no tags: they come as links
        pull.todos.append({*todo, xid});
    }
    *firstTitle = pull.todos.isEmpty() ? QString() : pull.todos.constFirst().todo.title;
    PullApplier applier(db);
    if (!applier.apply(pull, QString(), error))
        return false;
    *changed = applier.changedTodoIds();
    *lists = applier.listsChanged();
    *tags = applier.tagsChanged();
    db.close();
    return true;
}

} // namespace

PulledBatch::PulledBatch(LocalDatabase *database)
    : m_database(database)
{
}

bool PulledBatch::prepare(int batches, int size, QString *error)
{
    m_batches.clear();
    auto query = Sql::select(m_database->database(),
                             u"SELECT id FROM todos WHERE deleted_at IS NULL ORDER BY id LIMIT ?"_s,
                             {batches * size}, error);
    QStringList ids;
    while (query && query->next())
        ids << query->value(0).toString();
    if (ids.size() < batches * size) {
        if (error->isEmpty())
            *error = u"the cache has %1 live todos, %2 needed for the pulled batches"_s.arg(ids.size()).arg(batches * size);
        return false;
    }
    for (int b = 0; b < batches; ++b)
        m_batches << ids.mid(b * size, size);
    return true;
}

bool PulledBatch::applyOnWorker(int index, QString *error)
{
    const QStringList ids = m_batches.at(index % m_batches.size());
    const QString filePath = m_database->filePath();
    const qint64 xid = ++m_xid;
    bool ok = false;
    m_announced = false;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        QStringList changed;
        bool lists = false;
        bool tags = false;
        ok = applyBatch(filePath, ids, xid, &changed, &m_firstTitle, &lists, &tags, error);
        if (!ok)
            return;
        // SyncEngine::cacheChanged reaches SyncController by a queued
        // connection: the same hop to this (the UI) thread.
        QMetaObject::invokeMethod(this, [this, changed, lists, tags] {
            m_lastChanged = changed;
            m_announced = true;
            announcePull(m_database, changed, lists, tags);
        }, Qt::QueuedConnection);
    }));
    worker->setObjectName(u"tandem-bench-pull"_s);
    worker->start();
    worker->wait();
    return ok;
}

void PulledBatch::announcePull(LocalDatabase *database, const QStringList &todoIds, bool lists, bool tags)
{
    // As SyncController's handler of SyncEngine::cacheChanged.
    database->announce({CacheChange::Origin::Pull, todoIds, lists, tags});
}
