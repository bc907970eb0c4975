#include "storefixture.h"

#include "itemmodels/sidebarmodel.h"
#include "itemmodels/todomodel.h"

#include "modeltesthelpers.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = TodoFilter::Kind;
using Timestamp::Micros;

namespace {

// Every time is made from the local wall clock, so the counts hold in any zone.
const QDate kToday(2026, 11, 22);

using TestHelpers::localTime;

const Micros kNow = localTime(kToday, QTime(12, 0));

// Open todos: Overdue (inbox), Today (Work), Later (Work), Undated (inbox);
// done: Done (Work), Done too (inbox). Tags: Home on Overdue, Today and Done;
// Work on Today. The list "Empty" has nothing.
struct Sample
{
    explicit Sample(StoreFixture &f)
    {
        work = f.store->newList(u"Work"_s);
        QVERIFY(f.store->apply({{work}, {}}));
        empty = f.store->newList(u"Empty"_s); // after Work
        QVERIFY(f.store->apply({{empty}, {}}));
        auto todo = [&f](const QString &title, const QString &listId, std::optional<Micros> due,
                        bool timed, bool done, const QStringList &tags) {
            Todo t = f.store->newTodo(listId, title);
            t.dueAt = due;
            t.dueHasTime = timed;
            t.setCompleted(done, kNow);
            t.tags = tags;
            return t;
        };
        const QString inbox = f.store->inboxId();
        QVERIFY(f.store->apply({{},
            {todo(u"Overdue"_s, inbox, Timestamp::fromDate(kToday.addDays(-1)), false, false,
                 {u"Home"_s}),
                todo(u"Today"_s, work.id, Timestamp::fromDate(kToday), false, false,
                    {u"home"_s, u"Work"_s}),
                todo(u"Later"_s, work.id, localTime(kToday.addDays(1), QTime(9, 0)), true, false,
                    {}),
                todo(u"Undated"_s, inbox, {}, false, false, {}),
                todo(u"Done"_s, work.id, Timestamp::fromDate(kToday.addDays(-1)), false, true,
                    {u"Home"_s}),
                todo(u"Done too"_s, inbox, {}, false, true, {})}}));
    }
    TodoList work;
    TodoList empty;
};

} // namespace

class SidebarModelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void shouldShowSmartListsThenListsThenTags();
    void shouldCountOpenTodos_data();
    void shouldCountOpenTodos();
    void shouldRecountShortlyAfterChanges();
    void shouldInsertAndRemoveListRows();
    void shouldFollowTags();
    void shouldRoundTripFiltersAndIndexes();
};

void SidebarModelTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
}

