#pragma once

#include "connectionstring.h"

#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

class QSqlDatabase;

// Where and how to connect to the PostgreSQL server (Neon for users, a local
// server in tests), in the pieces Qt's QPSQL driver wants: QPSQL takes no
// connection string, only host/port/database/user/password plus "connect
// options" that it appends to the libpq string it builds itself.
//
// Empty strings and zero numbers mean "not set: libpq's default".
struct ConnectionConfig
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionConfig)

public:
    static constexpr int kDefaultPort = 5432;
    static constexpr int kMaxPort = 65535;
    // The client-side deadlines connectOptions() adds when the config does
    // not set them (why: see clientDeadlines() in connectionconfig.cpp).
    // A config's 0 (connect_timeout=0, keepalives_idle=0) counts as unset.
    static constexpr int kDefaultConnectTimeoutSeconds = 10;
    static constexpr int kDefaultKeepalivesIdleSeconds = 30;
    static constexpr int kDefaultKeepalivesIntervalSeconds = 10;
    static constexpr int kDefaultKeepalivesCount = 3;
    static constexpr int kDefaultTcpUserTimeoutMs = 30'000;

    // libpq's sslmode values, weakest first.
    static const QStringList kSslModes;
    static const QStringList kChannelBindings;

    QString host;
    int port = kDefaultPort;
    QString database;
    QString user;
    QString password;
    QString sslMode; // one of kSslModes, or empty
    QString sslRootCert; // path of the CA certificate file
    QString channelBinding; // one of kChannelBindings, or empty
    int connectTimeoutSeconds = 0;
    bool keepalives = true; // libpq's default too
    int keepalivesIdleSeconds = 0;
    QString applicationName;
    // Any other libpq keyword it was given (options, target_session_attrs,
    // sslcert, ...), passed on unchanged.
    QMap<QString, QString> extraOptions;
    // Forces isPooled() for a pooler that the host name does not reveal (a
    // local PgBouncer in tests). Not a libpq keyword: it comes from a
    // profile (TANDEM_POOLED), never from a connection string.
    bool pooled = false;

    // Reads a postgresql:// or postgres:// URI (as Neon's console gives it)
    // or a libpq key=value string. On failure returns nullopt and sets
    // *error to one line that never contains the password.
    static std::optional<ConnectionConfig> parse(const QString &text, QString *error);

    // Builds a config from libpq keywords (as ConnectionString::parse()
    // returns them), checking every value. An empty value means "not set".
    static std::optional<ConnectionConfig> fromKeywords(
        const ConnectionString::Keywords &keywords, QString *error);

    // The settings as libpq keywords: everything that differs from "not set",
    // plus port and keepalives. fromKeywords(keywords()) gives back an equal
    // config except for `pooled`.
    ConnectionString::Keywords keywords() const;

    // Puts host, port, database, user and password into db and everything
    // else into db's connect options. db should use the QPSQL driver.
    void applyTo(QSqlDatabase &db) const;

    // The connect options applyTo() sets: "key=value" joined by ";", values
    // quoted for libpq, then the client-side deadlines (connect_timeout,
    // keepalives_idle/interval/count, tcp_user_timeout) that the config does
    // not set itself. keywords() and toUri() leave those defaults out. May
    // hold a secret (sslpassword): do not log it.
    QString connectOptions() const;

    // True when the server is a connection pooler in transaction mode (no
    // session SET, LISTEN, session advisory locks or SQL PREPARE): Neon's
    // "-pooler" endpoint (ep-name-123456-pooler.region.aws.neon.tech), or
    // `pooled` set.
    bool isPooled() const;

    // A postgresql:// URI with every setting; `pooled` is not part of it.
    QString toUri() const;

    // toUri() with "***" for the password (and any sslpassword): the only
    // form of a config that may be shown or logged.
    QString redacted() const;

    friend bool operator==(const ConnectionConfig &, const ConnectionConfig &) = default;

private:
    QString uri(bool redact) const;
};
