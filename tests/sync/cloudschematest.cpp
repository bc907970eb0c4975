#include "cloud/cloudschema.h"
#include "cloud/pgconnection.h"
#include "scratchdatabase.h"

#include <QFuture>
#include <QTest>
#include <QThread>
#include <QUuid>

using namespace Qt::StringLiterals;

// The cloud schema against a real PostgreSQL: migrations, their checksums and
// lock, the server-side bookkeeping, and row-level security between people.
class CloudSchemaTest : public QObject
{
    Q_OBJECT

private:
    static QString uniqueName() { return u"schema-"_s + QUuid::createUuid().toString(QUuid::Id128); }

    // Opens a libpq connection to the scratch database as user (admin when empty).
    static std::unique_ptr<PgConnection> connect(const ScratchDatabase &scratch, const QString &user = {},
                                                 bool viaBouncer = false)
    {
        auto connection = std::make_unique<PgConnection>(scratch.connection(uniqueName(), user, viaBouncer));
        if (!connection->open())
            qWarning("cannot connect: %s", qPrintable(connection->lastError()));
        return connection;
    }

private Q_SLOTS:
    void shouldMigrateFreshDatabaseOnceThenFindItUpToDate()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase scratch(server);
        QVERIFY(scratch.isValid());
        auto db = connect(scratch);
        QVERIFY(db->isOpen());

        const CloudSchema::Result first = CloudSchema::ensure(*db);
        QCOMPARE(first.status, CloudSchema::Status::Migrated);
        QCOMPARE(first.appliedSteps, CloudSchema::knownVersion());
        QCOMPARE(first.serverVersion, CloudSchema::knownVersion());

        const CloudSchema::Result second = CloudSchema::ensure(*db);
        QCOMPARE(second.status, CloudSchema::Status::UpToDate);
        QCOMPARE(second.appliedSteps, 0);

