#pragma once

#include "cloud/connectionconfig.h"
#include "syncresult.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QStringList>

#include <memory>

class PgConnection;
class QJsonArray;
struct PullSet;

struct SyncOptions
{
    int statementTimeoutMs = 15000;
    // Changes per push: one server transaction and one round trip each.
    int pushBatchChanges = 5000;
    // A pull that would delete more than this share of the live todos (and
    // at least kMassDeleteMinimum of them) waits for the person to confirm.
    double massDeleteShare = 0.5;
    int massDeleteMinimum = 10;
    bool confirmDeletes = false;
};

// One desktop's sync with the cloud, on the thread that made it: connect,
// check the schema, push the outbox, pull what changed. Blocking; the
// SyncEngine runs it on a worker thread, and tandem-cli runs it directly.
class SyncSession
{
    Q_DECLARE_TR_FUNCTIONS(SyncSession)
public:
    static constexpr auto kMassDeleteMinimum = 10;

    // local: an open connection to the cache, used only from this thread.
    SyncSession(const QSqlDatabase &local, const ConnectionConfig &config, const SyncOptions &options = {});
    ~SyncSession();

    void setOptions(const SyncOptions &options) { m_options = options; }
    SyncOptions options() const { return m_options; }

    // Push, then pull. When the server dropped the connection (Neon closes
    // idle ones), it reconnects and tries once more before giving up.
    SyncResult sync();
    SyncResult push();
    SyncResult pull();

    bool connectToServer(SyncResult *failure);
    bool isConnected() const;
    void disconnectFromServer();
    PgConnection *connection() const { return m_pg.get(); }
    QString notificationChannel() const { return m_channel; }
    QString serverVersion() const;

    // What the last sync changed in the local cache, for the item models.
    QStringList changedTodoIds() const { return m_changedTodos; }
    bool listsChanged() const { return m_listsChanged; }
    bool tagsChanged() const { return m_tagsChanged; }
    bool remindersChanged() const { return m_remindersChanged; }

private:
    SyncResult failure() const;
    bool handshake(SyncResult *failure);
    bool remapInbox(const QString &from, const QString &to, QString *error);
    bool takeNewDevice(const QJsonArray &matched, QString *error);
    bool fetch(const QString &cursor, PullSet *pull, SyncResult *failure);

    QSqlDatabase m_local;
    ConnectionConfig m_config;
    SyncOptions m_options;
    std::unique_ptr<PgConnection> m_pg;
    QString m_connectionName;
    QString m_channel;
    QString m_deviceId;
    bool m_handshakeDone = false;
    int m_roundTrips = 0;
    QStringList m_changedTodos;
    bool m_listsChanged = false;
    bool m_tagsChanged = false;
    bool m_remindersChanged = false;
    QString m_notice; // said once, in the result of the sync where it happened
};
