// The first pass of LegacyReader reads the todos in two threads: the plan
// (todos, tags, links, problems, counts) and the fingerprint must be the
// same as with one, the fingerprint must still see every value, and it must
// not see the file's page layout.

#include "legacyreader.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace {

QString fixture(const QString &name)
{
    return QStringLiteral(TANDEM_MIGRATION_FIXTURES) + u'/' + name;
}

bool exec(sqlite3 *db, const QByteArray &sql)
{
    return sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
}

// A v2 file like the old app's, with the mess the reader must report:
// ids with gaps, a tag equal to another but for case, an empty tag name,
// links to todos and tags that do not exist (before, between and after the
// todos), a tag given twice by case, text that is not UTF-8, odd storage
// classes. reversed: the same rows inserted last first, into smaller pages,
// then a VACUUM (another page layout).
bool generate(const QString &path, int rows, bool reversed = false)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return false;
    bool ok = exec(db, reversed ? "PRAGMA page_size = 1024" : "PRAGMA page_size = 4096")
              && exec(db, "CREATE TABLE todo (id INTEGER NOT NULL, title VARCHAR(255) NOT NULL, description VARCHAR,"
                          " completed BOOLEAN NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL,"
                          " priority VARCHAR(6) NOT NULL, due_date DATETIME, PRIMARY KEY (id))")
              && exec(db, "CREATE TABLE tag (id INTEGER NOT NULL, name VARCHAR(64) NOT NULL, PRIMARY KEY (id),"
                          " UNIQUE (name))")
              && exec(db, "CREATE TABLE todo_tag (todo_id INTEGER NOT NULL, tag_id INTEGER NOT NULL,"
                          " PRIMARY KEY (todo_id, tag_id))")
              && exec(db, "BEGIN")
              && exec(db, "INSERT INTO tag VALUES (1, 'Work'), (2, 'home'), (3, 'WORK'), (4, '  '), (5, 'errand')");
    QList<QByteArray> statements;
    for (int i = 0; i < rows; ++i) {
        const qint64 id = 3 * qint64(i) + i % 2 + 5; // gaps between the ids
        const QByteArray n = QByteArray::number(id);
        QByteArray title = "'Todo " + n + "'";
        if (i % 97 == 0)
            title = "'  padded " + n + "  '";
        else if (i % 101 == 0)
            title = "X'54" + QByteArray::number(i % 256, 16).rightJustified(2, '0') + "ff'"; // a blob
        else if (i % 103 == 0)
            title = "CAST(X'4f6bc328' AS TEXT)"; // not UTF-8
        const QByteArray completed = i % 89 == 0 ? "'maybe'" : i % 3 == 0 ? "1" : "0";
        const QByteArray created = i % 83 == 0 ? "'yesterday'" : "'2023-0" + QByteArray::number(1 + i % 9) + "-1"
                                                                     + QByteArray::number(i % 10) + " 08:30:00'";
        const QByteArray priority = i % 79 == 0 ? "'urgent'" : i % 2 ? "'HIGH'" : "'low'";
        const QByteArray due = i % 5 == 0 ? "NULL" : i % 71 == 0 ? "42.5" : "'2024-02-0" + QByteArray::number(1 + i % 9) + "'";
        statements.append("INSERT INTO todo VALUES (" + n + ", " + title + ", 'note " + n + "', " + completed + ", "
                          + created + ", '2023-12-01 10:00:00', " + priority + ", " + due + ")");
        if (i % 4 == 0)
            statements.append("INSERT OR IGNORE INTO todo_tag VALUES (" + n + ", " + QByteArray::number(1 + i % 5) + ")");
        if (i % 13 == 0) // Work and WORK: one tag
            statements.append("INSERT OR IGNORE INTO todo_tag VALUES (" + n + ", 3), (" + n + ", 1)");
        if (i % 17 == 0) // no such tag
            statements.append("INSERT OR IGNORE INTO todo_tag VALUES (" + n + ", 99)");
        if (i % 19 == 0) // no such todo, between two
            statements.append("INSERT OR IGNORE INTO todo_tag VALUES (" + QByteArray::number(id + 2 - i % 2) + ", 2)");
    }
    statements.append("INSERT OR IGNORE INTO todo_tag VALUES (-7, 1), (" + QByteArray::number(3 * qint64(rows) + 100) + ", 2)");
    if (reversed)
        std::reverse(statements.begin(), statements.end());
    for (const QByteArray &sql : std::as_const(statements))
        ok = ok && exec(db, sql);
    ok = ok && exec(db, "COMMIT") && (!reversed || exec(db, "VACUUM"));
    sqlite3_close(db);
    return ok;
}

// The plan of a complete first and second pass, as text to compare.
QStringList describe(const MigrationPlan &plan)
{
    QStringList out;
    out << u"fingerprint %1"_s.arg(plan.fingerprint)
        << u"counts %1 %2 %3 %4"_s.arg(plan.readTodos).arg(plan.readTags).arg(plan.readLinks).arg(plan.mappedTodos);
    for (const TodoDigest &todo : plan.todos)
        out << u"todo %1 %2"_s.arg(todo.legacyId).arg(QString::fromLatin1(
                   QByteArray(reinterpret_cast<const char *>(&todo.checksum), sizeof todo.checksum).toHex()));
    for (const MappedTag &tag : plan.tags)
        out << u"tag %1 %2"_s.arg(tag.name, tag.key);
    for (const MappedLink &link : plan.links)
        out << u"link %1 %2"_s.arg(link.todoLegacyId).arg(link.tag);
    for (const RowProblem &p : plan.problems)
        out << u"problem %1|%2|%3|%4|%5|%6"_s.arg(p.table, p.legacyId, p.column, p.rawValue, p.action)
                   .arg(p.skipped);
    return out;
}

