#include "connectionconfig.h"

#include "cloudconfiglogging.h"

#include <QSqlDatabase>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

const QStringList ConnectionConfig::kSslModes
    = {u"disable"_s, u"allow"_s, u"prefer"_s, u"require"_s, u"verify-ca"_s, u"verify-full"_s};
const QStringList ConnectionConfig::kChannelBindings = {u"disable"_s, u"prefer"_s, u"require"_s};

namespace {

// The keywords QPSQL takes through its own setters; every other keyword goes
// into the connect options.
const QString kHost = u"host"_s;
const QString kPort = u"port"_s;
const QString kDatabase = u"dbname"_s;
const QString kUser = u"user"_s;
const QString kPassword = u"password"_s;

const QString kSslMode = u"sslmode"_s;
const QString kSslRootCert = u"sslrootcert"_s;
const QString kChannelBinding = u"channel_binding"_s;
const QString kConnectTimeout = u"connect_timeout"_s;
const QString kKeepalives = u"keepalives"_s;
const QString kKeepalivesIdle = u"keepalives_idle"_s;
const QString kApplicationName = u"application_name"_s;
const QString kKeepalivesInterval = u"keepalives_interval"_s;
const QString kKeepalivesCount = u"keepalives_count"_s;
const QString kTcpUserTimeout = u"tcp_user_timeout"_s;

// Neon's name for the pooled (PgBouncer) endpoint of a compute: the first
// label of the host name ends with this.
const QString kPoolerSuffix = u"-pooler"_s;

const QString kRedacted = u"***"_s;

// Characters left readable in URI query values (paths, options).
const QByteArray kQueryKeep = QByteArrayLiteral("/:");

// A whole number >= 0, as libpq wants for timeouts; nullopt otherwise.
std::optional<int> nonNegativeNumber(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()
        || !std::all_of(trimmed.cbegin(), trimmed.cend(), [](QChar c) { return c.isDigit(); }))
        return std::nullopt;
    bool ok = false;
    const int value = trimmed.toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

bool setKeyword(ConnectionConfig &config, const QString &key, const QString &value, QString *error)
{
    if (!ConnectionString::isKeyword(key)) {
        *error = ConnectionConfig::tr("Unknown connection parameter \"%1\" (not a libpq keyword).")
                     .arg(key);
        return false;
    }
    // QPSQL turns every ";" of its connect options into a space (it is its
    // separator), with no way to escape it: the value would change silently.
    const bool viaSetter
        = key == kHost || key == kPort || key == kDatabase || key == kUser || key == kPassword;
    if (!viaSetter && value.contains(u';')) {
        *error = ConnectionConfig::tr(
            "The value of \"%1\" contains \";\", which Qt's PostgreSQL driver cannot pass "
            "on to libpq.")
                     .arg(key);
        return false;
    }
    // libpq would try the hosts one after the other; the sync engine needs to
    // know which server it talks to, so we take exactly one.
    if ((key == kHost || key == u"hostaddr"_s || key == kPort) && value.contains(u',')) {
        *error = ConnectionConfig::tr(
            "Multiple hosts (host1,host2) are not supported; give exactly one host.");
        return false;
    }

    auto number = [&](int *target) {
        const std::optional<int> parsed = value.isEmpty() ? 0 : nonNegativeNumber(value);
        if (!parsed)
            *error = ConnectionConfig::tr("%1 must be a whole number of seconds (0 or more).")
                         .arg(key);
        else
            *target = *parsed;
        return parsed.has_value();
    };
    auto choice = [&](const QStringList &allowed, QString *target) {
        const QString lower = value.trimmed().toLower();
        if (!lower.isEmpty() && !allowed.contains(lower)) {
            *error = ConnectionConfig::tr("Unknown %1 \"%2\"; expected %3.")
                         .arg(key, value, allowed.join(u", "_s));
            return false;
        }
        *target = lower;
        return true;
    };

    if (key == kHost) {
        config.host = value;
    } else if (key == kPort) {
        const std::optional<int> port
            = value.isEmpty() ? ConnectionConfig::kDefaultPort : nonNegativeNumber(value);
        if (!port || *port < 1 || *port > ConnectionConfig::kMaxPort) {
            *error = ConnectionConfig::tr("The port must be a number from 1 to %1.")
                         .arg(ConnectionConfig::kMaxPort);
            return false;
        }
        config.port = *port;
    } else if (key == kDatabase) {
        config.database = value;
    } else if (key == kUser) {
        config.user = value;
    } else if (key == kPassword) {
        config.password = value;
    } else if (key == kSslMode) {
        return choice(ConnectionConfig::kSslModes, &config.sslMode);
    } else if (key == kChannelBinding) {
        return choice(ConnectionConfig::kChannelBindings, &config.channelBinding);
    } else if (key == kSslRootCert) {
        config.sslRootCert = value;
    } else if (key == kConnectTimeout) {
        return number(&config.connectTimeoutSeconds);
    } else if (key == kKeepalivesIdle) {
        return number(&config.keepalivesIdleSeconds);
    } else if (key == kKeepalives) {
        // libpq: any non-zero number switches them on; empty is its default (on).
        const std::optional<int> on = value.isEmpty() ? 1 : nonNegativeNumber(value);
        if (!on) {
            *error = ConnectionConfig::tr("keepalives must be 0 (off) or 1 (on).");
            return false;
        }
        config.keepalives = *on != 0;
    } else if (key == kApplicationName) {
        config.applicationName = value;
    } else if (value.isEmpty()) {
        config.extraOptions.remove(key);
    } else {
        config.extraOptions.insert(key, value);
    }
    return true;
}

// The connect options in a fixed order: the named settings, then the extra
// keywords by name. keepalives=1 is libpq's default, so a URI may leave it out.
QList<std::pair<QString, QString>> optionPairs(
    const ConnectionConfig &config, bool withDefaultKeepalives)
{
    QList<std::pair<QString, QString>> pairs;
    auto add = [&pairs](const QString &key, const QString &value) {
        if (!value.isEmpty())
            pairs.append({key, value});
    };
    auto addNumber = [&add](const QString &key, int value) {
        if (value > 0)
            add(key, QString::number(value));
    };
    add(kSslMode, config.sslMode);
    add(kSslRootCert, config.sslRootCert);
    add(kChannelBinding, config.channelBinding);
    addNumber(kConnectTimeout, config.connectTimeoutSeconds);
    if (withDefaultKeepalives || !config.keepalives)
        add(kKeepalives, config.keepalives ? u"1"_s : u"0"_s);
    addNumber(kKeepalivesIdle, config.keepalivesIdleSeconds);
    add(kApplicationName, config.applicationName);
    for (auto it = config.extraOptions.cbegin(); it != config.extraOptions.cend(); ++it)
        add(it.key(), it.value());
    return pairs;
}

// Client-side deadlines for every connection Tandem opens (sync, LISTEN,
// the Test button, migration, CLI), each unless the person's string sets it.
// Without them a server that vanishes without a reset (a laptop changing
// networks, a NAT dropping the mapping, a suspended compute behind a load
// balancer) leaves libpq waiting for the kernel's defaults: about two hours
// of keepalive silence, and some 15 minutes of retransmissions. With them a
// worker hears of it within a minute:
// - connect_timeout: the whole connection set-up (TCP, TLS, authentication);
// - keepalives_*: an idle connection (LISTEN, between syncs) is probed after
//   30 s and given up after 3 unanswered probes 10 s apart;
// - tcp_user_timeout: sent data (a statement) unacknowledged for 30 s ends
//   the connection, which keepalives alone would not, since they only run
//   while nothing is in flight.
// All are libpq options applied to the socket on this side, not startup
// parameters sent to the server, so poolers that refuse unknown startup
// parameters (PgBouncer, Neon's -pooler endpoint) never see them.
QList<std::pair<QString, QString>> clientDeadlines(const ConnectionConfig &config)
{
    QList<std::pair<QString, QString>> pairs;
    auto addUnlessSet = [&](const QString &key, int fallback, bool isSet) {
        if (!isSet)
            pairs.append({key, QString::number(fallback)});
    };
    addUnlessSet(kConnectTimeout, ConnectionConfig::kDefaultConnectTimeoutSeconds,
        config.connectTimeoutSeconds > 0);
    if (config.keepalives) {
        addUnlessSet(kKeepalivesIdle, ConnectionConfig::kDefaultKeepalivesIdleSeconds,
            config.keepalivesIdleSeconds > 0);
        addUnlessSet(kKeepalivesInterval, ConnectionConfig::kDefaultKeepalivesIntervalSeconds,
            config.extraOptions.contains(kKeepalivesInterval));
        addUnlessSet(kKeepalivesCount, ConnectionConfig::kDefaultKeepalivesCount,
            config.extraOptions.contains(kKeepalivesCount));
    }
    addUnlessSet(kTcpUserTimeout, ConnectionConfig::kDefaultTcpUserTimeoutMs,
        config.extraOptions.contains(kTcpUserTimeout));
    return pairs;
}

} // namespace

