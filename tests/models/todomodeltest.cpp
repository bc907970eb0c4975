#include "storefixture.h"

#include "itemmodels/todomodel.h"

#include "modeltesthelpers.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QMimeData>
#include <QObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = TodoFilter::Kind;
using Sort = TodoModel::Sort;
using Timestamp::Micros;

namespace {

// Every time is made from the local wall clock, so the expectations hold in any zone.
const QDate kToday(2026, 11, 22);

using TestHelpers::localTime;
using TestHelpers::titles;

struct Spec
{
    QString title;
    std::optional<Micros> due = {};
    bool timed = false;
    bool done = false;
    bool inWork = false;
    QStringList tags = {};
    Priority priority = Priority::None;
    Micros created = 0;
    QString notes = {};
};

Spec dateDue(const QString &title, QDate date)
{
    return {title, Timestamp::fromDate(date)};
}
Spec timeDue(const QString &title, QDate date, QTime time)
{
    return {title, localTime(date, time), true};
}

// Adds the todos in one changeset, at positions 1, 2, 3...; returns their ids.
QStringList addAll(StoreFixture &f, const QList<Spec> &specs, const QString &workListId = {})
{
    Changeset changes;
    double position = 0;
    for (const Spec &spec : specs) {
        Todo todo = f.store->newTodo(spec.inWork ? workListId : QString(), spec.title);
        todo.notes = spec.notes;
        todo.dueAt = spec.due;
        todo.dueHasTime = spec.timed;
        todo.setCompleted(spec.done, localTime(kToday, QTime(8, 0)));
        todo.tags = spec.tags;
        todo.priority = spec.priority;
        todo.position = ++position;
        if (spec.created != 0)
            todo.createdAt = spec.created;
        changes.todos << todo;
    }
    if (!f.store->apply(changes))
        qFatal("cannot add todos: %s", qPrintable(f.store->lastError()));
    QStringList ids;
    for (const Todo &todo : std::as_const(changes.todos))
        ids << todo.id;
    return ids;
}

const QDate kYesterday = kToday.addDays(-1);
const QDate kTomorrow = kToday.addDays(1);

const QList<Spec> kSmartSpecs = {
    {u"Overdue timed"_s, localTime(kYesterday, QTime(10, 0)), true, false, false,
        {u"Home"_s, u"errand"_s}},
    dateDue(u"Overdue date"_s, kYesterday),
    {u"Today date"_s, Timestamp::fromDate(kToday), false, false, true},
    timeDue(u"Today 01:00"_s, kToday, QTime(1, 0)),
    timeDue(u"Today 20:00"_s, kToday, QTime(20, 0)),
    timeDue(u"Today 23:59"_s, kToday, QTime(23, 59, 59)),
    {u"Tomorrow date"_s, Timestamp::fromDate(kTomorrow), false, false, true},
    timeDue(u"Tomorrow 00:00"_s, kTomorrow, QTime(0, 0)),
    dateDue(u"Next week"_s, kToday.addDays(7)),
    {u"No due"_s, {}, false, false, false, {u"Home"_s}},
    {u"Done overdue"_s, Timestamp::fromDate(kYesterday), false, true, false, {u"home"_s}},
    {u"Done no due"_s, {}, false, true, true},
};

// The open todos whose due time (or, for a date, whole day) has passed.
QStringList overdueAt(QTime now)
{
    QStringList overdue = {u"Overdue timed"_s, u"Overdue date"_s};
    if (now > QTime(1, 0))
        overdue << u"Today 01:00"_s;
    if (now > QTime(20, 0))
        overdue << u"Today 20:00"_s;
    return overdue;
}

} // namespace

class TodoModelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void shouldFilterSmartListsListsAndTags_data();
    void shouldFilterSmartListsListsAndTags();
    void shouldSearchTitleAndNotesLiterally_data();
    void shouldSearchTitleAndNotesLiterally();
    void shouldSortByEveryMode_data();
    void shouldSortByEveryMode();
    void shouldProvideRoles();
    void shouldMarkTagOnlyEditPending();
    void shouldRefuseEdits();
    void shouldPutIdsInMimeData();
};

void TodoModelTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
}