MigrationPlan scan(const QString &path, int schemaVersion, int blockRows, int threads)
{
    LegacyReader::setFirstPassForTests(blockRows, threads);
    MigrationPlan plan;
    QString error;
    LegacyReader reader(path, schemaVersion, 1700000000000000);
    const bool ok = reader.scan(&plan, &error);
    LegacyReader::setFirstPassForTests(0, 0);
    if (!ok)
        qWarning("scan of %s failed: %s", qPrintable(path), qPrintable(error));
    return plan;
}

QString fingerprint(const QString &path, int blockRows = 0, int threads = 0)
{
    return scan(path, 2, blockRows, threads).fingerprint;
}

} // namespace

class LegacyReaderTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_generated;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_generated = m_dir.filePath(u"generated.db"_s);
        QVERIFY(generate(m_generated, 3000));
    }

    void shouldReadTheSamePlanWithOneOrTwoThreads_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("schemaVersion");
        QTest::addColumn<int>("blockRows");
        QTest::newRow("messy, blocks of 1") << fixture(u"todo_app_local_v2_messy.db"_s) << 2 << 1;
        QTest::newRow("messy, blocks of 2") << fixture(u"todo_app_local_v2_messy.db"_s) << 2 << 2;
        QTest::newRow("messy, blocks of 3") << fixture(u"todo_app_local_v2_messy.db"_s) << 2 << 3;
        QTest::newRow("messy, default blocks") << fixture(u"todo_app_local_v2_messy.db"_s) << 2 << 0;
        QTest::newRow("v1, blocks of 1") << fixture(u"todo_app_local_v1.db"_s) << 1 << 1;
        for (int blockRows : {1, 7, 256, 1000, 1499, 1500, 2999, 3000, 0})
            QTest::addRow("generated, blocks of %d", blockRows) << QString() << 2 << blockRows;
    }
    void shouldReadTheSamePlanWithOneOrTwoThreads()
    {
        QFETCH(QString, path);
        QFETCH(int, schemaVersion);
        QFETCH(int, blockRows);
        if (path.isEmpty())
            path = m_generated;
        const MigrationPlan one = scan(path, schemaVersion, blockRows, 1);
        const MigrationPlan two = scan(path, schemaVersion, blockRows, 2);
        QVERIFY(!one.fingerprint.isEmpty());
        QVERIFY(one.readTodos > 0);
        QCOMPARE(describe(two), describe(one));
    }

    void shouldFindTheProblemsOfTheGeneratedFile()
    {
        // The generated file's mess is seen, so the comparison above
        // compares something.
        const MigrationPlan plan = scan(m_generated, 2, 256, 2);
        QCOMPARE(plan.readTodos, 3000);
        QCOMPARE(plan.readTags, 5);
        QCOMPARE(plan.tags.size(), 3); // WORK merged, the empty name left out
        const QStringList text = describe(plan);
        for (const QString &action : {u"no such todo"_s, u"no such tag"_s, u"counted once"_s, u"invalid UTF-8"_s,
                                      u"unknown priority"_s, u"not a boolean"_s, u"not a date"_s})
            QVERIFY2(text.filter(action).size() > 0, qPrintable(action));
    }

    void shouldChangeTheFingerprintWhenOneValueOfTheSecondHalfChanges_data()
    {
        QTest::addColumn<QByteArray>("update");
        // Row 2500 of 3000: id 3 * 2500 + 5.
        QTest::newRow("title") << QByteArray("UPDATE todo SET title = 'Todo 7506' WHERE id = 7505");
        QTest::newRow("description") << QByteArray("UPDATE todo SET description = NULL WHERE id = 7505");
        QTest::newRow("completed, as text") << QByteArray("UPDATE todo SET completed = 'no' WHERE id = 7505");
        QTest::newRow("priority") << QByteArray("UPDATE todo SET priority = 'HIGH' WHERE id = 7505");
        QTest::newRow("due date") << QByteArray("UPDATE todo SET due_date = '2024-02-03' WHERE id = 7505");
        QTest::newRow("last row") << QByteArray("UPDATE todo SET updated_at = '2023-12-01 10:00:01'"
                                                " WHERE id = (SELECT max(id) FROM todo)");
        QTest::newRow("id") << QByteArray("UPDATE todo SET id = 7506 WHERE id = 7505");
        QTest::newRow("one link") << QByteArray("DELETE FROM todo_tag WHERE todo_id = 7505 AND tag_id = 1");
    }
    void shouldChangeTheFingerprintWhenOneValueOfTheSecondHalfChanges()
    {
        QFETCH(QByteArray, update);
        const QString changed = m_dir.filePath(u"changed.db"_s);
        QFile::remove(changed);
        QVERIFY(QFile::copy(m_generated, changed));
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(changed.toUtf8().constData(), &db), SQLITE_OK);
        const bool updated = exec(db, update) && sqlite3_changes(db) == 1;
        sqlite3_close(db);
        QVERIFY(updated);
        for (int blockRows : {256, 0})
            QVERIFY(fingerprint(changed, blockRows) != fingerprint(m_generated, blockRows));
    }

    void shouldKeepTheFingerprintWhateverThePageLayout()
    {
        const QString other = m_dir.filePath(u"reversed.db"_s);
        QVERIFY(generate(other, 3000, true));
        for (int blockRows : {256, 0})
            QCOMPARE(fingerprint(other, blockRows), fingerprint(m_generated, blockRows));
        // The same file with a block size of its own is another definition.
        QVERIFY(fingerprint(m_generated, 256) != fingerprint(m_generated, 0));
    }
};

QTEST_GUILESS_MAIN(LegacyReaderTest)

#include "legacyreadertest.moc"