std::optional<ConnectionConfig> ConnectionConfig::parse(const QString &text, QString *error)
{
    const std::optional<ConnectionString::Keywords> keywords = ConnectionString::parse(text, error);
    if (!keywords)
        return std::nullopt;
    return fromKeywords(*keywords, error);
}

std::optional<ConnectionConfig> ConnectionConfig::fromKeywords(
    const ConnectionString::Keywords &keywords, QString *error)
{
    ConnectionConfig config;
    for (auto it = keywords.cbegin(); it != keywords.cend(); ++it) {
        if (!setKeyword(config, it.key(), it.value(), error))
            return std::nullopt;
    }
    return config;
}

ConnectionString::Keywords ConnectionConfig::keywords() const
{
    ConnectionString::Keywords result;
    auto add = [&result](const QString &key, const QString &value) {
        if (!value.isEmpty())
            result.insert(key, value);
    };
    add(kHost, host);
    add(kPort, QString::number(port));
    add(kDatabase, database);
    add(kUser, user);
    add(kPassword, password);
    for (const auto &[key, value] : optionPairs(*this, /*withDefaultKeepalives=*/true))
        result.insert(key, value);
    return result;
}

void ConnectionConfig::applyTo(QSqlDatabase &db) const
{
    db.setHostName(host);
    db.setPort(port);
    db.setDatabaseName(database);
    db.setUserName(user);
    db.setPassword(password);
    db.setConnectOptions(connectOptions());
    qCDebug(lcCloudConfig).noquote() << "Connection" << db.connectionName() << "set up for"
                                     << redacted() << (isPooled() ? "(pooled)" : "(direct)");
}

