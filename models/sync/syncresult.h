#pragma once

#include <QCoreApplication>
#include <QString>

class PgConnection;
struct ConnectDiagnosis;

// How one sync ended, in terms a person and a retry policy can act on.
//
// Decided from codes only: the SQLSTATE of a failed statement, and for a
// connection that could not be opened, the connection status libpq exposes
// (ConnectDiagnosis). Never from the text of a message: libpq and the server
// translate those (lc_messages, LANG), so "password authentication failed"
// is "Passwort-Authentifizierung ... fehlgeschlagen" on a German desktop. The
// text may still be shown in `message`.
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
    QString sqlState {};    // the server's SQLSTATE, when it gave one
    QString notice {};      // something this sync did that the person must hear of once
    int pushedChanges = 0;
    int pulledRows = 0;
    int conflicts = 0;
    int pendingDeletions = 0; // with NeedsConfirmation
    int roundTrips = 0;

    bool ok() const { return error == Error::None; }
    // Whether trying again later may help (and so the engine backs off and
    // retries). False for what only a person can fix: the password, TLS, the
    // schema, privileges (42501), missing objects (42P01, ...), data that the
    // server refuses (22xxx, 23xxx). True for a lost or refused connection
    // (class 08, 57P01-57P03), serialization failures and deadlocks (40001,
    // 40P01), a server short of resources (class 53), timeouts (57014, 55P03).
    bool retryable() const;

    // A failed statement: by its SQLSTATE and whether the connection broke.
    // serverMessage is only shown, never read.
    static SyncResult classify(const QString &serverMessage, const QString &sqlState, bool connectionBroken);
    // The last failure of a connection: a failed open() by its
    // connectFailure(), else its last statement's SQLSTATE and health.
    static SyncResult classify(const PgConnection &connection);
    // A connection that could not be opened; shownMessage is libpq's text.
    static SyncResult classify(const ConnectDiagnosis &diagnosis, const QString &shownMessage);
};