        const PgResult rows = db->exec(u"SELECT version, checksum FROM tandem.schema_migrations ORDER BY version"_s);
        QVERIFY(rows.ok());
        QCOMPARE(rows.rowCount(), CloudSchema::knownVersion());
        for (int row = 0; row < rows.rowCount(); ++row)
            QCOMPARE(rows.text(row, 1), CloudSchema::checksum(row + 1));
    }

    void shouldRefuseWhenServerSchemaIsNewer()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase scratch(server);
        auto db = connect(scratch);
        QVERIFY(CloudSchema::ensure(*db).usable());
        QVERIFY(db->run(u"INSERT INTO tandem.schema_migrations(version, checksum) VALUES (99, 'future')"_s));

        const CloudSchema::Result result = CloudSchema::ensure(*db);
        QCOMPARE(result.status, CloudSchema::Status::TooNew);
        QCOMPARE(result.serverVersion, 99);
        QVERIFY(result.message.contains(u"update Tandem"_s));
    }

    void shouldRefuseWhenAnAppliedStepWasChanged()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase scratch(server);
        auto db = connect(scratch);
        QVERIFY(CloudSchema::ensure(*db).usable());
        QVERIFY(db->run(u"UPDATE tandem.schema_migrations SET checksum = 'edited' WHERE version = 2"_s));
        QCOMPARE(CloudSchema::ensure(*db).status, CloudSchema::Status::ChecksumMismatch);
    }

    void shouldApplyEachStepOnceWhenClientsMigrateConcurrently_data()
    {
        QTest::addColumn<bool>("viaBouncer");
        QTest::newRow("direct") << false;
        QTest::newRow("pgbouncer-transaction-mode") << true;
    }

    void shouldApplyEachStepOnceWhenClientsMigrateConcurrently()
    {
        QFETCH(bool, viaBouncer);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase scratch(server);
        constexpr int kClients = 4;
        QList<CloudSchema::Result> results(kClients);
        QList<QThread *> threads;
        for (int i = 0; i < kClients; ++i) {
            threads << QThread::create([&, i] {
                auto db = connect(scratch, {}, viaBouncer);
                results[i] = CloudSchema::ensure(*db);
                const QString name = db->database().connectionName();
                db.reset();
                QSqlDatabase::removeDatabase(name);
            });
        }
        for (QThread *thread : std::as_const(threads))
            thread->start();
        for (QThread *thread : std::as_const(threads)) {
            QVERIFY(thread->wait(60000));
            delete thread;
        }
        int applied = 0;
        for (const CloudSchema::Result &result : std::as_const(results)) {
            QVERIFY2(result.usable(), qPrintable(result.message));
            applied += result.appliedSteps;
        }
        QCOMPARE(applied, CloudSchema::knownVersion());
        auto db = connect(scratch);
        QCOMPARE(db->exec(u"SELECT count(*) FROM tandem.schema_migrations"_s).int64(0, 0), CloudSchema::knownVersion());
    }

    void shouldLetAnotherToolInsertWithDefaultsAndStampChanges()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase scratch(server);
        const QStringList roles = ScratchDatabase::roles();
        QVERIFY2(!roles.isEmpty(), "TANDEM_TEST_PGROLES is not set");
        QVERIFY(CloudSchema::ensure(*connect(scratch)).usable());
        auto alice = connect(scratch, roles.at(0));
        QVERIFY(alice->isOpen());

        // What a person might type into Neon's SQL editor.
        QVERIFY(alice->run(u"INSERT INTO tandem.lists (name) VALUES ('Errands')"_s));
        QVERIFY(alice->run(u"INSERT INTO tandem.todos (list_id, title)"
                           " SELECT id, 'Buy stamps' FROM tandem.lists WHERE name = 'Errands'"_s));
        PgResult row = alice->exec(u"SELECT owner, completed, priority, change_xid::text, updated_at FROM tandem.todos"_s);
        QCOMPARE(row.rowCount(), 1);
        QCOMPARE(row.text(0, 0), roles.at(0));
        QCOMPARE(row.boolean(0, 1), false);
        QCOMPARE(row.int64(0, 2), 0);
        const qint64 insertXid = row.int64(0, 3);

        QVERIFY(alice->run(u"UPDATE tandem.todos SET title = 'Buy stamps and envelopes'"_s));
        row = alice->exec(u"SELECT change_xid::text, field_xids ->> 'title', field_xids ? 'notes', updated_at > created_at"
                          " FROM tandem.todos"_s);
        QVERIFY(row.int64(0, 0) > insertXid);
        QCOMPARE(row.int64(0, 1), row.int64(0, 0));
        QCOMPARE(row.boolean(0, 2), false); // notes did not change, so it has no stamp
        QCOMPARE(row.boolean(0, 3), true);

        // A plain DELETE becomes a tombstone that the desktops can see.
        QVERIFY(alice->run(u"DELETE FROM tandem.todos"_s));
        row = alice->exec(u"SELECT count(*), count(deleted_at) FROM tandem.todos"_s);
        QCOMPARE(row.int64(0, 0), 1);
        QCOMPARE(row.int64(0, 1), 1);
    }

    // A database at an older step: a role that may not alter the tables
    // is told that the owner must update it, not that nothing is set up.
    void shouldAskForTheOwnerWhenAnUpgradeNeedsIt()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase scratch(server);
        const QStringList roles = ScratchDatabase::roles();
        QVERIFY2(!roles.isEmpty(), "TANDEM_TEST_PGROLES is not set");
        auto admin = connect(scratch);
        QVERIFY(CloudSchema::ensure(*admin).usable());
        const int last = CloudSchema::knownVersion();
        QVERIFY(admin->run(u"DELETE FROM tandem.schema_migrations WHERE version = $1"_s, {last}));

        auto alice = connect(scratch, roles.at(0));
        const CloudSchema::Result result = CloudSchema::ensure(*alice);
        QCOMPARE(result.status, CloudSchema::Status::Failed);
        QVERIFY2(result.message.contains(u"step %1"_s.arg(last)) && result.message.contains(u"owner"_s),
                 qPrintable(result.message));
        QVERIFY2(!result.message.contains(u"not set up"_s), qPrintable(result.message));
    }

    void shouldKeepPeopleApartWithRowLevelSecurity()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase scratch(server);
        const QStringList roles = ScratchDatabase::roles();
        QVERIFY2(roles.size() >= 2, "two ordinary roles are needed");
        QVERIFY(CloudSchema::ensure(*connect(scratch)).usable());
        auto alice = connect(scratch, roles.at(0));
        auto bob = connect(scratch, roles.at(1), true);
        QVERIFY(alice->isOpen());
        QVERIFY(bob->isOpen());

        QVERIFY(alice->run(u"INSERT INTO tandem.lists (id, name) VALUES ('11111111-1111-1111-1111-111111111111', 'Private')"_s));
        QVERIFY(alice->run(u"INSERT INTO tandem.todos (list_id, title) VALUES ('11111111-1111-1111-1111-111111111111', 'Secret')"_s));

        QCOMPARE(bob->exec(u"SELECT count(*) FROM tandem.todos"_s).int64(0, 0), 0);
        QCOMPARE(bob->exec(u"SELECT count(*) FROM tandem.lists"_s).int64(0, 0), 0);
        QVERIFY(bob->run(u"UPDATE tandem.todos SET title = 'mine now'"_s)); // matches nothing
        QVERIFY(bob->run(u"DELETE FROM tandem.todos"_s));
        // Writing a row that claims to be someone else's is refused.
        QVERIFY(!bob->run(u"INSERT INTO tandem.lists (name, owner) VALUES ('Fake', $1)"_s, {roles.at(0)}));

        const PgResult aliceRows = alice->exec(u"SELECT title, deleted_at IS NULL FROM tandem.todos"_s);
        QCOMPARE(aliceRows.rowCount(), 1);
        QCOMPARE(aliceRows.text(0, 0), u"Secret"_s);
        QCOMPARE(aliceRows.boolean(0, 1), true);

        // A role that is not the schema's owner finds it up to date and writes nothing.
        QCOMPARE(CloudSchema::ensure(*bob).status, CloudSchema::Status::UpToDate);
    }
};

QTEST_GUILESS_MAIN(CloudSchemaTest)
#include "cloudschematest.moc"
