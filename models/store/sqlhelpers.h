#pragma once

#include "domain/timestamp.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>
#include <QVariantList>

#include <map>
#include <optional>

// Small helpers that keep every statement bound: values always travel as
// bind values, never inside the SQL text.
namespace Sql {

// Prepares, binds and executes. On failure, fills error and returns false.
bool exec(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
          QString *error = nullptr);
// Prepares, binds and executes, returning the query positioned before the first row.
std::optional<QSqlQuery> select(const QSqlDatabase &db, const QString &sql,
                                const QVariantList &values, QString *error = nullptr);

// The statements of one write, each prepared once: a bulk edit runs the same
// few statements for every one of its rows, and SQLite then parses each once
// instead of once per row. Read a select's rows before running it again.
class Statements
{
public:
    explicit Statements(const QSqlDatabase &db);

    const QSqlDatabase &database() const { return m_db; }
    // Like select(): binds values and executes, positioned before the first row.
    // Null on failure, with error filled.
    QSqlQuery *run(const QString &sql, const QVariantList &values, QString *error = nullptr);
    // Resets every statement (their read cursors end) and keeps them
    // prepared, for the next transaction.
    void finishAll();

private:
    QSqlDatabase m_db;
    std::map<QString, QSqlQuery> m_queries; // a node map: a query handed out stays in place
};

QVariant nullableMicros(const std::optional<Timestamp::Micros> &value);
// An empty text (an id not set) binds as NULL.
QVariant nullableText(const QString &value);
// A text for a NOT NULL column: a null QString binds as '' rather than NULL.
QString notNullText(const QString &value);
std::optional<Timestamp::Micros> optionalMicros(const QVariant &value);

// SQLite's own result code, from QSqlError::nativeErrorCode().
int nativeCode(const QSqlQuery &query);

// BEGIN IMMEDIATE, so that a writer takes the write lock up front and waits
// on the busy timeout instead of failing when another connection writes
// (a deferred transaction that reads first and then writes could not wait:
// SQLite would refuse its upgrade at once). Every commit is counted in the
// file and for its connection's owner (CommitLedger).
class WriteTransaction
{
public:
    // How long, in all, a writer waits for the write lock before it gives up.
    static constexpr int kWriteLockWaitMs = 60000;

    explicit WriteTransaction(const QSqlDatabase &db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    bool isActive() const { return m_active; }
    QString error() const { return m_error; }
    bool commit();

private:
    QSqlDatabase m_db;
    bool m_active = false;
    qint64 m_changesBefore = -1; // the connection's total_changes() at BEGIN
    QString m_error;
};

} // namespace Sql
