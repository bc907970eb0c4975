// TodoStore's writes for sync: see the comment in todostore.h.
#include "todostore.h"

#include "domain/changejson.h"
#include "listrows.h"
#include "outbox.h"
#include "reminderrows.h"
#include "sqlhelpers.h"
#include "todorows.h"

#include <QCoreApplication>
#include <QUuid>

using namespace Qt::StringLiterals;

bool TodoStore::writeInbox(const QSqlDatabase &db, QString *error)
{
    auto existing = Sql::select(db, u"SELECT 1 FROM lists WHERE is_inbox = 1 AND deleted_at IS NULL"_s, {}, error);
    if (!existing)
        return false;
    if (existing->next())
        return true;
    // Made like any other change, outbox entry included, so the cloud learns of it.
    TodoList inbox;
    inbox.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    inbox.name = QCoreApplication::translate("LocalDatabase", "Inbox");
    inbox.isInbox = true;
    inbox.createdAt = inbox.updatedAt = Timestamp::now();
    return ListRows::write(db, inbox, error)
        && Outbox::append(db, Outbox::kEntityList, inbox.id, Outbox::kOpUpsert,
                          Outbox::encode(ChangeJson::listValues(inbox, ChangeJson::allListFields())), error);
}

bool TodoStore::reseedOutbox(const QSqlDatabase &db, int *liveTodos, QString *error)
{
    // Sent first, a waiting edit would make the new server create a todo
    // from its changed fields alone (with a new created_at, in an Inbox of
    // the server's making) before the full row arrives.
    if (!Sql::exec(db, u"DELETE FROM outbox"_s, {}, error) || !Sql::exec(db, u"UPDATE todos SET sync_xid = NULL"_s, {}, error)
        || !Sql::exec(db, u"UPDATE lists SET sync_xid = NULL"_s, {}, error)
        || !Sql::exec(db, u"UPDATE reminders SET sync_xid = NULL"_s, {}, error))
        return false;
    auto listRows = Sql::select(db, u"SELECT id, name, position, is_inbox, created_at, deleted_at FROM lists"_s, {}, error);
    while (listRows && listRows->next()) {
        TodoList list;
        list.name = listRows->value(1).toString();
        list.position = listRows->value(2).toDouble();
        list.isInbox = listRows->value(3).toBool();
        list.createdAt = listRows->value(4).toLongLong();
        list.deletedAt = Sql::optionalMicros(listRows->value(5));
        if (!Outbox::append(db, Outbox::kEntityList, listRows->value(0).toString(), Outbox::kOpUpsert,
                            Outbox::encode(ChangeJson::listValues(list, ChangeJson::allListFields())), error))
            return false;
    }
    QStringList ids;
    auto idRows = Sql::select(db, u"SELECT id FROM todos"_s, {}, error);
    while (idRows && idRows->next())
        ids << idRows->value(0).toString();
    idRows.reset();
    *liveTodos = 0;
    for (const QString &id : std::as_const(ids)) {
        const auto todo = TodoRows::load(db, id);
        if (!todo)
            continue;
        if (!todo->deletedAt)
            ++*liveTodos;
        if (!Outbox::append(db, Outbox::kEntityTodo, todo->id, Outbox::kOpUpsert,
                            Outbox::encode(ChangeJson::todoValues(*todo, ChangeJson::allTodoFields())), error))
            return false;
        for (const QString &tag : todo->tags) {
            if (!Outbox::append(db, Outbox::kEntityTodoTag, todo->id, Outbox::kOpAddTag, tag, error))
                return false;
        }
    }
    // After every todo: the server takes a reminder only for a todo it has.
    for (const Reminder &reminder : ReminderRows::ofTodos(db, ids, true)) {
        if (!Outbox::append(db, Outbox::kEntityReminder, reminder.id, Outbox::kOpUpsert,
                            Outbox::encode(ChangeJson::reminderValues(reminder, ReminderField::all())), error))
            return false;
    }
    return true;
}

bool TodoStore::moveInbox(const QSqlDatabase &db, const QString &from, const QString &to, QString *error)
{
    Sql::WriteTransaction transaction(db);
    if (!transaction.isActive()) {
        *error = transaction.error();
        return false;
    }
    // Only the list id of a waiting change moves: a title or a note that
    // happens to hold the old id is the person's text.
    const bool ok = Sql::exec(db,
                              u"INSERT OR IGNORE INTO lists(id, name, position, is_inbox, created_at, updated_at)"
                              " SELECT ?, name, position, 1, created_at, updated_at FROM lists WHERE id = ?"_s,
                              {to, from}, error)
        && Sql::exec(db, u"UPDATE todos SET list_id = ? WHERE list_id = ?"_s, {to, from}, error)
        && Sql::exec(db, u"DELETE FROM outbox WHERE entity = 'list' AND entity_id = ?"_s, {from}, error)
        && Sql::exec(db,
                     u"UPDATE outbox SET payload = json_set(payload, '$.%1', ?)"
                     " WHERE entity = 'todo' AND json_valid(payload) AND json_extract(payload, '$.%1') = ?"_s.arg(
                         QLatin1String(TodoField::ListId)),
                     {to, from}, error)
        && Sql::exec(db, u"DELETE FROM lists WHERE id = ?"_s, {from}, error);
    if (!ok)
        return false;
    if (!transaction.commit()) {
        *error = transaction.error();
        return false;
    }
    return true;
}
