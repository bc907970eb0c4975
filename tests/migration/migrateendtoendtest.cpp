// tandem-migrate against a real server: every sample end to end with the
// values that arrive (titles, notes, times to the microsecond, priorities,
// tags), the legacy files untouched, the verified backup, "already migrated"
// on a rerun, a second file alongside, PgBouncer, and an ordinary role
// under row-level security.

#include "cloudimporter.h"
#include "legacyvalues.h"
#include "migrationtesthelpers.h"
#include "scratchdatabase.h"
#include "testpostgres.h"

#include "cloud/cloudschema.h"
#include "cloud/pgconnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace MigrationTest;

namespace {

struct LegacyRow
{
    qint64 id = 0;
    QString title;
    QString notes;
    QByteArray created;
    QByteArray updated;
    QStringList tags;
};

// The sample's rows read independently of the engine (clean samples only).
QList<LegacyRow> legacyRows(const QString &path, bool withTags)
{
    QList<LegacyRow> rows;
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *stmt = nullptr;
    const char *sql = withTags
        ? "SELECT t.id, t.title, coalesce(t.description, ''), t.created_at, t.updated_at,"
          " coalesce((SELECT group_concat(lower(name), ',') FROM (SELECT g.name FROM todo_tag x JOIN tag g"
          " ON g.id = x.tag_id WHERE x.todo_id = t.id ORDER BY lower(g.name))), '') FROM todo t ORDER BY t.id"
        : "SELECT id, title, coalesce(description, ''), created_at, updated_at, '' FROM todo ORDER BY id";
    sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        LegacyRow r;
        r.id = sqlite3_column_int64(stmt, 0);
        r.title = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 1)));
        r.notes = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 2)));
        r.created = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 3));
        r.updated = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 4));
        const QString tags = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 5)));
        r.tags = tags.isEmpty() ? QStringList() : tags.split(u',');
        rows << r;
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return rows;
}

// "2024-03-02 07:26:00.367299" as microseconds, without the engine's parser:
// whole seconds by QDateTime, the six digits by hand.
qint64 naiveUtcMicros(const QByteArray &text)
{
    const QDateTime utc = QDateTime::fromString(QString::fromLatin1(text.left(19)).replace(u' ', u'T') + u'Z',
                                                Qt::ISODate);
    return utc.toSecsSinceEpoch() * 1000000 + text.mid(20).leftJustified(6, '0').toLongLong();
}

struct CloudTodo
{
    QString title;
    QString notes;
    bool completed = false;
    int priority = 0;
    qint64 created = 0;
    qint64 updated = 0;
    qint64 due = -1;
    QString tags;
};

QHash<qint64, CloudTodo> cloudTodos(QSqlDatabase db)
{
    QHash<qint64, CloudTodo> out;
    QSqlQuery q(db);
    q.exec(u"SELECT t.legacy_id, t.title, t.notes, t.completed, t.priority,"
           " (extract(epoch FROM t.created_at) * 1000000)::int8, (extract(epoch FROM t.updated_at) * 1000000)::int8,"
           " coalesce((extract(epoch FROM t.due_at) * 1000000)::int8, -1),"
           " coalesce((SELECT string_agg(lower(g.name), ',' ORDER BY lower(g.name)) FROM tandem.todo_tags x"
           "  JOIN tandem.tags g ON g.id = x.tag_id WHERE x.todo_id = t.id), '')"
           " FROM tandem.todos t"_s);
    while (q.next())
        out.insert(q.value(0).toLongLong(),
                   {q.value(1).toString(), q.value(2).toString(), q.value(3).toBool(), q.value(4).toInt(),
                    q.value(5).toLongLong(), q.value(6).toLongLong(), q.value(7).toLongLong(), q.value(8).toString()});
    return out;
}

qint64 micros(const char *text)
{
    RawValue v;
    v.type = RawValue::Type::Text;
    v.bytes = text;
    return LegacyValues::parseTimestamp(v).value_or(-1);
}

} // namespace