void SidebarModelTest::shouldShowSmartListsThenListsThenTags()
{
    StoreFixture f;
    Sample sample(f);
    SidebarModel model(f.database.get(), f.store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReferenceTime(kNow);

    QCOMPARE(model.rowCount(), SidebarModel::kSmartListCount + 2);
    QCOMPARE(model.columnCount(), int(SidebarModel::ColumnCount));
    const QStringList smartNames
        = {u"Today"_s, u"Upcoming"_s, u"Overdue"_s, u"Completed"_s, u"All"_s};
    const QList<Kind> smartKinds
        = {Kind::Today, Kind::Upcoming, Kind::Overdue, Kind::Completed, Kind::All};
    for (int row = 0; row < SidebarModel::kSmartListCount; ++row) {
        const QModelIndex index = model.index(row, 0);
        QCOMPARE(index.data().toString(), smartNames.at(row));
        QCOMPARE(index.data(SidebarModel::FilterKindRole).toInt(), int(smartKinds.at(row)));
        QCOMPARE(index.data(SidebarModel::IsSectionRole).toBool(), false);
        QCOMPARE(model.rowCount(index), 0);
        QVERIFY(model.flags(index) & Qt::ItemIsSelectable);
    }
    const QModelIndex lists = model.listsSection();
    const QModelIndex tags = model.tagsSection();
    QCOMPARE(lists.data().toString(), u"Lists"_s);
    QCOMPARE(tags.data().toString(), u"Tags"_s);
    for (const QModelIndex &section : {lists, tags}) {
        QCOMPARE(section.data(SidebarModel::IsSectionRole).toBool(), true);
        QCOMPARE(section.data(SidebarModel::FilterKindRole).toInt(), -1);
        QVERIFY(!(model.flags(section) & Qt::ItemIsSelectable));
        QVERIFY(!model.index(section.row(), SidebarModel::CountColumn).data().isValid());
    }

    // Lists: the Inbox first, then by position.
    QCOMPARE(model.rowCount(lists), 3);
    const QStringList listNames = {u"Inbox"_s, u"Work"_s, u"Empty"_s};
    for (int row = 0; row < 3; ++row) {
        const QModelIndex index = model.index(row, 0, lists);
        QCOMPARE(index.parent(), lists);
        QCOMPARE(index.data().toString(), listNames.at(row));
        QCOMPARE(index.data(SidebarModel::IsInboxRole).toBool(), row == 0);
        QCOMPARE(index.data(SidebarModel::FilterKindRole).toInt(), int(Kind::List));
        QVERIFY(model.flags(index) & Qt::ItemIsDropEnabled);
    }
    QCOMPARE(
        model.index(0, 0, lists).data(SidebarModel::EntryIdRole).toString(), f.store->inboxId());
    QCOMPARE(model.index(1, 0, lists).data(SidebarModel::EntryIdRole).toString(), sample.work.id);

    // Tags: by name, without regard to case; "Home" and "home" are one.
    QCOMPARE(model.rowCount(tags), 2);
    QCOMPARE(model.index(0, 0, tags).data().toString(), u"Home"_s);
    QCOMPARE(model.index(1, 0, tags).data().toString(), u"Work"_s);
    QCOMPARE(model.index(0, 0, tags).data(SidebarModel::FilterKindRole).toInt(), int(Kind::Tag));
    QCOMPARE(model.index(0, 0, tags).data(SidebarModel::IsInboxRole).toBool(), false);
    QVERIFY(!(model.flags(model.index(0, 0, tags)) & Qt::ItemIsDropEnabled));
    QCOMPARE(model.mimeTypes(), QStringList {QString::fromLatin1(TodoModel::kMimeType)});
}

void SidebarModelTest::shouldCountOpenTodos_data()
{
    QTest::addColumn<int>("section"); // -1: top level, else the section row
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("count");

    QTest::newRow("Today: overdue and due today") << -1 << 0 << u"Today"_s << 2;
    QTest::newRow("Upcoming") << -1 << 1 << u"Upcoming"_s << 1;
    QTest::newRow("Overdue") << -1 << 2 << u"Overdue"_s << 1;
    QTest::newRow("Completed counts the done ones") << -1 << 3 << u"Completed"_s << 2;
    QTest::newRow("All counts the open ones") << -1 << 4 << u"All"_s << 4;
    QTest::newRow("Inbox") << SidebarModel::kListsSectionRow << 0 << u"Inbox"_s << 2;
    QTest::newRow("Work list") << SidebarModel::kListsSectionRow << 1 << u"Work"_s << 2;
    QTest::newRow("empty list") << SidebarModel::kListsSectionRow << 2 << u"Empty"_s << 0;
    QTest::newRow("Home tag, done not counted")
        << SidebarModel::kTagsSectionRow << 0 << u"Home"_s << 2;
    QTest::newRow("Work tag") << SidebarModel::kTagsSectionRow << 1 << u"Work"_s << 1;
}

void SidebarModelTest::shouldCountOpenTodos()
{
    QFETCH(int, section);
    QFETCH(int, row);
    QFETCH(QString, name);
    QFETCH(int, count);
    StoreFixture f;
    Sample sample(f);
    SidebarModel model(f.database.get(), f.store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReferenceTime(kNow);

    const QModelIndex parent = section < 0 ? QModelIndex() : model.index(section, 0);
    const QModelIndex index = model.index(row, SidebarModel::NameColumn, parent);
    const QModelIndex countIndex = model.index(row, SidebarModel::CountColumn, parent);
    QCOMPARE(index.data().toString(), name);
    QCOMPARE(index.data(SidebarModel::CountRole).toInt(), count);
    QCOMPARE(countIndex.data(SidebarModel::CountRole).toInt(), count);
    if (count == 0)
        QVERIFY(!countIndex.data().isValid()); // no "0" in the sidebar
    else
        QCOMPARE(countIndex.data().toString(), QString::number(count));
    QCOMPARE(countIndex.data(Qt::TextAlignmentRole).value<Qt::Alignment>(),
        Qt::AlignRight | Qt::AlignVCenter);
    QVERIFY(index.data(Qt::AccessibleTextRole).toString().startsWith(name));
    QVERIFY(index.data(Qt::AccessibleTextRole).toString().contains(QString::number(count)));
}

void SidebarModelTest::shouldRecountShortlyAfterChanges()
{
    StoreFixture f;
    Sample sample(f);
    SidebarModel model(f.database.get(), f.store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReferenceTime(kNow);
    const QModelIndex today = model.index(0, 0);
    const QModelIndex completed = model.index(3, 0);
    const QModelIndex inbox = model.index(0, 0, model.listsSection());
    QCOMPARE(today.data(SidebarModel::CountRole).toInt(), 2);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // A burst of writes: counts follow once the short delay has passed.
    Todo added = f.store->newTodo({}, u"Due today too"_s);
    added.dueAt = Timestamp::fromDate(kToday);
    QVERIFY(f.store->apply({{}, {added}}));
    QCOMPARE(today.data(SidebarModel::CountRole).toInt(), 2); // not yet
    QTRY_COMPARE(today.data(SidebarModel::CountRole).toInt(), 3);
    QCOMPARE(inbox.data(SidebarModel::CountRole).toInt(), 3);
    QVERIFY(!changed.isEmpty());

    added.setCompleted(true, kNow);
    QVERIFY(f.store->apply({{}, {added}}));
    QTRY_COMPARE(completed.data(SidebarModel::CountRole).toInt(), 3);
    QCOMPARE(today.data(SidebarModel::CountRole).toInt(), 2);
    QCOMPARE(inbox.data(SidebarModel::CountRole).toInt(), 2);
}

void SidebarModelTest::shouldInsertAndRemoveListRows()
{
    StoreFixture f;
    Sample sample(f);
    SidebarModel model(f.database.get(), f.store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex lists = model.listsSection();
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    TodoList added = f.store->newList(u"Zeta"_s);
    QVERIFY(f.store->apply({{added}, {}}));
    QTRY_COMPARE(model.rowCount(lists), 4);
    QVERIFY(!inserted.isEmpty());
    QCOMPARE(inserted.last().at(0).value<QModelIndex>(), lists);
    QCOMPARE(model.index(3, 0, lists).data().toString(), u"Zeta"_s);
    QCOMPARE(model.index(3, 0, lists).data(SidebarModel::EntryIdRole).toString(), added.id);
    QCOMPARE(model.indexOf(TodoFilter::list(added.id)), model.index(3, 0, lists));

    // A rename shows without a reset of the other rows' meaning.
    added.name = u"Renamed"_s;
    QVERIFY(f.store->apply({{added}, {}}));
    QTRY_COMPARE(model.index(3, 0, lists).data().toString(), u"Renamed"_s);

    removed.clear();
    added.deletedAt = kNow;
    QVERIFY(f.store->apply({{added}, {}}));
    QTRY_COMPARE(model.rowCount(lists), 3);
    QVERIFY(!removed.isEmpty());
    QCOMPARE(removed.last().at(0).value<QModelIndex>(), lists);
    QVERIFY(!model.indexOf(TodoFilter::list(added.id)).isValid());
    QCOMPARE(model.index(0, 0, lists).data(SidebarModel::IsInboxRole).toBool(), true);
}

void SidebarModelTest::shouldFollowTags()
{
    StoreFixture f;
    Sample sample(f);
    SidebarModel model(f.database.get(), f.store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex tags = model.tagsSection();
    QCOMPARE(model.rowCount(tags), 2);

    Todo todo = f.store->newTodo({}, u"Tagged"_s);
    todo.tags = {u"Alpha"_s};
    QVERIFY(f.store->apply({{}, {todo}}));
    QTRY_COMPARE(model.rowCount(tags), 3);
    QCOMPARE(model.index(0, 0, tags).data().toString(), u"Alpha"_s);
    QCOMPARE(model.index(0, 0, tags).data(SidebarModel::CountRole).toInt(), 1);

    // A tag on no live todo leaves the sidebar.
    todo.deletedAt = kNow;
    QVERIFY(f.store->apply({{}, {todo}}));
    QTRY_COMPARE(model.rowCount(tags), 2);
    QCOMPARE(model.index(0, 0, tags).data().toString(), u"Home"_s);
}

void SidebarModelTest::shouldRoundTripFiltersAndIndexes()
{
    StoreFixture f;
    Sample sample(f);
    SidebarModel model(f.database.get(), f.store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    int entries = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex top = model.index(row, 0);
        const bool isSection = top.data(SidebarModel::IsSectionRole).toBool();
        QCOMPARE(model.filterAt(top).has_value(), !isSection);
        if (!isSection) {
            QCOMPARE(model.indexOf(*model.filterAt(top)), top);
            QVERIFY(model.filterAt(top)->id.isEmpty());
            QVERIFY(model.filterAt(top)->isSmart());
            ++entries;
        }
        for (int child = 0; child < model.rowCount(top); ++child) {
            const QModelIndex index = model.index(child, 0, top);
            const auto filter = model.filterAt(index);
            QVERIFY(filter.has_value());
            QCOMPARE(filter->kind, row == SidebarModel::kListsSectionRow ? Kind::List : Kind::Tag);
            QCOMPARE(filter->id, index.data(SidebarModel::EntryIdRole).toString());
            QVERIFY(!filter->id.isEmpty());
            QCOMPARE(model.indexOf(*filter), index);
            ++entries;
        }
    }
    QCOMPARE(entries, SidebarModel::kSmartListCount + 3 + 2);
    QTest::failOnWarning(QRegularExpression(u"not valid"_s));
    QVERIFY(!model.filterAt({}).has_value()); // quietly
    QVERIFY(!model.indexOf(TodoFilter::list(u"no-such-list"_s)).isValid());
    QVERIFY(!model.indexOf(TodoFilter::tag(u"no-such-tag"_s)).isValid());
    const QString workTag
        = model.index(1, 0, model.tagsSection()).data(SidebarModel::EntryIdRole).toString();
    QCOMPARE(model.indexOf(TodoFilter::tag(workTag)), model.index(1, 0, model.tagsSection()));
}

QTEST_GUILESS_MAIN(SidebarModelTest)
#include "sidebarmodeltest.moc"
