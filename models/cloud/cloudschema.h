#pragma once

#include <QCoreApplication>
#include <QString>

class PgConnection;

// Brings the cloud schema (PostgreSQL schema "tandem") up to the version
// this build knows, the way Alembic and Flyway do: versioned steps in order,
// each in its own transaction, with their checksums recorded and verified.
// A transaction-scoped advisory lock keeps two clients from migrating at
// once; unlike a session lock it works through PgBouncer's transaction mode.
class CloudSchema
{
    Q_DECLARE_TR_FUNCTIONS(CloudSchema)
public:
    enum class Status {
        UpToDate,
        Migrated,
        TooNew,           // the server is ahead: this client must be updated, and never writes
        ChecksumMismatch, // an applied step differs from this build's: someone edited history
        Failed,
    };

    struct Result
    {
        Status status = Status::Failed;
        int serverVersion = 0;
        int appliedSteps = 0;
        QString message;
        bool usable() const { return status == Status::UpToDate || status == Status::Migrated; }
    };

    static int knownVersion();
    static QString checksum(int version);
    static QString stepSql(int version);

    // Migrates if needed. Safe to call on every connect: when nothing is to
    // do it costs one query.
    static Result ensure(PgConnection &connection);
    // Reads the server's state only.
    static Result inspect(PgConnection &connection);
};
