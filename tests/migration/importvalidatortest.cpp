// The validation's checksums agree with the server's: a todo's, computed
// here, is the one PostgreSQL computes for the same values, and an import
// validates on a server whose own TimeZone and DateStyle are unusual.

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
        // Defaults unlike UTC and ISO: no checksum may depend on them.
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

    // A todo's checksum (ImportValidator::rowDigest) is the server's
    // hash_record_extended() of the same values: instants across the years
    // imported (as created_at, updated_at and due_at), no due date, every
    // priority, both completions, negative ids and multi-byte text.
    void shouldChecksumATodoAsTheServerDoes_data()
    {
        QTest::addColumn<qint64>("legacyId");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("notes");
        QTest::addColumn<bool>("completed");
        QTest::addColumn<int>("priority");
        QTest::addColumn<qint64>("instant");
        QTest::addColumn<bool>("due");
        const QList<std::pair<const char *, qint64>> instants{
            {"year 1", Q_INT64_C(-62135596800000000)},
            {"year 9999, last microsecond", Q_INT64_C(253402300799999999)},
            {"one microsecond", Q_INT64_C(1)},
            {"six digits", Q_INT64_C(1714826096123456)},
            {"epoch", Q_INT64_C(0)},
            {"half a second before 1970", Q_INT64_C(-500000)},
            {"2000-01-01, the server's own epoch", Q_INT64_C(946684800000000)},
            {"a microsecond before it", Q_INT64_C(946684799999999)},
            {"leap day before 1970", Q_INT64_C(-11670955199750000)},
        };
        for (const auto &[name, micros] : instants)
            QTest::newRow(name) << qint64(17) << u"Buy milk"_s << u"2 litres"_s << true << 3 << micros << true;
        QTest::newRow("no due date") << qint64(18) << u"Call mum"_s << QString() << false << 0
                                     << Q_INT64_C(1714826096000000) << false;
        for (int priority = 0; priority <= 2; ++priority)
            QTest::addRow("priority %d", priority) << qint64(19) << u"Sort"_s << u"-"_s << false << priority
                                                   << Q_INT64_C(1714826096100000) << true;
        QTest::newRow("negative id, umlauts, emoji, tab")
            << qint64(-42) << u"Grüße 🎉"_s << u"a\tb\nc"_s << true << 1 << Q_INT64_C(1714826096120000) << false;
    }

    void shouldChecksumATodoAsTheServerDoes()
    {
        QFETCH(qint64, legacyId);
        QFETCH(QString, title);
        QFETCH(QString, notes);
        QFETCH(bool, completed);
        QFETCH(int, priority);
        QFETCH(qint64, instant);
        QFETCH(bool, due);
        QVERIFY(m_pg);
        MappedTodo todo;
        todo.legacyId = legacyId;
        todo.title = title;
        todo.notes = notes;
        todo.completed = completed;
        todo.priority = priority;
        todo.createdUs = instant;
        todo.updatedUs = instant + 1;
        if (due)
            todo.dueUs = instant - 1;
        // The instants built from whole days and microseconds: integer
        // arithmetic, where a float of microseconds would round. In UTC: a
        // day added in the session's zone (Asia/Kolkata) is not 24 hours
        // across its changes of offset.
        const QString at = u"((timestamp 'epoch' + (%1::int8 / 86400000000) * interval '1 day'"
                           " + mod(%1::int8, 86400000000) * interval '1 microsecond') AT TIME ZONE 'UTC')"_s;
        const PgResult r = m_pg->exec(
            u"SELECT hash_record_extended(ROW($1::int8, $2::text, $3::text, $4::bool, $5::int2, "_s + at.arg(u"$6"_s)
                + u", "_s + at.arg(u"$7"_s) + u", "_s + at.arg(u"$8"_s) + u"), 0)"_s,
            {legacyId, title, notes, completed, priority, instant, instant + 1,
             due ? QVariant(instant - 1) : QVariant()});
        QVERIFY2(r.ok() && r.rowCount() == 1, qPrintable(r.errorMessage()));
        QCOMPARE(qint64(ImportValidator::rowDigest(todo)), r.int64(0, 0));
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
