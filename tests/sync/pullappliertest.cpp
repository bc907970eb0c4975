#include "sync/pullapplier.h"
#include "store/sqlhelpers.h"
#include "storefixture.h"
#include "sync/syncstate.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

// The window writes through its own connection while the sync thread
// applies a pull through another one. An edit that commits between two of
// the pull's transactions is a pending edit like any other: the pull must
// keep it (docs/sync.md).
class PullApplierTest : public QObject
{
    Q_OBJECT

private:
    // The sync thread's connection to the same cache; a short busy timeout
    // lets a test see a transaction that could not start.
    static QSqlDatabase syncConnection(const StoreFixture &fixture, const QString &name)
    {
        QString error;
        QSqlDatabase db = LocalDatabase::openExtraConnection(fixture.filePath(), name, &error);
        if (!db.isOpen())
            qFatal("cannot open the sync connection: %s", qPrintable(error));
        Sql::exec(db, u"PRAGMA busy_timeout = 50"_s, {});
        return db;
    }

    // Every todo of the cache as the server sends it back, retitled.
    static PullSet pullRetitling(const QList<Todo> &todos)
    {
        PullSet pull;
        for (const Todo &local : todos) {
            PullSet::TodoRow row {local, 1000};
            row.todo.title = u"server: "_s + local.title;
            row.todo.tags.clear();
            pull.todos << row;
        }
        return pull;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void cleanup() { PullApplier::setBeforeTransactionHookForTests({}); }

    void shouldKeepAnEditCommittedBetweenItsTransactions_data()
    {
        QTest::addColumn<int>("todos");
        QTest::addColumn<int>("editBefore"); // the hook call (1 = before the first transaction)
        QTest::addColumn<bool>("tag"); // the window adds a tag the pull removes, instead of a title
        QTest::newRow("title, before the first transaction") << 3 << 1 << false;
        const int chunks = 3;
        QTest::newRow("title, before the last chunk of todos")
            << (chunks - 1) * PullApplier::kRowsPerTransaction + 1 << 1 + chunks << false;
        QTest::newRow("tag, before the links") << 3 << 3 << true;
    }

    void shouldKeepAnEditCommittedBetweenItsTransactions()
    {
        QFETCH(int, todos);
        QFETCH(int, editBefore);
        QFETCH(bool, tag);
        StoreFixture window;
        Changeset added;
        for (int i = 0; i < todos; ++i) {
            Todo todo = window.store->newTodo({}, u"todo %1"_s.arg(i));
            todo.tags = {u"errand"_s};
            added.todos << todo;
        }
        QVERIFY(window.store->apply(added));
        QVERIFY(
            Sql::exec(window.database->database(), u"DELETE FROM outbox"_s, {})); // as after a push
        const QList<Todo> before = window.store->todosInList(window.store->inboxId());
        QCOMPARE(before.size(), todos);
        const QString target = added.todos.last().id;

        PullSet pull = pullRetitling(before);
        if (tag) // another desktop took the tag off and back on; the window took it off meanwhile
            pull.links << PullSet::TagLink {target, u"errand"_s, false};
        int calls = 0;
        PullApplier::setBeforeTransactionHookForTests([&](const PullSet &, int) {
            if (++calls != editBefore)
                return;
            Todo todo = *window.store->todo(target);
            if (tag)
                todo.tags.clear();
            else
                todo.title = u"the window's edit"_s;
            QVERIFY(window.store->apply({{}, {todo}}));
        });
        {
            PullApplier applier(syncConnection(window, u"sync"_s));
            QString error;
            QVERIFY2(applier.apply(pull, u"2000"_s, &error), qPrintable(error));
        }
        QSqlDatabase::removeDatabase(u"sync"_s);
        QVERIFY(calls >= editBefore);
        const Todo after = *window.store->todo(target);
        if (tag)
            QCOMPARE(after.tags, QStringList());
        else
            QCOMPARE(after.title, u"the window's edit"_s);
        QCOMPARE(window.store->todo(added.todos.first().id)->title, u"server: todo 0"_s);
        QCOMPARE(SyncState(window.database->database()).pullCursor(), u"2000"_s);
    }

    void shouldMoveTheCursorOnlyWithTheLastRows()
    {
        StoreFixture window;
        window.addTodo(u"todo"_s);
        QVERIFY(Sql::exec(window.database->database(), u"DELETE FROM outbox"_s, {}));
        SyncState(window.database->database()).setPullCursor(u"1000"_s);
        const PullSet pull = pullRetitling(window.store->todosInList(window.store->inboxId()));
        // The window holds the write lock when the last transaction would start.
        int calls = 0;
        PullApplier::setBeforeTransactionHookForTests([&](const PullSet &, int) {
            if (++calls == 4) // lists, the one chunk of todos, links, conflicts and the cursor
                QVERIFY(Sql::exec(window.database->database(), u"BEGIN IMMEDIATE"_s, {}));
        });
        {
            PullApplier applier(syncConnection(window, u"sync"_s));
            QString error;
            QVERIFY(!applier.apply(pull, u"2000"_s, &error));
            QVERIFY2(error.contains(u"lock"_s), qPrintable(error));
        }
        QSqlDatabase::removeDatabase(u"sync"_s);
        QVERIFY(Sql::exec(window.database->database(), u"ROLLBACK"_s, {}));
        QCOMPARE(
            window.store->todosInList(window.store->inboxId()).first().title, u"server: todo"_s);
        QCOMPARE(SyncState(window.database->database()).pullCursor(),
            u"1000"_s); // so the pull comes again
    }
};

QTEST_GUILESS_MAIN(PullApplierTest)
#include "pullappliertest.moc"
