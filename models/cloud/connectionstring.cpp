#include "connectionstring.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QStringList kUriPrefixes = {u"postgresql://"_s, u"postgres://"_s};

// Something that starts like a URI ("mysql://...", "jdbc:postgresql://..."),
// to name a wrong scheme instead of complaining about a missing "=".
const QRegularExpression kAnyScheme(u"^([A-Za-z][A-Za-z0-9+.:\\-]*)://"_s);

// libpq's keywords. libpq rejects any other keyword when connecting; we
// reject it earlier, with the name of the setting. The last group is newer
// than the libpq 15 of Debian 12: accepted here, refused by an older libpq.
const QStringList kKeywords = {u"host"_s, u"hostaddr"_s, u"port"_s, u"dbname"_s, u"user"_s,
    u"password"_s, u"passfile"_s, u"channel_binding"_s, u"connect_timeout"_s, u"client_encoding"_s,
    u"options"_s, u"application_name"_s, u"fallback_application_name"_s, u"keepalives"_s,
    u"keepalives_idle"_s, u"keepalives_interval"_s, u"keepalives_count"_s, u"tcp_user_timeout"_s,
    u"replication"_s, u"gssencmode"_s, u"sslmode"_s, u"requiressl"_s, u"sslcompression"_s,
    u"sslcert"_s, u"sslkey"_s, u"sslpassword"_s, u"sslrootcert"_s, u"sslcrl"_s, u"sslcrldir"_s,
    u"sslsni"_s, u"requirepeer"_s, u"ssl_min_protocol_version"_s, u"ssl_max_protocol_version"_s,
    u"krbsrvname"_s, u"gsslib"_s, u"service"_s, u"target_session_attrs"_s,
    // libpq 16 and 17
    u"load_balance_hosts"_s, u"require_auth"_s, u"sslcertmode"_s, u"gssdelegation"_s,
    u"sslnegotiation"_s};

const QString kPasswordKeyword = u"password"_s;
const QString kSslPasswordKeyword = u"sslpassword"_s;

// libpq's JDBC compatibility: "?ssl=true" in a URI means sslmode=require.
const QString kJdbcSslKey = u"ssl"_s;
const QString kJdbcSslOn = u"true"_s;

QString unknownKeywordMessage(const QString &keyword)
{
    return ConnectionString::tr("Unknown connection parameter \"%1\" (not a libpq keyword).")
        .arg(keyword);
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Strict percent-decoding, as libpq does it: every "%" starts two hex digits
// and %00 is refused. (QUrl's tolerant mode would silently keep a stray "%",
// and a password that decodes differently than the user meant must fail.)
std::optional<QString> percentDecoded(QStringView text, QString *error)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray bytes;
    bytes.reserve(utf8.size());
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        if (utf8.at(i) != '%') {
            bytes.append(utf8.at(i));
            continue;
        }
        const int high = i + 2 < utf8.size() ? hexValue(utf8.at(i + 1)) : -1;
        const int low = high >= 0 ? hexValue(utf8.at(i + 2)) : -1;
        if (low < 0) {
            *error = ConnectionString::tr(
                "The URI has a \"%\" that is not followed by two hex digits; "
                "write a literal \"%\" as %25.");
            return std::nullopt;
        }
        if (high == 0 && low == 0) {
            *error = ConnectionString::tr(
                "The URI contains %00, which a connection parameter cannot hold.");
            return std::nullopt;
        }
        bytes.append(char(high * 16 + low));
        i += 2;
    }
    return QString::fromUtf8(bytes);
}

// Splits "host", "host:port", "[v6]" or "[v6]:port" (still percent-encoded).
bool splitHostPort(
    QStringView hostPort, QStringView *host, std::optional<QStringView> *port, QString *error)
{
    if (hostPort.contains(u',')) {
        *error = ConnectionString::tr(
            "Multiple hosts (host1,host2) are not supported; give exactly one host.");
        return false;
    }
    if (hostPort.startsWith(u'[')) {
        const qsizetype close = hostPort.indexOf(u']');
        if (close < 0) {
            *error = ConnectionString::tr("The IPv6 address in the URI has no closing \"]\".");
            return false;
        }
        *host = hostPort.mid(1, close - 1);
        const QStringView after = hostPort.mid(close + 1);
        if (!after.isEmpty() && !after.startsWith(u':')) {
            *error = ConnectionString::tr("Unexpected text after the IPv6 address in the URI "
                                          "(expected [address]:port).");
            return false;
        }
        if (!after.isEmpty())
            *port = after.mid(1);
        return true;
    }
    const qsizetype colon = hostPort.indexOf(u':');
    if (colon >= 0 && hostPort.indexOf(u':', colon + 1) >= 0) {
        *error = ConnectionString::tr(
            "An IPv6 address in a URI must be in brackets, e.g. postgresql://[::1]:5432/db.");
        return false;
    }
    *host = colon < 0 ? hostPort : hostPort.left(colon);
    if (colon >= 0)
        *port = hostPort.mid(colon + 1);
    return true;
}

