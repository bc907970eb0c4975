#include "testpostgres.h"

#include <QtCore/QAtomicInt>
#include <QtCore/QProcess>
#include <QtCore/QtGlobal>
#include <QtSql/QSqlError>

using namespace Qt::StringLiterals;

namespace TestPostgres {

namespace {

// A port from the environment, or 0 when unset or not a valid port number.
int portFromEnvironment(const char *name)
{
    bool ok = false;
    const int port = qEnvironmentVariableIntValue(name, &ok);
    return ok && port > 0 && port < 65536 ? port : 0;
}

} // namespace

std::optional<Server> fromEnvironment()
{
    Server server;
    server.host = qEnvironmentVariable("TANDEM_TEST_PGHOST");
    server.port = portFromEnvironment("TANDEM_TEST_PGPORT");
    server.user = qEnvironmentVariable("TANDEM_TEST_PGUSER");
    server.password = qEnvironmentVariable("TANDEM_TEST_PGPASSWORD");
    server.database = qEnvironmentVariable("TANDEM_TEST_PGDATABASE");
    server.bouncerPort = portFromEnvironment("TANDEM_TEST_PGBOUNCER_PORT");
    server.dataDir = qEnvironmentVariable("TANDEM_TEST_PGDATA");
    server.pgCtl = qEnvironmentVariable("TANDEM_TEST_PGCTL");

    // The password is required too: the test server always has one, and an
    // empty one would silently fall back to ~/.pgpass or PGPASSWORD.
    if (server.host.isEmpty() || server.port == 0 || server.user.isEmpty()
        || server.password.isEmpty() || server.database.isEmpty())
        return std::nullopt;
    return server;
}

bool ciIsSet()
{
    const QString ci = qEnvironmentVariable("CI").trimmed();
    return !ci.isEmpty() && ci.compare(u"false"_s, Qt::CaseInsensitive) != 0 && ci != u"0"_s;
}

QSqlDatabase open(const Server &server, const QString &connectionName, bool viaBouncer)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    db.setHostName(server.host);
    db.setPort(viaBouncer ? server.bouncerPort : server.port);
    db.setUserName(server.user);
    db.setPassword(server.password);
    db.setDatabaseName(server.database);
    // Fail fast instead of hanging a test when the server is gone.
    db.setConnectOptions(u"connect_timeout=5"_s);
    db.open();
    return db;
}

QString unavailableReason(Server *server)
{
    const std::optional<Server> configured = fromEnvironment();
    if (!configured)
        return u"TANDEM_TEST_PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE are not set"_s;
    *server = *configured;

    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s))
        return u"the Qt QPSQL driver is not available (Debian: libqt6sql6-psql)"_s;

    // Try a real connection, under a name no test uses, and drop it again.
    static QAtomicInt counter;
    const QString name = u"tandem-testpostgres-probe-%1"_s.arg(counter.fetchAndAddRelaxed(1));
    QString reason;
    {
        QSqlDatabase db = open(*server, name);
        if (!db.isOpen())
            reason = u"cannot connect to %1:%2: %3"_s.arg(server->host)
                         .arg(server->port)
                         .arg(db.lastError().text());
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return reason;
}

bool runPgCtl(const Server &server, const QStringList &arguments, QString *output)
{
    QStringList command = QProcess::splitCommand(server.pgCtl);
    if (command.isEmpty() || server.dataDir.isEmpty()) {
        if (output)
            *output = u"TANDEM_TEST_PGCTL / TANDEM_TEST_PGDATA are not set"_s;
        return false;
    }
    const QString program = command.takeFirst();
    command << arguments << u"-D"_s << server.dataDir;

    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, command);
    // pg_ctl -w waits up to 60 s itself by default; leave it a margin.
    const bool finished = process.waitForStarted() && process.waitForFinished(90'000);
    if (output)
        *output = QString::fromLocal8Bit(process.readAll());
    if (!finished) {
        process.kill();
        process.waitForFinished();
        return false;
    }
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

} // namespace TestPostgres
