#pragma once

#include "cloud/profile.h"
#include "syncengine.h"

#include <QObject>
#include <QPointer>
#include <QThread>

class LocalDatabase;

// The window's handle on sync: it owns the worker thread and its engine, and
// turns the engine's news into state the status bar shows, and into the
// LocalDatabase::changed announcements (origin Pull) that make the item
// models update after a pull.
//
// Destroying it never waits: a worker blocked in libpq (a server that does
// not answer) cannot be interrupted, so the worker is only asked to stop.
// Its thread ends once libpq gives up, deletes the engine and itself, and
// nothing it reports after that reaches anyone (this object is gone).
class SyncController : public QObject
{
    Q_OBJECT
public:
    SyncController(LocalDatabase *database, const Profile &profile, QObject *parent = nullptr);
    // Asks the worker to stop and returns at once.
    ~SyncController() override;

    // The worker thread, while it runs: it may outlive this controller.
    // Null once it finished (or when it never started: no server).
    QPointer<QThread> workerThread() const;

    SyncEngine::State state() const { return m_state; }
    QString message() const { return m_message; }
    std::optional<Timestamp::Micros> lastSyncAt() const { return m_lastSyncAt; }
    bool isEnabled() const { return m_profile.hasServer(); }
    const Profile &profile() const { return m_profile; }

public Q_SLOTS:
    void syncNow();
    void confirmDeletes();
    void userActive();

Q_SIGNALS:
    void stateChanged(SyncEngine::State state, const QString &message);
    void synced(Timestamp::Micros when);
    void confirmationNeeded(int deletions);
    void notice(const QString &text);

private:
    LocalDatabase *m_database;
    Profile m_profile;
    QThread *m_thread; // deletes itself when it finished
    SyncEngine *m_engine = nullptr;
    SyncEngine::State m_state = SyncEngine::State::Disabled;
    QString m_message;
    std::optional<Timestamp::Micros> m_lastSyncAt;
};
