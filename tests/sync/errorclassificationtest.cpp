// SyncResult decides by SQLSTATE and libpq's connection status, never by
// message text: here libpq (LC_ALL=de_DE.UTF-8) and the server (lc_messages)
// speak German, and every failure must still land in the right class, with
// retryable() true only where trying again can help. Each row also checks
// that the raw message really is not the English one, so that the test
// cannot pass by falling back on English words.

#include "cloud/connectionconfig.h"
#include "cloud/pgconnection.h"
#include "scratchdatabase.h"
#include "sync/syncresult.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <libpq-fe.h>

#include <clocale>
#include <memory>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(SyncResult::Error)

namespace {

const QByteArray kGerman = QByteArrayLiteral("de_DE.UTF-8");
const QString kWrongPassword = u"Falsches-Passwort-4711"_s;

// The server's default lc_messages, which alone applies before a session has
// its database's settings: to authentication failures. It is server-wide,
// so it is German only while one row needs it.
class GermanServerDefault
{
public:
    explicit GermanServerDefault(const TestPostgres::Server &server)
        : m_server(server)
    {
        m_ok = ScratchDatabase::adminExecOn(server, u"ALTER SYSTEM SET lc_messages = '%1'"_s.arg(QString::fromLatin1(kGerman)))
            && ScratchDatabase::adminExecOn(server, u"SELECT pg_reload_conf()"_s) && waitFor(QString::fromLatin1(kGerman));
    }
    ~GermanServerDefault()
    {
        ScratchDatabase::adminExecOn(m_server, u"ALTER SYSTEM RESET lc_messages"_s);
        ScratchDatabase::adminExecOn(m_server, u"SELECT pg_reload_conf()"_s);
    }
    bool isActive() const { return m_ok; }

private:
    // The postmaster reloads on its own time; new sessions show when it has.
    bool waitFor(const QString &value) const
    {
        const QByteArray conninfo = u"host=%1 port=%2 dbname=%3 user=%4 password=%5 connect_timeout=5"_s
                                        .arg(m_server.host, QString::number(m_server.port), m_server.database,
                                             m_server.user, m_server.password)
                                        .toUtf8();
        for (QDeadlineTimer deadline(5000); !deadline.hasExpired(); QThread::msleep(50)) {
            PGconn *conn = PQconnectdb(conninfo.constData());
            PGresult *shown = PQexec(conn, "SHOW lc_messages");
            const bool done = PQresultStatus(shown) == PGRES_TUPLES_OK
                && QString::fromUtf8(PQgetvalue(shown, 0, 0)) == value;
            PQclear(shown);
            PQfinish(conn);
            if (done)
                return true;
        }
        return false;
    }

    TestPostgres::Server m_server;
    bool m_ok = false;
};

QSqlDatabase configured(const QString &connectionString, QString *error)
{
    const auto config = ConnectionConfig::parse(connectionString, error);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"classify-"_s + QUuid::createUuid().toString(QUuid::Id128));
    if (config)
        config->applyTo(db);
    return db;
}

} // namespace

class ErrorClassificationTest : public QObject
{
    Q_OBJECT

private:
    std::optional<TestPostgres::Server> m_server;
    std::unique_ptr<ScratchDatabase> m_cloud;

    // How every caller classifies a connection's last failure.
    static SyncResult classified(const PgConnection &pg) { return SyncResult::classify(pg); }

    QString serverString(int port, const QString &user, const QString &password, const QString &database,
                         const QString &extra = {}) const
    {
        return u"host=%1 port=%2 dbname=%3 user=%4 password=%5 connect_timeout=5 %6"_s.arg(
            m_server->host, QString::number(port), database, user, password, extra);
    }

