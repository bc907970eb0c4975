#pragma once

#include "store/sqlhelpers.h"
#include "syncsnapshot.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QStringList>
#include <QTest>

// What a convergence run compares: a todo's fields in the run's own terms
// ("title", "due", "tag:NAME"), the outbox in those terms, and the lists.
namespace ConvergenceChecks {

using namespace Qt::StringLiterals;

inline QVariant actual(const TodoSnapshot &todo, const QString &field)
{
    if (field == u"title"_s)
        return todo.title;
    if (field == u"notes"_s)
        return todo.notes;
    if (field == u"priority"_s)
        return todo.priority;
    if (field == u"due"_s)
        return todo.dueAt ? QVariant(qlonglong(*todo.dueAt)) : QVariant();
    if (field == u"completed"_s)
        return todo.completed;
    if (field == u"list"_s)
        return todo.listId;
    return todo.tags.contains(field.mid(4)); // tag:NAME
}

// What waits in the outbox, as "id\nfield" in the terms of actual().
inline QStringList pendingFields(const QSqlDatabase &db)
{
    static const QHash<QString, QString> names
        = {{u"title"_s, u"title"_s}, {u"notes"_s, u"notes"_s}, {u"priority"_s, u"priority"_s},
            {u"due_at"_s, u"due"_s}, {u"completed"_s, u"completed"_s}, {u"list_id"_s, u"list"_s},
            {u"deleted_at"_s, u"deleted"_s}};
    QStringList keys;
    auto query = Sql::select(db, u"SELECT entity, entity_id, payload FROM outbox"_s, {});
    while (query && query->next()) {
        const QString entity = query->value(0).toString(), id = query->value(1).toString();
        if (entity == u"todo_tag"_s)
            keys << id + u"\ntag:"_s + query->value(2).toString();
        else if (entity == u"todo"_s) {
            for (const QString &field :
                QJsonDocument::fromJson(query->value(2).toString().toUtf8()).object().keys()) {
                if (names.contains(field))
                    keys << id + u'\n' + names.value(field);
            }
        }
    }
    return keys;
}

// A pull never overwrites a pending local edit (docs/sync.md).
inline void checkPendingKept(const TodoSnapshots &before, const TodoSnapshots &after,
    const QStringList &pending, const QString &when)
{
    for (const QString &key : pending) {
        const QString id = key.section(u'\n', 0, 0), field = key.section(u'\n', 1);
        if (field == u"deleted"_s) {
            QVERIFY2(before.contains(id) == after.contains(id),
                qPrintable(
                    u"%1: a pull undid the pending delete or restore of %2"_s.arg(when, id)));
        } else if (before.contains(id) && after.contains(id)) {
            QVERIFY2(actual(after.value(id), field) == actual(before.value(id), field),
                qPrintable(u"%1: a pull overwrote the pending %2 of %3: %4 became %5"_s.arg(when,
                    field, id, actual(before.value(id), field).toString(),
                    actual(after.value(id), field).toString())));
        }
    }
}

inline QString liveLists(const QSqlDatabase &db)
{
    QStringList lists;
    auto query = Sql::select(
        db, u"SELECT id, name, is_inbox FROM lists WHERE deleted_at IS NULL ORDER BY id"_s, {});
    while (query && query->next())
        lists << query->value(0).toString() + u'=' + query->value(1).toString()
                + (query->value(2).toBool() ? u"*"_s : u""_s);
    return lists.join(u'|');
}

// No edit lost: each value a desktop wrote last (lastWritten: id + '\n' +
// field, title or notes) is on the server, or a later push overwrote it and
// the conflict log keeps it.
inline void checkKeptOrLogged(const SyncSnapshot::CloudConnection &admin,
    const TodoSnapshots &server, const QHash<QString, QVariant> &lastWritten,
    const QSet<QString> &deleted, const QString &when, int *checked)
{
    for (auto it = lastWritten.cbegin(); it != lastWritten.cend(); ++it) {
        const QString id = it.key().section(u'\n', 0, 0), field = it.key().section(u'\n', 1);
        if (deleted.contains(id))
            continue;
        ++*checked;
        if (actual(server.value(id), field) == it.value())
            continue;
        const qint64 logged
            = admin.number(u"SELECT count(*) FROM tandem.conflicts WHERE entity_id = $1::uuid"
                           " AND field = $2 AND lost_value #>> '{}' = $3"_s,
                {id, field, it.value().toString()});
        QVERIFY2(logged > 0,
            qPrintable(
                u"%1: the %2 of %3 written last, %4, is neither on the server (%5) nor in the"
                " conflict log"_s.arg(when, field, id, it.value().toString(),
                    actual(server.value(id), field).toString())));
    }
}

} // namespace ConvergenceChecks
