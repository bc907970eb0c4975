#include "syncsession.h"

#include "cloud/cloudschema.h"
#include "cloud/pgconnection.h"
#include "domain/changejson.h"
#include "outboxbatch.h"
#include "pullapplier.h"
#include "pullset.h"
#include "store/outbox.h"
#include "store/sqlhelpers.h"
#include "store/todorows.h"
#include "syncstate.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>
#include <QUuid>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSync, "tandem.sync")

namespace {

// Times leave PostgreSQL as integer microseconds: exact, and independent of
// the session's time zone and of QDateTime's milliseconds.
QString micros(const char *column)
{
    return u"(extract(epoch FROM %1) * 1000000)::int8"_s.arg(QString::fromLatin1(column));
}

std::optional<Timestamp::Micros> optionalMicros(const PgResult &result, int row, int column)
{
    if (result.isNull(row, column))
        return std::nullopt;
    return result.int64(row, column);
}

} // namespace

SyncSession::SyncSession(const QSqlDatabase &local, const ConnectionConfig &config, const SyncOptions &options)
    : m_local(local)
    , m_config(config)
    , m_options(options)
    , m_connectionName(u"tandem-cloud-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

SyncSession::~SyncSession()
{
    disconnectFromServer();
}

bool SyncSession::isConnected() const
{
    return m_pg && m_pg->isHealthy();
}

void SyncSession::disconnectFromServer()
{
    if (m_pg) {
        m_pg->close();
        m_pg.reset();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_handshakeDone = false;
}

QString SyncSession::serverVersion() const
{
    return m_pg ? m_pg->serverVersion() : QString();
}

SyncResult SyncSession::failure() const
{
    const bool broken = !m_pg || !m_pg->isHealthy();
    return SyncResult::classify(m_pg ? m_pg->lastError() : QString(), m_pg ? m_pg->lastSqlState() : QString(), broken);
}

bool SyncSession::connectToServer(SyncResult *result)
{
    if (isConnected() && m_handshakeDone)
        return true;
    disconnectFromServer();
    if (m_config.host.isEmpty()) {
        result->error = SyncResult::Error::NotConfigured;
        result->message = tr("No cloud database is set up.");
        return false;
    }
    {
        // Scoped: disconnectFromServer() removes the connection, which must
        // not be in use by a handle here any more (Qt warns, and drops it).
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_connectionName);
        m_config.applyTo(db);
        m_pg = std::make_unique<PgConnection>(db);
    }
    if (!m_pg->open()) {
        *result = SyncResult::classify(m_pg->lastError(), {}, false);
        if (result->error == SyncResult::Error::ConnectionLost || result->error == SyncResult::Error::ServerFailure)
            result->error = SyncResult::Error::Unreachable;
        qCInfo(lcSync) << "cannot connect to" << m_config.redacted() << ":" << result->message;
        disconnectFromServer();
        return false;
    }
    const CloudSchema::Result schema = CloudSchema::ensure(*m_pg);
    if (!schema.usable()) {
        if (schema.status == CloudSchema::Status::TooNew) {
            result->error = SyncResult::Error::SchemaTooNew;
            result->message = schema.message;
        } else if (schema.status == CloudSchema::Status::ChecksumMismatch) {
            result->error = SyncResult::Error::SchemaMismatch;
            result->message = schema.message;
        } else {
            *result = failure();
            // CloudSchema's own sentence says more than the server's (a role
            // that may not create the schema, say).
            if (result->error == SyncResult::Error::ServerFailure && !schema.message.isEmpty())
                result->message = schema.message;
        }
        disconnectFromServer();
        return false;
    }
    if (!handshake(result)) {
        disconnectFromServer();
        return false;
    }
    return true;
}

bool SyncSession::handshake(SyncResult *result)
{
    // In a transaction, for the statement timeout: a server that is slow
    // (or a table locked by a migration) must not keep the sync waiting for ever.
    bool ok = false;
    const QList<PgResult> answers = m_pg->transaction(
        {{u"SELECT current_user, (SELECT value FROM tandem.meta WHERE key = 'database_id'),"
          " 'tandem_' || md5(current_user),"
          " (SELECT id::text FROM tandem.lists WHERE is_inbox AND deleted_at IS NULL AND owner = current_user LIMIT 1)"_s,
          {}}},
        m_options.statementTimeoutMs, &ok);
    ++m_roundTrips;
    if (!ok) {
        *result = failure();
        return false;
    }
    const PgResult &who = answers.first();
    m_channel = who.text(0, 2);
    SyncState state(m_local);
    m_deviceId = state.deviceId();
    const QString identity = who.text(0, 1) + u'/' + who.text(0, 0);
    QString error;
    const QString known = state.serverIdentity();
    if (!known.isEmpty() && known != identity) {
        // Another server (or the same one, emptied and set up again): start
        // over, and offer it everything this cache holds; nothing is deleted.
        qCInfo(lcSync) << "server identity changed; merging the whole cache into it";
        if (!reseedOutbox(&error) || !state.setPullCursor(u"0"_s)) {
            result->error = SyncResult::Error::LocalFailure;
            result->message = error;
            return false;
        }
    }
    state.setServerIdentity(identity);

    // Each desktop makes its own Inbox while offline; adopt the server's.
    const QString serverInbox = who.isNull(0, 3) ? QString() : who.text(0, 3);
    auto localInbox = Sql::select(m_local, u"SELECT id FROM lists WHERE is_inbox = 1 AND deleted_at IS NULL LIMIT 1"_s, {});
    const QString localInboxId = localInbox && localInbox->next() ? localInbox->value(0).toString() : QString();
    if (!serverInbox.isEmpty() && !localInboxId.isEmpty() && serverInbox != localInboxId
        && !remapInbox(localInboxId, serverInbox, &error)) {
        result->error = SyncResult::Error::LocalFailure;
        result->message = error;
        return false;
    }
    m_handshakeDone = true;
    return true;
}

bool SyncSession::remapInbox(const QString &from, const QString &to, QString *error)
{
    Sql::WriteTransaction transaction(m_local);
    const bool ok = transaction.isActive()
        && Sql::exec(m_local,
                     u"INSERT OR IGNORE INTO lists(id, name, position, is_inbox, created_at, updated_at)"
                     " SELECT ?, name, position, 1, created_at, updated_at FROM lists WHERE id = ?"_s,
                     {to, from}, error)
        && Sql::exec(m_local, u"UPDATE todos SET list_id = ? WHERE list_id = ?"_s, {to, from}, error)
        && Sql::exec(m_local, u"DELETE FROM outbox WHERE entity = 'list' AND entity_id = ?"_s, {from}, error)
        && Sql::exec(m_local, u"UPDATE outbox SET payload = replace(payload, ?, ?)"_s, {from, to}, error)
        && Sql::exec(m_local, u"DELETE FROM lists WHERE id = ?"_s, {from}, error)
        && transaction.commit();
    if (ok) {
        m_listsChanged = true;
        qCInfo(lcSync) << "adopted the server's Inbox";
    } else if (error->isEmpty()) {
        *error = transaction.error();
    }
    return ok;
}

bool SyncSession::reseedOutbox(QString *error)
{
    Sql::WriteTransaction transaction(m_local);
    if (!transaction.isActive()) {
        *error = transaction.error();
        return false;
    }
    // The whole cache goes out below, so what was waiting for the old server
    // is in it already. Sent first, a pending edit would make the new server
    // create a todo from its changed fields alone (with a new created_at, in
    // an Inbox of the server's making) before the full row arrives.
    if (!Sql::exec(m_local, u"DELETE FROM outbox"_s, {}, error)
        || !Sql::exec(m_local, u"UPDATE todos SET sync_xid = NULL"_s, {}, error)
        || !Sql::exec(m_local, u"UPDATE lists SET sync_xid = NULL"_s, {}, error))
        return false;
    auto listRows = Sql::select(m_local, u"SELECT id, name, position, is_inbox, created_at, deleted_at FROM lists"_s, {});
    while (listRows && listRows->next()) {
        TodoList list;
        list.name = listRows->value(1).toString();
        list.position = listRows->value(2).toDouble();
        list.isInbox = listRows->value(3).toBool();
        list.createdAt = listRows->value(4).toLongLong();
        list.deletedAt = Sql::optionalMicros(listRows->value(5));
        if (!Outbox::append(m_local, Outbox::kEntityList, listRows->value(0).toString(), Outbox::kOpUpsert,
                            Outbox::encode(ChangeJson::listValues(list, ChangeJson::allListFields())), error))
            return false;
    }
    auto ids = Sql::select(m_local, u"SELECT id FROM todos"_s, {});
    while (ids && ids->next()) {
        const auto todo = TodoRows::load(m_local, ids->value(0).toString());
        if (!todo)
            continue;
        if (!Outbox::append(m_local, Outbox::kEntityTodo, todo->id, Outbox::kOpUpsert,
                            Outbox::encode(ChangeJson::todoValues(*todo, ChangeJson::allTodoFields())), error))
            return false;
        for (const QString &tag : todo->tags) {
            if (!Outbox::append(m_local, Outbox::kEntityTodoTag, todo->id, Outbox::kOpAddTag, tag, error))
                return false;
        }
    }
    if (!transaction.commit()) {
        *error = transaction.error();
        return false;
    }
    return true;
}

SyncResult SyncSession::push()
{
    SyncResult result;
    if (!connectToServer(&result))
        return result;
    for (;;) {
        QString error;
        const OutboxBatch batch = OutboxBatch::read(m_local, m_options.pushBatchChanges, &error);
        if (!error.isEmpty())
            return SyncResult{SyncResult::Error::LocalFailure, error};
        if (batch.isEmpty())
            break;
        const QByteArray changes = QJsonDocument(batch.changes).toJson(QJsonDocument::Compact);
        bool ok = false;
        const QList<PgResult> results = m_pg->transaction(
            {{u"SELECT tandem.push($1::uuid, $2::jsonb)::text"_s, {m_deviceId, changes}}},
            m_options.statementTimeoutMs, &ok);
        ++m_roundTrips;
        if (!ok) {
            SyncResult failed = failure();
            failed.pushedChanges = result.pushedChanges;
            return failed;
        }
        const QJsonObject answer = QJsonDocument::fromJson(results.first().raw(0, 0)).object();
        if (!batch.acknowledge(m_local, answer.value(u"xid"_s).toString(), &error))
            return SyncResult{SyncResult::Error::LocalFailure, error};
        const QString inboxFrom = answer.value(u"inbox_from"_s).toString();
        const QString inboxTo = answer.value(u"inbox_to"_s).toString();
        if (!inboxFrom.isEmpty() && !inboxTo.isEmpty() && !remapInbox(inboxFrom, inboxTo, &error))
            return SyncResult{SyncResult::Error::LocalFailure, error};
        result.pushedChanges += batch.changeCount;
        result.conflicts += answer.value(u"conflicts"_s).toInt();
        m_changedTodos << batch.todoIds; // their "not yet synced" mark goes
    }
    result.roundTrips = m_roundTrips;
    return result;
}

bool SyncSession::fetch(const QString &cursor, PullSet *pull, SyncResult *result)
{
    const QString owner = u" AND owner = current_user"_s; // even a role that bypasses RLS sees only its own
    bool ok = false;
    const QList<PgResult> rows = m_pg->transaction(
        {
            {u"SELECT pg_snapshot_xmin(pg_current_snapshot())::text,"
             " coalesce((SELECT value FROM tandem.meta WHERE key = 'purge_xid'), '0')"_s, {}},
            {u"SELECT id, name, position, is_inbox, %1, %2, %3, change_xid::text FROM tandem.lists"
             " WHERE change_xid >= $1::xid8"_s.arg(micros("created_at"), micros("updated_at"), micros("deleted_at")) + owner,
             {cursor}},
            {u"SELECT id, list_id, title, notes, completed, %1, %2, due_has_time, priority, position, %3, %4, %5,"
             " change_xid::text FROM tandem.todos WHERE change_xid >= $1::xid8"_s
                 .arg(micros("completed_at"), micros("due_at"), micros("created_at"), micros("updated_at"), micros("deleted_at"))
                 + owner,
             {cursor}},
            {u"SELECT tt.todo_id, g.name, tt.deleted_at IS NOT NULL FROM tandem.todo_tags tt"
             " JOIN tandem.tags g ON g.id = tt.tag_id"
             " WHERE (tt.change_xid >= $1::xid8 OR g.change_xid >= $1::xid8) AND tt.owner = current_user"_s,
             {cursor}},
            {u"SELECT id, entity, entity_id, field, lost_value::text, won_value::text, kind, %1"
             " FROM tandem.conflicts WHERE change_xid >= $1::xid8"_s.arg(micros("created_at")) + owner,
             {cursor}},
        },
        m_options.statementTimeoutMs, &ok, u"ISOLATION LEVEL REPEATABLE READ READ ONLY"_s);
    ++m_roundTrips;
    if (!ok) {
        *result = failure();
        return false;
    }
    pull->newCursor = rows[0].text(0, 0);
    pull->purgeXid = rows[0].text(0, 1);
    const PgResult &lists = rows[1];
    for (int r = 0; r < lists.rowCount(); ++r) {
        PullSet::ListRow row;
        row.list.id = lists.text(r, 0);
        row.list.name = lists.text(r, 1);
        row.list.position = lists.real(r, 2);
        row.list.isInbox = lists.boolean(r, 3);
        row.list.createdAt = lists.int64(r, 4);
        row.list.updatedAt = lists.int64(r, 5);
        row.list.deletedAt = optionalMicros(lists, r, 6);
        row.xid = lists.int64(r, 7);
        pull->lists << row;
    }
    const PgResult &todos = rows[2];
    pull->todos.reserve(todos.rowCount());
    for (int r = 0; r < todos.rowCount(); ++r) {
        PullSet::TodoRow row;
        Todo &todo = row.todo;
        todo.id = todos.text(r, 0);
        todo.listId = todos.text(r, 1);
        todo.title = todos.text(r, 2);
        todo.notes = todos.text(r, 3);
        todo.completed = todos.boolean(r, 4);
        todo.completedAt = optionalMicros(todos, r, 5);
        todo.dueAt = optionalMicros(todos, r, 6);
        todo.dueHasTime = todos.boolean(r, 7);
        todo.priority = Priorities::fromInt(int(todos.int64(r, 8)));
        todo.position = todos.real(r, 9);
        todo.createdAt = todos.int64(r, 10);
        todo.updatedAt = todos.int64(r, 11);
        todo.deletedAt = optionalMicros(todos, r, 12);
        row.xid = todos.int64(r, 13);
        pull->todos << row;
    }
    const PgResult &links = rows[3];
    for (int r = 0; r < links.rowCount(); ++r)
        pull->links << PullSet::TagLink{links.text(r, 0), links.text(r, 1), links.boolean(r, 2)};
    const PgResult &conflicts = rows[4];
    for (int r = 0; r < conflicts.rowCount(); ++r) {
        pull->conflicts << PullSet::Conflict{conflicts.int64(r, 0), conflicts.text(r, 1), conflicts.text(r, 2),
                                             conflicts.text(r, 3), conflicts.text(r, 4), conflicts.text(r, 5),
                                             conflicts.text(r, 6), conflicts.int64(r, 7)};
    }
    return true;
}

QStringList SyncSession::missingRows(const PullSet &full) const
{
    // After a full resync: rows that came from the server but are no longer
    // there were tombstones purged while this desktop was away.
    QSet<QString> onServer;
    for (const PullSet::TodoRow &row : full.todos)
        onServer.insert(row.todo.id);
    QStringList gone;
    auto query = Sql::select(m_local,
                             u"SELECT id FROM todos WHERE sync_xid IS NOT NULL AND deleted_at IS NULL"
                             " AND id NOT IN (SELECT entity_id FROM outbox WHERE entity = 'todo')"_s,
                             {});
    while (query && query->next()) {
        if (!onServer.contains(query->value(0).toString()))
            gone << query->value(0).toString();
    }
    return gone;
}

bool SyncSession::retireMissingRows(const PullSet &full, QString *error)
{
    // The window writes through its own connection: look for the rows
    // inside the transaction, so an edit committed meanwhile keeps its row.
    Sql::WriteTransaction transaction(m_local);
    if (!transaction.isActive()) {
        *error = transaction.error();
        return false;
    }
    const QStringList gone = missingRows(full);
    for (const QString &id : std::as_const(gone)) {
        if (!Sql::exec(m_local, u"UPDATE todos SET deleted_at = ? WHERE id = ?"_s, {Timestamp::now(), id}, error))
            return false;
    }
    m_changedTodos << gone;
    return transaction.commit() || (error->append(transaction.error()), false);
}

SyncResult SyncSession::pull()
{
    SyncResult result;
    if (!connectToServer(&result))
        return result;
    SyncState state(m_local);
    QString cursor = state.pullCursor();
    PullSet pull;
    QElapsedTimer clock;
    clock.start();
    if (!fetch(cursor, &pull, &result))
        return result;
    const qint64 fetchMs = clock.restart();
    const bool fullResync = cursor != u"0"_s && cursor.toLongLong() < pull.purgeXid.toLongLong();
    if (fullResync) {
        qCInfo(lcSync) << "offline for longer than the tombstone horizon: full resync";
        cursor = u"0"_s;
        pull = PullSet();
        if (!fetch(cursor, &pull, &result))
            return result;
    }

    // The server's Inbox may be new to this desktop (made by another one, or
    // by the push for a todo whose list it had not heard of): adopt it.
    QString error;
    for (const PullSet::ListRow &row : std::as_const(pull.lists)) {
        if (!row.list.isInbox || row.list.deletedAt)
            continue;
        auto localInbox = Sql::select(m_local, u"SELECT id FROM lists WHERE is_inbox = 1 AND deleted_at IS NULL AND id <> ?"_s,
                                      {row.list.id});
        if (localInbox && localInbox->next() && !remapInbox(localInbox->value(0).toString(), row.list.id, &error))
            return SyncResult{SyncResult::Error::LocalFailure, error};
    }

    PullApplier applier(m_local);
    // A full resync also deletes the rows the server no longer has: they count too.
    const int deletions = applier.deletionCount(pull) + (fullResync ? int(missingRows(pull).size()) : 0);
    const int live = applier.liveTodoCount();
    if (!m_options.confirmDeletes && deletions >= m_options.massDeleteMinimum
        && double(deletions) > m_options.massDeleteShare * double(live)) {
        result.error = SyncResult::Error::NeedsConfirmation;
        result.pendingDeletions = deletions;
        result.message = tr("The cloud would delete %1 of your %2 todos. Tandem waits for you to confirm.")
                             .arg(deletions)
                             .arg(live);
        return result;
    }
    // Retired first: the cursor moves with the last rows apply() writes, and
    // a full resync that stopped before its end must run again, whole.
    if ((fullResync && !retireMissingRows(pull, &error)) || !applier.apply(pull, pull.newCursor, &error))
        return SyncResult{SyncResult::Error::LocalFailure, error};
    qCInfo(lcSync) << "pulled" << pull.rowCount() << "rows: fetch" << fetchMs << "ms, apply" << clock.elapsed() << "ms";
    state.setLastSyncAt(Timestamp::now());
    m_changedTodos << applier.changedTodoIds();
    m_listsChanged = m_listsChanged || applier.listsChanged();
    m_tagsChanged = m_tagsChanged || applier.tagsChanged();
    result.pulledRows = pull.rowCount();
    result.conflicts = int(pull.conflicts.size());
    result.roundTrips = m_roundTrips;
    return result;
}

SyncResult SyncSession::sync()
{
    m_changedTodos.clear();
    m_listsChanged = m_tagsChanged = false;
    m_roundTrips = 0;
    SyncResult result;
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (attempt > 0 || (m_pg && !m_pg->isHealthy()))
            disconnectFromServer(); // a dropped connection: open a new one
        SyncResult pushed = push();
        if (!pushed.ok()) {
            result = pushed;
            if (pushed.error == SyncResult::Error::ConnectionLost)
                continue;
            return result;
        }
        SyncResult pulled = pull();
        pulled.pushedChanges = pushed.pushedChanges; // conflicts: the new entries of the log, from the pull
        result = pulled;
        if (pulled.error != SyncResult::Error::ConnectionLost)
            break;
    }
    result.roundTrips = m_roundTrips;
    qCInfo(lcSync) << "sync:" << (result.ok() ? "ok" : qPrintable(result.message)) << "pushed" << result.pushedChanges
                   << "pulled" << result.pulledRows << "round trips" << result.roundTrips;
    return result;
}
