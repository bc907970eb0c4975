#include "syncsetup.h"

#include "synccontroller.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSetup, "tandem.sync.setup", QtInfoMsg)

SyncSetup::SyncSetup(LocalDatabase *database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{
}

SyncSetup::~SyncSetup()
{
    shutdown();
}

bool SyncSetup::isStopping() const
{
    for (const QPointer<QThread> &thread : m_stopping) {
        if (thread && !thread->isFinished())
            return true;
    }
    return false;
}

void SyncSetup::restart(const Profile &profile)
{
    m_next = profile;
    retireCurrent();
    startWhenQuiet();
}

QList<QPointer<QThread>> SyncSetup::shutdown()
{
    m_next.reset();
    retireCurrent();
    m_stopping.removeIf([](const QPointer<QThread> &thread) { return !thread || thread->isFinished(); });
    return m_stopping;
}

bool SyncSetup::waitForThreads(const QList<QPointer<QThread>> &threads, QDeadlineTimer deadline)
{
    for (const QPointer<QThread> &thread : threads) {
        if (thread && !thread->wait(deadline))
            return false;
    }
    return true;
}

void SyncSetup::retireCurrent()
{
    if (!m_current)
        return;
    Q_EMIT controllerChanged(nullptr); // the window lets go first
    if (QPointer<QThread> thread = m_current->workerThread()) {
        // Connected before the controller lets go of it: a thread that ends
        // in between still calls back (and startWhenQuiet() is idempotent).
        connect(thread, &QThread::finished, this, &SyncSetup::startWhenQuiet, Qt::QueuedConnection);
        m_stopping << thread;
    }
    m_current.reset(); // asks the worker to stop; does not wait
}

void SyncSetup::startWhenQuiet()
{
    if (!m_next || m_current)
        return;
    if (isStopping()) {
        qCInfo(lcSetup) << "waiting for the previous sync worker to finish";
        return; // its finished() calls again
    }
    m_stopping.clear();
    m_current = std::make_unique<SyncController>(m_database, *m_next);
    m_next.reset();
    Q_EMIT controllerChanged(m_current.get());
}