QString ConnectionConfig::connectOptions() const
{
    QStringList options;
    // keepalives goes in even when on: the string then says what it does.
    for (const auto &[key, value] : optionPairs(*this, /*withDefaultKeepalives=*/true))
        options.append(key + u'=' + ConnectionString::quoted(value));
    for (const auto &[key, value] : clientDeadlines(*this))
        options.append(key + u'=' + value);
    return options.join(u';');
}

bool ConnectionConfig::isPooled() const
{
    return pooled || host.section(u'.', 0, 0).endsWith(kPoolerSuffix, Qt::CaseInsensitive);
}

QString ConnectionConfig::toUri() const
{
    return uri(/*redact=*/false);
}

QString ConnectionConfig::redacted() const
{
    return uri(/*redact=*/true);
}

QString ConnectionConfig::uri(bool redact) const
{
    QString result = u"postgresql://"_s;
    if (!user.isEmpty() || !password.isEmpty()) {
        result += ConnectionString::percentEncoded(user);
        if (!password.isEmpty())
            result += u':' + (redact ? kRedacted : ConnectionString::percentEncoded(password));
        result += u'@';
    }
    // An IPv6 address goes in brackets with its colons bare; a socket
    // directory (/var/run/postgresql) is percent-encoded, which libpq reads.
    if (host.contains(u':'))
        result += u'[' + ConnectionString::percentEncoded(host, QByteArrayLiteral(":")) + u']';
    else
        result += ConnectionString::percentEncoded(host);
    result += u':' + QString::number(port);
    if (!database.isEmpty())
        result += u'/' + ConnectionString::percentEncoded(database);

    QStringList query;
    for (const auto &[key, value] : optionPairs(*this, /*withDefaultKeepalives=*/false)) {
        const QString shown = redact && ConnectionString::isSecret(key)
            ? kRedacted
            : ConnectionString::percentEncoded(value, kQueryKeep);
        query.append(key + u'=' + shown);
    }
    if (!query.isEmpty())
        result += u'?' + query.join(u'&');
    return result;
}
