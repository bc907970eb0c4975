#pragma once

#include "migrationreport.h"
#include "migrationrunner.h"

#include <QMetaType>
#include <QObject>

#include <atomic>

Q_DECLARE_METATYPE(MigrationReport)

// Runs MigrationRunner::run() on a thread of its own. Progress and the result
// leave it by signals, queued to receivers in the window's thread, so the
// window never waits on it.
//
// Nobody owns a started worker: it and its thread delete themselves once the
// run has ended. A page that goes away (the wizard closed while the run
// connects to a server that never answers) cancels it and forgets it; Qt
// drops the connections to the page with the page, so nothing of the run
// reaches it later, and nothing ever waits for the thread, not even at exit.
class MigrationWorker : public QObject
{
    Q_OBJECT
public:
    // Connect to the signals, then start().
    explicit MigrationWorker(const MigrationRunner::Options &options);

    void start();
    // From any thread: the run stops between two batches, or right after
    // the connection attempt; the cloud keeps whole batches only.
    void cancel() { m_cancel.store(true); }

Q_SIGNALS:
    void progressed(qint64 done, qint64 total, double seconds);
    void finished(const MigrationReport &report);

private:
    void run();

    MigrationRunner::Options m_options;
    std::atomic<bool> m_cancel{false};
};
