#include "syncsession.h"

#include "cloud/cloudschema.h"
#include "cloud/pgconnection.h"
#include "fullresync.h"
#include "outboxbatch.h"
#include "identityswitch.h"
#include "pullapplier.h"
#include "pullfetcher.h"
#include "pullset.h"
#include "store/outbox.h"
#include "store/sqlhelpers.h"
#include "store/todostore.h"
#include "syncstate.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUuid>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSync, "tandem.sync")

namespace {

SyncResult failed(SyncResult::Error error, const QString &message)
{
    SyncResult result;
    result.error = error;
    result.message = message;
    return result;
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
    return m_pg ? SyncResult::classify(*m_pg) : SyncResult::classify({}, {}, true);
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
        *result = SyncResult::classify(*m_pg); // by the connection's status, never its message text
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
        // Another database, or another role: see IdentitySwitch.
        const IdentitySwitch::Outcome switched = IdentitySwitch::apply(m_local, identity);
        if (!switched.ok) {
            result->error = SyncResult::Error::LocalFailure;
            result->message = switched.error;
            return false;
        }
        m_deviceId = switched.deviceId;
        m_listsChanged = m_tagsChanged = m_remindersChanged = true; // every id changed; the push below names the todos
        m_notice = tr("Tandem now syncs with another cloud database or role (%1). This desktop's %n todo(s) "
                      "were copied there; nothing was removed from the one it synced with before.",
                      nullptr, switched.todos)
                       .arg(who.text(0, 0));
        qCInfo(lcSync) << "server identity changed; the cache was offered to the new one as device" << m_deviceId;
    } else if (known.isEmpty()) {
        state.setServerIdentity(identity);
    }

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
    if (!TodoStore::moveInbox(m_local, from, to, error))
        return false;
    m_listsChanged = true;
    qCInfo(lcSync) << "adopted the server's Inbox";
    return true;
}

SyncResult SyncSession::push()
{
    SyncResult result;
    if (!connectToServer(&result))
        return result;
    bool renewed = false;
    for (;;) {
        QString error;
        const OutboxBatch batch = OutboxBatch::read(m_local, m_options.pushBatchChanges, &error);
        if (!error.isEmpty())
            return failed(SyncResult::Error::LocalFailure, error);
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
        if (answer.value(u"diverged"_s).toBool()) {
            // The server holds other changes under this device's sequence
            // numbers: this data folder was restored or copied. Nothing of
            // the batch was applied. The changes it did recognise are on the
            // server; the rest go again under a new device id.
            if (renewed || !takeNewDevice(answer.value(u"matched"_s).toArray(), &error))
                return failed(SyncResult::Error::LocalFailure,
                              error.isEmpty() ? tr("The cloud database did not accept this desktop's changes.") : error);
            renewed = true;
            continue;
        }
        const QString xid = answer.value(u"xid"_s).toString();
        if (xid.isEmpty()) // never acknowledge what the server did not say it recorded
            return failed(SyncResult::Error::ServerFailure, tr("The cloud database did not confirm the changes."));
        if (!batch.acknowledge(m_local, xid, &error))
            return failed(SyncResult::Error::LocalFailure, error);
        const QString inboxFrom = answer.value(u"inbox_from"_s).toString();
        const QString inboxTo = answer.value(u"inbox_to"_s).toString();
        if (!inboxFrom.isEmpty() && !inboxTo.isEmpty() && !remapInbox(inboxFrom, inboxTo, &error))
            return failed(SyncResult::Error::LocalFailure, error);
        result.pushedChanges += batch.changeCount;
        result.conflicts += answer.value(u"conflicts"_s).toInt();
        m_changedTodos << batch.todoIds; // their "not yet synced" mark goes
    }
    result.roundTrips = m_roundTrips;
    return result;
}

bool SyncSession::takeNewDevice(const QJsonArray &matched, QString *error)
{
    QList<qint64> applied;
    for (const QJsonValue &seq : matched)
        applied << seq.toInteger();
    if (!OutboxBatch::forget(m_local, applied, error))
        return false;
    const QString device = SyncState(m_local).renewDeviceId();
    if (device.isEmpty())
        return false;
    qCInfo(lcSync) << "the server knows other changes under device" << m_deviceId << "(restored or copied data folder);"
                   << applied.size() << "changes were on the server already; continuing as" << device;
    m_deviceId = device;
    m_notice = tr("This data folder was restored from a backup or copied from another computer. Tandem now syncs "
                  "it as a new desktop and sends its %n waiting change(s) again.",
                  nullptr, Outbox::pendingChangeCount(m_local));
    return true;
}

bool SyncSession::fetch(const QString &cursor, PullSet *pull, SyncResult *result)
{
    const bool ok = PullFetcher::fetch(*m_pg, cursor, m_options.statementTimeoutMs, pull);
    ++m_roundTrips;
    if (!ok)
        *result = failure();
    return ok;
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
    const bool fullResync = FullResync::needed(cursor, pull);
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
            return failed(SyncResult::Error::LocalFailure, error);
    }

    PullApplier applier(m_local);
    // A full resync also deletes the rows the server no longer has: they count too.
    const int deletions = applier.deletionCount(pull)
        + (fullResync ? int(FullResync::missingTodos(m_local, pull).size()) : 0);
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
    if ((fullResync && !FullResync::retireMissingTodos(m_local, pull, &m_changedTodos, &error))
        || !applier.apply(pull, pull.newCursor, &error))
        return failed(SyncResult::Error::LocalFailure, error);
    qCInfo(lcSync) << "pulled" << pull.rowCount() << "rows: fetch" << fetchMs << "ms, apply" << clock.elapsed() << "ms";
    state.setLastSyncAt(Timestamp::now());
    m_changedTodos << applier.changedTodoIds();
    m_listsChanged = m_listsChanged || applier.listsChanged();
    m_tagsChanged = m_tagsChanged || applier.tagsChanged();
    m_remindersChanged = m_remindersChanged || applier.remindersChanged();
    result.pulledRows = pull.rowCount();
    result.conflicts = int(pull.conflicts.size());
    result.roundTrips = m_roundTrips;
    return result;
}

SyncResult SyncSession::sync()
{
    m_changedTodos.clear();
    m_listsChanged = m_tagsChanged = m_remindersChanged = false;
    m_roundTrips = 0;
    m_notice.clear();
    // Every change queued before this sync must be recorded by the server
    // when it reports success (later ones may still be on their way).
    const qint64 queuedBefore = Outbox::lastSequence(m_local);
    SyncResult result;
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (attempt > 0 || (m_pg && !m_pg->isHealthy()))
            disconnectFromServer(); // a dropped connection: open a new one
        SyncResult pushed = push();
        if (!pushed.ok()) {
            result = pushed;
            if (pushed.error == SyncResult::Error::ConnectionLost)
                continue;
            break;
        }
        SyncResult pulled = pull();
        pulled.pushedChanges = pushed.pushedChanges; // conflicts: the new entries of the log, from the pull
        result = pulled;
        if (pulled.error != SyncResult::Error::ConnectionLost)
            break;
    }
    if (result.ok() && Outbox::pendingChangeCount(m_local, queuedBefore) > 0) {
        result.error = SyncResult::Error::LocalFailure;
        result.message = tr("Some changes are still waiting to be recorded by the cloud database.");
    }
    result.notice = m_notice;
    result.roundTrips = m_roundTrips;
    qCInfo(lcSync) << "sync:" << (result.ok() ? "ok" : qPrintable(result.message)) << "pushed" << result.pushedChanges
                   << "pulled" << result.pulledRows << "round trips" << result.roundTrips;
    return result;
}
