#include "storefixture.h"

#include "itemmodels/todomodel.h"

#include "modeltesthelpers.h"

#include <QLocale>
#include <QObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = TodoFilter::Kind;
using TestHelpers::ManyRowsModelTester;

namespace {

const QDate kToday(2026, 11, 22);

// Adds count todos to the inbox in one changeset, at positions 1, 2, 3...;
// the first dueToday of them are due today (a date). Returns their ids.
QStringList addMany(StoreFixture &f, int count, int dueToday = 0)
{
    Changeset changes;
    for (int i = 0; i < count; ++i) {
        Todo todo = f.store->newTodo({}, u"Todo %1"_s.arg(i));
        todo.position = i + 1;
        if (i < dueToday)
            todo.dueAt = Timestamp::fromDate(kToday);
        changes.todos << todo;
    }
    if (!f.store->apply(changes))
        qFatal("cannot add todos: %s", qPrintable(f.store->lastError()));
    QStringList ids;
    for (const Todo &todo : std::as_const(changes.todos))
        ids << todo.id;
    return ids;
}

} // namespace

// The todo model with more rows than QSqlTableModel fetches at once (256).
class TodoModelFetchTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void shouldCountAndFindRowsBeyondFirstFetch();
    void shouldRefreshAfterStoreChangesKeepingFetchedRows();
    void shouldSeeAWriteOfAnotherConnectionAfterRefresh();
    void shouldCountMatchesOnItsOwnThreadAndAnswerTheLatestRequest();
};

void TodoModelFetchTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
}

void TodoModelFetchTest::shouldCountAndFindRowsBeyondFirstFetch()
{
    StoreFixture f;
    const QStringList ids = addMany(f, 1000, 900);
    TodoModel model(f.database.get());
    ManyRowsModelTester tester(&model);
    model.setReferenceTime(TestHelpers::localTime(kToday, QTime(12, 0)));
    QCOMPARE(model.matchingCount(), 1000);
    QVERIFY(model.rowCount() < model.matchingCount());
    QVERIFY(model.canFetchMore());
    QCOMPARE(model.rowOfId(ids.at(999)), 999);
    QCOMPARE(model.idAt(999), ids.at(999));
    QCOMPARE(model.rowCount(), 1000);
    QVERIFY(!model.canFetchMore());
    QCOMPARE(model.rowOfId(ids.at(300)), 300);
    QCOMPARE(model.rowOfId(u"no-such-id"_s), -1);

    model.setTodoFilter(TodoFilter::smart(Kind::Today));
    QCOMPARE(model.matchingCount(), 900);
    QVERIFY(model.rowCount() < 900); // the tester fetches up to 768 after a reset
    QCOMPARE(model.rowOfId(ids.at(850)), 850);
    QCOMPARE(model.rowOfId(ids.at(950)), -1); // not due: not in Today
    QCOMPARE(model.rowCount(), 900);

    model.setSearchText(u"Todo 8"_s); // 8, 80..89, 800..899
    QCOMPARE(model.matchingCount(), 111);
}

void TodoModelFetchTest::shouldRefreshAfterStoreChangesKeepingFetchedRows()
{
    StoreFixture f;
    const QStringList ids = addMany(f, 600);
    TodoModel model(f.database.get());
    ManyRowsModelTester tester(&model);
    QCOMPARE(model.rowOfId(ids.last()), 599);
    QCOMPARE(model.rowCount(), 600);

    QSignalSpy resetSpy(&model, &QAbstractItemModel::modelReset);
    const Todo added = f.addTodo(u"Added later"_s); // at the end of the inbox
    QVERIFY(resetSpy.count() >= 1);
    QCOMPARE(model.rowCount(), 601); // still everything fetched
    QCOMPARE(model.idAt(600), added.id);

    Todo gone = *f.store->todo(ids.at(5));
    gone.deletedAt = Timestamp::now();
    QVERIFY(f.store->apply({{}, {gone}}));
    QCOMPARE(model.rowCount(), 600);
    QCOMPARE(model.rowOfId(gone.id), -1);
    QCOMPARE(model.idAt(5), ids.at(6));

    // A change that moves a row out of the filter removes it there.
    model.setTodoFilter(TodoFilter::smart(Kind::Completed));
    QCOMPARE(model.rowCount(), 0);
    Todo done = added;
    done.setCompleted(true, Timestamp::now());
    QVERIFY(f.store->apply({{}, {done}}));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.idAt(0), added.id);
}

void TodoModelFetchTest::shouldSeeAWriteOfAnotherConnectionAfterRefresh()
{
    // The sync engine writes through a connection of its own while the list
    // holds a statement open (more rows to fetch).
    StoreFixture f;
    const QStringList ids = addMany(f, 600);
    TodoModel model(f.database.get());
    model.setTodoFilter(TodoFilter::list(f.store->inboxId()));
    QVERIFY(model.canFetchMore());
    {
        QString error;
        QSqlDatabase engine = LocalDatabase::openExtraConnection(f.filePath(), u"engine"_s, &error);
        QVERIFY2(engine.isOpen(), qPrintable(error));
        QSqlQuery update(engine);
        QVERIFY(update.exec(u"UPDATE todos SET title = 'Pulled' WHERE id = '%1'"_s.arg(ids.first())));
        engine.close();
    }
    QSqlDatabase::removeDatabase(u"engine"_s);

    model.refresh(); // as the pull's announcement does
    QCOMPARE(model.index(model.rowOfId(ids.first()), 0).data(TodoModel::TitleRole).toString(), u"Pulled"_s);
    // And the store, on the window's own connection, reads and writes as ever.
    QCOMPARE(f.store->todo(ids.first())->title, u"Pulled"_s);
    Todo edited = *f.store->todo(ids.at(1));
    edited.title = u"Edited here"_s;
    QVERIFY2(f.store->apply({{}, {edited}}), qPrintable(f.store->lastError()));
}

void TodoModelFetchTest::shouldCountMatchesOnItsOwnThreadAndAnswerTheLatestRequest()
{
    StoreFixture f;
    addMany(f, 600, 10);
    TodoModel model(f.database.get());
    model.setReferenceTime(Timestamp::fromDate(kToday));
    model.setTodoFilter(TodoFilter::list(f.store->inboxId()));
    QSignalSpy counted(&model, &TodoModel::matchingCounted);

    model.requestMatchingCount();
    QVERIFY(counted.wait());
    QCOMPARE(counted.takeFirst().at(0).toInt(), 600);

    // Asked again while the first is in flight, for another view: one answer,
    // for the view asked last.
    model.requestMatchingCount();
    model.setTodoFilter(TodoFilter::smart(Kind::Today));
    model.requestMatchingCount();
    QVERIFY(counted.wait());
    QTest::qWait(50);
    QCOMPARE(counted.size(), 1);
    QCOMPARE(counted.at(0).at(0).toInt(), 10);

    // Cancelled: no answer.
    counted.clear();
    model.requestMatchingCount();
    model.cancelMatchingCount();
    QVERIFY(!counted.wait(300));
}

QTEST_GUILESS_MAIN(TodoModelFetchTest)
#include "todomodelfetchtest.moc"
