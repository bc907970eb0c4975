#pragma once

#include <QByteArray>
#include <QString>

// Why a connection attempt failed, found the way libpq exposes it and never
// from its message text: libpq and the server translate their messages (a
// German desktop gets "Passwort-Authentifizierung ... fehlgeschlagen"), so a
// word match misreads them.
//
// QPSQL's open() reports nothing but that text, so after it fails
// PgConnection runs one more attempt with libpq directly, on the same
// connection string, and watches it: which phase of PQconnectPoll it was in
// when it failed (no TCP connection yet, SSL negotiation, authentication),
// PQconnectionNeedsPassword/PQconnectionUsedPassword, getaddrinfo() for the
// host name, and the server's SQLSTATE (asked for with PQERRORS_SQLSTATE,
// which makes libpq print the code instead of the translated sentence).
struct ConnectDiagnosis
{
    enum class Stage {
        Connected,      // this attempt got through: the first failure has passed
        HostNotFound,   // the host name does not resolve
        NoConnection,   // no TCP connection (refused, no route)
        TimedOut,       // connect_timeout passed before the server answered
        TlsNegotiation, // failed while negotiating SSL/TLS (refused, certificate)
        Authentication, // failed once the server asked for a password, or none was given
        ServerRefused,  // the server answered with an error: see sqlState
        Lost,           // the connection closed during set-up without an error
    };

    Stage stage = Stage::Lost;
    QString sqlState; // the server's SQLSTATE when it sent an error, e.g. 28P01, 3D000

    // Runs the attempt on a libpq key=value string, within its connect_timeout
    // (libpq ignores that for PQconnectPoll, so the deadline is kept here).
    static ConnectDiagnosis run(const QByteArray &conninfo);

    // The SQLSTATE at the end of a message that libpq built with
    // PQERRORS_SQLSTATE ("...: FATAL:  28P01"), or an empty string.
    static QString sqlStateIn(const QString &message);

    // The connect_timeout of a key=value string in seconds (0: none).
    static int connectTimeoutSeconds(const QByteArray &conninfo);
};
