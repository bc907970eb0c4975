// The validation's canonical form agrees with the server's: a timestamp
// printed by ImportValidator::timestampText is the text PostgreSQL prints
// for the same instant, and an import validates on a server whose own
// TimeZone and DateStyle are not the canonical form's.

#include "importvalidator.h"
#include "migrationtesthelpers.h"
#include "scratchdatabase.h"
#include "testpostgres.h"

#include "cloud/pgconnection.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace MigrationTest;

class ImportValidatorTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> m_cloud;
    std::unique_ptr<PgConnection> m_pg;

private slots:
    void initTestCase()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        m_cloud = std::make_unique<ScratchDatabase>(server);
        QVERIFY(m_cloud->isValid());
        // Defaults unlike the canonical form, so that only the validation's
        // own settings can make the texts agree.
        const QString database = u"ALTER DATABASE \""_s + m_cloud->name() + u"\" SET "_s;
        QVERIFY(m_cloud->adminExec(database + u"TimeZone = 'Asia/Kolkata'"_s));
        QVERIFY(m_cloud->adminExec(database + u"DateStyle = 'SQL, DMY'"_s));
        m_pg = std::make_unique<PgConnection>(m_cloud->connection(u"validator"_s));
        QVERIFY2(m_pg->open(), qPrintable(m_pg->lastError()));
    }

    void cleanupTestCase()
    {
        m_pg.reset();
        m_cloud.reset();
    }

    void shouldPrintTimestampsAsTheServerDoes_data()
    {
        QTest::addColumn<qint64>("micros");
        QTest::addColumn<QString>("text");
        QTest::newRow("year 1") << Q_INT64_C(-62135596800000000) << u"0001-01-01 00:00:00+00"_s;
        QTest::newRow("year 9999, last microsecond")
            << Q_INT64_C(253402300799999999) << u"9999-12-31 23:59:59.999999+00"_s;
        QTest::newRow("one microsecond") << Q_INT64_C(1) << u"1970-01-01 00:00:00.000001+00"_s;
        QTest::newRow("a tenth") << Q_INT64_C(1714826096100000) << u"2024-05-04 12:34:56.1+00"_s;
        QTest::newRow("hundredths") << Q_INT64_C(1714826096120000) << u"2024-05-04 12:34:56.12+00"_s;
        QTest::newRow("six digits") << Q_INT64_C(1714826096123456) << u"2024-05-04 12:34:56.123456+00"_s;
        QTest::newRow("whole seconds") << Q_INT64_C(1714826096000000) << u"2024-05-04 12:34:56+00"_s;
        QTest::newRow("epoch") << Q_INT64_C(0) << u"1970-01-01 00:00:00+00"_s;
        QTest::newRow("half a second before 1970") << Q_INT64_C(-500000) << u"1969-12-31 23:59:59.5+00"_s;
        QTest::newRow("before 1970, one microsecond past")
            << Q_INT64_C(-2147483647999999) << u"1901-12-13 20:45:52.000001+00"_s;
        QTest::newRow("leap day, last microsecond")
            << Q_INT64_C(1709251199999999) << u"2024-02-29 23:59:59.999999+00"_s;
        QTest::newRow("leap day of a 400th year") << Q_INT64_C(951782400000000) << u"2000-02-29 00:00:00+00"_s;
        QTest::newRow("leap day before 1970") << Q_INT64_C(-11670955199750000) << u"1600-02-29 12:00:00.25+00"_s;
    }

    void shouldPrintTimestampsAsTheServerDoes()
    {
        QFETCH(qint64, micros);
        QFETCH(QString, text);
        QVERIFY(m_pg);
        QCOMPARE(QString::fromLatin1(ImportValidator::timestampText(micros)), text);

        // The instant built from whole days and microseconds: integer
        // arithmetic, where a float of microseconds would round.
        bool ok = false;
        const QList<PgResult> results = m_pg->transaction(
            {{u"SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO', true)"_s, {}},
             {u"SELECT (timestamptz 'epoch' + ($1::int8 / 86400000000) * interval '1 day'"
              " + ($1::int8 % 86400000000) * interval '1 microsecond')::text"_s,
              {micros}}},
            0, &ok);
        QVERIFY2(ok && results.size() == 2, qPrintable(m_pg->lastError()));
        QCOMPARE(results.at(1).text(0, 0), text);
    }

    void shouldValidateWhateverTheServersTimeZoneAndDateStyle()
    {
        QVERIFY(m_cloud);
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v2.db"_s, dir.path());
        const Run run = runMigrate({source, u"--to"_s, m_cloud->connectionString(), u"--yes"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    }
};

QTEST_GUILESS_MAIN(ImportValidatorTest)
#include "importvalidatortest.moc"