// postgresql://[user[:password]@][host][:port][/dbname][?key=value&...]
std::optional<ConnectionString::Keywords> parseUri(
    const QString &text, qsizetype prefixLength, QString *error)
{
    const QStringView rest = QStringView(text).mid(prefixLength);
    // libpq has no fragment; a "#" is nearly always an unencoded password
    // character, and everything after it would be lost silently.
    if (rest.contains(u'#')) {
        *error = ConnectionString::tr(
            "The URI contains \"#\"; percent-encode it as %23 (e.g. in the password).");
        return std::nullopt;
    }

    const qsizetype queryStart = rest.indexOf(u'?');
    const QStringView beforeQuery = queryStart < 0 ? rest : rest.left(queryStart);
    const QStringView query = queryStart < 0 ? QStringView() : rest.mid(queryStart + 1);
    const qsizetype slash = beforeQuery.indexOf(u'/');
    const QStringView authority = slash < 0 ? beforeQuery : beforeQuery.left(slash);
    const QStringView path = slash < 0 ? QStringView() : beforeQuery.mid(slash + 1);

    ConnectionString::Keywords keywords;
    auto store = [&](const QString &keyword, QStringView encoded) {
        const std::optional<QString> value = percentDecoded(encoded, error);
        if (value && !value->isEmpty())
            keywords.insert(keyword, *value);
        return value.has_value();
    };

    // The last "@": a password with an unencoded "@" still splits right.
    const qsizetype at = authority.lastIndexOf(u'@');
    if (at >= 0) {
        const QStringView userInfo = authority.left(at);
        const qsizetype colon = userInfo.indexOf(u':');
        if (!store(u"user"_s, colon < 0 ? userInfo : userInfo.left(colon)))
            return std::nullopt;
        if (colon >= 0 && !store(kPasswordKeyword, userInfo.mid(colon + 1)))
            return std::nullopt;
    }

    QStringView host;
    std::optional<QStringView> port;
    if (!splitHostPort(authority.mid(at + 1), &host, &port, error))
        return std::nullopt;
    if (!store(u"host"_s, host))
        return std::nullopt;
    if (port) {
        // A non-number here usually means an unencoded "/" or "?" in the
        // password cut the URI short; the text itself is not quoted back.
        if (!std::all_of(port->cbegin(), port->cend(), [](QChar c) { return c.isDigit(); })) {
            *error = ConnectionString::tr(
                "The port in the URI is not a number (if the password contains \"/\" or "
                "\"?\", percent-encode them as %2F and %3F).");
            return std::nullopt;
        }
        keywords.insert(u"port"_s, port->toString()); // range checked by ConnectionConfig
    }
    if (!store(u"dbname"_s, path))
        return std::nullopt;

    for (const QStringView parameter : query.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype equals = parameter.indexOf(u'=');
        if (equals <= 0) {
            // The text is not quoted back: it may be a piece of a password
            // with an unencoded "?" in it.
            *error = ConnectionString::tr(
                "A parameter in the URI query has no \"key=\" (expected ?key=value&key=value).");
            return std::nullopt;
        }
        const std::optional<QString> key = percentDecoded(parameter.left(equals), error);
        const std::optional<QString> value
            = key ? percentDecoded(parameter.mid(equals + 1), error) : std::nullopt;
        if (!value)
            return std::nullopt;
        if (*key == kJdbcSslKey && *value == kJdbcSslOn) {
            keywords.insert(u"sslmode"_s, u"require"_s);
            continue;
        }
        if (!ConnectionString::isKeyword(*key)) {
            *error = unknownKeywordMessage(*key);
            return std::nullopt;
        }
        keywords.insert(*key, *value);
    }

    // libpq would fall back to a local socket; a cloud URI without a host is
    // a mistake (e.g. a copy that lost its middle).
    if (keywords.value(u"host"_s).isEmpty() && keywords.value(u"hostaddr"_s).isEmpty()) {
        *error = ConnectionString::tr(
            "The URI has no host (expected postgresql://user:password@host/database).");
        return std::nullopt;
    }
    return keywords;
}

