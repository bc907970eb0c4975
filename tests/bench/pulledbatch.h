#pragma once

#include <QObject>
#include <QStringList>

class LocalDatabase;

// A batch of changed todos arriving from the cloud, the way the sync engine
// brings it: on a worker thread with its own connection to the cache file,
// PullApplier writes a PullSet of existing todos (a new title each, so a
// batch and the next one on the same todos undo each other), and then the
// UI thread is told through a queued call, as SyncController forwards
// SyncEngine::cacheChanged.
class PulledBatch : public QObject
{
public:
    explicit PulledBatch(LocalDatabase *database);

    // Picks `batches` sets of `size` live todos, spread over every list
    // (ordered by their random ids), from the UI thread's connection.
    bool prepare(int batches, int size, QString *error);
    int batches() const { return int(m_batches.size()); }

    // Applies batch `index` on a worker thread and waits for it. The
    // notification is then queued for this thread, not yet delivered: the
    // next turn of the event loop delivers it.
    bool applyOnWorker(int index, QString *error);
    // Whether the last batch's notification has been delivered.
    bool announced() const { return m_announced; }
    const QStringList &lastChangedIds() const { return m_lastChanged; }
    // The title the last batch gave its first todo.
    QString lastFirstTitle() const { return m_firstTitle; }

    // What the UI thread does with a pull's result: exactly what SyncController
    // does with SyncEngine::cacheChanged.
    static void announcePull(LocalDatabase *database, const QStringList &todoIds, bool lists, bool tags);

private:
    LocalDatabase *m_database;
    QList<QStringList> m_batches;
    QStringList m_lastChanged;
    QString m_firstTitle;
    bool m_announced = false;
    qint64 m_xid = 1'000'000'000;
};
