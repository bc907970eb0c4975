// The report of tandem-migrate names the Imported list by the id the claim
// wrote (tandem.legacy_imports.list_id), also on a rerun after the person
// renamed the list and made another one called "Imported": the desktop
// finds the list by that id, never by its name.

#include "migrationtesthelpers.h"
#include "scratchdatabase.h"
#include "testpostgres.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace MigrationTest;

namespace {

// The "list_id" of the JSON report a run wrote.
QString reportedListId(const QString &jsonPath)
{
    QFile json(jsonPath);
    if (!json.open(QIODevice::ReadOnly))
        return u"(no report)"_s;
    return QJsonDocument::fromJson(json.readAll()).object().value(u"list_id"_s).toString(u"(no list_id)"_s);
}

QString text(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toString() : QString();
}

} // namespace

class ImportedListIdTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReportTheImportedListById()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v2.db"_s, dir.path());

        const QString preview = dir.filePath(u"preview.json"_s);
        QCOMPARE(runMigrate({source, u"--dry-run"_s, u"--json"_s, preview}).exitCode, 0);
        QCOMPARE(reportedListId(preview), QString()); // nothing was written, no list yet

        const QString first = dir.filePath(u"first.json"_s);
        const Run run = runMigrate({source, u"--to"_s, cloud.connectionString(), u"--yes"_s, u"--json"_s, first});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QSqlDatabase db = cloud.connection(u"listid"_s);
        QVERIFY(db.open());
        const QString listId = text(db, u"SELECT list_id::text FROM tandem.legacy_imports"_s);
        QVERIFY(!listId.isEmpty());
        QCOMPARE(reportedListId(first), listId);
        QCOMPARE(text(db, u"SELECT name FROM tandem.lists WHERE id = '%1'"_s.arg(listId)), u"Imported"_s);

        // The person renames it and names another list "Imported"; the
        // rerun finds the file migrated and still reports the same list.
        QSqlQuery edit(db);
        QVERIFY2(edit.exec(u"UPDATE tandem.lists SET name = 'Old todos' WHERE id = '%1'"_s.arg(listId)),
                 qPrintable(edit.lastError().text()));
        QVERIFY2(edit.exec(u"INSERT INTO tandem.lists (id, name, position) VALUES (gen_random_uuid(), 'Imported', 1)"_s),
                 qPrintable(edit.lastError().text()));
        const QString again = dir.filePath(u"again.json"_s);
        QCOMPARE(runMigrate({source, u"--to"_s, cloud.connectionString(), u"--yes"_s, u"--json"_s, again}).exitCode, 4);
        QCOMPARE(reportedListId(again), listId);
        db.close();
    }
};

QTEST_GUILESS_MAIN(ImportedListIdTest)
#include "importedlistidtest.moc"