// libpq's key=value syntax: whitespace-separated pairs, optional spaces
// around "=", values bare (a backslash escapes the next character) or in
// single quotes (a backslash escapes ' and \). As a convenience we also take
// SQL's doubled quote ('it''s'); libpq rejects that text, so accepting it
// cannot change the meaning of any string libpq accepts.
std::optional<ConnectionString::Keywords> parseKeyValue(const QString &text, QString *error)
{
    ConnectionString::Keywords keywords;
    const qsizetype size = text.size();
    qsizetype i = 0;
    auto skipSpaces = [&] {
        while (i < size && text.at(i).isSpace())
            ++i;
    };
    // Set after a bare password: a stray word after it is then most likely
    // the rest of a password with a space in it, and must not be echoed.
    bool afterBareSecret = false;
    const QString secretSpaceMessage
        = ConnectionString::tr("The password seems to contain a space; put it in single "
                               "quotes: password='...'.");

    for (skipSpaces(); i < size; skipSpaces()) {
        const qsizetype keyStart = i;
        while (i < size && !text.at(i).isSpace() && text.at(i) != u'=')
            ++i;
        const QString key = text.mid(keyStart, i - keyStart);
        skipSpaces();
        if (i >= size || text.at(i) != u'=') {
            if (afterBareSecret) {
                *error = secretSpaceMessage;
                return std::nullopt;
            }
            *error = ConnectionString::tr(
                "Malformed connection string: the word at character %1 has no \"=\" "
                "(expected key=value pairs separated by spaces).")
                         .arg(keyStart + 1);
            return std::nullopt;
        }
        if (key.isEmpty()) {
            *error = ConnectionString::tr(
                "Malformed connection string: the \"=\" at character %1 has no key "
                "before it.")
                         .arg(i + 1);
            return std::nullopt;
        }
        ++i; // the "="
        skipSpaces();

        QString value;
        const bool quoted = i < size && text.at(i) == u'\'';
        if (quoted) {
            const qsizetype quoteStart = i++;
            bool closed = false;
            while (i < size && !closed) {
                const QChar c = text.at(i++);
                if (c == u'\\' && i < size) {
                    value.append(text.at(i++));
                } else if (c == u'\'' && i < size && text.at(i) == u'\'') {
                    value.append(c); // SQL-style '' inside quotes
                    ++i;
                } else if (c == u'\'') {
                    closed = true;
                } else {
                    value.append(c);
                }
            }
            if (!closed) {
                *error = ConnectionString::tr(
                    "Malformed connection string: the quoted value that starts at "
                    "character %1 has no closing \"'\".")
                             .arg(quoteStart + 1);
                return std::nullopt;
            }
        } else {
            while (i < size && !text.at(i).isSpace()) {
                if (text.at(i) == u'\\' && i + 1 < size)
                    ++i;
                value.append(text.at(i++));
            }
        }

        if (!ConnectionString::isKeyword(key)) {
            *error = afterBareSecret ? secretSpaceMessage : unknownKeywordMessage(key);
            return std::nullopt;
        }
        keywords.insert(key, value);
        afterBareSecret = !quoted && ConnectionString::isSecret(key);
    }
    return keywords;
}

} // namespace

std::optional<ConnectionString::Keywords> ConnectionString::parse(
    const QString &input, QString *error)
{
    QString text = input.trimmed();
    // Neon's console shows the URI inside a shell command (psql '...'), so a
    // copy often keeps the quotes around it.
    if (text.size() >= 2 && (text.front() == u'\'' || text.front() == u'"')
        && text.back() == text.front() && kAnyScheme.match(text.mid(1)).hasMatch())
        text = text.mid(1, text.size() - 2).trimmed();

    if (text.isEmpty()) {
        *error = tr("The connection string is empty.");
        return std::nullopt;
    }
    for (const QString &prefix : kUriPrefixes) {
        if (text.startsWith(prefix, Qt::CaseInsensitive))
            return parseUri(text, prefix.size(), error);
    }
    const QRegularExpressionMatch scheme = kAnyScheme.match(text);
    if (scheme.hasMatch()) {
        *error = tr("Unsupported URI scheme \"%1://\"; use postgresql:// or postgres://, or libpq "
                    "key=value pairs.")
                     .arg(scheme.captured(1));
        return std::nullopt;
    }
    return parseKeyValue(text, error);
}

bool ConnectionString::isKeyword(const QString &keyword)
{
    return kKeywords.contains(keyword);
}

bool ConnectionString::isSecret(const QString &keyword)
{
    return keyword == kPasswordKeyword || keyword == kSslPasswordKeyword;
}

QString ConnectionString::quoted(const QString &value)
{
    const bool bare = !value.isEmpty() && std::none_of(value.cbegin(), value.cend(), [](QChar c) {
        return c.isSpace() || c == u'\'' || c == u'\\';
    });
    if (bare)
        return value;
    QString escaped = value;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'\'', u"\\'"_s);
    return u'\'' + escaped + u'\'';
}

QString ConnectionString::percentEncoded(const QString &value, const QByteArray &keep)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value, keep));
}
