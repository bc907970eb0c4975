// Checks the PostgreSQL test environment that `./dev test` provides (see
// tests/common/testpostgres.h): if this fails, every sync/migration test that
// talks to PostgreSQL is meaningless, so it is worth failing loudly here first.

#include "testpostgres.h"

#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;

class PostgresEnvironmentTest : public QObject
{
    Q_OBJECT

private slots:
    void qpsqlDriverIsAvailable();
    void directConnectionIsPostgres15();
    void bouncerConnectionWorks();
    void bouncerRunsInTransactionPoolMode();
    void wrongPasswordIsRejected();
    void cleanup();
};

void PostgresEnvironmentTest::qpsqlDriverIsAvailable()
{
    // Needs no server: the driver is a package (libqt6sql6-psql).
    QVERIFY2(QSqlDatabase::isDriverAvailable(u"QPSQL"_s),
             qPrintable(u"available drivers: "_s + QSqlDatabase::drivers().join(u", "_s)));
}

void PostgresEnvironmentTest::directConnectionIsPostgres15()
{
    TANDEM_REQUIRE_POSTGRES(server);

    QSqlDatabase db = TestPostgres::open(server, u"direct"_s);
    QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));

    QSqlQuery query(db);
    QVERIFY2(query.exec(u"SELECT current_setting('server_version_num')::int, current_database()"_s),
             qPrintable(query.lastError().text()));
    QVERIFY(query.next());
    QVERIFY2(query.value(0).toInt() >= 150000,
             qPrintable(u"server_version_num is "_s + query.value(0).toString()));
    QCOMPARE(query.value(1).toString(), server.database);
}

void PostgresEnvironmentTest::bouncerConnectionWorks()
{
    TANDEM_REQUIRE_POSTGRES(server);
    QVERIFY2(server.bouncerPort != 0, "TANDEM_TEST_PGBOUNCER_PORT is not set");
    QVERIFY2(server.bouncerPort != server.port,
             "the PgBouncer port must differ from the direct PostgreSQL port");

    QSqlDatabase db = TestPostgres::open(server, u"bouncer"_s, /*viaBouncer=*/true);
    QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));

    QSqlQuery query(db);
    QVERIFY2(query.exec(u"SELECT 1"_s), qPrintable(query.lastError().text()));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);

    // Prepared statements inside one transaction are what the app's sync code
    // will send; in transaction pooling they must stay on one server session.
    QVERIFY(db.transaction());
    QSqlQuery prepared(db);
    QVERIFY2(prepared.prepare(u"SELECT ?::int + 1"_s), qPrintable(prepared.lastError().text()));
    prepared.addBindValue(41);
    QVERIFY2(prepared.exec(), qPrintable(prepared.lastError().text()));
    QVERIFY(prepared.next());
    QCOMPARE(prepared.value(0).toInt(), 42);
    prepared.finish();
    QVERIFY2(db.commit(), qPrintable(db.lastError().text()));
}

void PostgresEnvironmentTest::bouncerRunsInTransactionPoolMode()
{
    TANDEM_REQUIRE_POSTGRES(server);
    QVERIFY2(server.bouncerPort != 0, "TANDEM_TEST_PGBOUNCER_PORT is not set");

    // PgBouncer's admin console (database "pgbouncer") proves that the port
    // really is PgBouncer and not a second PostgreSQL, and shows the pool mode
    // of the test database.
    TestPostgres::Server admin = server;
    admin.database = u"pgbouncer"_s;
    QSqlDatabase db = TestPostgres::open(admin, u"bouncer-admin"_s, /*viaBouncer=*/true);
    QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));

    // Make sure the test database has a pool to report on.
    {
        QSqlDatabase data = TestPostgres::open(server, u"bouncer-data"_s, /*viaBouncer=*/true);
        QVERIFY2(data.isOpen(), qPrintable(data.lastError().text()));
    }

    QSqlQuery query(db);
    QVERIFY2(query.exec(u"SHOW POOLS"_s), qPrintable(query.lastError().text()));
    bool found = false;
    while (query.next()) {
        if (query.value(u"database"_s).toString() == server.database) {
            found = true;
            QCOMPARE(query.value(u"pool_mode"_s).toString(), u"transaction"_s);
        }
    }
    QVERIFY2(found, "PgBouncer reports no pool for the test database");
}

void PostgresEnvironmentTest::wrongPasswordIsRejected()
{
    TANDEM_REQUIRE_POSTGRES(server);

    TestPostgres::Server wrong = server;
    wrong.password += u"-wrong"_s;

    QSqlDatabase direct = TestPostgres::open(wrong, u"wrong-direct"_s);
    QVERIFY(!direct.isOpen());
    QCOMPARE(direct.lastError().type(), QSqlError::ConnectionError);
    QVERIFY2(direct.lastError().text().contains(u"password authentication failed"_s),
             qPrintable(direct.lastError().text()));

    if (server.bouncerPort != 0) {
        QSqlDatabase bounced = TestPostgres::open(wrong, u"wrong-bouncer"_s, /*viaBouncer=*/true);
        QVERIFY(!bounced.isOpen());
        QCOMPARE(bounced.lastError().type(), QSqlError::ConnectionError);
    }
}

void PostgresEnvironmentTest::cleanup()
{
    // The test functions' QSqlDatabase handles are gone by now.
    const QStringList names = QSqlDatabase::connectionNames();
    for (const QString &name : names)
        QSqlDatabase::removeDatabase(name);
}

QTEST_GUILESS_MAIN(PostgresEnvironmentTest)

#include "postgresenvironmenttest.moc"
