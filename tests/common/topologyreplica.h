#pragma once

#include "scratchdatabase.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "sync/syncresult.h"

#include <QMutex>
#include <QObject>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

class SyncEngine;

// One desktop as the app runs it: the window writes through its own
// connection on this (the main) thread, and the real SyncEngine syncs on a
// worker thread with its own connection to the same cache, started the way
// SyncController starts it. The engine also syncs on its own: after the
// window's edits and when another desktop's change is announced.
//
// setWindowEdit() lets the window write exactly while the engine applies a
// pull: before each of the pull's transactions, the engine thread waits
// while this thread runs the callback (PullApplier's test hook).
class TopologyReplica : public QObject
{
    Q_OBJECT
public:
    // Called on the window's thread with the ids of the todos being pulled
    // and the number of the pull's transaction about to begin (0 for the
    // first); returns whether it wrote anything.
    using WindowEdit = std::function<bool(const QStringList &pulledTodoIds, int transaction)>;

    explicit TopologyReplica(const ScratchDatabase &cloud, bool viaBouncer = false);
    ~TopologyReplica() override;

    // Asks the engine to sync and waits, with this thread's events running,
    // until a sync that began after the request has ended.
    SyncResult sync(int timeoutMs = 60000);

    void setWindowEdit(WindowEdit edit) { m_windowEdit = std::move(edit); }
    int editsDuringPull() const { return m_editsDuringPull; }

    QTemporaryDir dir;
    std::unique_ptr<LocalDatabase> database; // the window's connection
    std::unique_ptr<TodoStore> store;

private:
    static void onPullTransaction(const QStringList &pulledTodoIds, int transaction);
    void editFromWindow(const QStringList &pulledTodoIds, int transaction);

    QThread m_thread;
    SyncEngine *m_engine = nullptr;
    WindowEdit m_windowEdit;
    std::atomic<bool> m_windowEdits {true}; // off while shutting down
    int m_editsDuringPull = 0;

    QMutex m_mutex; // the counters below, written on the engine's thread
    int m_started = 0;
    bool m_running = false;
    QList<SyncResult> m_results; // of each sync that ended, in order
};
