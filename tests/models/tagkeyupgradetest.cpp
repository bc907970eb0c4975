#include "domain/tagkey.h"
#include "store/localschema.h"
#include "store/sqlhelpers.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

// Local schema step 4 recomputes every tags.name_key with TagKey::of (it was
// QString::toCaseFolded()): tags whose keys become one are merged, with all
// their links, and the rows join tag names with the new separator.
class TagKeyUpgradeTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QSqlDatabase m_db;

    bool exec(const QString &sql, const QVariantList &values = {})
    {
        QString error;
        const bool ok = Sql::exec(m_db, sql, values, &error);
        if (!ok)
            qWarning("%s: %s", qPrintable(sql), qPrintable(error));
        return ok;
    }

    QStringList column(const QString &sql)
    {
        QStringList values;
        auto query = Sql::select(m_db, sql, {});
        while (query && query->next())
            values << query->value(0).toString();
        return values;
    }

private Q_SLOTS:
    void init()
    {
        m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"upgrade"_s);
        m_db.setDatabaseName(m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128) + u".db"_s));
        QVERIFY(m_db.open());
        QVERIFY(exec(u"PRAGMA foreign_keys = ON"_s));
        QString error;
        QVERIFY2(LocalSchema::upgrade(m_db, 3, &error), qPrintable(error));
        QVERIFY(exec(u"INSERT INTO lists(id, name, is_inbox, created_at, updated_at) VALUES ('inbox', 'Inbox', 1, 1, 1)"_s));
        for (const char *id : {"t1", "t2", "t3"}) {
            QVERIFY(exec(u"INSERT INTO todos(id, list_id, title, created_at, updated_at) VALUES (?, 'inbox', ?, 1, 1)"_s,
                         {QString::fromLatin1(id), QString::fromLatin1(id)}));
        }
    }

    void cleanup()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"upgrade"_s);
    }

    void shouldMergeTagsWhoseKeysBecomeOne()
    {
        // As step 1 to 3 stored them: the key was the case-folded name, and
        // "İ" folds to itself while its lowercase form is i + U+0307.
        const QString dotted = u"İstanbul"_s;
        const QString lower = u"i\u0307stanbul"_s;
        QVERIFY(exec(u"INSERT INTO tags(id, name, name_key) VALUES ('g1', ?, ?)"_s, {dotted, dotted.toCaseFolded()}));
        QVERIFY(exec(u"INSERT INTO tags(id, name, name_key) VALUES ('g2', ?, ?)"_s, {lower, lower.toCaseFolded()}));
        QVERIFY(exec(u"INSERT INTO tags(id, name, name_key) VALUES ('g3', 'Work', 'work')"_s));
        QVERIFY(exec(u"INSERT INTO todo_tags(todo_id, tag_id) VALUES ('t1', 'g1'), ('t2', 'g2'), ('t3', 'g1'),"
                     " ('t3', 'g2'), ('t3', 'g3')"_s));

        QString error;
        QVERIFY2(LocalSchema::upgrade(m_db, 4, &error), qPrintable(error));

        // The tag whose key was right already stays, with the other's links.
        QCOMPARE(column(u"SELECT id FROM tags ORDER BY id"_s), (QStringList{u"g2"_s, u"g3"_s}));
        QCOMPARE(column(u"SELECT name_key FROM tags WHERE id = 'g2'"_s), QStringList{TagKey::of(dotted)});
        QCOMPARE(column(u"SELECT todo_id FROM todo_tags WHERE tag_id = 'g2' ORDER BY todo_id"_s),
                 (QStringList{u"t1"_s, u"t2"_s, u"t3"_s}));
        QCOMPARE(column(u"SELECT count(*) FROM todo_tags"_s), QStringList{u"4"_s});
        QCOMPARE(column(u"SELECT tags FROM todo_rows WHERE id = 't3'"_s),
                 QStringList{lower + QChar(TagKey::kJoinSeparator) + u"Work"_s});
    }

    void shouldKeepKeysThatDoNotChange()
    {
        QVERIFY(exec(u"INSERT INTO tags(id, name, name_key) VALUES ('g1', 'ÄRGER', 'ärger')"_s));
        QVERIFY(exec(u"INSERT INTO todo_tags(todo_id, tag_id) VALUES ('t1', 'g1')"_s));
        QString error;
        QVERIFY2(LocalSchema::upgrade(m_db, 4, &error), qPrintable(error));
        QCOMPARE(column(u"SELECT id || ':' || name_key FROM tags"_s), QStringList{u"g1:ärger"_s});
        QCOMPARE(column(u"SELECT count(*) FROM todo_tags"_s), QStringList{u"1"_s});
    }
};

QTEST_GUILESS_MAIN(TagKeyUpgradeTest)
#include "tagkeyupgradetest.moc"
