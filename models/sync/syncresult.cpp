#include "syncresult.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

bool SyncResult::retryable() const
{
    switch (error) {
    case Error::Unreachable:
    case Error::Timeout:
    case Error::ConnectionLost:
    case Error::ServerFailure:
    case Error::LocalFailure:
        return true;
    default:
        return false;
    }
}

SyncResult SyncResult::classify(const QString &serverMessage, const QString &sqlState, bool connectionBroken)
{
    SyncResult result;
    const QString text = serverMessage.toLower();
    if (sqlState == u"28P01"_s || sqlState == u"28000"_s || text.contains(u"password authentication failed"_s)
        || text.contains(u"no password supplied"_s) || text.contains(u"role \""_s)
        || text.contains(u"sasl authentication failed"_s)) { // PgBouncer's wording for a wrong password
        result.error = Error::AuthFailed;
        result.message = tr("The cloud database refused the user name or password.");
    } else if (text.contains(u"ssl"_s) || text.contains(u"certificate"_s) || text.contains(u"tls"_s)) {
        result.error = Error::TlsFailed;
        result.message = tr("A secure (TLS) connection to the cloud database could not be made: %1");
        result.message = result.message.arg(serverMessage.section(u'\n', 0, 0));
    } else if (sqlState == u"57014"_s) {
        result.error = Error::Timeout;
        result.message = tr("The cloud database took too long to answer (statement timeout).");
    } else if (text.contains(u"could not translate host name"_s) || text.contains(u"name or service not known"_s)
               || text.contains(u"temporary failure in name resolution"_s)) {
        result.error = Error::Unreachable;
        result.message = tr("The cloud database's host name could not be found. Check the address and your network.");
    } else if (text.contains(u"timeout expired"_s) || text.contains(u"connection refused"_s)
               || text.contains(u"could not connect"_s) || text.contains(u"no route to host"_s)
               || text.contains(u"network is unreachable"_s)) {
        result.error = Error::Unreachable;
        result.message = tr("The cloud database cannot be reached. Tandem keeps working offline and will try again.");
    } else if (connectionBroken || sqlState.startsWith(u"08"_s) || sqlState == u"57P01"_s
               || text.contains(u"terminating connection"_s) || text.contains(u"server closed the connection"_s)) {
        result.error = Error::ConnectionLost;
        result.message = tr("The connection to the cloud database was lost. Tandem will reconnect.");
    } else {
        result.error = Error::ServerFailure;
        result.message = tr("The cloud database reported an error: %1").arg(serverMessage.section(u'\n', 0, 0));
    }
    return result;
}
