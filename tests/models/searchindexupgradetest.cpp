#include "store/localdatabase.h"
#include "store/localschema.h"
#include "store/searchindex.h"
#include "store/sqlhelpers.h"

#include "modeltesthelpers.h"

#include <QObject>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

using TestHelpers::exec;
using TestHelpers::indexed;

const QString kInsertTodo = u"INSERT INTO todos(id, list_id, title, notes, created_at, updated_at, deleted_at)"
                            " VALUES (?, 'inbox', ?, ?, 1, 1, ?)"_s;

} // namespace

// Local schema step 5 adds the full-text index of titles and notes
// (SearchIndex): it fills it from a version-4 file, and its triggers keep it
// in step with every connection's writes, whichever code makes them.
class SearchIndexUpgradeTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    LocalDatabase m_database;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        // A file as version 4 left it, written through a raw connection.
        m_path = m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128) + u".db"_s);
        const QString name = u"v4"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_path);
            QVERIFY(db.open());
            QVERIFY(db.transaction());
            QString error;
            QVERIFY2(LocalSchema::upgrade(db, 4, &error), qPrintable(error));
            QVERIFY(exec(db, u"INSERT INTO lists(id, name, is_inbox, created_at, updated_at) VALUES ('inbox', 'Inbox', 1, 1, 1)"_s));
            const QVariant live(QMetaType::fromType<qint64>());
            QVERIFY(exec(db, kInsertTodo, {u"t-invoice"_s, u"Send the invoices"_s, u""_s, live}));
            QVERIFY(exec(db, kInsertTodo, {u"t-notes"_s, u"Call"_s, u"about the INVOICE of May"_s, live}));
            QVERIFY(exec(db, kInsertTodo, {u"t-street"_s, u"Straße fegen"_s, u"Herr Müller"_s, live}));
            QVERIFY(exec(db, kInsertTodo, {u"t-gone"_s, u"Old invoice"_s, u""_s, 5}));
            QVERIFY(db.commit());
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        const auto opened = m_database.open(m_path);
        QVERIFY2(opened.ok(), qPrintable(opened.detail));
    }

    void cleanup() { m_database.close(); }

    void shouldHaveFts5WithTrigrams()
    {
        // Debian's libsqlite3, which Qt's QSQLITE driver links, has FTS5;
        // trigrams came with SQLite 3.34.
        const QSqlDatabase db = m_database.database();
        QCOMPARE(TestHelpers::scalar(db, u"SELECT sqlite_compileoption_used('ENABLE_FTS5')"_s).toInt(), 1);
        const QStringList version = TestHelpers::scalar(db, u"SELECT sqlite_version()"_s).toString().split(u'.');
        QVERIFY(version.size() >= 2);
        QVERIFY(version.at(0).toInt() > 3 || (version.at(0).toInt() == 3 && version.at(1).toInt() >= 34));
    }

    void shouldIndexTheLiveTodosOfAVersion4File()
    {
        const QSqlDatabase db = m_database.database();
        QCOMPARE(LocalSchema::version(db), LocalSchema::kCurrentVersion);
        // In the middle of a word, title or notes, in any case; never a tombstone.
        QCOMPARE(indexed(db, u"nvoic"_s), (QStringList{u"t-invoice"_s, u"t-notes"_s}));
        QCOMPARE(indexed(db, u"müll"_s), QStringList{u"t-street"_s});
        QCOMPARE(indexed(db, u"traß"_s), QStringList{u"t-street"_s});
        QCOMPARE(indexed(db, u"old"_s), QStringList{});
    }

    void shouldFollowEveryWriteOfAnotherConnection()
    {
        // Another connection (the sync engine's pull, a second process), and
        // plain SQL: the triggers, not the code that writes, keep the index.
        QString error;
        const QString name = u"other"_s;
        {
            QSqlDatabase other = LocalDatabase::openExtraConnection(m_path, name, &error);
            QVERIFY2(other.isOpen(), qPrintable(error));
            const QVariant live(QMetaType::fromType<qint64>());
            QVERIFY(exec(other, kInsertTodo, {u"t-new"_s, u"Pay the plumber"_s, u""_s, live}));
            QCOMPARE(indexed(other, u"plumb"_s), QStringList{u"t-new"_s});

            // The store's and the pull's upsert.
            QVERIFY(exec(other,
                         u"INSERT INTO todos(id, list_id, title, notes, created_at, updated_at) VALUES (?, 'inbox', ?, ?, 1, 2)"
                         " ON CONFLICT(id) DO UPDATE SET title = excluded.title, notes = excluded.notes"_s,
                         {u"t-new"_s, u"Pay the electrician"_s, u"before Friday"_s}));
            QCOMPARE(indexed(other, u"plumb"_s), QStringList{});
            QCOMPARE(indexed(other, u"electric"_s), QStringList{u"t-new"_s});
            QCOMPARE(indexed(other, u"friday"_s), QStringList{u"t-new"_s});

            // What leaves the text alone leaves the index alone.
            QVERIFY(exec(other, u"UPDATE todos SET completed = 1, position = 7, deleted_at = NULL WHERE id = 't-new'"_s));
            QCOMPARE(indexed(other, u"electric"_s), QStringList{u"t-new"_s});

            // Tombstoned, restored, and a new id (the identity switch).
            QVERIFY(exec(other, u"UPDATE todos SET deleted_at = 9 WHERE id = 't-new'"_s));
            QCOMPARE(indexed(other, u"electric"_s), QStringList{});
            QVERIFY(exec(other, u"UPDATE todos SET deleted_at = 10 WHERE id = 't-new'"_s));
            QCOMPARE(indexed(other, u"electric"_s), QStringList{});
            QVERIFY(exec(other, u"UPDATE todos SET deleted_at = NULL WHERE id = 't-new'"_s));
            QCOMPARE(indexed(other, u"electric"_s), QStringList{u"t-new"_s});
            QVERIFY(exec(other, u"UPDATE todos SET id = 't-renamed' WHERE id = 't-new'"_s));
            QCOMPARE(indexed(other, u"electric"_s), QStringList{u"t-renamed"_s});

            // Gone for good, live or tombstoned.
            QVERIFY(exec(other, u"DELETE FROM todos WHERE id IN ('t-renamed', 't-gone')"_s));
            QCOMPARE(indexed(other, u"electric"_s), QStringList{});
            QCOMPARE(indexed(other, u"invoice"_s), (QStringList{u"t-invoice"_s, u"t-notes"_s}));
            other.close();
        }
        QSqlDatabase::removeDatabase(name);

        // The first connection sees the same, and the index is whole.
        const QSqlDatabase db = m_database.database();
        QCOMPARE(indexed(db, u"invoice"_s), (QStringList{u"t-invoice"_s, u"t-notes"_s}));
        QCOMPARE(indexed(db, u"straße"_s), QStringList{u"t-street"_s});
        QCOMPARE(indexed(db, u"old"_s), QStringList{});
        QVERIFY(exec(db, u"INSERT INTO todo_search(todo_search, rank) VALUES ('integrity-check', 0)"_s));
    }
};

QTEST_GUILESS_MAIN(SearchIndexUpgradeTest)
#include "searchindexupgradetest.moc"
