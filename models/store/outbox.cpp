#include "outbox.h"

#include "sqlhelpers.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Outbox {

namespace {

const QString kAppend = u"INSERT INTO outbox(entity, entity_id, op, payload, queued_at)"
                        " VALUES (?, ?, ?, ?, ?)"_s;

QVariantList entry(const char *entity, const QString &entityId, const char *op, const QString &payload)
{
    return {QString::fromLatin1(entity), entityId, QString::fromLatin1(op), payload, Timestamp::now()};
}

} // namespace

bool append(const QSqlDatabase &db, const char *entity, const QString &entityId, const char *op,
            const QString &payload, QString *error)
{
    return Sql::exec(db, kAppend, entry(entity, entityId, op, payload), error);
}

bool append(Sql::Statements &statements, const char *entity, const QString &entityId, const char *op,
            const QString &payload, QString *error)
{
    return statements.run(kAppend, entry(entity, entityId, op, payload), error) != nullptr;
}

QString encode(const QJsonObject &values)
{
    return QString::fromUtf8(QJsonDocument(values).toJson(QJsonDocument::Compact));
}

int pendingChangeCount(const QSqlDatabase &db)
{
    auto query = Sql::select(db, u"SELECT COUNT(*) FROM outbox"_s, {});
    return query && query->next() ? query->value(0).toInt() : 0;
}

int pendingChangeCount(const QSqlDatabase &db, qint64 upToSeq)
{
    auto query = Sql::select(db, u"SELECT COUNT(*) FROM outbox WHERE seq <= ?"_s, {upToSeq});
    return query && query->next() ? query->value(0).toInt() : 0;
}

qint64 lastSequence(const QSqlDatabase &db)
{
    auto query = Sql::select(db, u"SELECT coalesce(MAX(seq), 0) FROM outbox"_s, {});
    return query && query->next() ? query->value(0).toLongLong() : 0;
}

} // namespace Outbox