void TodoModelTest::shouldFilterSmartListsListsAndTags_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("hideCompleted");
    QTest::addColumn<QTime>("now"); // local time of day, today
    QTest::addColumn<QStringList>("expected");

    const QTime afternoon(14, 0), night(0, 30), evening(23, 30);
    // In date order (TodoModelDaysTest): by day, a date before the times of its day.
    const QStringList today = {u"Overdue date"_s, u"Overdue timed"_s, u"Today date"_s,
        u"Today 01:00"_s, u"Today 20:00"_s, u"Today 23:59"_s};
    QStringList all;
    for (const Spec &spec : kSmartSpecs)
        all << spec.title;
    auto row = [](const char *name, Kind kind, bool hide, QTime now, const QStringList &expected) {
        QTest::newRow(name) << int(kind) << hide << now << expected;
    };
    row("today", Kind::Today, false, afternoon, today);
    row("today, just after midnight", Kind::Today, false, night, today);
    row("today, late evening", Kind::Today, false, evening, today);
    row("overdue", Kind::Overdue, false, afternoon,
        {u"Overdue date"_s, u"Overdue timed"_s, u"Today 01:00"_s});
    row("overdue, just after midnight", Kind::Overdue, false, night,
        {u"Overdue date"_s, u"Overdue timed"_s});
    row("overdue, late evening", Kind::Overdue, false, evening,
        {u"Overdue date"_s, u"Overdue timed"_s, u"Today 01:00"_s, u"Today 20:00"_s});
    const QStringList upcoming = {u"Tomorrow date"_s, u"Tomorrow 00:00"_s, u"Next week"_s};
    row("upcoming", Kind::Upcoming, false, afternoon, upcoming);
    row("upcoming, late evening", Kind::Upcoming, false, evening, upcoming);
    row("completed", Kind::Completed, false, afternoon, {u"Done overdue"_s, u"Done no due"_s});
    row("completed, hide completed ignored", Kind::Completed, true, afternoon,
        {u"Done overdue"_s, u"Done no due"_s});
    row("all, done last", Kind::All, false, afternoon, all);
    row("all, hide completed", Kind::All, true, afternoon, all.mid(0, 10));
    row("list", Kind::List, false, afternoon,
        {u"Today date"_s, u"Tomorrow date"_s, u"Done no due"_s});
    row("list, hide completed", Kind::List, true, afternoon, {u"Today date"_s, u"Tomorrow date"_s});
    row("tag, any case", Kind::Tag, false, afternoon,
        {u"Overdue timed"_s, u"No due"_s, u"Done overdue"_s});
    row("tag, hide completed", Kind::Tag, true, afternoon, {u"Overdue timed"_s, u"No due"_s});
}

void TodoModelTest::shouldFilterSmartListsListsAndTags()
{
    QFETCH(int, kind);
    QFETCH(bool, hideCompleted);
    QFETCH(QTime, now);
    QFETCH(QStringList, expected);
    StoreFixture f;
    const TodoList work = f.store->newList(u"Work"_s);
    QVERIFY(f.store->apply({{work}, {}}));
    addAll(f, kSmartSpecs, work.id);

    TodoModel model(f.database.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReferenceTime(localTime(kToday, now));
    TodoFilter filter;
    filter.kind = Kind(kind);
    filter.hideCompleted = hideCompleted;
    if (filter.kind == Kind::List)
        filter.id = work.id;
    if (filter.kind == Kind::Tag)
        filter.id = f.store->tags().at(1).id; // "Home", shared with "home"; "errand" is first
    model.setTodoFilter(filter);
    QCOMPARE(model.todoFilter(), filter);
    QCOMPARE(titles(model), expected);
    QCOMPARE(model.matchingCount(), expected.size());
    QCOMPARE(f.store->tags().at(1).name, u"Home"_s);
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        QCOMPARE(index.data(TodoModel::OverdueRole).toBool(),
            overdueAt(now).contains(index.data(TodoModel::TitleRole).toString()));
    }
}

void TodoModelTest::shouldSearchTitleAndNotesLiterally_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("percent is literal") << u"50%"_s << QStringList {u"Save 50% now"_s};
    QTest::newRow("lone percent") << u"%"_s << QStringList {u"Save 50% now"_s};
    QTest::newRow("underscore is literal") << u"snake_case"_s << QStringList {u"snake_case name"_s};
    QTest::newRow("backslash is literal") << u"C:\\temp"_s << QStringList {u"path C:\\temp"_s};
    QTest::newRow("ASCII case-insensitive") << u"mixed CASE"_s << QStringList {u"MiXeD Case"_s};
    QTest::newRow("notes too") << u"budget"_s << QStringList {u"Meeting"_s};
    QTest::newRow("surrounding blanks ignored") << u"  BUDGET \t"_s << QStringList {u"Meeting"_s};
    QTest::newRow("title or notes") << u"500"_s << QStringList {u"Buy 500 apples"_s, u"Meeting"_s};
    QTest::newRow("non-ASCII, same case") << u"Über"_s << QStringList {u"Über alles"_s};
    QTest::newRow("quote") << u"it's"_s << QStringList {u"it's here"_s};
    QTest::newRow("no match") << u"nothing like it"_s << QStringList {};
    QTest::newRow("empty search shows all")
        << QString()
        << QStringList {u"Save 50% now"_s, u"Buy 500 apples"_s, u"snake_case name"_s,
               u"snakeXcase"_s, u"path C:\\temp"_s, u"path C:temp"_s, u"MiXeD Case"_s, u"Meeting"_s,
               u"Über alles"_s, u"it's here"_s};
}

