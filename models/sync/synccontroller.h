#pragma once

#include "cloud/profile.h"
#include "syncengine.h"

#include <QObject>
#include <QThread>

class LocalDatabase;

// The window's handle on sync: it owns the worker thread and its engine, and
// turns the engine's news into state the status bar shows, and into the
// LocalDatabase signals that make the item models refresh after a pull.
class SyncController : public QObject
{
    Q_OBJECT
public:
    SyncController(LocalDatabase *database, const Profile &profile, QObject *parent = nullptr);
    ~SyncController() override;

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

private:
    LocalDatabase *m_database;
    Profile m_profile;
    QThread m_thread;
    SyncEngine *m_engine = nullptr;
    SyncEngine::State m_state = SyncEngine::State::Disabled;
    QString m_message;
    std::optional<Timestamp::Micros> m_lastSyncAt;
    bool m_forwardingPull = false;
};
