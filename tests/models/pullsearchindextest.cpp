#include "store/searchindexbatch.h"
#include "store/sqlhelpers.h"
#include "storefixture.h"
#include "sync/pullapplier.h"

#include "modeltesthelpers.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

using TestHelpers::indexed;
using TestHelpers::scalar;

// A pull written on the sync thread's own connection leaves the full-text
// index (SearchIndex) exactly right, however many todos it writes: a big one
// (a first sync) fills the index for its rows once at the end of its
// transaction (SearchIndexBatch) instead of through the triggers.
class PullSearchIndexTest : public QObject
{
    Q_OBJECT

private:
    struct Cache
    {
        StoreFixture window;
        QString kept, retitled, renoted, deleted, restored, renamed;
    };

    // A cache as after a push: five todos the pull brings back changed or
    // not, one already deleted here, one that only the window touches.
    static void fill(Cache *cache)
    {
        StoreFixture &window = cache->window;
        cache->kept = window.addTodo(u"Send the invoices"_s).id;
        cache->retitled = window.addTodo(u"Call the plumber"_s).id;
        Todo renoted = window.addTodo(u"Shopping"_s);
        renoted.notes = u"flour and yeast"_s;
        QVERIFY(window.store->apply({{}, {renoted}}));
        cache->renoted = renoted.id;
        cache->deleted = window.addTodo(u"Cancel the newspaper"_s).id;
        Todo restored = window.addTodo(u"Hang the wallpaper"_s);
        restored.deletedAt = 5;
        QVERIFY(window.store->apply({{}, {restored}}));
        cache->restored = restored.id;
        QVERIFY(Sql::exec(window.database->database(), u"DELETE FROM outbox"_s, {}));
    }

    // The pull: the five todos as the server has them now, and many new ones.
    static PullSet pullOf(const Cache &cache, int newTodos)
    {
        PullSet pull;
        auto add = [&pull](Todo todo) { pull.todos << PullSet::TodoRow {todo, 1000}; };
        const StoreFixture &window = cache.window;
        add(*window.store->todo(cache.kept));
        Todo retitled = *window.store->todo(cache.retitled);
        retitled.title = u"Call the electrician"_s;
        add(retitled);
        Todo renoted = *window.store->todo(cache.renoted);
        renoted.notes = u"flour and butter"_s;
        add(renoted);
        Todo deleted = *window.store->todo(cache.deleted);
        deleted.deletedAt = 7;
        add(deleted);
        Todo restored = *window.store->todo(cache.restored);
        restored.deletedAt.reset();
        add(restored);
        for (int i = 0; i < newTodos; ++i) {
            Todo todo = window.store->newTodo({}, i == newTodos / 2 ? u"Book the zebra crossing"_s : u"Pulled %1"_s.arg(i));
            todo.notes = u""_s; // as the server sends it
            todo.tags.clear();
            add(todo);
        }
        return pull;
    }

