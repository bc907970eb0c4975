#include "reminderrows.h"

#include "sqlhelpers.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

const QString kColumns = u"r.id, r.todo_id, r.kind, r.at, r.offset_minutes, r.day_time, r.acknowledged_for,"
                         " r.snoozed_until, r.created_at, r.updated_at, r.deleted_at, r.fired_for"_s;

Reminder fromQuery(const QSqlQuery &query)
{
    Reminder reminder;
    reminder.id = query.value(0).toString();
    reminder.todoId = query.value(1).toString();
    reminder.kind = ReminderField::kindFromName(query.value(2).toString());
    reminder.at = Sql::optionalMicros(query.value(3));
    reminder.offsetMinutes = query.value(4).toInt();
    reminder.dayTime = query.value(5).isNull() ? std::nullopt : std::optional(query.value(5).toInt());
    reminder.acknowledgedFor = Sql::optionalMicros(query.value(6));
    reminder.snoozedUntil = Sql::optionalMicros(query.value(7));
    reminder.createdAt = query.value(8).toLongLong();
    reminder.updatedAt = query.value(9).toLongLong();
    reminder.deletedAt = Sql::optionalMicros(query.value(10));
    reminder.firedFor = Sql::optionalMicros(query.value(11));
    return reminder;
}

QList<Reminder> all(std::optional<QSqlQuery> query)
{
    QList<Reminder> result;
    while (query && query->next())
        result << fromQuery(*query);
    return result;
}

} // namespace

namespace ReminderRows {

std::optional<Reminder> load(const QSqlDatabase &db, const QString &id)
{
    auto query = Sql::select(db, u"SELECT %1 FROM reminders r WHERE r.id = ?"_s.arg(kColumns), {id});
    if (!query || !query->next())
        return std::nullopt;
    return fromQuery(*query);
}

QList<Reminder> ofTodos(const QSqlDatabase &db, const QStringList &todoIds, bool includeDeleted)
{
    if (todoIds.isEmpty())
        return {};
    const QString ids = QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(todoIds)).toJson(QJsonDocument::Compact));
    return all(Sql::select(db,
                           u"SELECT %1 FROM reminders r WHERE r.todo_id IN (SELECT value FROM json_each(?))"_s.arg(kColumns)
                               + (includeDeleted ? QString() : u" AND r.deleted_at IS NULL"_s)
                               + u" ORDER BY r.created_at, r.id"_s,
                           {ids}));
}

QList<Reminder> armed(const QSqlDatabase &db)
{
    return all(Sql::select(db,
                           u"SELECT %1 FROM reminders r JOIN todos t ON t.id = r.todo_id"
                           " WHERE r.deleted_at IS NULL AND t.deleted_at IS NULL AND t.completed = 0"
                           " ORDER BY r.created_at, r.id"_s.arg(kColumns),
                           {}));
}

bool write(const QSqlDatabase &db, const Reminder &reminder, QString *error, std::optional<qint64> syncXid)
{
    const QVariantList values = {reminder.id, reminder.todoId, ReminderField::kindName(reminder.kind),
                                 Sql::nullableMicros(reminder.at), reminder.offsetMinutes,
                                 reminder.dayTime ? QVariant(*reminder.dayTime) : QVariant(QMetaType(QMetaType::Int)),
                                 Sql::nullableMicros(reminder.acknowledgedFor), Sql::nullableMicros(reminder.snoozedUntil),
                                 reminder.createdAt, reminder.updatedAt, Sql::nullableMicros(reminder.deletedAt),
                                 syncXid ? QVariant(*syncXid) : QVariant(QMetaType(QMetaType::LongLong)),
                                 syncXid.has_value()};
    return Sql::exec(db,
                     u"INSERT INTO reminders(id, todo_id, kind, at, offset_minutes, day_time, acknowledged_for,"
                     " snoozed_until, created_at, updated_at, deleted_at, sync_xid)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                     " ON CONFLICT(id) DO UPDATE SET todo_id = excluded.todo_id, kind = excluded.kind,"
                     " at = excluded.at, offset_minutes = excluded.offset_minutes, day_time = excluded.day_time,"
                     " acknowledged_for = excluded.acknowledged_for, snoozed_until = excluded.snoozed_until,"
                     " created_at = excluded.created_at, updated_at = excluded.updated_at,"
                     " deleted_at = excluded.deleted_at,"
                     " sync_xid = CASE WHEN ? THEN excluded.sync_xid ELSE reminders.sync_xid END"_s,
                     values, error);
}

bool markFired(const QSqlDatabase &db, const QString &id, Timestamp::Micros firedFor, QString *error)
{
    return Sql::exec(db, u"UPDATE reminders SET fired_for = ? WHERE id = ? AND (fired_for IS NULL OR fired_for < ?)"_s,
                     {firedFor, id, firedFor}, error);
}

} // namespace ReminderRows