void TodoModelTest::shouldSearchTitleAndNotesLiterally()
{
    QFETCH(QString, search);
    QFETCH(QStringList, expected);
    StoreFixture f;
    Spec meeting {u"Meeting"_s};
    meeting.notes = u"Discuss the BUDGET of 500"_s;
    addAll(f,
        {{u"Save 50% now"_s}, {u"Buy 500 apples"_s}, {u"snake_case name"_s}, {u"snakeXcase"_s},
            {u"path C:\\temp"_s}, {u"path C:temp"_s}, {u"MiXeD Case"_s}, meeting, {u"Über alles"_s},
            {u"it's here"_s}});

    TodoModel model(f.database.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSearchText(search);
    QCOMPARE(titles(model), expected);
    QCOMPARE(model.matchingCount(), expected.size());

    // The search stays when the list changes, and goes with an empty text.
    model.setTodoFilter(TodoFilter::list(f.store->inboxId()));
    QCOMPARE(model.todoFilter().search, search);
    QCOMPARE(titles(model), expected);
    model.setSearchText(QString());
    QCOMPARE(model.matchingCount(), 10);
}

void TodoModelTest::shouldSortByEveryMode_data()
{
    QTest::addColumn<Sort>("sort");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("manual") << Sort::Manual
                            << QStringList {u"banana"_s, u"Apple"_s, u"cherry"_s, u"date"_s};
    QTest::newRow("due date") << Sort::DueDate
                              << QStringList {u"cherry"_s, u"banana"_s, u"Apple"_s, u"date"_s};
    QTest::newRow("priority") << Sort::Priority
                              << QStringList {u"Apple"_s, u"banana"_s, u"cherry"_s, u"date"_s};
    QTest::newRow("title") << Sort::Title
                           << QStringList {u"Apple"_s, u"banana"_s, u"cherry"_s, u"date"_s};
    QTest::newRow("created") << Sort::Created
                             << QStringList {u"banana"_s, u"cherry"_s, u"Apple"_s, u"date"_s};
}

void TodoModelTest::shouldSortByEveryMode()
{
    QFETCH(Sort, sort);
    QFETCH(QStringList, expected);
    StoreFixture f;
    addAll(f,
        {{u"banana"_s, Timestamp::fromDate(kToday.addDays(3)), false, false, false, {},
             Priority::Low, 3000},
            {u"Apple"_s, {}, false, false, false, {}, Priority::High, 1000},
            {u"cherry"_s, Timestamp::fromDate(kToday.addDays(1)), false, false, false, {},
                Priority::None, 2000},
            // Done: always last, though first by every key.
            {u"date"_s, Timestamp::fromDate(kToday), false, true, false, {}, Priority::High,
                4000}});
    TodoModel model(f.database.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resetSpy(&model, &QAbstractItemModel::modelReset);
    model.setSortMode(sort);
    QCOMPARE(model.sortMode(), sort);
    QCOMPARE(resetSpy.count(), sort == Sort::Manual ? 0 : 1);
    QCOMPARE(titles(model), expected);
}

void TodoModelTest::shouldProvideRoles()
{
    StoreFixture f;
    const Micros now = localTime(kToday, QTime(12, 0));
    const QStringList ids = addAll(f,
        {{u"Late"_s, localTime(kYesterday, QTime(9, 0)), true, false, false,
             {u"home"_s, u"Errand"_s}, Priority::High, 0, u"notes"_s},
            dateDue(u"Today"_s, kToday)});
    TodoModel model(f.database.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReferenceTime(now);
    const QModelIndex late = model.index(0, model.titleColumn());
    QCOMPARE(late.data(TodoModel::IdRole).toString(), ids.at(0));
    QCOMPARE(late.data(TodoModel::ListIdRole).toString(), f.store->inboxId());
    QCOMPARE(late.data(TodoModel::TitleRole).toString(), u"Late"_s);
    QCOMPARE(late.data(Qt::DisplayRole).toString(), u"Late"_s);
    QCOMPARE(late.data(TodoModel::NotesRole).toString(), u"notes"_s);
    QCOMPARE(late.data(TodoModel::TagsRole).toStringList(), (QStringList {u"Errand"_s, u"home"_s}));
    QCOMPARE(late.data(TodoModel::DueAtRole).toLongLong(), localTime(kYesterday, QTime(9, 0)));
    QCOMPARE(late.data(TodoModel::DueHasTimeRole).toBool(), true);
    QCOMPARE(late.data(TodoModel::PriorityRole).toInt(), int(Priority::High));
    QCOMPARE(late.data(TodoModel::PositionRole).toDouble(), 1.0);
    QCOMPARE(late.data(TodoModel::CompletedRole).toBool(), false);
    QCOMPARE(late.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    QCOMPARE(late.data(TodoModel::OverdueRole).toBool(), true);
    const QModelIndex today = model.index(1, 0);
    QCOMPARE(today.data(TodoModel::OverdueRole).toBool(), false);
    QCOMPARE(today.data(TodoModel::TagsRole).toStringList(), QStringList());
    QVERIFY(today.data(TodoModel::DueAtRole).isValid());
    QCOMPARE(model.roleNames().value(TodoModel::TagsRole), QByteArray("tags"));

    // Pending: queued in the outbox. Simulate a push, then edit again.
    QCOMPARE(late.data(TodoModel::PendingRole).toBool(), true);
    QSqlQuery push(f.database->database());
    QVERIFY(push.exec(u"DELETE FROM outbox"_s));
    model.refresh();
    QCOMPARE(model.index(0, 0).data(TodoModel::PendingRole).toBool(), false);
    Todo todo = *f.store->todo(ids.at(0));
    todo.setCompleted(true, now);
    QVERIFY(f.store->apply({{}, {todo}}));
    const int row = model.rowOfId(todo.id);
    QCOMPARE(model.index(row, 0).data(TodoModel::PendingRole).toBool(), true);
    QCOMPARE(model.index(row, 0).data(TodoModel::CompletedRole).toBool(), true);
    QCOMPARE(model.index(row, 0).data(TodoModel::OverdueRole).toBool(), false);
    QCOMPARE(row, 1); // done: after the open one
    QCOMPARE(model.index(model.rowOfId(ids.at(1)), 0).data(TodoModel::PendingRole).toBool(), false);
}

void TodoModelTest::shouldMarkTagOnlyEditPending()
{
    StoreFixture f;
    Todo todo = f.addTodo(u"Synced"_s);
    QSqlQuery push(f.database->database());
    QVERIFY(push.exec(u"DELETE FROM outbox"_s));
    TodoModel model(f.database.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.index(0, 0).data(TodoModel::PendingRole).toBool(), false);

    todo.tags = {u"New"_s};
    QVERIFY(f.store->apply({{}, {todo}}));
    QCOMPARE(f.store->pendingChangeCount(), 1); // the todo_tag row
    QCOMPARE(model.index(0, 0).data(TodoModel::TagsRole).toStringList(), QStringList {u"New"_s});
    QCOMPARE(model.index(0, 0).data(TodoModel::PendingRole).toBool(), true);
}

void TodoModelTest::shouldRefuseEdits()
{
    StoreFixture f;
    f.addTodo(u"Read only"_s);
    const int pending = f.store->pendingChangeCount();
    TodoModel model(f.database.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex title = model.index(0, model.titleColumn());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(!model.setData(title, u"Changed"_s, Qt::EditRole));
    QVERIFY(!model.setData(title, Qt::Checked, Qt::CheckStateRole));
    QVERIFY(!(model.flags(title) & Qt::ItemIsEditable));
    QVERIFY(model.flags(title) & Qt::ItemIsUserCheckable);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(title.data(TodoModel::TitleRole).toString(), u"Read only"_s);
    QCOMPARE(f.store->pendingChangeCount(), pending);
}

void TodoModelTest::shouldPutIdsInMimeData()
{
    StoreFixture f;
    const QStringList ids = addAll(f, {{u"One"_s}, {u"Two"_s}, {u"Three"_s}});
    TodoModel model(f.database.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.mimeTypes(), QStringList {QString::fromLatin1(TodoModel::kMimeType)});
    QVERIFY(model.flags(model.index(0, 0)) & Qt::ItemIsDragEnabled);
    // Two columns of the first row, and the third: each id once.
    const std::unique_ptr<QMimeData> mime(
        model.mimeData({model.index(0, 0), model.index(0, 1), model.index(2, 0)}));
    QVERIFY(mime);
    QCOMPARE(mime->data(QString::fromLatin1(TodoModel::kMimeType)),
        (ids.at(0) + u'\n' + ids.at(2)).toUtf8());
    QCOMPARE(mime->text().split(u'\n'), (QStringList {ids.at(0), ids.at(2)}));
    QVERIFY(!model.mimeData({}));
}

QTEST_GUILESS_MAIN(TodoModelTest)
#include "todomodeltest.moc"
