#include "identityswitch.h"

#include "store/sqlhelpers.h"
#include "store/todostore.h"
#include "syncstate.h"

#include <QCoreApplication>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

// Tandem's own namespace for derived ids (a random UUID, fixed for good).
const QUuid kIdNamespace(u"6f1c2a4e-93b5-4d0e-8c61-2b7f5e0d9a13"_s);

// Every place a list or todo id is kept locally, in an order that the
// deferred foreign keys accept at commit.
const QStringList kRekeyStatements = {
    u"UPDATE lists SET id = (SELECT new_id FROM temp.rekey WHERE old_id = lists.id)"
    " WHERE id IN (SELECT old_id FROM temp.rekey)"_s,
    u"UPDATE todos SET list_id = (SELECT new_id FROM temp.rekey WHERE old_id = todos.list_id)"
    " WHERE list_id IN (SELECT old_id FROM temp.rekey)"_s,
    u"UPDATE todos SET id = (SELECT new_id FROM temp.rekey WHERE old_id = todos.id)"
    " WHERE id IN (SELECT old_id FROM temp.rekey)"_s,
    u"UPDATE todo_tags SET todo_id = (SELECT new_id FROM temp.rekey WHERE old_id = "
    u"todo_tags.todo_id)"
    " WHERE todo_id IN (SELECT old_id FROM temp.rekey)"_s,
    u"UPDATE reminders SET todo_id = (SELECT new_id FROM temp.rekey WHERE old_id = reminders.todo_id)"
    " WHERE todo_id IN (SELECT old_id FROM temp.rekey)"_s,
    u"UPDATE reminders SET id = (SELECT new_id FROM temp.rekey WHERE old_id = reminders.id)"
    " WHERE id IN (SELECT old_id FROM temp.rekey)"_s,
    u"UPDATE conflicts SET entity_id = (SELECT new_id FROM temp.rekey WHERE old_id = "
    u"conflicts.entity_id)"
    " WHERE entity_id IN (SELECT old_id FROM temp.rekey)"_s,
};

bool rekey(const QSqlDatabase &db, const QString &identity, QString *error)
{
    // defer_foreign_keys lasts until this transaction ends.
    if (!Sql::exec(db, u"PRAGMA defer_foreign_keys = ON"_s, {}, error)
        || !Sql::exec(db,
            u"CREATE TEMP TABLE IF NOT EXISTS rekey(old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL)"_s,
            {}, error)
        || !Sql::exec(db, u"DELETE FROM temp.rekey"_s, {}, error))
        return false;
    QStringList ids;
    auto rows
        = Sql::select(db, u"SELECT id FROM lists UNION ALL SELECT id FROM todos UNION ALL SELECT id FROM reminders"_s, {}, error);
    while (rows && rows->next())
        ids << rows->value(0).toString();
    rows.reset();
    for (const QString &id : std::as_const(ids)) {
        if (!Sql::exec(db, u"INSERT INTO temp.rekey(old_id, new_id) VALUES (?, ?)"_s,
                {id, IdentitySwitch::derivedId(identity, id)}, error))
            return false;
    }
    for (const QString &statement : kRekeyStatements) {
        if (!Sql::exec(db, statement, {}, error))
            return false;
    }
    return Sql::exec(db, u"DELETE FROM temp.rekey"_s, {}, error);
}

} // namespace

namespace IdentitySwitch {

QString derivedId(const QString &newIdentity, const QString &oldId)
{
    return QUuid::createUuidV5(kIdNamespace, newIdentity + u'\n' + oldId)
        .toString(QUuid::WithoutBraces);
}

Outcome apply(const QSqlDatabase &db, const QString &newIdentity)
{
    Outcome outcome;
    Sql::WriteTransaction transaction(db);
    if (!transaction.isActive()) {
        outcome.error = transaction.error();
        return outcome;
    }
    SyncState state(db);
    if (!rekey(db, newIdentity, &outcome.error)
        || !TodoStore::reseedOutbox(db, &outcome.todos, &outcome.error))
        return outcome;
    outcome.deviceId = state.renewDeviceId();
    if (outcome.deviceId.isEmpty() || !state.setPullCursor(u"0"_s)
        || !state.setServerIdentity(newIdentity)) {
        outcome.error = QCoreApplication::translate(
            "IdentitySwitch", "The cache's sync state could not be written.");
        return outcome;
    }
    if (!transaction.commit()) {
        outcome.error = transaction.error();
        return outcome;
    }
    outcome.ok = true;
    return outcome;
}

} // namespace IdentitySwitch
