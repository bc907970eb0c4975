#include "sqlhelpers.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace Sql {

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
    QSqlQuery begin(m_db);
    m_active = begin.exec(u"BEGIN IMMEDIATE"_s);
    if (!m_active)
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
    QSqlQuery commitQuery(m_db);
    if (!commitQuery.exec(u"COMMIT"_s)) {
        m_error = commitQuery.lastError().text();
        return false;
    }
    m_active = false;
    return true;
}

} // namespace Sql
