// The legacy file side, without a server: finding it, refusing bad files
// with a clear message and nothing written, the verified backup (with the
// rows that live only in the -wal file), the untouched original, and the
// dry-run preview of the real tandem-migrate.

#include "legacysource.h"
#include "migrationtesthelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace MigrationTest;

namespace {

qint64 countTodos(const QString &path)
{
    sqlite3 *db = nullptr;
    qint64 n = -1;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM todo", -1, &stmt, nullptr) == SQLITE_OK
            && sqlite3_step(stmt) == SQLITE_ROW)
            n = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return n;
}

bool execSqlite(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    bool ok = sqlite3_open(path.toUtf8().constData(), &db) == SQLITE_OK
              && sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

} // namespace

class LegacySourceTest : public QObject
{
    Q_OBJECT

private slots:
    void backsUpEverySampleAndLeavesItUntouched_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<int>("schemaVersion");
        QTest::addColumn<qint64>("todos");
        QTest::newRow("v1") << u"todo_app_local_v1.db"_s << 1 << qint64(60);
        QTest::newRow("v2") << u"todo_app_local_v2.db"_s << 2 << qint64(400);
        QTest::newRow("v2 messy") << u"todo_app_local_v2_messy.db"_s << 2 << qint64(56);
        QTest::newRow("v1 wal") << u"todo_app_local_v1_wal.db"_s << 1 << qint64(23);
    }

    void backsUpEverySampleAndLeavesItUntouched()
    {
        QFETCH(QString, sample);
        QFETCH(int, schemaVersion);
        QFETCH(qint64, todos);
        QTemporaryDir dir;
        const QString source = copyFixture(sample, dir.path());
        const QStringList before = hashes(source);

        const LegacySource::Inspection inspection = LegacySource::inspect(source);
        QVERIFY2(inspection.ok, qPrintable(inspection.error));
        QCOMPARE(inspection.schemaVersion, schemaVersion);
        const QString backup = LegacySource::backupPathFor(source);
        QVERIFY(QFileInfo(backup).fileName().startsWith(sample + u".bak-"_s));
        QString error;
        QVERIFY2(LegacySource::backup(source, backup, &error), qPrintable(error));

        QCOMPARE(hashes(source), before);
        QCOMPARE(countTodos(backup), todos);
        // One self-contained file: no -wal beside the backup.
        QVERIFY(!QFile::exists(backup + u"-wal"_s));
        QCOMPARE(hashes(source), before);
    }

    void backupHasTheRowsThatLiveOnlyInTheWal()
    {
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v1_wal.db"_s, dir.path());
        // The main file alone (what a plain copy of it would give) lacks them.
        QTemporaryDir mainOnly;
        const QString alone = QDir(mainOnly.path()).filePath(u"alone.db"_s);
        QVERIFY(QFile::copy(source, alone));
        QCOMPARE(countTodos(alone), qint64(20));

        const QString backup = LegacySource::backupPathFor(source);
        QString error;
        QVERIFY2(LegacySource::backup(source, backup, &error), qPrintable(error));
        QCOMPARE(countTodos(backup), qint64(23));
    }

    void findsTheOldAppsDefaultLocations()
    {
        QTemporaryDir home;
        QProcessEnvironment env;
        env.insert(u"HOME"_s, home.path());
        env.insert(u"XDG_DATA_HOME"_s, home.filePath(u"xdg"_s));
        const QStringList locations = LegacySource::defaultLocations(env);
        QCOMPARE(locations.first(), home.filePath(u"xdg/todo-app/todo_app_local.db"_s));
        QVERIFY(locations.contains(home.filePath(u".local/share/todo-app/todo_app_local.db"_s)));
        QVERIFY(locations.contains(home.filePath(u"todo_app_local.db"_s)));
        QVERIFY(locations.contains(QDir::current().absoluteFilePath(u"todo_app_local.db"_s)));

        QCOMPARE(LegacySource::findDefault(env).isEmpty() || LegacySource::findDefault(env).startsWith(QDir::currentPath()),
                 true);
        QVERIFY(QFile::copy(fixture(u"todo_app_local_v1.db"_s), home.filePath(u"todo_app_local.db"_s)));
        QCOMPARE(LegacySource::findDefault(env), home.filePath(u"todo_app_local.db"_s));
        QVERIFY(QDir(home.path()).mkpath(u"xdg/todo-app"_s));
        QVERIFY(QFile::copy(fixture(u"todo_app_local_v2.db"_s), home.filePath(u"xdg/todo-app/todo_app_local.db"_s)));
        QCOMPARE(LegacySource::findDefault(env), home.filePath(u"xdg/todo-app/todo_app_local.db"_s));
    }

    void refusesBadInputAndWritesNothing_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << u"missing"_s << u"does not exist"_s;
        QTest::newRow("zero bytes") << u"empty"_s << u"empty (0 bytes)"_s;
        QTest::newRow("random bytes") << u"random"_s << u"not an SQLite database"_s;
        QTest::newRow("wrong schema") << u"wrong-schema"_s << u"no todo table"_s;
        QTest::newRow("unknown revision") << u"unknown-revision"_s << u"schema revision deadbeef"_s;
    }

    void refusesBadInputAndWritesNothing()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"todo_app_local.db"_s);
        if (kind == u"empty"_s) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
        } else if (kind == u"random"_s) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray bytes;
            for (int i = 0; i < 8192; ++i)
                bytes += char((i * 7919 + 13) % 251);
            f.write(bytes);
        } else if (kind == u"wrong-schema"_s) {
            QVERIFY(execSqlite(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"));
        } else if (kind == u"unknown-revision"_s) {
            QVERIFY(QFile::copy(fixture(u"todo_app_local_v2.db"_s), path));
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
            QVERIFY(execSqlite(path, "UPDATE alembic_version SET version_num = 'deadbeef'"));
        }
        const QStringList before = QDir(dir.path()).entryList(QDir::Files);
        const QStringList hashesBefore = hashes(path);
        // A server that does not exist: the file is refused before any connection.
        const Run run = runMigrate({path, u"--to"_s, u"host=127.0.0.1 port=1"_s, u"--yes"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY2(run.err.contains(u"nothing was written"_s), qPrintable(run.err));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), before);
        QCOMPARE(hashes(path), hashesBefore);
    }

    void refusesAFileLockedByAWriter()
    {
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v1.db"_s, dir.path());
        sqlite3 *writer = nullptr;
        QCOMPARE(sqlite3_open(source.toUtf8().constData(), &writer), SQLITE_OK);
        QCOMPARE(sqlite3_exec(writer, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
        const Run run = runMigrate({source, u"--dry-run"_s});
        sqlite3_exec(writer, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(writer);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"locked by another program"_s), qPrintable(run.err));
        QVERIFY(backupsBeside(source).isEmpty());
    }

    void dryRunListsEveryProblemAndWritesNothing()
    {
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v2_messy.db"_s, dir.path());
        const QStringList before = hashes(source);
        const QString json = QDir(dir.path()).filePath(u"report.json"_s);
        const Run run = runMigrate({source, u"--dry-run"_s, u"--json"_s, json});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.out.contains(u"Dry run: nothing was written"_s), qPrintable(run.out));
        QCOMPARE(hashes(source), before);
        QVERIFY(backupsBeside(source).isEmpty());

        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject report = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(report.value(u"status"_s).toString(), u"dry-run"_s);
        QStringList problems;
        for (const QJsonValue &p : report.value(u"problems"_s).toArray()) {
            const QJsonObject o = p.toObject();
            problems << u"%1 %2 %3 %4"_s.arg(o.value(u"table"_s).toString(), o.value(u"legacy_id"_s).toString(),
                                             o.value(u"column"_s).toString(),
                                             o.value(u"skipped"_s).toBool() ? u"skipped"_s : u"kept"_s);
        }
        for (const QString &expected : {u"todo 1 priority kept"_s, u"todo 48 title kept"_s,
                                        u"todo 52 updated_at kept"_s, u"todo 53 created_at kept"_s,
                                        u"todo 53 updated_at kept"_s, u"todo 54 title kept"_s,
                                        u"todo 55 title kept"_s, u"todo_tag 1/424242 tag_id skipped"_s,
                                        u"todo_tag 999999/1 todo_id skipped"_s})
            QVERIFY2(problems.contains(expected), qPrintable(expected + u" not in "_s + problems.join(u", "_s)));
        const QJsonArray tables = report.value(u"tables"_s).toArray();
        QCOMPARE(tables.size(), 3);
        QCOMPARE(tables.at(0).toObject().value(u"read"_s).toInt(), 56);
        QCOMPARE(tables.at(2).toObject().value(u"read"_s).toInt(), 40);
        QCOMPARE(tables.at(2).toObject().value(u"skipped"_s).toInt(), 2);
    }

    void answersHelpAndVersion()
    {
        const Run help = runMigrate({u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(u"--dry-run"_s));
        const Run version = runMigrate({u"--version"_s});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.contains(QStringLiteral(TANDEM_VERSION)));
        const Run bad = runMigrate({u"--bogus"_s});
        QCOMPARE(bad.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(LegacySourceTest)
#include "legacysourcetest.moc"
