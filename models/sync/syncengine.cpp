#include "syncengine.h"

#include "store/localdatabase.h"
#include "syncsession.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QThread>
#include <QUuid>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcEngine, "tandem.sync.engine", QtInfoMsg)

SyncEngine::SyncEngine(const QString &databasePath, const Profile &profile)
    : m_databasePath(databasePath)
    , m_profile(profile)
    , m_localConnection(u"tandem-sync-local-"_s + QUuid::createUuid().toString(QUuid::Id128))
    , m_listenConnection(u"tandem-sync-listen-"_s + QUuid::createUuid().toString(QUuid::Id128))
    , m_syncTimer(this) // parented, so that moveToThread() takes the timers along
    , m_pollTimer(this)
    , m_idleTimer(this)
{
    m_syncTimer.setSingleShot(true);
    connect(&m_syncTimer, &QTimer::timeout, this, &SyncEngine::runSync);
    connect(&m_pollTimer, &QTimer::timeout, this, [this] { schedule(0); });
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, &SyncEngine::goIdle);
}

SyncEngine::~SyncEngine()
{
    stop();
}

void SyncEngine::start()
{
    // Runs in the worker thread: its connections belong to it.
    if (!m_profile.hasServer()) {
        setState(State::Disabled, tr("Sync is off: no cloud database is set up."));
        return;
    }
    QString error;
    QSqlDatabase local = LocalDatabase::openExtraConnection(m_databasePath, m_localConnection, &error);
    if (!local.isOpen()) {
        setState(State::Error, tr("Sync cannot open the local database: %1").arg(error));
        return;
    }
    SyncOptions options;
    options.statementTimeoutMs = m_profile.statementTimeoutMs;
    m_session = std::make_unique<SyncSession>(local, m_profile.connection, options);
    m_pollTimer.start(pollIntervalMs());
    userActive();
    schedule(0);
}

void SyncEngine::stop()
{
    m_syncTimer.stop();
    m_pollTimer.stop();
    m_idleTimer.stop();
    stopListening();
    m_session.reset();
    if (QSqlDatabase::contains(m_localConnection)) {
        QSqlDatabase::database(m_localConnection, false).close();
        QSqlDatabase::removeDatabase(m_localConnection);
    }
}

int SyncEngine::pollIntervalMs() const
{
    const int seconds = m_idle ? std::max(kIdlePollSeconds, m_profile.syncIntervalSeconds)
                               : std::max(1, m_profile.syncIntervalSeconds);
    return seconds * 1000;
}

void SyncEngine::schedule(int delayMs)
{
    if (!m_session)
        return;
    // Never later than already planned; a retry after failures keeps its backoff.
    if (m_syncTimer.isActive() && m_syncTimer.remainingTime() <= delayMs)
        return;
    m_syncTimer.start(delayMs);
}

void SyncEngine::syncNow()
{
    m_failures = 0;
    if (m_session && !m_pollTimer.isActive())
        m_pollTimer.start(pollIntervalMs()); // stopped by a failure that retrying cannot fix
    userActive();
    schedule(0);
}

void SyncEngine::localChanged()
{
    userActive();
    schedule(m_failures > 0 ? std::max(kLocalChangeDelayMs, m_syncTimer.remainingTime()) : kLocalChangeDelayMs);
}

void SyncEngine::confirmDeletes()
{
    m_confirmDeletes = true;
    schedule(0);
}

void SyncEngine::userActive()
{
    if (!m_session)
        return;
    if (m_idle) {
        m_idle = false;
        m_pollTimer.start(pollIntervalMs());
        schedule(0);
    }
    if (m_profile.idleDisconnectSeconds > 0)
        m_idleTimer.start(m_profile.idleDisconnectSeconds * 1000);
    if (!m_listening && !m_profile.connection.isPooled() && m_state != State::Error)
        startListening();
}

void SyncEngine::goIdle()
{
    // Nobody has touched Tandem for a while: let go of the server so that a
    // serverless compute can suspend, and look in only now and then.
    qCInfo(lcEngine) << "idle: closing cloud connections";
    m_idle = true;
    stopListening();
    if (m_session)
        m_session->disconnectFromServer();
    if (m_pollTimer.isActive()) // not when a failure that retrying cannot fix stopped it
        m_pollTimer.start(pollIntervalMs());
}

void SyncEngine::startListening()
{
    if (m_session == nullptr || m_session->notificationChannel().isEmpty())
        return; // the channel is known after the first successful handshake
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_listenConnection);
    m_profile.connection.applyTo(db);
    if (!db.open()) {
        qCInfo(lcEngine) << "LISTEN connection failed; polling instead";
        QSqlDatabase::removeDatabase(m_listenConnection);
        return;
    }
    connect(db.driver(), &QSqlDriver::notification, this, [this] {
        qCDebug(lcEngine) << "another desktop changed something";
        schedule(kNotificationDelayMs);
    });
    m_listening = db.driver()->subscribeToNotification(m_session->notificationChannel());
    qCInfo(lcEngine) << "listening for other desktops' changes:" << m_listening;
}

void SyncEngine::stopListening()
{
    if (!QSqlDatabase::contains(m_listenConnection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_listenConnection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_listenConnection);
    m_listening = false;
}

void SyncEngine::setState(State state, const QString &message)
{
    m_state = state;
    Q_EMIT stateChanged(state, message);
}

void SyncEngine::runSync()
{
    // Asked to stop (SyncController never waits for that): no new sync.
    if (!m_session || QThread::currentThread()->isInterruptionRequested())
        return;
    setState(State::Syncing);
    SyncOptions options = m_session->options();
    options.confirmDeletes = m_confirmDeletes;
    m_session->setOptions(options);
    const SyncResult result = m_session->sync();
    m_confirmDeletes = false;
    if (!result.notice.isEmpty())
        Q_EMIT notice(result.notice);

    const QStringList changed = m_session->changedTodoIds();
    if (!changed.isEmpty() || m_session->listsChanged() || m_session->tagsChanged() || m_session->remindersChanged())
        Q_EMIT cacheChanged(changed, m_session->listsChanged(), m_session->tagsChanged(), m_session->remindersChanged());

    if (result.ok()) {
        m_failures = 0;
        setState(State::Online);
        Q_EMIT synced(Timestamp::now(), result.pushedChanges, result.pulledRows, result.conflicts);
        if (!m_listening && !m_idle && !m_profile.connection.isPooled())
            startListening();
        return;
    }
    if (result.error == SyncResult::Error::NeedsConfirmation) {
        setState(State::NeedsConfirmation, result.message);
        Q_EMIT confirmationNeeded(result.pendingDeletions);
        return;
    }
    setState(result.error == SyncResult::Error::Unreachable ? State::Offline : State::Error, result.message);
    if (!result.retryable()) {
        // Trying again cannot fix this (the password, TLS, the schema, a
        // privilege): no backoff and no polling until the person acts (Sync
        // now, new settings, coming back from idle).
        m_pollTimer.stop();
        qCInfo(lcEngine) << "sync failed:" << result.message << "- not retrying: only a person can fix this";
        return;
    }
    // Exponential backoff, so a server that is down is not hammered.
    const int delay = std::min(kMaxRetryMs, kFirstRetryMs << std::min(m_failures, 16));
    ++m_failures;
    qCInfo(lcEngine) << "sync failed:" << result.message << "- retrying in" << delay << "ms";
    m_syncTimer.start(delay);
}
