#include "storefixture.h"

#include "itemmodels/todomodel.h"

#include "modeltesthelpers.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QObject>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTimeZone>

#include <ctime>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = TodoFilter::Kind;
using Timestamp::Micros;
using TestHelpers::localTime;

namespace {

// A Sunday. Every time is a local wall-clock time, so the expectations hold
// in any zone; under TZ=Asia/Kolkata (UTC+5:30) "tomorrow 00:30" falls on
// today's UTC date, which only a grouping by the local day gets right.
const QDate kToday(2026, 11, 22);
const Micros kNow = localTime(kToday, QTime(14, 0));

struct Due
{
    QString title;
    Micros at;
    bool timed;
    Priority priority = Priority::None;
};

Due date(const QString &title, QDate day) { return {title, Timestamp::fromDate(day), false}; }
Due timed(const QString &title, QDate day, QTime time, Priority priority = Priority::None)
{
    return {title, localTime(day, time), true, priority};
}

// Positions and titles run against the date order, so neither can produce it.
const QList<Due> kDues = {
    date(u"a next year"_s, QDate(2027, 1, 1)),
    date(u"b wednesday"_s, kToday.addDays(3)),
    timed(u"c tomorrow 08:00"_s, kToday.addDays(1), QTime(8, 0), Priority::High),
    timed(u"d tomorrow 00:30"_s, kToday.addDays(1), QTime(0, 30)),
    date(u"e tomorrow"_s, kToday.addDays(1)),
    timed(u"f today 23:30"_s, kToday, QTime(23, 30)),
    timed(u"g today 09:00 low"_s, kToday, QTime(9, 0), Priority::Low),
    timed(u"h today 09:00 high"_s, kToday, QTime(9, 0), Priority::High),
    date(u"i today"_s, kToday),
    date(u"j overdue date"_s, kToday.addDays(-1)),
    timed(u"k overdue 10:00"_s, kToday.addDays(-1), QTime(10, 0)),
    date(u"l last week"_s, kToday.addDays(-6)),
};

struct Shown
{
    QString title, heading;
    bool operator==(const Shown &) const = default;
};

QList<Shown> shown(TodoModel &model)
{
    model.fetchAll();
    QList<Shown> rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, model.titleColumn());
        rows.append({index.data(TodoModel::TitleRole).toString(), index.data(TodoModel::DayHeadingRole).toString()});
    }
    return rows;
}

} // namespace

namespace QTest {
template <> char *toString(const Shown &row)
{
    return qstrdup(qPrintable(row.title + u" ["_s + row.heading + u']'));
}
} // namespace QTest

Q_DECLARE_METATYPE(QList<Shown>)

class TodoModelDaysTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
    }

    void shouldShowDatesInOrderUnderDayHeadings_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("sort");
        QTest::addColumn<QList<Shown>>("expected");
        const QList<Shown> today = {
            {u"l last week"_s, u"Overdue"_s}, {u"j overdue date"_s, {}}, {u"k overdue 10:00"_s, {}},
            {u"i today"_s, u"Today"_s}, {u"h today 09:00 high"_s, {}}, {u"g today 09:00 low"_s, {}},
            {u"f today 23:30"_s, {}}};
        const QList<Shown> upcoming = {
            {u"e tomorrow"_s, u"Tomorrow"_s}, {u"d tomorrow 00:30"_s, {}}, {u"c tomorrow 08:00"_s, {}},
            {u"b wednesday"_s, u"Wednesday 25 Nov"_s}, {u"a next year"_s, u"Friday 1 Jan 2027"_s}};
        const QList<Shown> overdue = {
            {u"l last week"_s, u"Monday 16 Nov"_s}, {u"j overdue date"_s, u"Yesterday"_s},
            {u"k overdue 10:00"_s, {}}, {u"h today 09:00 high"_s, u"Today"_s}, {u"g today 09:00 low"_s, {}}};
        for (const auto sort : {TodoModel::Sort::Manual, TodoModel::Sort::Title, TodoModel::Sort::Priority}) {
            const QByteArray name = QMetaEnum::fromType<TodoModel::Sort>().valueToKey(int(sort));
            QTest::newRow(("today, " + name).constData()) << int(Kind::Today) << int(sort) << today;
            QTest::newRow(("upcoming, " + name).constData()) << int(Kind::Upcoming) << int(sort) << upcoming;
            QTest::newRow(("overdue, " + name).constData()) << int(Kind::Overdue) << int(sort) << overdue;
        }
    }

    void shouldShowDatesInOrderUnderDayHeadings()
    {
        QFETCH(int, kind);
        QFETCH(int, sort);
        QFETCH(QList<Shown>, expected);
        StoreFixture f;
        Changeset changes;
        double position = 0;
        for (const Due &due : kDues) {
            Todo todo = f.store->newTodo({}, due.title);
            todo.dueAt = due.at;
            todo.dueHasTime = due.timed;
            todo.priority = due.priority;
            todo.position = ++position;
            changes.todos << todo;
        }
        QVERIFY(f.store->apply(changes));

        TodoModel model(f.database.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReferenceTime(kNow);
        model.setSortMode(TodoModel::Sort(sort));
        model.setTodoFilter(TodoFilter::smart(Kind(kind)));
        QVERIFY(model.groupsByDay());
        QCOMPARE(shown(model), expected);
    }

    // The offset changes with daylight saving: a time just after midnight
    // beyond the change is on its own local day, not on the day before.
    void shouldGroupByTheLocalDayAcrossDaylightSaving()
    {
        const QByteArray zone = qgetenv("TZ");
        qputenv("TZ", "Europe/Berlin");
        tzset();
        const auto restore = qScopeGuard([&zone] {
            qputenv("TZ", zone);
            tzset();
        });
        QCOMPARE(QTimeZone::systemTimeZoneId(), QByteArray("Europe/Berlin"));
        const QDate winter(2027, 3, 20); // CET; summer time begins on 28 March
        StoreFixture f;
        Changeset changes;
        const QList<Due> dues = {timed(u"c 29th 00:30"_s, QDate(2027, 3, 29), QTime(0, 30)),
                                 date(u"b 29th"_s, QDate(2027, 3, 29)), date(u"a 28th"_s, QDate(2027, 3, 28))};
        for (const Due &due : dues) {
            Todo todo = f.store->newTodo({}, due.title);
            todo.dueAt = due.at;
            todo.dueHasTime = due.timed;
            changes.todos << todo;
        }
        QVERIFY(f.store->apply(changes));
        TodoModel model(f.database.get());
        model.setReferenceTime(localTime(winter, QTime(12, 0)));
        model.setTodoFilter(TodoFilter::smart(Kind::Upcoming));
        QCOMPARE(shown(model), (QList<Shown>{{u"a 28th"_s, u"Sunday 28 Mar"_s},
                                             {u"b 29th"_s, u"Monday 29 Mar"_s},
                                             {u"c 29th 00:30"_s, {}}}));
    }

    void shouldGroupNothingElsewhere()
    {
        StoreFixture f;
        f.addTodo(u"one"_s);
        TodoModel model(f.database.get());
        model.setTodoFilter(TodoFilter::smart(Kind::All));
        QVERIFY(!model.groupsByDay());
        QCOMPARE(model.index(0, model.titleColumn()).data(TodoModel::DayHeadingRole).toString(), QString());
    }

    void shouldNameTheListOnlyWhereListsMix()
    {
        StoreFixture f;
        const TodoList work = f.store->newList(u"Work"_s);
        QVERIFY(f.store->apply({{work}, {}}));
        f.addTodo(u"in work"_s, work.id);
        TodoModel model(f.database.get());
        model.setTodoFilter(TodoFilter::smart(Kind::All));
        QCOMPARE(model.index(0, model.titleColumn()).data(TodoModel::ListNameRole).toString(), u"Work"_s);
        model.setTodoFilter(TodoFilter::list(work.id));
        QCOMPARE(model.index(0, model.titleColumn()).data(TodoModel::ListNameRole).toString(), QString());

        // A renamed list reads its new name at once.
        model.setTodoFilter(TodoFilter::smart(Kind::All));
        TodoList renamed = *f.store->list(work.id);
        renamed.name = u"Office"_s;
        QVERIFY(f.store->apply({{renamed}, {}}));
        QCOMPARE(model.index(0, model.titleColumn()).data(TodoModel::ListNameRole).toString(), u"Office"_s);
    }
};

QTEST_GUILESS_MAIN(TodoModelDaysTest)
#include "todomodeldaystest.moc"
