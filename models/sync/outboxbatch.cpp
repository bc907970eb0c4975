#include "outboxbatch.h"

#include "domain/tagkey.h"
#include "store/outbox.h"
#include "store/sqlhelpers.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

OutboxBatch OutboxBatch::read(const QSqlDatabase &db, int maxChanges, QString *error)
{
    OutboxBatch batch;
    auto query = Sql::select(db,
                             u"SELECT o.seq, o.entity, o.entity_id, o.op, o.payload,"
                             " CASE o.entity WHEN 'todo' THEN t.sync_xid WHEN 'list' THEN l.sync_xid"
                             "   WHEN 'reminder' THEN r.sync_xid END"
                             " FROM outbox o"
                             " LEFT JOIN todos t ON o.entity = 'todo' AND t.id = o.entity_id"
                             " LEFT JOIN lists l ON o.entity = 'list' AND l.id = o.entity_id"
                             " LEFT JOIN reminders r ON o.entity = 'reminder' AND r.id = o.entity_id"
                             " ORDER BY o.seq LIMIT ?"_s,
                             {maxChanges}, error);
    if (!query)
        return batch;
    QSet<QString> todos, lists, reminders;
    while (query->next()) {
        const QString entity = query->value(1).toString();
        const QString id = query->value(2).toString();
        const QString op = query->value(3).toString();
        QJsonObject change{{u"seq"_s, query->value(0).toLongLong()}, {u"entity"_s, entity},
                           {u"id"_s, id}, {u"op"_s, op}};
        if (entity == QLatin1String(Outbox::kEntityTodoTag)) {
            // The name, and the tag's identity computed here: the server
            // matches keys only (cloud schema step 9). Outbox rows written
            // before the key existed hold a name or Qt's case-folded name;
            // the key of either is the key of the name.
            const QString name = query->value(4).toString();
            change.insert(u"tag"_s, name);
            change.insert(u"key"_s, TagKey::of(name));
        } else {
            change.insert(u"values"_s, QJsonDocument::fromJson(query->value(4).toString().toUtf8()).object());
            if (!query->value(5).isNull())
                change.insert(u"base"_s, QString::number(query->value(5).toLongLong()));
        }
        if (entity == QLatin1String(Outbox::kEntityTodo))
            todos.insert(id);
        else if (entity == QLatin1String(Outbox::kEntityList))
            lists.insert(id);
        else if (entity == QLatin1String(Outbox::kEntityReminder))
            reminders.insert(id);
        batch.changes.append(change);
        batch.lastSeq = query->value(0).toLongLong();
        ++batch.changeCount;
    }
    batch.todoIds = QStringList(todos.cbegin(), todos.cend());
    batch.listIds = QStringList(lists.cbegin(), lists.cend());
    batch.reminderIds = QStringList(reminders.cbegin(), reminders.cend());
    return batch;
}

bool OutboxBatch::acknowledge(const QSqlDatabase &db, const QString &serverXid, QString *error) const
{
    Sql::WriteTransaction transaction(db);
    if (!transaction.isActive()) {
        *error = transaction.error();
        return false;
    }
    const qint64 xid = serverXid.toLongLong();
    if (!Sql::exec(db, u"DELETE FROM outbox WHERE seq <= ?"_s, {lastSeq}, error))
        return false;
    const auto stamp = [&](const QString &table, const QStringList &ids) {
        for (const QString &id : ids) {
            // The table is one of three names below, never anyone's input.
            if (!Sql::exec(db, u"UPDATE %1 SET sync_xid = ? WHERE id = ? AND (sync_xid IS NULL OR sync_xid < ?)"_s.arg(table),
                           {xid, id, xid}, error))
                return false;
        }
        return true;
    };
    if (!stamp(u"todos"_s, todoIds) || !stamp(u"lists"_s, listIds) || !stamp(u"reminders"_s, reminderIds))
        return false;
    if (!transaction.commit()) {
        *error = transaction.error();
        return false;
    }
    return true;
}

bool OutboxBatch::forget(const QSqlDatabase &db, const QList<qint64> &seqs, QString *error)
{
    if (seqs.isEmpty())
        return true;
    Sql::WriteTransaction transaction(db);
    if (!transaction.isActive()) {
        *error = transaction.error();
        return false;
    }
    for (const qint64 seq : seqs) {
        if (!Sql::exec(db, u"DELETE FROM outbox WHERE seq = ?"_s, {seq}, error))
            return false;
    }
    if (!transaction.commit()) {
        *error = transaction.error();
        return false;
    }
    return true;
}
