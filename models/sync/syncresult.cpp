#include "syncresult.h"

#include "cloud/connectdiagnosis.h"
#include "cloud/pgconnection.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

// SQLSTATE classes and codes (PostgreSQL's errcodes.txt).
const QString kAuthorizationClass = u"28"_s;          // invalid authorization specification
const QString kConnectionClass = u"08"_s;             // connection exception
const QString kResourcesClass = u"53"_s;              // insufficient resources
const QString kQueryCanceled = u"57014"_s;            // statement_timeout, or a cancel
const QStringList kServerGoingAway = {u"57P01"_s,     // admin_shutdown (pg_terminate_backend, Neon's suspend)
    u"57P02"_s,                                       // crash_shutdown
    u"57P03"_s};                                      // cannot_connect_now (starting up)
const QStringList kTransientCodes = {u"40001"_s,      // serialization_failure
    u"40P01"_s,                                       // deadlock_detected
    u"55P03"_s};                                      // lock_not_available (lock_timeout)

QString firstLine(const QString &text)
{
    return text.section(u'\n', 0, 0).trimmed();
}

} // namespace

bool SyncResult::retryable() const
{
    switch (error) {
    case Error::Unreachable:
    case Error::Timeout:
    case Error::ConnectionLost:
    case Error::LocalFailure:
        return true;
    case Error::ServerFailure:
        // No SQLSTATE: libpq's own trouble on this side, worth another try.
        return sqlState.isEmpty() || sqlState.startsWith(kConnectionClass)
            || sqlState.startsWith(kResourcesClass) || sqlState == kQueryCanceled
            || kServerGoingAway.contains(sqlState) || kTransientCodes.contains(sqlState);
    default:
        return false;
    }
}

SyncResult SyncResult::classify(const QString &serverMessage, const QString &sqlState, bool connectionBroken)
{
    SyncResult result;
    result.sqlState = sqlState;
    if (sqlState.startsWith(kAuthorizationClass)) {
        result.error = Error::AuthFailed;
        result.message = tr("The cloud database refused the user name or password.");
    } else if (sqlState == kQueryCanceled) {
        result.error = Error::Timeout;
        result.message = tr("The cloud database took too long to answer (statement timeout).");
    } else if (connectionBroken || sqlState.startsWith(kConnectionClass) || kServerGoingAway.contains(sqlState)) {
        result.error = Error::ConnectionLost;
        result.message = tr("The connection to the cloud database was lost. Tandem will reconnect.");
    } else {
        result.error = Error::ServerFailure;
        result.message = tr("The cloud database reported an error: %1").arg(firstLine(serverMessage));
    }
    return result;
}

SyncResult SyncResult::classify(const PgConnection &connection)
{
    if (const auto failure = connection.connectFailure())
        return classify(*failure, connection.lastError());
    return classify(connection.lastError(), connection.lastSqlState(), !connection.isHealthy());
}

SyncResult SyncResult::classify(const ConnectDiagnosis &diagnosis, const QString &shownMessage)
{
    using Stage = ConnectDiagnosis::Stage;
    SyncResult result;
    result.sqlState = diagnosis.sqlState;
    switch (diagnosis.stage) {
    case Stage::HostNotFound:
        result.error = Error::Unreachable;
        result.message = tr("The cloud database's host name could not be found. Check the address and your network.");
        return result;
    case Stage::Authentication:
        result.error = Error::AuthFailed;
        result.message = tr("The cloud database refused the user name or password.");
        return result;
    case Stage::TlsNegotiation:
        result.error = Error::TlsFailed;
        result.message = tr("A secure (TLS) connection to the cloud database could not be made: %1")
                             .arg(firstLine(shownMessage));
        return result;
    case Stage::ServerRefused: {
        // The server's own answer decides (3D000: no such database, 53300:
        // too many connections, ...); a dropped or refused start is offline.
        result = classify(shownMessage, diagnosis.sqlState, false);
        if (result.error == Error::ConnectionLost)
            result.error = Error::Unreachable;
        if (result.error != Error::Unreachable)
            return result;
        break;
    }
    case Stage::Connected:    // the first failure has passed: try again
    case Stage::NoConnection:
    case Stage::TimedOut:
    case Stage::Lost:
        break;
    }
    result.error = Error::Unreachable;
    result.message = tr("The cloud database cannot be reached. Tandem keeps working offline and will try again.");
    return result;
}
