#pragma once

#include "migrationplan.h"

#include <QString>

#include <atomic>
#include <functional>

class PgConnection;

// Writes a MigrationPlan to the cloud, resumably.
//
// Every batch of todos is one transaction: BEGIN, the advisory lock on the
// file's fingerprint, a check that this run still holds the import, COPY
// into temporary tables, INSERT ... SELECT ... ON CONFLICT DO NOTHING into
// tandem.todos and tandem.todo_tags, the progress row, COMMIT. The ids are
// derived from the file (see LegacyReader::assignIds), so a batch sent twice
// (after a crash between COMMIT and the progress being read back) changes
// nothing, and a run killed at any moment resumes from the last committed
// batch and ends exactly like an uninterrupted one. Cancelling stops between
// batches, so the cloud never holds half a batch.
//
// Only one run works on a file at a time: the progress row holds the run's
// id and a heartbeat (a lease). Another run finding a live lease waits
// (Busy); a lease older than leaseSeconds belongs to a run that died and is
// taken over. Every statement is transaction scoped, so all of it works
// through PgBouncer's transaction mode.
class CloudImporter
{
public:
    enum class Outcome { Transferred, AlreadyMigrated, Busy, Cancelled, Failed };

    struct Options
    {
        int batchSize = 1000;
        int leaseSeconds = 10;
        QString sourcePath;
        QString appVersion;
        // done and total todos, seconds since the transfer began.
        std::function<void(qint64 done, qint64 total, double seconds)> progress;
        const std::atomic<bool> *cancel = nullptr;
        // Test hook: called with "after-batch" or "in-batch" (before COMMIT)
        // and the batch number (1-based) of this run.
        std::function<void(const QString &phase, int batch)> faultHook;
    };

    explicit CloudImporter(PgConnection &connection);

    // CREATE TABLE IF NOT EXISTS tandem.legacy_imports with its row-level
    // security, under a global advisory lock (two first runs at once).
    static bool ensureTable(PgConnection &connection, QString *error);
    // The role the rows will belong to (RLS: owner = current_user).
    static QString currentUser(PgConnection &connection, QString *error);

    Outcome transfer(const MigrationPlan &plan, const Options &options, QString *message);

    // Seconds spent on each table in the last transfer.
    double todoSeconds() const { return m_todoSeconds; }
    double tagSeconds() const { return m_tagSeconds; }
    double linkSeconds() const { return m_linkSeconds; }
    qint64 resumedFrom() const { return m_resumedFrom; }

    static QByteArray copyField(const QString &text);
    static QByteArray copyNull() { return QByteArrayLiteral("\\N"); }

private:
    bool lock(const MigrationPlan &plan);
    bool copyRows(const QString &sql, const QByteArray &data, QString *error);
    bool writeBatch(const MigrationPlan &plan, qsizetype from, qsizetype to, const Options &options, int batch,
                    QString *error);
    Outcome claim(const MigrationPlan &plan, const Options &options, qint64 *done, QString *message);

    PgConnection &m_pg;
    QString m_runId;
    double m_todoSeconds = 0;
    double m_tagSeconds = 0;
    double m_linkSeconds = 0;
    qint64 m_resumedFrom = 0;
};
