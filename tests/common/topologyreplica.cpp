#include "topologyreplica.h"

#include "cloud/profile.h"
#include "sync/pullapplier.h"
#include "sync/syncengine.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QSemaphore>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// PullApplier's hook is one for the process; it finds the replica by the
// engine thread it runs on. In-process replicas (SyncReplica) apply pulls
// on the main thread, which no replica claims.
QMutex registryMutex;
QHash<QThread *, TopologyReplica *> &registry()
{
    static QHash<QThread *, TopologyReplica *> replicas;
    return replicas;
}

} // namespace

TopologyReplica::TopologyReplica(const ScratchDatabase &cloud, bool viaBouncer)
    : database(std::make_unique<LocalDatabase>())
{
    const auto opened = database->open(dir.filePath(u"tandem.db"_s));
    if (!opened.ok())
        qFatal("cannot open a replica's cache: %s", qPrintable(opened.detail));
    store = std::make_unique<TodoStore>(database.get());

    QString error;
    const auto config = ConnectionConfig::parse(cloud.connectionString({}, viaBouncer), &error);
    if (!config)
        qFatal("bad test connection string: %s", qPrintable(error));
    Profile profile = Profile::defaults(ProfileName::Development);
    profile.connection = *config;
    profile.syncIntervalSeconds = 3600; // the engine's own syncs: after edits and on LISTEN only
    profile.idleDisconnectSeconds = 0;

    {
        const QMutexLocker lock(&registryMutex);
        if (registry().isEmpty())
            PullApplier::setBeforeTransactionHookForTests([](const PullSet &pull, int transaction) {
                QStringList ids;
                for (const PullSet::TodoRow &row : pull.todos)
                    ids << row.todo.id;
                onPullTransaction(ids, transaction);
            });
        registry().insert(&m_thread, this);
    }

    // As SyncController does it.
    m_thread.setObjectName(u"tandem-sync"_s);
    m_engine = new SyncEngine(database->filePath(), profile);
    m_engine->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    connect(&m_thread, &QThread::started, m_engine, &SyncEngine::start);
    connect(database.get(), &LocalDatabase::changed, this, [this](const CacheChange &change) {
        if (change.isLocal())
            QMetaObject::invokeMethod(m_engine, &SyncEngine::localChanged, Qt::QueuedConnection);
    });

    // Direct: counted on the engine's thread as they happen, so that sync()
    // knows which sync began after its request.
    connect(
        m_engine, &SyncEngine::stateChanged, m_engine,
        [this](SyncEngine::State state, const QString &message) {
            const QMutexLocker lock(&m_mutex);
            if (state == SyncEngine::State::Syncing) {
                ++m_started;
                m_running = true;
            } else if (m_running && state != SyncEngine::State::Online) {
                m_running = false;
                SyncResult failed;
                failed.error = state == SyncEngine::State::NeedsConfirmation
                    ? SyncResult::Error::NeedsConfirmation
                    : SyncResult::Error::ServerFailure;
                failed.message = message.isEmpty() ? u"engine state %1"_s.arg(int(state)) : message;
                m_results << failed;
            }
        },
        Qt::DirectConnection);
    connect(
        m_engine, &SyncEngine::synced, m_engine,
        [this](Timestamp::Micros, int pushed, int pulled, int conflicts) {
            const QMutexLocker lock(&m_mutex);
            m_running = false;
            SyncResult done;
            done.pushedChanges = pushed;
            done.pulledRows = pulled;
            done.conflicts = conflicts;
            m_results << done;
        },
        Qt::DirectConnection);
    m_thread.start();
}

TopologyReplica::~TopologyReplica()
{
    // An engine waiting for a window edit gives up, so that stop() can run.
    m_windowEdits = false;
    {
        const QMutexLocker lock(&registryMutex);
        registry().remove(&m_thread);
    }
    QMetaObject::invokeMethod(m_engine, &SyncEngine::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    store.reset();
    database.reset();
}

SyncResult TopologyReplica::sync(int timeoutMs)
{
    // The request runs on the engine's thread between two of its syncs: the
    // next one to begin is the first that sees everything written before it.
    auto first = std::make_shared<std::atomic<int>>(-1);
    QMetaObject::invokeMethod(
        m_engine,
        [this, first] {
            {
                const QMutexLocker lock(&m_mutex);
                *first = m_started;
            }
            m_engine->syncNow();
        },
        Qt::QueuedConnection);
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        {
            const QMutexLocker lock(&m_mutex);
            if (*first >= 0 && m_results.size() > *first)
                return m_results.at(*first);
        }
        QTest::qWait(2); // the window's events: the engine may be waiting for a window edit
    }
    SyncResult timedOut;
    timedOut.error = SyncResult::Error::Timeout;
    timedOut.message = u"the engine did not finish a sync in %1 ms"_s.arg(timeoutMs);
    return timedOut;
}

void TopologyReplica::onPullTransaction(const QStringList &pulledTodoIds, int transaction)
{
    TopologyReplica *replica = nullptr;
    {
        const QMutexLocker lock(&registryMutex);
        replica = registry().value(QThread::currentThread());
    }
    if (replica)
        replica->editFromWindow(pulledTodoIds, transaction);
}

void TopologyReplica::editFromWindow(const QStringList &pulledTodoIds, int transaction)
{
    // On the engine's thread, between two of the pull's transactions: the
    // window writes now, through its own connection, and the pull goes on after.
    if (!m_windowEdits)
        return;
    auto done = std::make_shared<QSemaphore>();
    QMetaObject::invokeMethod(
        this,
        [this, pulledTodoIds, transaction, done] {
            if (m_windowEdits && m_windowEdit && m_windowEdit(pulledTodoIds, transaction))
                ++m_editsDuringPull;
            done->release();
        },
        Qt::QueuedConnection);
    while (!done->tryAcquire(1, 20)) {
        if (!m_windowEdits)
            return;
    }
}
