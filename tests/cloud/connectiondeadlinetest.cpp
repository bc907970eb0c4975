// Every connection Tandem opens carries client-side deadlines (connect_timeout,
// TCP keepalives, tcp_user_timeout) unless the person's string sets them:
// what applyTo() hands to QPSQL, what libpq really got on a live connection
// (direct and through PgBouncer, which refuses unknown startup parameters),
// and a server that swallows every byte giving up by the deadline.

#include "cloud/connectionconfig.h"
#include "cloud/pgconnection.h"
#include "sync/syncresult.h"
#include "tcpproxy.h"
#include "testpostgres.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

#include <libpq-fe.h>

using namespace Qt::StringLiterals;

namespace {

const QString kDefaultDeadlines = u"connect_timeout=10;keepalives_idle=30;keepalives_interval=10;"
                                  u"keepalives_count=3;tcp_user_timeout=30000"_s;

// The settings libpq holds for an open connection, by keyword.
QMap<QString, QString> libpqSettings(PGconn *conn)
{
    QMap<QString, QString> settings;
    PQconninfoOption *options = PQconninfo(conn);
    for (PQconninfoOption *o = options; o && o->keyword; ++o) {
        if (o->val)
            settings.insert(QString::fromUtf8(o->keyword), QString::fromUtf8(o->val));
    }
    PQconninfoFree(options);
    return settings;
}

QString keyValue(const TestPostgres::Server &server, int port, const QString &extra = {})
{
    return u"host=%1 port=%2 dbname=%3 user=%4 password=%5 %6"_s.arg(server.host)
        .arg(port)
        .arg(server.database, server.user, server.password, extra);
}

} // namespace

class ConnectionDeadlineTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldAddDeadlinesUnlessTheStringSetsThem_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("options");

        QTest::newRow("none set: all defaults")
            << u"postgresql://db.example.com/neondb"_s << u"keepalives=1;"_s + kDefaultDeadlines;
        QTest::newRow("own connect_timeout kept")
            << u"host=db.example.com connect_timeout=3"_s
            << u"connect_timeout=3;keepalives=1;keepalives_idle=30;keepalives_interval=10;"
               u"keepalives_count=3;tcp_user_timeout=30000"_s;
        QTest::newRow("own keepalives_idle kept")
            << u"host=db.example.com keepalives_idle=5"_s
            << u"keepalives=1;keepalives_idle=5;connect_timeout=10;keepalives_interval=10;"
               u"keepalives_count=3;tcp_user_timeout=30000"_s;
        QTest::newRow("own keepalives_interval and count kept")
            << u"postgresql://db.example.com/x?keepalives_interval=2&keepalives_count=9"_s
            << u"keepalives=1;keepalives_count=9;keepalives_interval=2;connect_timeout=10;"
               u"keepalives_idle=30;tcp_user_timeout=30000"_s;
        QTest::newRow("own tcp_user_timeout kept")
            << u"host=db.example.com tcp_user_timeout=1234"_s
            << u"keepalives=1;tcp_user_timeout=1234;connect_timeout=10;keepalives_idle=30;"
               u"keepalives_interval=10;keepalives_count=3"_s;
        QTest::newRow("keepalives off: no keepalive settings, the rest stays")
            << u"host=db.example.com keepalives=0"_s
            << u"keepalives=0;connect_timeout=10;tcp_user_timeout=30000"_s;
    }

    void shouldAddDeadlinesUnlessTheStringSetsThem()
    {
        QFETCH(QString, text);
        QFETCH(QString, options);
        QString error;
        const auto config = ConnectionConfig::parse(text, &error);
        QVERIFY2(config, qPrintable(error));
        const QString name = u"deadline-"_s + QString::fromLatin1(QTest::currentDataTag());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
            config->applyTo(db);
            QCOMPARE(db.connectOptions(), options);
        }
        QSqlDatabase::removeDatabase(name);
        // Defaults, not settings: a saved or shown string stays as written.
        if (!text.contains(u"tcp_user_timeout"_s))
            QVERIFY(!config->toUri().contains(u"tcp_user_timeout"_s));
        QCOMPARE(ConnectionConfig::parse(config->toUri(), &error), config);
    }

    void shouldHandTheDeadlinesToLibpq_data()
    {
        QTest::addColumn<bool>("viaBouncer");
        QTest::newRow("direct") << false;
        QTest::newRow("PgBouncer, which refuses unknown startup parameters") << true;
    }

    void shouldHandTheDeadlinesToLibpq()
    {
        QFETCH(bool, viaBouncer);
        TANDEM_REQUIRE_POSTGRES(server);
        QString error;
        const auto config = ConnectionConfig::parse(
            keyValue(server, viaBouncer ? server.bouncerPort : server.port), &error);
        QVERIFY2(config, qPrintable(error));
        const QString name = u"deadline-live-"_s + QUuid::createUuid().toString(QUuid::Id128);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
            config->applyTo(db);
            PgConnection pg(db);
            QVERIFY2(pg.open(), qPrintable(pg.lastError()));
            QVERIFY(pg.exec(u"SELECT 1"_s).ok());
            const QMap<QString, QString> settings = libpqSettings(pg.handle());
            QCOMPARE(settings.value(u"connect_timeout"_s), u"10"_s);
            QCOMPARE(settings.value(u"keepalives_idle"_s), u"30"_s);
            QCOMPARE(settings.value(u"keepalives_interval"_s), u"10"_s);
            QCOMPARE(settings.value(u"keepalives_count"_s), u"3"_s);
            QCOMPARE(settings.value(u"tcp_user_timeout"_s), u"30000"_s);
        }
        QSqlDatabase::removeDatabase(name);
    }

    // A server that accepts the connection and then answers nothing (no
    // reset): the connection attempt ends by connect_timeout, and the second
    // attempt that diagnoses a failure does not wait out a second deadline.
    void shouldGiveUpOnASilentServerByTheDeadline()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        TcpProxy proxy(server.host, quint16(server.port));
        QVERIFY(proxy.isListening());
        proxy.setBlackhole(true);
        constexpr int kTimeoutSeconds = 2;
        QString error;
        const auto config = ConnectionConfig::parse(
            keyValue(server, proxy.port(), u"connect_timeout=%1"_s.arg(kTimeoutSeconds)), &error);
        QVERIFY2(config, qPrintable(error));
        const QString name = u"deadline-silent-"_s + QUuid::createUuid().toString(QUuid::Id128);
        QElapsedTimer clock;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
            config->applyTo(db);
            PgConnection pg(db);
            clock.start();
            QVERIFY(!pg.open());
            const qint64 elapsedMs = clock.elapsed();
            qInfo("a silent server: open() gave up after %lld ms", elapsedMs);
            QVERIFY2(elapsedMs >= (kTimeoutSeconds - 1) * 1000, qPrintable(QString::number(elapsedMs)));
            QVERIFY2(elapsedMs < (kTimeoutSeconds + 1) * 1000, qPrintable(QString::number(elapsedMs)));
            const SyncResult result = SyncResult::classify(pg);
            QCOMPARE(result.error, SyncResult::Error::Unreachable);
            QVERIFY(result.retryable());
        }
        QSqlDatabase::removeDatabase(name);
        QVERIFY(proxy.acceptedConnections() >= 1);
    }

    // A statement whose server goes silent mid-way: once the kernel's
    // buffers are full and the window closed, tcp_user_timeout (1 s here)
    // ends the write, and the statement fails instead of waiting for ever.
    void shouldEndAStatementToASilentServerByTheDeadline()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        TcpProxy proxy(server.host, quint16(server.port));
        QVERIFY(proxy.isListening());
        QString error;
        const auto config = ConnectionConfig::parse(
            keyValue(server, proxy.port(), u"tcp_user_timeout=1000 keepalives_idle=1 "
                                           u"keepalives_interval=1 keepalives_count=1"_s),
            &error);
        QVERIFY2(config, qPrintable(error));
        const QString name = u"deadline-statement-"_s + QUuid::createUuid().toString(QUuid::Id128);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
            config->applyTo(db);
            PgConnection pg(db);
            QVERIFY2(pg.open(), qPrintable(pg.lastError()));
            QVERIFY(pg.exec(u"SELECT 1"_s).ok());
            proxy.setBlackhole(true);
            // More than the kernel buffers both ways hold, so the write blocks.
            constexpr qsizetype kStatementBytes = 64 * 1024 * 1024;
            const QString payload(kStatementBytes, u'x');
            QElapsedTimer clock;
            clock.start();
            QVERIFY(!pg.exec(u"SELECT length($1)"_s, {payload}).ok());
            const qint64 elapsedMs = clock.elapsed();
            qInfo("a server gone silent mid-statement: the statement ended after %lld ms", elapsedMs);
            QVERIFY2(elapsedMs < 15'000, qPrintable(QString::number(elapsedMs)));
            QVERIFY(!pg.isHealthy());
            const SyncResult result = SyncResult::classify(pg);
            QCOMPARE(result.error, SyncResult::Error::ConnectionLost);
            QVERIFY(result.retryable());
        }
        QSqlDatabase::removeDatabase(name);
    }
};

QTEST_GUILESS_MAIN(ConnectionDeadlineTest)
#include "connectiondeadlinetest.moc"
