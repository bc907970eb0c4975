#pragma once

#include <QCoreApplication>
#include <QString>

// How one sync ended, in terms a person and a retry policy can act on.
struct SyncResult
{
    Q_DECLARE_TR_FUNCTIONS(SyncResult)

public:
    enum class Error {
        None,
        NotConfigured,   // no server in the profile
        Unreachable,     // server down, DNS failure, connect timeout
        AuthFailed,      // wrong password or role
        TlsFailed,       // certificate or TLS negotiation
        Timeout,         // statement timeout
        ConnectionLost,  // dropped mid-sync (Neon's idle disconnect, a restart)
        SchemaTooNew,    // the server needs a newer Tandem; nothing was written
        SchemaMismatch,
        NeedsConfirmation, // the pull would delete many todos; waiting for the person
        LocalFailure,    // the local cache refused a write
        ServerFailure,   // anything else the server said
    };

    Error error = Error::None;
    QString message;        // one translated sentence, never a password
    int pushedChanges = 0;
    int pulledRows = 0;
    int conflicts = 0;
    int pendingDeletions = 0; // with NeedsConfirmation
    int roundTrips = 0;

    bool ok() const { return error == Error::None; }
    // Whether trying again later may help (and so the engine backs off and retries).
    bool retryable() const;

    static SyncResult classify(const QString &serverMessage, const QString &sqlState, bool connectionBroken);
};
