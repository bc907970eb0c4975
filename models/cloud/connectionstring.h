#pragma once

#include <QCoreApplication>
#include <QMap>
#include <QString>

#include <optional>

// The two connection-string syntaxes libpq understands, read into libpq
// keywords (host, port, dbname, user, password, sslmode, ...):
//
//   postgresql://user:password@host:port/database?key=value&key=value
//   host=... port=... dbname=... user=... password='it\'s'
//
// We read them ourselves instead of handing them to libpq because Qt's QPSQL
// driver takes no connection string: it builds its own from the separate
// host/port/database/user/password fields plus "connect options". Values are
// percent-decoded (URIs) or unquoted (key=value) exactly once, here.
//
// Only syntax and keyword names are checked here; the values are checked by
// ConnectionConfig::fromKeywords(). Error messages are one line and never
// contain the password, nor any text that might be a piece of it.
class ConnectionString
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionString)
public:
    using Keywords = QMap<QString, QString>;

    // Parses a postgresql:// or postgres:// URI, or libpq key=value pairs.
    // A later occurrence of a keyword wins, as in libpq. URIs also accept
    // libpq's JDBC-style "ssl=true" (meaning sslmode=require).
    static std::optional<Keywords> parse(const QString &text, QString *error);

    // True for the keywords libpq accepts in a connection string (the libpq
    // 15 list that Debian 12 ships, plus those added up to libpq 17).
    static bool isKeyword(const QString &keyword);

    // True for keywords whose value is a secret (password, sslpassword).
    static bool isSecret(const QString &keyword);

    // A value as libpq wants it in a key=value string: unchanged when it is
    // safe bare, else in single quotes with \ and ' escaped by a backslash.
    static QString quoted(const QString &value);

    // Percent-encodes a URI component; `keep` lists characters left bare.
    static QString percentEncoded(const QString &value, const QByteArray &keep = {});
};
