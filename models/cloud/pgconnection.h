#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include "connectdiagnosis.h"

#include <memory>
#include <optional>

struct pg_conn;
struct pg_result;

// One row set from libpq, owned. Values come back as text.
class PgResult
{
public:
    PgResult() = default;
    explicit PgResult(pg_result *result);

    bool ok() const;
    QString errorMessage() const;
    QString sqlState() const; // e.g. 28P01 for a wrong password, 57014 for a statement timeout
    int rowCount() const;
    int columnCount() const;
    bool isNull(int row, int column) const;
    QByteArray raw(int row, int column) const;
    QString text(int row, int column) const;
    qint64 int64(int row, int column) const;
    double real(int row, int column) const;
    bool boolean(int row, int column) const;

private:
    std::shared_ptr<pg_result> m_result;
};

// A PostgreSQL connection opened with Qt's QPSQL driver, used through the
// PGconn* that QSqlDriver::handle() gives.
//
// Why not QSqlQuery: QPSQL implements prepare() with SQL PREPARE/EXECUTE,
// which breaks behind PgBouncer in transaction mode (Neon's pooled endpoint),
// because the two statements can land on different server connections.
// PQexecParams sends an unnamed statement with its parameters in one
// protocol exchange, which works on both endpoints, and keeps every value
// out of the SQL text.
class PgConnection
{
    Q_DECLARE_TR_FUNCTIONS(PgConnection)
public:
    // Takes a configured, not yet opened QPSQL QSqlDatabase.
    explicit PgConnection(const QSqlDatabase &db);
    ~PgConnection();
    PgConnection(const PgConnection &) = delete;
    PgConnection &operator=(const PgConnection &) = delete;

    bool open();
    void close();
    bool isOpen() const;
    // False once the server has gone away (Neon's idle disconnect, a restart).
    bool isHealthy() const;
    QString lastError() const { return m_lastError; }
    QString lastSqlState() const { return m_lastSqlState; }
    // After open() failed: why, from libpq's connection status (never from
    // the translated text of lastError()); nullopt after a successful open().
    std::optional<ConnectDiagnosis> connectFailure() const { return m_connectFailure; }
    QSqlDatabase database() const { return m_db; }
    pg_conn *handle() const { return m_conn; }

    // Runs one statement with text parameters ($1, $2, ...). A null QVariant is SQL NULL.
    PgResult exec(const QString &sql, const QVariantList &params = {});
    bool run(const QString &sql, const QVariantList &params = {});
    // Several statements without parameters (a schema step), through the
    // simple query protocol, which the extended one behind exec() refuses.
    bool runScript(const QString &sql);

    struct Statement
    {
        QString sql;
        QVariantList params;
    };
    // Sends the statements in libpq's pipeline mode and reads all results:
    // one round trip for a whole transaction (BEGIN ... COMMIT). Stops at the
    // first error; the results up to it are returned, and false in *ok.
    QList<PgResult> pipeline(const QList<Statement> &statements, bool *ok);
    // BEGIN [mode], a transaction-local statement timeout, the statements,
    // COMMIT: one round trip, working through PgBouncer's transaction mode
    // where a session SET would not stick. Returns the statements' results.
    QList<PgResult> transaction(const QList<Statement> &statements, int statementTimeoutMs,
                                bool *ok, const QString &mode = {});

    bool begin(const QString &mode = {});
    bool commit();
    void rollback();

    QString serverVersion() const;
    bool sslInUse() const;

private:
    QSqlDatabase m_db;
    pg_conn *m_conn = nullptr;
    QString m_lastError;
    QString m_lastSqlState;
    std::optional<ConnectDiagnosis> m_connectFailure;

    ConnectDiagnosis diagnoseFailedOpen(qint64 elapsedMs) const;
};
