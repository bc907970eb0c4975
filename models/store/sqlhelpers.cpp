#include "sqlhelpers.h"

#include "commitledger.h"

#include <QDeadlineTimer>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace Sql {

namespace {
constexpr int kSqliteBusy = 5; // SQLite's primary result code for a lock held elsewhere
} // namespace

std::optional<QSqlQuery> select(const QSqlDatabase &db, const QString &sql,
                                const QVariantList &values, QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        if (error)
            *error = query.lastError().text();
        return std::nullopt;
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        if (error)
            *error = query.lastError().text();
        return std::nullopt;
    }
    return query;
}

bool exec(const QSqlDatabase &db, const QString &sql, const QVariantList &values, QString *error)
{
    return select(db, sql, values, error).has_value();
}

Statements::Statements(const QSqlDatabase &db)
    : m_db(db)
{
}

void Statements::finishAll()
{
    for (auto &[sql, query] : m_queries)
        query.finish();
}

QSqlQuery *Statements::run(const QString &sql, const QVariantList &values, QString *error)
{
    auto found = m_queries.find(sql);
    if (found == m_queries.end()) {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!query.prepare(sql)) {
            if (error)
                *error = query.lastError().text();
            return nullptr;
        }
        found = m_queries.emplace(sql, query).first;
    }
    QSqlQuery &query = found->second;
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (!query.exec()) {
        if (error)
            *error = query.lastError().text();
        return nullptr;
    }
    return &query;
}

QString notNullText(const QString &value)
{
    return value.isNull() ? QString(u""_s) : value;
}

QVariant nullableText(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

QVariant nullableMicros(const std::optional<Timestamp::Micros> &value)
{
    return value ? QVariant::fromValue<qint64>(*value) : QVariant(QMetaType::fromType<qint64>());
}

std::optional<Timestamp::Micros> optionalMicros(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

int nativeCode(const QSqlQuery &query)
{
    return query.lastError().nativeErrorCode().toInt();
}

WriteTransaction::WriteTransaction(const QSqlDatabase &db)
    : m_db(db)
{
    // Each try waits the connection's busy timeout for the write lock; with
    // several processes on one file (the window, scripts running tandem-cli)
    // a writer may lose that race a few times, and tries again meanwhile.
    const QDeadlineTimer deadline(kWriteLockWaitMs);
    QSqlQuery begin(m_db);
    for (;;) {
        m_active = begin.exec(u"BEGIN IMMEDIATE"_s);
        if (m_active) {
            m_changesBefore = CommitLedger::changesSoFar(m_db);
            return;
        }
        if ((nativeCode(begin) & 0xff) != kSqliteBusy || deadline.hasExpired())
            break;
    }
    m_error = begin.lastError().text();
}

WriteTransaction::~WriteTransaction()
{
    if (m_active) {
        QSqlQuery rollback(m_db);
        rollback.exec(u"ROLLBACK"_s);
    }
}

bool WriteTransaction::commit()
{
    if (!m_active)
        return false;
    // A transaction that wrote nothing (the check at every opening) leaves
    // the file as it was, and is nothing for other processes to hear of.
    if (CommitLedger::changesSoFar(m_db) != m_changesBefore)
        CommitLedger::countInFile(m_db);
    CommitLedger::CommitScope counted(m_db);
    QSqlQuery commitQuery(m_db);
    if (!commitQuery.exec(u"COMMIT"_s)) {
        m_error = commitQuery.lastError().text();
        return false;
    }
    counted.committed();
    m_active = false;
    return true;
}

} // namespace Sql
