#pragma once

#include "migrationreport.h"
#include "migrationrunner.h"

#include <QMetaType>
#include <QObject>

#include <atomic>

Q_DECLARE_METATYPE(MigrationReport)

// Runs MigrationRunner::run() in the thread it was moved to. Progress and the
// result leave it by queued signals, so the window never waits on it; cancel()
// may be called from any thread (the engine stops between two batches).
class MigrationWorker : public QObject
{
    Q_OBJECT
public:
    explicit MigrationWorker(const MigrationRunner::Options &options, QObject *parent = nullptr);

    void cancel() { m_cancel.store(true); }

public Q_SLOTS:
    void start();

Q_SIGNALS:
    void progressed(qint64 done, qint64 total, double seconds);
    void finished(const MigrationReport &report);

private:
    MigrationRunner::Options m_options;
    std::atomic<bool> m_cancel{false};
};
