#pragma once

#include "cloud/profile.h"

#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <memory>
#include <optional>

class LocalDatabase;
class SyncController;

// Owns the running sync (one SyncController at a time) and its restarts:
// new settings saved, or Tandem quitting. Nothing here waits on the network.
//
// A restart asks the old engine to stop and starts the new one only once the
// old worker thread has finished: a worker stuck in libpq's connect (a server
// that does not answer) may hold on for connect_timeout, and two engines on
// the same cache at once could push the same outbox twice. Whatever the old
// engine reports meanwhile goes nowhere: its controller is already gone.
class SyncSetup : public QObject
{
    Q_OBJECT
public:
    explicit SyncSetup(LocalDatabase *database, QObject *parent = nullptr);
    // Like shutdown(): asks, does not wait.
    ~SyncSetup() override;

    // The running controller; null while none runs or an old one still stops.
    SyncController *controller() const { return m_current.get(); }
    // Whether an old worker is still finishing (the new one waits for it).
    bool isStopping() const;

    // Sync with this profile from now on: at once, or as soon as the worker
    // being replaced has finished. A newer restart replaces a waiting one.
    void restart(const Profile &profile);
    // No sync any more (Tandem quits). Returns the worker threads that are
    // still finishing, for waitForThreads() at the very end of main().
    QList<QPointer<QThread>> shutdown();

    // Waits for the threads until the deadline; true when all finished. For
    // the end of main(), after the window is gone: never in the event loop.
    static bool waitForThreads(const QList<QPointer<QThread>> &threads, QDeadlineTimer deadline);

Q_SIGNALS:
    // The controller the window shows (null between stopping and starting).
    void controllerChanged(SyncController *controller);

private:
    void retireCurrent();
    void startWhenQuiet();

    LocalDatabase *m_database;
    std::unique_ptr<SyncController> m_current;
    std::optional<Profile> m_next; // waits for the old worker
    QList<QPointer<QThread>> m_stopping;
};
