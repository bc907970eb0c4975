#pragma once

#include "cloud/connectionconfig.h"
#include "sync/syncresult.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <functional>

// What "Test connection" found out.
struct ConnectionProbeResult
{
    bool ok = false;
    QString serverVersion;   // "15.4"
    bool tls = false;        // PgConnection::sslInUse()
    double roundTripMs = 0;  // SELECT 1, median of ConnectionProbe::kPings
    SyncResult::Error error = SyncResult::Error::None;
    QString message;         // SyncResult::classify()'s sentence; never the password
    QString detail;          // the first line the server or libpq said; never the password
};
Q_DECLARE_METATYPE(ConnectionProbeResult)

// Opens a QPSQL connection with a ConnectionConfig, asks for the server's
// version and TLS state, and times SELECT 1. run() blocks; start() runs it
// on a thread of its own so that the window never waits on the network.
class ConnectionProbe : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPings = 3;
    // When the config has no connect_timeout: libpq would wait for ever.
    static constexpr int kDefaultConnectTimeoutSeconds = 10;

    explicit ConnectionProbe(const ConnectionConfig &config, QObject *parent = nullptr);

    using Callback = std::function<void(const ConnectionProbeResult &)>;

    // Runs a probe on a thread of its own and returns at once. done is
    // called in context's thread (queued), and not at all once context is
    // gone: a dialog closed meanwhile is never called back. The probe and
    // its thread delete themselves when done.
    static void start(const ConnectionConfig &config, QObject *context, Callback done);

    // The whole probe, on the calling thread.
    ConnectionProbeResult run();

Q_SIGNALS:
    void finished(const ConnectionProbeResult &result);

private:
    ConnectionConfig m_config;
};
