#include "connectdiagnosis.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

#include <libpq-fe.h>

#include <memory>

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace {

// A SQLSTATE is five digits or capital letters; libpq's PQERRORS_SQLSTATE
// output ends with "SEVERITY:  CODE". Several addresses of one host each add
// a line, so the last code is the one of the attempt that ended it all.
const QRegularExpression kTrailingSqlState(u":  ([0-9A-Z]{5})\\s*$"_s,
    QRegularExpression::MultilineOption);

// The SQLSTATE class a pooler uses for a failed password exchange: PgBouncer
// answers a wrong SCRAM password with 08P01 (protocol violation).
const QString kProtocolViolation = u"08P01"_s;
const QString kAuthorizationClass = u"28"_s;

struct ConnCloser
{
    void operator()(PGconn *conn) const { PQfinish(conn); }
};
struct OptionsFree
{
    void operator()(PQconninfoOption *options) const { PQconninfoFree(options); }
};

QString option(const PQconninfoOption *options, const char *keyword)
{
    for (const PQconninfoOption *o = options; o && o->keyword; ++o) {
        if (qstrcmp(o->keyword, keyword) == 0)
            return o->val ? QString::fromUtf8(o->val) : QString();
    }
    return {};
}

// True when the connection string names a host that the resolver does not
// know (a typo, or no DNS at all while offline). A socket folder or a
// hostaddr needs no lookup.
bool hostNameUnknown(const QByteArray &conninfo)
{
    char *error = nullptr;
    std::unique_ptr<PQconninfoOption, OptionsFree> options(
        PQconninfoParse(conninfo.constData(), &error));
    PQfreemem(error);
    const QString host = option(options.get(), "host");
    if (host.isEmpty() || host.startsWith(u'/') || !option(options.get(), "hostaddr").isEmpty())
        return false;
    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    const int status = getaddrinfo(host.toUtf8().constData(), nullptr, &hints, &found);
    if (found)
        freeaddrinfo(found);
    return status != 0;
}

// PQconnectPoll's phases once a TCP connection exists.
bool connectedPhase(ConnStatusType status)
{
    switch (status) {
    case CONNECTION_STARTED:
    case CONNECTION_NEEDED:
    case CONNECTION_BAD:
        return false;
    default:
        return true;
    }
}

// Whether the connection must be encrypted. With sslmode prefer (libpq's
// default), allow or disable, a failure while TLS is being offered is the
// connection lost, not a TLS problem: libpq would go on without it.
bool tlsRequired(PGconn *conn)
{
    PQconninfoOption *options = PQconninfo(conn);
    bool required = false;
    for (const PQconninfoOption *option = options; option && option->keyword; ++option) {
        if (qstrcmp(option->keyword, "sslmode") == 0 && option->val)
            required = qstrcmp(option->val, "require") == 0 || qstrcmp(option->val, "verify-ca") == 0
                || qstrcmp(option->val, "verify-full") == 0;
    }
    PQconninfoFree(options);
    return required;
}

} // namespace

ConnectDiagnosis ConnectDiagnosis::run(const QByteArray &conninfo)
{
    ConnectDiagnosis result;
    const int timeoutSeconds = connectTimeoutSeconds(conninfo);
    const QDeadlineTimer deadline = timeoutSeconds > 0
        ? QDeadlineTimer(qint64(timeoutSeconds) * 1000)
        : QDeadlineTimer(QDeadlineTimer::Forever);

    std::unique_ptr<PGconn, ConnCloser> conn(PQconnectStart(conninfo.constData()));
    if (!conn)
        return result; // out of memory: Lost
    PQsetErrorVerbosity(conn.get(), PQERRORS_SQLSTATE);

    ConnStatusType lastPhase = PQstatus(conn.get());
    bool sawConnection = false;
    // As libpq's documentation says: before the first poll, wait as if it
    // had asked to write.
    PostgresPollingStatusType polling = PGRES_POLLING_WRITING;
    while (PQstatus(conn.get()) != CONNECTION_BAD && polling != PGRES_POLLING_OK
        && polling != PGRES_POLLING_FAILED) {
        pollfd socket {PQsocket(conn.get()),
            short(polling == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
        const qint64 waitMs = deadline.isForever() ? -1 : deadline.remainingTime();
        const int ready = ::poll(&socket, 1, int(waitMs));
        if (ready == 0) {
            result.stage = Stage::TimedOut;
            return result;
        }
        polling = PQconnectPoll(conn.get());
        const ConnStatusType phase = PQstatus(conn.get());
        if (phase != CONNECTION_BAD) {
            lastPhase = phase;
            sawConnection = sawConnection || connectedPhase(phase);
        }
    }
    if (PQstatus(conn.get()) == CONNECTION_OK) {
        result.stage = Stage::Connected;
        return result;
    }

    result.sqlState = sqlStateIn(QString::fromUtf8(PQerrorMessage(conn.get())));
    const bool passwordAsked = PQconnectionUsedPassword(conn.get()) == 1;
    if (!sawConnection) {
        result.stage = hostNameUnknown(conninfo) ? Stage::HostNotFound : Stage::NoConnection;
    } else if (PQconnectionNeedsPassword(conn.get()) == 1) {
        result.stage = Stage::Authentication;
    } else if (lastPhase == CONNECTION_SSL_STARTUP && tlsRequired(conn.get())) {
        result.stage = Stage::TlsNegotiation;
    } else if (passwordAsked
        && (result.sqlState.isEmpty() || result.sqlState.startsWith(kAuthorizationClass)
            || result.sqlState == kProtocolViolation)) {
        // The server took a password and then refused: the password, or a
        // role that does not exist (the server hides which one).
        result.stage = Stage::Authentication;
    } else if (!result.sqlState.isEmpty()) {
        result.stage = Stage::ServerRefused;
    } else {
        result.stage = Stage::Lost;
    }
    return result;
}

QString ConnectDiagnosis::sqlStateIn(const QString &message)
{
    QString last;
    auto matches = kTrailingSqlState.globalMatch(message);
    while (matches.hasNext())
        last = matches.next().captured(1);
    return last;
}

int ConnectDiagnosis::connectTimeoutSeconds(const QByteArray &conninfo)
{
    char *error = nullptr;
    std::unique_ptr<PQconninfoOption, OptionsFree> options(
        PQconninfoParse(conninfo.constData(), &error));
    PQfreemem(error);
    // libpq takes the variable when the string has no connect_timeout.
    QString text = option(options.get(), "connect_timeout");
    if (text.isEmpty())
        text = qEnvironmentVariable("PGCONNECT_TIMEOUT");
    return std::max(0, text.trimmed().toInt());
}
