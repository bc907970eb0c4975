#include "externalchangewatcher.h"

#include <QSqlDatabase>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

ExternalChangeWatcher::ExternalChangeWatcher(const QString &connectionName,
                                             std::shared_ptr<CommitLedger::Tally> own, QObject *parent)
    : QObject(parent)
    , m_connectionName(connectionName)
    , m_own(std::move(own))
{
    takeBaseline();
    m_timer.setInterval(kIntervalMs);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ExternalChangeWatcher::check);
    m_timer.start();
}

qint64 ExternalChangeWatcher::dataVersion() const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(u"PRAGMA data_version"_s) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

ExternalChangeWatcher::FileState ExternalChangeWatcher::readFileState() const
{
    // One statement, so both numbers come from the same snapshot.
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(u"SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'commits'), 0),"
                    " coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)"_s)
        || !query.next())
        return {};
    return {query.value(0).toLongLong(), query.value(1).toLongLong()};
}

QStringList ExternalChangeWatcher::todosQueuedAfter(qint64 seq) const
{
    // By the outbox's primary key: only the rows queued since the last look are read.
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(u"SELECT DISTINCT entity_id FROM outbox WHERE seq > ? AND entity IN ('todo', 'todo_tag')"_s);
    query.addBindValue(seq);
    QStringList ids;
    if (!query.exec())
        return ids;
    while (query.next())
        ids << query.value(0).toString();
    ids.removeDuplicates();
    return ids;
}

void ExternalChangeWatcher::takeBaseline()
{
    m_dataVersion = dataVersion();
    m_ownCount = CommitLedger::countFor(*m_own);
    m_file = readFileState();
}

void ExternalChangeWatcher::check()
{
    if (!QSqlDatabase::database(m_connectionName, false).isOpen())
        return;
    const qint64 version = dataVersion();
    if (version < 0 || version == m_dataVersion)
        return; // nobody else committed: the common case, and the whole cost
    // Another connection committed: this process's sync engine, or someone
    // outside. Counted only while no commit of this process is under way,
    // so that the file's count and ours describe the same moment.
    const CommitLedger::Count before = CommitLedger::countFor(*m_own);
    if (!before.settled())
        return; // looked at again on the next tick
    const FileState file = readFileState();
    if (file.commits < 0)
        return;
    const QStringList ids = file.outboxSeq > m_file.outboxSeq ? todosQueuedAfter(m_file.outboxSeq) : QStringList();
    if (CommitLedger::countFor(*m_own) != before)
        return;

    const qint64 external = (file.commits - m_file.commits) - qint64(before.committed - m_ownCount.committed);
    m_dataVersion = version;
    m_ownCount = before;
    m_file = file;
    if (external <= 0)
        return;
    // What else another process wrote (a list, tags, a reminder, a row whose
    // outbox entry was pushed meanwhile) is not in the outbox: the lists and
    // tags are reloaded, the reminders planned again, and the todo lists
    // re-read their rows whatever the ids.
    Q_EMIT changedElsewhere({CacheChange::Origin::External, ids, true, true, true});
}
