// Subtasks and start dates in the todo model's views: lists, tags, All and
// Completed show top-level todos only, the day views and a search show a
// subtask that matches; a future start date keeps a todo out of Today and
// puts it in Upcoming under its start day. The sidebar counts the same.

#include "storefixture.h"

#include "itemmodels/sidebarcounts.h"
#include "itemmodels/todomodel.h"

#include "modeltesthelpers.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QObject>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = TodoFilter::Kind;
using Timestamp::Micros;
using TestHelpers::localTime;
using TestHelpers::titles;

namespace {

const QDate kToday(2026, 11, 22);
const Micros kNow = localTime(kToday, QTime(14, 0));

struct Seeded
{
    StoreFixture f;
    TodoList work;
    Todo parent, doneSub, dueSub, plain, deferred, startsToday, deferredDue;
};

Todo make(StoreFixture &f, const QString &listId, const QString &title, const std::function<void(Todo &)> &shape = {})
{
    Todo todo = f.store->newTodo(listId, title);
    if (shape)
        shape(todo);
    if (!f.store->apply({{}, {todo}}))
        qFatal("cannot add a todo: %s", qPrintable(f.store->lastError()));
    return *f.store->todo(todo.id);
}

// In Work: a parent with two subtasks (one done, one due today, both tagged
// "home"), a plain todo, and three with start dates: in three days (no due),
// today, and in two days with a due in five.
void seed(Seeded &s)
{
    s.work = s.f.store->newList(u"Work"_s);
    if (!s.f.store->apply({{s.work}, {}}))
        qFatal("cannot add a list");
    s.parent = make(s.f, s.work.id, u"Parent"_s, [](Todo &t) { t.tags = {u"home"_s}; });
    s.doneSub = make(s.f, s.work.id, u"Done sub"_s, [&](Todo &t) {
        t.parentId = s.parent.id;
        t.tags = {u"home"_s};
        t.setCompleted(true, kNow);
    });
    s.dueSub = make(s.f, s.work.id, u"Due sub"_s, [&](Todo &t) {
        t.parentId = s.parent.id;
        t.tags = {u"home"_s};
        t.dueAt = Timestamp::fromDate(kToday);
    });
    s.plain = make(s.f, s.work.id, u"Plain"_s, [](Todo &t) { t.dueAt = Timestamp::fromDate(kToday.addDays(1)); });
    s.deferred = make(s.f, s.work.id, u"Deferred"_s, [](Todo &t) { t.startAt = Timestamp::fromDate(kToday.addDays(3)); });
    s.startsToday = make(s.f, s.work.id, u"Starts today"_s, [](Todo &t) {
        t.startAt = Timestamp::fromDate(kToday);
        t.dueAt = Timestamp::fromDate(kToday);
    });
    s.deferredDue = make(s.f, s.work.id, u"Deferred, due later"_s, [](Todo &t) {
        t.startAt = Timestamp::fromDate(kToday.addDays(2));
        t.dueAt = Timestamp::fromDate(kToday.addDays(5));
    });
}

QStringList headings(TodoModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result << model.index(row, 0).data(TodoModel::DayHeadingRole).toString();
    return result;
}

} // namespace

class TodoModelSubtasksTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
    }

    void shouldShowTopLevelTodosOnlyInListsTagsAllAndCompleted_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QStringList>("expected");
        const QStringList top = {u"Parent"_s, u"Plain"_s, u"Deferred"_s, u"Starts today"_s, u"Deferred, due later"_s};
        QTest::newRow("list") << int(Kind::List) << top;
        QTest::newRow("all") << int(Kind::All) << top;
        QTest::newRow("tag") << int(Kind::Tag) << QStringList{u"Parent"_s};
        QTest::newRow("completed") << int(Kind::Completed) << QStringList{};
    }

    void shouldShowTopLevelTodosOnlyInListsTagsAllAndCompleted()
    {
        QFETCH(int, kind);
        QFETCH(QStringList, expected);
        Seeded s;
        seed(s);
        TodoModel model(s.f.database.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReferenceTime(kNow);
        TodoFilter filter;
        filter.kind = Kind(kind);
        filter.id = filter.kind == Kind::List ? s.work.id : filter.kind == Kind::Tag ? s.f.store->tags().at(0).id : QString();
        model.setTodoFilter(filter);
        QCOMPARE(titles(model), expected);
        QCOMPARE(model.matchingCount(), expected.size());
    }

    void shouldFindSubtasksBySearch()
    {
        Seeded s;
        seed(s);
        TodoModel model(s.f.database.get());
        model.setReferenceTime(kNow);
        model.setTodoFilter(TodoFilter::list(s.work.id));
        model.setSearchText(u"sub"_s);
        QCOMPARE(titles(model), (QStringList{u"Due sub"_s, u"Done sub"_s}));
        QCOMPARE(model.index(0, 0).data(TodoModel::ParentTitleRole).toString(), u"Parent"_s);
    }

    void shouldShowSubtasksWithADueInTheDayViews()
    {
        Seeded s;
        seed(s);
        TodoModel model(s.f.database.get());
        model.setReferenceTime(kNow);
        model.setTodoFilter(TodoFilter::smart(Kind::Today));
        // "Deferred" starts in three days: not yet today's.
        QCOMPARE(titles(model), (QStringList{u"Due sub"_s, u"Starts today"_s}));
        QCOMPARE(model.matchingCount(), 2);
        QCOMPARE(model.index(0, 0).data(TodoModel::ParentTitleRole).toString(), u"Parent"_s);
        QVERIFY(model.index(1, 0).data(TodoModel::ParentTitleRole).toString().isEmpty());
    }

    void shouldKeepAFutureStartOutOfTodayUntilItsDay()
    {
        Seeded s;
        seed(s);
        Todo overdue = s.deferred;
        overdue.dueAt = Timestamp::fromDate(kToday.addDays(-1));
        QVERIFY(s.f.store->apply({{}, {overdue}}));
        TodoModel model(s.f.database.get());
        model.setReferenceTime(kNow);
        model.setTodoFilter(TodoFilter::smart(Kind::Today));
        QVERIFY(!titles(model).contains(u"Deferred"_s));
        model.setReferenceTime(localTime(kToday.addDays(3), QTime(9, 0)));
        QVERIFY(titles(model).contains(u"Deferred"_s));
    }

    void shouldListAFutureStartInUpcomingOnItsStartDay()
    {
        Seeded s;
        seed(s);
        TodoModel model(s.f.database.get());
        model.setReferenceTime(kNow);
        model.setTodoFilter(TodoFilter::smart(Kind::Upcoming));
        QCOMPARE(titles(model), (QStringList{u"Plain"_s, u"Deferred, due later"_s, u"Deferred"_s}));
        QCOMPARE(model.matchingCount(), 3);
        const QLocale c = QLocale::c();
        QCOMPARE(headings(model), (QStringList{u"Tomorrow"_s, c.toString(kToday.addDays(2), u"dddd d MMM"_s),
                                              c.toString(kToday.addDays(3), u"dddd d MMM"_s)}));
    }

    void shouldProvideProgressAndStartRoles()
    {
        Seeded s;
        seed(s);
        TodoModel model(s.f.database.get());
        model.setReferenceTime(kNow);
        model.setTodoFilter(TodoFilter::list(s.work.id));
        titles(model);
        auto at = [&](const Todo &todo, int role) { return model.index(model.rowOfId(todo.id), 0).data(role); };
        QCOMPARE(at(s.parent, TodoModel::SubtaskProgressRole).toString(), u"1/2"_s);
        QVERIFY(at(s.plain, TodoModel::SubtaskProgressRole).toString().isEmpty());
        QVERIFY(at(s.deferred, TodoModel::DeferredRole).toBool());
        QVERIFY(!at(s.startsToday, TodoModel::DeferredRole).toBool());
        QVERIFY(!at(s.plain, TodoModel::DeferredRole).toBool());
        QCOMPARE(at(s.deferred, TodoModel::StartAtRole).toLongLong(), Timestamp::fromDate(kToday.addDays(3)));
    }

    void shouldCountInTheSidebarAsTheViewsShow()
    {
        Seeded s;
        seed(s);
        const SidebarCounts counts = SidebarCounts::count(s.f.database->database(), TodoFilterSql::allocateSlot(), kNow);
        // Today, Upcoming, Overdue, Completed, All
        QCOMPARE(counts.smart, (QList<int>{2, 3, 0, 0, 5}));
        QCOMPARE(counts.openPerList.value(s.work.id), 5);
        QCOMPARE(counts.tags.size(), 1);
        QCOMPARE(counts.tags.first().openCount, 1);
    }
};

QTEST_MAIN(TodoModelSubtasksTest)
#include "todomodelsubtaskstest.moc"
