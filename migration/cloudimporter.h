#pragma once

#include "migrationplan.h"

#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class LegacyReader;
class PgConnection;
struct pg_conn;

// Writes a MigrationPlan to the cloud, resumably, in two round trips a
// batch, two batches at a time (each batch: ImportBatch).
//
// A batch is one query string through the simple query protocol: BEGIN;
// tandem.legacy_import_batch() (the file's advisory lock, shared between the
// batches of one run, and a check that this run still holds the import); a
// temporary table; binary COPY (PgBinaryCopy) of the batch's todos, each
// with its tag ids, into it; INSERT ... SELECT into tandem.todos and
// tandem.todo_tags; the progress count; COMMIT. The server stops at COPY and
// waits for the rows (first round trip), then runs the rest (second). Two
// connections ("lanes") each have a batch in flight, so the server works on
// two cores, and the next batch is read from the legacy file meanwhile.
//
// The progress is the cloud's own rows: a batch commits its todos with
// their tags or nothing, so a resumed run reads which legacy ids the list
// holds and sends the others. The ids are derived from the file
// (LegacyReader::todoId), so a run killed at any moment resumes and ends
// exactly like an uninterrupted one. Cancelling lets the batches in flight
// commit and stops; the cloud never holds half a batch.
//
// Only one run works on a file at a time: the progress row holds the run's
// id and a heartbeat (a lease). Another run finding a live lease waits
// (Busy); a lease older than leaseSeconds belongs to a run that died and is
// taken over, under the file's advisory lock taken exclusively, which waits
// for the dead run's last batches and makes any later one of them fail.
// Nothing outlives its transaction (no session settings, no prepared
// statements, temporary tables ON COMMIT DROP), so all of it works through
// PgBouncer's transaction mode.
class CloudImporter
{
    Q_DECLARE_TR_FUNCTIONS(CloudImporter)

public:
    enum class Outcome { Transferred, AlreadyMigrated, Busy, Cancelled, Failed };

    struct Options
    {
        int batchSize = 10000;
        int leaseSeconds = 10;
        int statementTimeoutMs = 0; // 0: the server's
        // Connections that insert batches at the same time (the server
        // works on one core per connection).
        int connections = 2;
        QString sourcePath;
        QString appVersion;
        // done and total todos, seconds since the transfer began.
        std::function<void(qint64 done, qint64 total, double seconds)> progress;
        const std::atomic<bool> *cancel = nullptr;
        // Test hook: called with "after-batch", or "in-batch" (the batch's
        // rows are sent, its transaction is open), and the batch number
        // (1-based) of this run.
        std::function<void(const QString &phase, int batch)> faultHook;
    };

    explicit CloudImporter(PgConnection &connection);
    ~CloudImporter();

    // The role the rows will belong to (RLS: owner = current_user).
    static QString currentUser(PgConnection &connection, QString *error);

    Outcome transfer(MigrationPlan &plan, LegacyReader &reader, const Options &options, QString *message);

    // Seconds spent on each table in the last transfer.
    double todoSeconds() const { return m_todoSeconds; }
    double tagSeconds() const { return m_tagSeconds; }
    double linkSeconds() const { return m_linkSeconds; }
    qint64 resumedFrom() const { return m_resumedFrom; }
    // The second connection of the last transfer (null if it had one
    // only), for the validation to use too.
    pg_conn *secondConnection() const { return m_second.get(); }
    // This run's id, which holds the import in tandem.legacy_imports.
    QString runId() const { return m_runId; }

private:
    struct Batch
    {
        qint64 count = 0;
        QByteArray rows; // binary COPY tuples, without the header and trailer
    };
    // The next todos of the file that are not in the cloud yet, up to limit.
    bool readBatch(LegacyReader &reader, qint64 limit, Batch *batch, QString *error);
    struct ConnectionCloser
    {
        void operator()(pg_conn *conn) const;
    };
    std::unique_ptr<pg_conn, ConnectionCloser> openSecondConnection();
    Outcome claim(MigrationPlan &plan, const Options &options, qint64 *done, QString *message);

    PgConnection &m_pg;
    QString m_runId;
    double m_todoSeconds = 0;
    double m_tagSeconds = 0;
    double m_linkSeconds = 0;
    qint64 m_resumedFrom = 0;
    QList<qint64> m_present; // legacy ids already in the cloud (a resumed run), ascending
    qsizetype m_presentAt = 0;
    std::unique_ptr<pg_conn, ConnectionCloser> m_second;
};
