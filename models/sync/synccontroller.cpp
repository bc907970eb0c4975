#include "synccontroller.h"

#include "store/localdatabase.h"
#include "syncstate.h"


using namespace Qt::StringLiterals;

SyncController::SyncController(LocalDatabase *database, const Profile &profile, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_profile(profile)
    , m_thread(new QThread)
{
    m_lastSyncAt = SyncState(database->database()).lastSyncAt();
    m_thread->setObjectName(u"tandem-sync"_s);
    m_engine = new SyncEngine(database->filePath(), profile);
    m_engine->moveToThread(m_thread);
    // Both go when the worker is done, whether or not this controller still exists:
    // the engine in the worker thread (its connections belong there), the
    // thread object in the thread that made it.
    connect(m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    connect(m_thread, &QThread::started, m_engine, &SyncEngine::start);

    connect(m_engine, &SyncEngine::stateChanged, this, [this](SyncEngine::State state, const QString &message) {
        m_state = state;
        m_message = message;
        Q_EMIT stateChanged(state, message);
    });
    connect(m_engine, &SyncEngine::synced, this, [this](Timestamp::Micros when) {
        m_lastSyncAt = when;
        Q_EMIT synced(when);
    });
    connect(m_engine, &SyncEngine::confirmationNeeded, this, &SyncController::confirmationNeeded);
    connect(m_engine, &SyncEngine::notice, this, &SyncController::notice);
    // The worker wrote through its own connection; tell the window's models.
    connect(m_engine, &SyncEngine::cacheChanged, this, [this](const QStringList &ids, bool lists, bool tags, bool reminders) {
        m_database->announce({CacheChange::Origin::Pull, ids, lists, tags, reminders});
    });
    // Every change made here: push soon. A pull came from the cloud and is
    // not pushed back (it would cost an empty sync after every pull).
    connect(database, &LocalDatabase::changed, this, [this](const CacheChange &change) {
        if (change.isLocal())
            QMetaObject::invokeMethod(m_engine, &SyncEngine::localChanged, Qt::QueuedConnection);
    });

    if (profile.hasServer())
        m_thread->start();
    else
        m_message = tr("Sync is off: no cloud database is set up.");
}

SyncController::~SyncController()
{
    if (!m_thread->isRunning() && !m_thread->isFinished()) {
        delete m_engine; // never started: no server
        delete m_thread;
        return;
    }
    // No waiting here (the window would freeze until libpq gives up). The
    // worker's event loop ends after the slot it is in returns; the engine
    // then stops in its own thread, from its destructor. The interruption
    // flag keeps it from starting another sync meanwhile.
    m_thread->requestInterruption();
    m_thread->quit();
}

QPointer<QThread> SyncController::workerThread() const
{
    if (!m_thread->isRunning())
        return nullptr;
    return m_thread;
}

void SyncController::syncNow()
{
    QMetaObject::invokeMethod(m_engine, &SyncEngine::syncNow, Qt::QueuedConnection);
}

void SyncController::confirmDeletes()
{
    QMetaObject::invokeMethod(m_engine, &SyncEngine::confirmDeletes, Qt::QueuedConnection);
}

void SyncController::userActive()
{
    QMetaObject::invokeMethod(m_engine, &SyncEngine::userActive, Qt::QueuedConnection);
}
