#pragma once

#include "cachechange.h"
#include "commitledger.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

// Notices what other processes (tandem-cli, another program on the same
// file) committed to the local cache, and tells of it as a CacheChange with
// origin External. Every few hundred milliseconds it asks SQLite for the
// store connection's data_version, which moves only when another connection
// committed: a look that reads no table. When it moved, the file's count of
// commits against this process's own (CommitLedger) says whether anyone
// outside wrote; the outbox rows queued since the last look say which todos.
// The window's own commits, and the sync engine's, are never told again.
class ExternalChangeWatcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int kIntervalMs = 300;

    ExternalChangeWatcher(const QString &connectionName, std::shared_ptr<CommitLedger::Tally> own,
                          QObject *parent = nullptr);

    // One look now; the timer calls it too.
    void check();

Q_SIGNALS:
    void changedElsewhere(const CacheChange &change);

private:
    struct FileState
    {
        qint64 commits = -1;   // the file's count of commits
        qint64 outboxSeq = 0;  // the last outbox sequence number handed out
    };

    qint64 dataVersion() const;
    FileState readFileState() const;
    QStringList todosQueuedAfter(qint64 seq) const;
    void takeBaseline();

    QString m_connectionName;
    std::shared_ptr<CommitLedger::Tally> m_own;
    QTimer m_timer;
    qint64 m_dataVersion = -1;
    FileState m_file;
    CommitLedger::Count m_ownCount;
};