    static void apply(const Cache &cache, const PullSet &pull)
    {
        const QString name = u"sync"_s;
        {
            QString error;
            QSqlDatabase db = LocalDatabase::openExtraConnection(cache.window.filePath(), name, &error);
            QVERIFY2(db.isOpen(), qPrintable(error));
            PullApplier applier(db);
            QVERIFY2(applier.apply(pull, u"2000"_s, &error), qPrintable(error));
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    static int matches(const QSqlDatabase &db, const QString &text)
    {
        return scalar(db, u"SELECT COUNT(*) FROM todo_search WHERE todo_search MATCH '%1'"_s
                              .arg(SearchIndex::matchQuery(text).replace(u'\'', u"''"_s)))
            .toInt();
    }

    static int triggers(const QSqlDatabase &db)
    {
        return scalar(db, u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'todo_search%'"_s).toInt();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldIndexExactlyTheLiveTodosAfterAPull_data()
    {
        QTest::addColumn<int>("newTodos");
        QTest::newRow("chunks") << 2 * PullApplier::kRowsPerTransaction;
        QTest::newRow("one transaction (a first sync)") << PullApplier::kBulkRows;
    }

    void shouldIndexExactlyTheLiveTodosAfterAPull()
    {
        QFETCH(int, newTodos);
        Cache cache;
        fill(&cache);
        if (QTest::currentTestFailed())
            return;
        const PullSet pull = pullOf(cache, newTodos);
        const QString zebra = pull.todos.at(5 + newTodos / 2).todo.id;
        apply(cache, pull);
        if (QTest::currentTestFailed())
            return;

        const QSqlDatabase db = cache.window.database->database();
        QCOMPARE(indexed(db, u"invoice"_s), QStringList{cache.kept});
        QCOMPARE(indexed(db, u"plumber"_s), QStringList{});
        QCOMPARE(indexed(db, u"electrician"_s), QStringList{cache.retitled});
        QCOMPARE(indexed(db, u"yeast"_s), QStringList{});
        QCOMPARE(indexed(db, u"butter"_s), QStringList{cache.renoted});
        QCOMPARE(indexed(db, u"newspaper"_s), QStringList{});
        QCOMPARE(indexed(db, u"wallpaper"_s), QStringList{cache.restored});
        QCOMPARE(indexed(db, u"zebra"_s), QStringList{zebra});
        QCOMPARE(matches(db, u"Pulled "_s), newTodos - 1);
        // One entry per live todo, no more: the deleted todo's would make it 5.
        QCOMPARE(matches(db, u"the"_s), 4);
        QVERIFY(TestHelpers::exec(db, u"INSERT INTO todo_search(todo_search, rank) VALUES ('integrity-check', 0)"_s));

        // The triggers are back for the window's writes.
        QCOMPARE(triggers(db), 3);
        Todo zebraTodo = *cache.window.store->todo(zebra);
        zebraTodo.title = u"Book the quokka"_s;
        QVERIFY(cache.window.store->apply({{}, {zebraTodo}}));
        QCOMPARE(indexed(db, u"zebra"_s), QStringList{});
        QCOMPARE(indexed(db, u"quokka"_s), QStringList{zebra});
    }

    void shouldIndexAFirstSyncIntoAnEmptyCache()
    {
        Cache cache;
        PullSet pull;
        for (int i = 0; i < PullApplier::kBulkRows; ++i) {
            Todo todo = cache.window.store->newTodo({}, u"Pulled %1"_s.arg(i));
            todo.notes = i == 1 ? u"a zebra crossing"_s : u""_s;
            if (i == 2) {
                todo.title = u"Cancel the newspaper"_s;
                todo.deletedAt = 7;
            }
            todo.tags.clear();
            pull.todos << PullSet::TodoRow {todo, 1000};
        }
        apply(cache, pull);
        if (QTest::currentTestFailed())
            return;
        const QSqlDatabase db = cache.window.database->database();
        QCOMPARE(indexed(db, u"zebra"_s), QStringList{pull.todos.at(1).todo.id});
        QCOMPARE(indexed(db, u"newspaper"_s), QStringList{});
        QCOMPARE(matches(db, u"Pulled "_s), PullApplier::kBulkRows - 1);
        QCOMPARE(triggers(db), 3);
    }

    void shouldLeaveIndexAndTriggersAsTheyWereOnRollback()
    {
        Cache cache;
        fill(&cache);
        if (QTest::currentTestFailed())
            return;
        const QSqlDatabase db = cache.window.database->database();
        {
            Sql::WriteTransaction transaction(db);
            QVERIFY(transaction.isActive());
            SearchIndexBatch batch(db);
            QString error;
            QVERIFY2(batch.begin({cache.kept}, &error), qPrintable(error));
            QVERIFY(TestHelpers::exec(db, u"UPDATE todos SET title = 'Pay the rent' WHERE id = ?"_s, {cache.kept}));
            QVERIFY2(batch.finish(&error), qPrintable(error));
            QCOMPARE(indexed(db, u"rent"_s), QStringList{cache.kept});
            // No commit: the transaction rolls back.
        }
        QCOMPARE(indexed(db, u"rent"_s), QStringList{});
        QCOMPARE(indexed(db, u"invoice"_s), QStringList{cache.kept});
        QCOMPARE(triggers(db), 3);
        QVERIFY(TestHelpers::exec(db, u"UPDATE todos SET title = 'Pay the rent' WHERE id = ?"_s, {cache.kept}));
        QCOMPARE(indexed(db, u"rent"_s), QStringList{cache.kept});
    }
};

QTEST_GUILESS_MAIN(PullSearchIndexTest)
#include "pullsearchindextest.moc"
