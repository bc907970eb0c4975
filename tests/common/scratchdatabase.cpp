#include "scratchdatabase.h"

#include <QProcessEnvironment>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

bool execOn(const TestPostgres::Server &server, const QString &database, const QString &sql)
{
    const QString name = u"scratch-admin-"_s + QUuid::createUuid().toString(QUuid::Id128);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setHostName(server.host);
        db.setPort(server.port);
        db.setUserName(server.user);
        db.setPassword(server.password);
        db.setDatabaseName(database);
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                qWarning("scratch database: %s: %s", qPrintable(sql.left(120)), qPrintable(query.lastError().text()));
        } else {
            qWarning("scratch database: cannot connect: %s", qPrintable(db.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

ScratchDatabase::ScratchDatabase(const TestPostgres::Server &server)
    : ScratchDatabase(server, QString())
{
}

ScratchDatabase::ScratchDatabase(const TestPostgres::Server &server, const QString &createOptions)
    : m_server(server)
    , m_name(u"tandem_s_"_s + QUuid::createUuid().toString(QUuid::Id128).left(16))
{
    // The name is made here from hex digits only, so it is safe in the statement;
    // the options are the test's own constants.
    m_valid = execOn(m_server, m_server.database, (u"CREATE DATABASE "_s + m_name + u' ' + createOptions).trimmed());
}

ScratchDatabase::~ScratchDatabase()
{
    if (m_valid)
        execOn(m_server, m_server.database, u"DROP DATABASE IF EXISTS "_s + m_name + u" WITH (FORCE)"_s);
}

QStringList ScratchDatabase::roles()
{
    return QProcessEnvironment::systemEnvironment().value(u"TANDEM_TEST_PGROLES"_s).split(u' ', Qt::SkipEmptyParts);
}

QSqlDatabase ScratchDatabase::connection(const QString &connectionName, const QString &user, bool viaBouncer) const
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    db.setHostName(m_server.host);
    db.setPort(viaBouncer ? m_server.bouncerPort : m_server.port);
    db.setUserName(user.isEmpty() ? m_server.user : user);
    db.setPassword(m_server.password);
    db.setDatabaseName(m_name);
    db.setConnectOptions(u"connect_timeout=5"_s);
    return db;
}

QString ScratchDatabase::connectionString(const QString &user, bool viaBouncer) const
{
    return u"host=%1 port=%2 dbname=%3 user=%4 password=%5 connect_timeout=5"_s.arg(
        m_server.host, QString::number(viaBouncer ? m_server.bouncerPort : m_server.port), m_name,
        user.isEmpty() ? m_server.user : user, m_server.password);
}

bool ScratchDatabase::adminExec(const QString &sql) const
{
    return execOn(m_server, m_name, sql);
}

bool ScratchDatabase::adminExecOn(const TestPostgres::Server &server, const QString &sql)
{
    return execOn(server, server.database, sql);
}