    static void checkNotEnglish(const QString &raw, const QStringList &english)
    {
        QVERIFY(!raw.isEmpty());
        for (const QString &text : english)
            QVERIFY2(!raw.contains(text, Qt::CaseInsensitive), qPrintable(u"English after all: "_s + raw));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // libpq's own messages follow the C library's locale.
        qputenv("LC_ALL", kGerman);
        qputenv("LANG", kGerman);
        qunsetenv("LANGUAGE");
        const char *locale = std::setlocale(LC_ALL, "");
        QVERIFY2(locale && QByteArray(locale) == kGerman,
                 "the de_DE.UTF-8 locale is missing: ./dev test generates it (localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
        TANDEM_REQUIRE_POSTGRES(server);
        m_server = server;
        m_cloud = std::make_unique<ScratchDatabase>(server);
        QVERIFY(m_cloud->isValid());
        // Every session in the scratch database gets German server messages.
        QVERIFY(m_cloud->adminExec(u"ALTER DATABASE %1 SET lc_messages = '%2'"_s.arg(m_cloud->name(), QString::fromLatin1(kGerman))));
        QVERIFY(m_cloud->adminExec(u"CREATE TABLE admin_only (id int)"_s));
        QVERIFY(!ScratchDatabase::roles().isEmpty());
    }

    void cleanupTestCase() { m_cloud.reset(); }

    void shouldClassifyAFailedConnectionByItsStatus_data()
    {
        QTest::addColumn<QString>("failure");
        QTest::addColumn<SyncResult::Error>("expected");
        QTest::addColumn<bool>("retryable");
        QTest::addColumn<QStringList>("english"); // must not be in the raw message

        using E = SyncResult::Error;
        QTest::newRow("wrong password") << u"password"_s << E::AuthFailed << false
                                        << QStringList{u"password authentication failed"_s, u"connection to server"_s};
        QTest::newRow("unknown role") << u"role"_s << E::AuthFailed << false
                                      << QStringList{u"password authentication failed"_s, u"connection to server"_s};
        // PgBouncer's own messages are English only; the status still says it.
        QTest::newRow("wrong password through PgBouncer") << u"bouncer-password"_s << E::AuthFailed << false
                                                          << QStringList{u"connection to server"_s};
        QTest::newRow("no such database") << u"database"_s << E::ServerFailure << false
                                          << QStringList{u"does not exist"_s};
        QTest::newRow("closed port") << u"closed-port"_s << E::Unreachable << true
                                     << QStringList{u"Connection refused"_s, u"connection to server"_s};
        QTest::newRow("TLS required, server without TLS") << u"tls"_s << E::TlsFailed << false
                                                          << QStringList{u"server does not support SSL"_s};
        QTest::newRow("unknown host") << u"dns"_s << E::Unreachable << true
                                      << QStringList{u"could not translate host name"_s};
    }

    void shouldClassifyAFailedConnectionByItsStatus()
    {
        QFETCH(QString, failure);
        QFETCH(SyncResult::Error, expected);
        QFETCH(bool, retryable);
        QFETCH(QStringList, english);

        const TestPostgres::Server &server = *m_server;
        const QString user = ScratchDatabase::roles().first();
        const QString database = m_cloud->name();
        std::optional<GermanServerDefault> german;
        QString text;
        if (failure == u"password"_s) {
            text = serverString(server.port, user, kWrongPassword, database);
        } else if (failure == u"role"_s) {
            text = serverString(server.port, u"tandem_nobody"_s, kWrongPassword, database);
        } else if (failure == u"bouncer-password"_s) {
            text = serverString(server.bouncerPort, user, kWrongPassword, database);
        } else if (failure == u"database"_s) {
            text = serverString(server.port, user, server.password, u"tandem_no_such_database"_s);
        } else if (failure == u"closed-port"_s) {
            QTcpServer probe; // a port that was free a moment ago, and nobody listens on now
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            const int port = probe.serverPort();
            probe.close();
            text = serverString(port, user, server.password, database);
        } else if (failure == u"tls"_s) {
            text = serverString(server.bouncerPort, user, server.password, database, u"sslmode=require"_s);
        } else {
            text = u"host=tandem-no-such-host.invalid dbname=x user=x connect_timeout=5"_s;
        }
        if (failure == u"password"_s || failure == u"role"_s || failure == u"database"_s) {
            german.emplace(server);
            QVERIFY2(german->isActive(), "the server did not take lc_messages = de_DE.UTF-8");
        }

        QString error;
        QSqlDatabase db = configured(text, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString name = db.connectionName();
        {
            PgConnection pg(db);
            db = {};
            QVERIFY(!pg.open());
            german.reset();
            qInfo("%s", qPrintable(pg.lastError().section(u'\n', 0, 0)));
            checkNotEnglish(pg.lastError(), english);
            const SyncResult result = classified(pg);
            QCOMPARE(result.error, expected);
            QCOMPARE(result.retryable(), retryable);
            QVERIFY(!result.message.contains(kWrongPassword));
            QVERIFY(!result.message.contains(server.password));
            if (failure == u"dns"_s)
                QVERIFY2(result.message.contains(u"host name"_s), qPrintable(result.message));
        }
        QSqlDatabase::removeDatabase(name);
    }

    void shouldClassifyAFailedStatementByItsSqlState_data()
    {
        QTest::addColumn<QString>("failure");
        QTest::addColumn<SyncResult::Error>("expected");
        QTest::addColumn<bool>("retryable");
        QTest::addColumn<QStringList>("english");

        using E = SyncResult::Error;
        QTest::newRow("statement timeout (57014)") << u"timeout"_s << E::Timeout << true
                                                   << QStringList{u"statement timeout"_s};
        QTest::newRow("dropped connection (pg_terminate_backend)")
            << u"terminate"_s << E::ConnectionLost << true
            << QStringList{u"administrator command"_s, u"server closed the connection"_s};
        QTest::newRow("insufficient privilege (42501)") << u"privilege"_s << E::ServerFailure << false
                                                        << QStringList{u"permission denied"_s};
        QTest::newRow("undefined table (42P01)") << u"undefined"_s << E::ServerFailure << false
                                                 << QStringList{u"does not exist"_s};
    }

    void shouldClassifyAFailedStatementByItsSqlState()
    {
        QFETCH(QString, failure);
        QFETCH(SyncResult::Error, expected);
        QFETCH(bool, retryable);
        QFETCH(QStringList, english);

        const TestPostgres::Server &server = *m_server;
        QString error;
        QSqlDatabase db = configured(serverString(server.port, ScratchDatabase::roles().first(), server.password,
                                                  m_cloud->name()), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString name = db.connectionName();
        {
            PgConnection pg(db);
            db = {};
            QVERIFY2(pg.open(), qPrintable(pg.lastError()));
            QCOMPARE(pg.exec(u"SHOW lc_messages"_s).text(0, 0), QString::fromLatin1(kGerman));
            if (failure == u"timeout"_s) {
                QVERIFY(pg.run(u"SET statement_timeout = 200"_s));
                QVERIFY(!pg.run(u"SELECT pg_sleep(5)"_s));
            } else if (failure == u"terminate"_s) {
                const QString pid = pg.exec(u"SELECT pg_backend_pid()"_s).text(0, 0);
                QVERIFY(m_cloud->adminExec(u"SELECT pg_terminate_backend(%1)"_s.arg(pid)));
                QTest::qWait(200);
                QVERIFY(!pg.run(u"SELECT 1"_s));
            } else if (failure == u"privilege"_s) {
                QVERIFY(!pg.run(u"SELECT * FROM admin_only"_s));
            } else {
                QVERIFY(!pg.run(u"SELECT * FROM tandem_no_such_table"_s));
            }
            qInfo("%s %s", qPrintable(pg.lastSqlState()), qPrintable(pg.lastError().section(u'\n', 0, 0)));
            checkNotEnglish(pg.lastError(), english);
            const SyncResult result = classified(pg);
            QCOMPARE(result.error, expected);
            QCOMPARE(result.retryable(), retryable);
        }
        QSqlDatabase::removeDatabase(name);
    }

    void shouldRetryOnlyWhatRetryingCanFix_data()
    {
        QTest::addColumn<QString>("sqlState");
        QTest::addColumn<bool>("broken");
        QTest::addColumn<SyncResult::Error>("expected");
        QTest::addColumn<bool>("retryable");

        using E = SyncResult::Error;
        QTest::newRow("08006 connection failure") << u"08006"_s << false << E::ConnectionLost << true;
        QTest::newRow("57P01 admin shutdown") << u"57P01"_s << true << E::ConnectionLost << true;
        QTest::newRow("57P02 crash shutdown") << u"57P02"_s << true << E::ConnectionLost << true;
        QTest::newRow("57P03 cannot connect now") << u"57P03"_s << false << E::ConnectionLost << true;
        QTest::newRow("no code, connection broken") << QString() << true << E::ConnectionLost << true;
        QTest::newRow("57014 statement timeout") << u"57014"_s << false << E::Timeout << true;
        QTest::newRow("40001 serialization failure") << u"40001"_s << false << E::ServerFailure << true;
        QTest::newRow("40P01 deadlock") << u"40P01"_s << false << E::ServerFailure << true;
        QTest::newRow("53300 too many connections") << u"53300"_s << false << E::ServerFailure << true;
        QTest::newRow("53100 disk full") << u"53100"_s << false << E::ServerFailure << true;
        QTest::newRow("55P03 lock timeout") << u"55P03"_s << false << E::ServerFailure << true;
        QTest::newRow("28P01 wrong password") << u"28P01"_s << false << E::AuthFailed << false;
        QTest::newRow("28000 no such role") << u"28000"_s << false << E::AuthFailed << false;
        QTest::newRow("42501 insufficient privilege") << u"42501"_s << false << E::ServerFailure << false;
        QTest::newRow("42P01 undefined table") << u"42P01"_s << false << E::ServerFailure << false;
        QTest::newRow("42703 undefined column") << u"42703"_s << false << E::ServerFailure << false;
        QTest::newRow("42883 undefined function") << u"42883"_s << false << E::ServerFailure << false;
        QTest::newRow("3D000 no such database") << u"3D000"_s << false << E::ServerFailure << false;
        QTest::newRow("22P02 invalid text") << u"22P02"_s << false << E::ServerFailure << false;
        QTest::newRow("23505 unique violation") << u"23505"_s << false << E::ServerFailure << false;
        QTest::newRow("23503 foreign key violation") << u"23503"_s << false << E::ServerFailure << false;
    }

    void shouldRetryOnlyWhatRetryingCanFix()
    {
        QFETCH(QString, sqlState);
        QFETCH(bool, broken);
        QFETCH(SyncResult::Error, expected);
        QFETCH(bool, retryable);
        // Words that the old classification read: they must not matter.
        const SyncResult result = SyncResult::classify(u"could not connect: ssl password authentication failed"_s,
                                                       sqlState, broken);
        QCOMPARE(result.error, expected);
        QCOMPARE(result.retryable(), retryable);
        QCOMPARE(result.sqlState, sqlState);
    }

    void shouldNotRetrySchemaOrSetupProblems_data()
    {
        QTest::addColumn<SyncResult::Error>("error");
        QTest::addColumn<bool>("retryable");
        using E = SyncResult::Error;
        QTest::newRow("auth") << E::AuthFailed << false;
        QTest::newRow("tls") << E::TlsFailed << false;
        QTest::newRow("schema too new") << E::SchemaTooNew << false;
        QTest::newRow("schema mismatch") << E::SchemaMismatch << false;
        QTest::newRow("not configured") << E::NotConfigured << false;
        QTest::newRow("unreachable") << E::Unreachable << true;
        QTest::newRow("connection lost") << E::ConnectionLost << true;
        QTest::newRow("timeout") << E::Timeout << true;
    }

    void shouldNotRetrySchemaOrSetupProblems()
    {
        QFETCH(SyncResult::Error, error);
        QFETCH(bool, retryable);
        SyncResult result;
        result.error = error;
        QCOMPARE(result.retryable(), retryable);
    }
};

QTEST_GUILESS_MAIN(ErrorClassificationTest)
#include "errorclassificationtest.moc"
