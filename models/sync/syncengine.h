#pragma once

#include "cloud/profile.h"
#include "domain/timestamp.h"
#include "syncresult.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

#include <memory>

class SyncSession;

// Runs sync on a worker thread (SyncController puts it there), so the window
// never waits on the network. It syncs soon after a local change, when
// another desktop's change is announced over LISTEN (direct endpoint only;
// Neon's pooler cannot LISTEN), and at the profile's interval otherwise. It
// backs off after failures, and closes its connections after the profile's
// idle time so that Neon can scale the compute to zero.
class SyncEngine : public QObject
{
    Q_OBJECT
public:
    enum class State { Disabled, Offline, Syncing, Online, Error, NeedsConfirmation };
    Q_ENUM(State)

    static constexpr int kLocalChangeDelayMs = 800;  // gathers a burst of edits into one push
    static constexpr int kNotificationDelayMs = 50;
    static constexpr int kFirstRetryMs = 2000;
    static constexpr int kMaxRetryMs = 5 * 60 * 1000;
    static constexpr int kIdlePollSeconds = 15 * 60; // slower than Neon's 5-minute suspend

    SyncEngine(const QString &databasePath, const Profile &profile);
    ~SyncEngine() override;

public Q_SLOTS:
    void start();
    void stop();
    void syncNow();
    void localChanged();
    void confirmDeletes();
    void userActive();

Q_SIGNALS:
    void stateChanged(SyncEngine::State state, const QString &message);
    // After a sync that wrote to the local cache: for the item models.
    void cacheChanged(const QStringList &todoIds, bool listsChanged, bool tagsChanged, bool remindersChanged);
    void synced(Timestamp::Micros when, int pushed, int pulled, int conflicts);
    void confirmationNeeded(int deletions);
    // Something a sync did that the person must hear of once (SyncResult::notice).
    void notice(const QString &text);

private:
    void schedule(int delayMs);
    void runSync();
    void setState(State state, const QString &message = {});
    void startListening();
    void stopListening();
    void goIdle();
    int pollIntervalMs() const;

    QString m_databasePath;
    Profile m_profile;
    QString m_localConnection;
    QString m_listenConnection;
    std::unique_ptr<SyncSession> m_session;
    QTimer m_syncTimer;
    QTimer m_pollTimer;
    QTimer m_idleTimer;
    State m_state = State::Disabled;
    int m_failures = 0;
    bool m_idle = false;
    bool m_confirmDeletes = false;
    bool m_listening = false;
};