class MigrateEndToEndTest : public QObject
{
    Q_OBJECT

private slots:
    void migratesEveryCleanSampleWithItsValues_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<int>("todos");
        QTest::addColumn<bool>("withTags");
        QTest::newRow("v1") << u"todo_app_local_v1.db"_s << 60 << false;
        QTest::newRow("v2") << u"todo_app_local_v2.db"_s << 400 << true;
        QTest::newRow("v1 wal") << u"todo_app_local_v1_wal.db"_s << 23 << false;
    }

    void migratesEveryCleanSampleWithItsValues()
    {
        QFETCH(QString, sample);
        QFETCH(int, todos);
        QFETCH(bool, withTags);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QTemporaryDir dir;
        const QString source = copyFixture(sample, dir.path());
        const QStringList before = hashes(source);

        const Run run = runMigrate({source, u"--to"_s, cloud.connectionString(), u"--yes"_s, u"--batch"_s, u"64"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY(run.out.contains(u"every row arrived as it was"_s));
        QCOMPARE(hashes(source), before);
        const QStringList backups = backupsBeside(source);
        QCOMPARE(backups.size(), 1);

        // The expected rows come from the backup, which holds the -wal rows too.
        const QList<LegacyRow> rows = legacyRows(QFileInfo(source).dir().filePath(backups.first()), withTags);
        QCOMPARE(rows.size(), todos);
        QSqlDatabase db = cloud.connection(u"e2e-"_s + QString::fromLatin1(QTest::currentDataTag()));
        QVERIFY(db.open());
        const QHash<qint64, CloudTodo> arrived = cloudTodos(db);
        QCOMPARE(arrived.size(), todos);
        for (const LegacyRow &r : rows) {
            QVERIFY2(arrived.contains(r.id), qPrintable(QString::number(r.id)));
            const CloudTodo &c = arrived.value(r.id);
            QCOMPARE(c.title, r.title);
            QCOMPARE(c.notes, r.notes);
            QCOMPARE(c.created, naiveUtcMicros(r.created));
            QCOMPARE(c.updated, naiveUtcMicros(r.updated));
            QCOMPARE(c.tags, r.tags.join(u','));
            if (!withTags)
                QCOMPARE(c.priority, 0);
        }
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.lists WHERE name = 'Imported'"_s), qint64(1));
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.legacy_imports WHERE status = 'validated'"_s), qint64(1));
        if (withTags) {
            QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.todos WHERE priority NOT BETWEEN 1 AND 3"_s), qint64(0));
            QVERIFY(scalar(db, u"SELECT count(*) FROM tandem.todo_tags"_s) > 0);
        }
        db.close();
    }

    void migratesTheMessySampleRepairingAndReportingRows()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v2_messy.db"_s, dir.path());
        const QStringList before = hashes(source);
        const Run run = runMigrate({source, u"--to"_s, cloud.connectionString(), u"--yes"_s,
                                    u"--json"_s, dir.filePath(u"r.json"_s)});
        QVERIFY2(run.exitCode == 3, qPrintable(run.out + run.err));
        QCOMPARE(hashes(source), before);
        QFile json(dir.filePath(u"r.json"_s));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject report = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(report.value(u"status"_s).toString(), u"validated"_s);
        QCOMPARE(report.value(u"exit_code"_s).toInt(), 3);
        const QJsonArray tables = report.value(u"tables"_s).toArray();
        QCOMPARE(tables.size(), 3);
        QCOMPARE(tables.at(0).toObject().value(u"table"_s).toString(), u"todo"_s);
        QCOMPARE(tables.at(0).toObject().value(u"migrated"_s).toInt(), 56);
        QCOMPARE(tables.at(2).toObject().value(u"migrated"_s).toInt(), 38);
        QCOMPARE(tables.at(2).toObject().value(u"skipped"_s).toInt(), 2);
        QVERIFY(report.value(u"problems"_s).toArray().size() >= 9);

        QSqlDatabase db = cloud.connection(u"messy"_s);
        QVERIFY(db.open());
        const QHash<qint64, CloudTodo> c = cloudTodos(db);
        QCOMPARE(c.size(), 56);
        QCOMPARE(c.value(39).created, micros("2024-03-02 07:26:00.367299"));
        QCOMPARE(c.value(39).due, micros("2024-03-27 07:26:00.367299"));
        QCOMPARE(c.value(39).priority, 2);
        QCOMPARE(c.value(41).created, micros("2024-05-01 12:30:00"));
        QCOMPARE(c.value(42).created, micros("2024-05-02 03:30:00"));
        QVERIFY(c.value(42).completed);
        QCOMPARE(c.value(44).created, micros("2024-05-04 00:00:00"));
        QCOMPARE(c.value(45).created, qint64(1714800000) * 1000000);
        QVERIFY(c.value(46).completed);
        QVERIFY(c.value(47).completed);
        QCOMPARE(c.value(48).title, u"padded title"_s);
        QCOMPARE(c.value(48).notes, u"   "_s);
        QCOMPARE(c.value(48).created, micros("2024-05-06 10:00:00") + 500000);
        QCOMPARE(c.value(49).title, u"Emoji \u2705 and RTL \u05e9\u05dc\u05d5\u05dd and CJK \u8cb7\u3044\u7269"_s);
        QCOMPARE(c.value(49).notes, u"multi\nline\r\nnote\twith tab"_s);
        QCOMPARE(c.value(50).title, u"quote ' and backslash \\ and percent %"_s);
        QCOMPARE(c.value(50).notes, u"'; DROP TABLE todo; --"_s);
        QCOMPARE(c.value(51).title.size(), 300);
        QCOMPARE(c.value(51).notes.size(), 200000);
        // Kept as they were, though updated_at is earlier.
        QCOMPARE(c.value(52).created, micros("2024-05-10 10:00:00"));
        QCOMPARE(c.value(52).updated, micros("2024-05-09 10:00:00"));
        // Unreadable times fall back to the file's modification time.
        const qint64 mtime = QFileInfo(source).lastModified().toMSecsSinceEpoch() * 1000;
        QCOMPARE(c.value(53).created, mtime);
        QCOMPARE(c.value(54).title, u"(untitled)"_s);
        QCOMPARE(c.value(55).title, u"Cafe \u00e9 \ufffd"_s);
        QCOMPARE(c.value(5000000000).title, u"big id"_s);
        QCOMPARE(c.value(1).priority, 2);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.todo_tags"_s), qint64(38));
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.tags"_s), qint64(5));
        db.close();
    }

    void repairsNulUnknownValuesAndTagsThatDifferByCase()
    {
        // fixtures/todo_app_local_v2_extra.db: the clean v2 sample with NUL in
        // todo 1's title and notes, priority URGENT (2), completed 'maybe' (3),
        // due_date 'soon' (4) and a date alone (5), and a tag WORK beside
        // work linked to todo 6, and to todo 7 which also has work.
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v2_extra.db"_s, dir.path());
        const Run run = runMigrate({source, u"--to"_s, cloud.connectionString(), u"--yes"_s, u"--progress"_s,
                                    u"--batch"_s, u"100"_s});
        QVERIFY2(run.exitCode == 3, qPrintable(run.out + run.err));
        QVERIFY2(run.err.contains(u"400 / 400 todos"_s) && run.err.contains(u"rows/s"_s)
                     && run.err.contains(u"s left"_s),
                 qPrintable(run.err));
        for (const QString &line : {u"todo 1, title"_s, u"NUL characters removed"_s, u"todo 2, priority"_s,
                                    u"todo 3, completed"_s, u"todo 4, due_date"_s, u"tag 900, name"_s,
                                    u"todo_tag 7/900"_s})
            QVERIFY2(run.out.contains(line), qPrintable(line + u" not in "_s + run.out));

        QSqlDatabase db = cloud.connection(u"extra"_s);
        QVERIFY(db.open());
        const QHash<qint64, CloudTodo> c = cloudTodos(db);
        QCOMPARE(c.size(), 400);
        QCOMPARE(c.value(1).title, u"nulin title"_s);
        QCOMPARE(c.value(1).notes, u"noteswith nul"_s);
        QCOMPARE(c.value(2).priority, 0);
        QVERIFY(!c.value(3).completed);
        QCOMPARE(c.value(4).due, qint64(-1));
        QCOMPARE(c.value(5).due, micros("2024-06-01 00:00:00"));
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.todos WHERE legacy_id = 5 AND NOT due_has_time"_s), qint64(1));
        QCOMPARE(c.value(6).tags, u"work"_s);
        QCOMPARE(c.value(7).tags, u"work"_s);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.tags"_s), qint64(5));
        db.close();
    }

    void tagsWhoseCaseQtAndPostgresFoldDifferentlyKeepTheirLinks()
    {
        // Qt lower-cases "İstanbul" to "i̇stanbul" (with a combining dot),
        // PostgreSQL to "istanbul", or not at all in the C locale. The
        // links must not depend on the two agreeing: the server says which
        // tag is which.
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v2.db"_s, dir.path());
        qint64 expected = 0;
        {
            sqlite3 *db = nullptr;
            QCOMPARE(sqlite3_open_v2(source.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db,
                                  "UPDATE tag SET name = 'İstanbul' WHERE id = (SELECT min(id) FROM tag);"
                                  "UPDATE tag SET name = 'ÄRGER' WHERE id = (SELECT max(id) FROM tag);",
                                  nullptr, nullptr, nullptr),
                     SQLITE_OK);
            sqlite3_stmt *stmt = nullptr;
            sqlite3_prepare_v2(db,
                               "SELECT count(*) FROM todo_tag WHERE tag_id IN ((SELECT min(id) FROM tag),"
                               " (SELECT max(id) FROM tag)) AND todo_id IN (SELECT id FROM todo)",
                               -1, &stmt, nullptr);
            QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
            expected = sqlite3_column_int64(stmt, 0);
            sqlite3_finalize(stmt);
            sqlite3_close(db);
        }
        QVERIFY(expected > 0);
        const Run run = runMigrate({source, u"--to"_s, cloud.connectionString(), u"--yes"_s, u"--batch"_s, u"50"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QSqlDatabase db = cloud.connection(u"folding"_s);
        QVERIFY(db.open());
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.todo_tags tt JOIN tandem.tags g ON g.id = tt.tag_id"
                            " WHERE g.name IN ('İstanbul', 'ÄRGER')"_s),
                 expected);
        db.close();
    }

    void rerunSaysAlreadyMigratedAndChangesNothing()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v2.db"_s, dir.path());
        QCOMPARE(runMigrate({source, u"--to"_s, cloud.connectionString(), u"--yes"_s}).exitCode, 0);
        QSqlDatabase db = cloud.connection(u"rerun"_s);
        QVERIFY(db.open());
        const QStringList first = dumpCloud(db);
        const QStringList backups = backupsBeside(source);

        const Run again = runMigrate({source, u"--to"_s, cloud.connectionString(), u"--yes"_s});
        QCOMPARE(again.exitCode, 4);
        QVERIFY2(again.out.contains(u"already migrated"_s), qPrintable(again.out));
        QCOMPARE(dumpCloud(db), first);
        QCOMPARE(backupsBeside(source), backups);

        // Another file goes in alongside, with its own Imported list.
        const QString other = copyFixture(u"todo_app_local_v1.db"_s, dir.path());
        QCOMPARE(runMigrate({other, u"--to"_s, cloud.connectionString(), u"--yes"_s}).exitCode, 0);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.lists WHERE name = 'Imported'"_s), qint64(2));
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.todos"_s), qint64(460));
        QCOMPARE(scalar(db, u"SELECT count(DISTINCT list_id) FROM tandem.todos"_s), qint64(2));
        db.close();
    }

    void migratesThroughPgBouncerAsAnOrdinaryRole()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        TANDEM_REQUIRE_UNDER_CI(server.bouncerPort != 0, "no PgBouncer configured");
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        const QString role = ScratchDatabase::roles().value(0);
        QVERIFY(!role.isEmpty());
        {
            // The schema (with the import table) is the admin's to create.
            QSqlDatabase admin = cloud.connection(u"admin-setup"_s);
            PgConnection pg(admin);
            QVERIFY(pg.open());
            QVERIFY(CloudSchema::ensure(pg).usable());
        }
        QSqlDatabase::removeDatabase(u"admin-setup"_s);
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v2_messy.db"_s, dir.path());
        const Run run = runMigrate({source, u"--yes"_s, u"--batch"_s, u"10"_s},
                                   {{u"DATABASE_URL"_s, cloud.connectionString(role, true)}});
        QVERIFY2(run.exitCode == 3, qPrintable(run.out + run.err));
        QSqlDatabase db = cloud.connection(u"bouncer"_s);
        QVERIFY(db.open());
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.todos WHERE owner = '"_s + role + u"'"_s), qint64(56));
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.legacy_imports WHERE owner = '"_s + role
                                + u"' AND status = 'validated'"_s),
                 qint64(1));

        // Another person migrating the same file gets rows of their own:
        // the ids are derived from the owner too, so nothing collides.
        const QString other = ScratchDatabase::roles().value(1);
        if (!other.isEmpty()) {
            const Run second = runMigrate({source, u"--yes"_s},
                                          {{u"DATABASE_URL"_s, cloud.connectionString(other, true)}});
            QVERIFY2(second.exitCode == 3, qPrintable(second.out + second.err));
            QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.todos WHERE owner = '"_s + other + u"'"_s), qint64(56));
            QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.todos"_s), qint64(112));
        }
        db.close();
    }
};

QTEST_GUILESS_MAIN(MigrateEndToEndTest)
#include "migrateendtoendtest.moc"
