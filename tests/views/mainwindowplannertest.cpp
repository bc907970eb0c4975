#include "windowharness.h"

#include "widgets/emptystate.h"
#include "widgets/quickaddbar.h"
#include "widgets/shortcutsheet.h"
#include "widgets/todorow.h"
#include "widgets/todorowlayout.h"

#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QUndoStack>
#include <QToolButton>

using namespace Qt::StringLiterals;
using Kind = TodoFilter::Kind;

// The views read like a planner: day headings in Today and Upcoming, a search
// that looks everywhere, list names where lists mix, a friendly empty view,
// and a sheet of the shortcuts.
class MainWindowPlannerTest : public QObject
{
    Q_OBJECT

private:
    static Todo due(WindowHarness &h, const QString &title, QDate day, const QString &listId = {})
    {
        Todo todo = h.store()->newTodo(listId, title);
        todo.dueAt = Timestamp::fromDate(day);
        return h.write(todo);
    }

    static QString listTitle(const WindowHarness &h)
    {
        return h.window->findChild<QLabel *>(u"listTitle"_s)->text();
    }

    static QStringList shownTitles(const WindowHarness &h)
    {
        QStringList titles;
        for (const QString &id : h.shownIds())
            titles << h.store()->todo(id)->title;
        return titles;
    }

    // The facts line of a row as the delegate lays it out.
    static TodoRowLayout layoutOf(const WindowHarness &h, const QString &id)
    {
        const QModelIndex index = h.indexOf(id);
        QStyleOptionViewItem option;
        option.initFrom(h.list());
        option.rect = QRect(0, 0, h.list()->viewport()->width(), 60); // laid out or not yet
        return TodoRowLayout(option, TodoRow(index), QDate::currentDate());
    }

    static QString listFact(const TodoRowLayout &layout)
    {
        for (const TodoRowLayout::Fact &fact : layout.facts) {
            if (fact.kind == TodoRowLayout::Kind::List)
                return fact.text;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldShowUpcomingByDateUnderDayHeadings()
    {
        WindowHarness h;
        const QDate today = QDate::currentDate();
        const Todo later = due(h, u"Later"_s, today.addDays(3));
        const Todo second = due(h, u"Second tomorrow"_s, today.addDays(1));
        Todo first = h.store()->newTodo({}, u"First tomorrow"_s);
        first.dueAt = Timestamp::fromDate(today.addDays(1));
        first.priority = Priority::High;
        first = h.write(first);
        QVERIFY(h.open());
        QVERIFY(h.clickSidebar(TodoFilter::smart(Kind::Upcoming)));

        QCOMPARE(h.shownIds(), (QStringList{first.id, second.id, later.id}));
        QCOMPARE(h.indexOf(first.id).data(TodoModel::DayHeadingRole).toString(), u"Tomorrow"_s);
        QCOMPARE(h.indexOf(second.id).data(TodoModel::DayHeadingRole).toString(), QString());
        QCOMPARE(h.indexOf(later.id).data(TodoModel::DayHeadingRole).toString(),
                 QLocale().toString(today.addDays(3), today.addDays(3).year() == today.year() ? u"dddd d MMM"_s
                                                                                               : u"dddd d MMM yyyy"_s));
        // The heading takes room above its row; the row's check box still works.
        QVERIFY(!h.list()->uniformItemSizes());
        const int withHeading = h.list()->visualRect(h.indexOf(first.id)).height();
        const int plain = h.list()->visualRect(h.indexOf(second.id)).height();
        QCOMPARE(withHeading - plain, TodoRowLayout::headingHeight(h.list()->font()));
        QVERIFY(h.clickCheckBox(first.id));
        QTRY_VERIFY(h.store()->todo(first.id)->completed);

        // A list keeps its own order and no headings.
        QVERIFY(h.clickSidebar(TodoFilter::list(h.store()->inboxId())));
        QVERIFY(h.list()->uniformItemSizes());
        QCOMPARE(h.indexOf(later.id).data(TodoModel::DayHeadingRole).toString(), QString());
    }

    void shouldSearchEverywhereUnlessLimitedToTheList()
    {
        WindowHarness h;
        const TodoList work = h.addList(u"Work"_s);
        const TodoList home = h.addList(u"Home"_s);
        const Todo atWork = h.data.addTodo(u"Buy milk for the office"_s, work.id);
        const Todo atHome = h.data.addTodo(u"Buy milk"_s, home.id);
        h.data.addTodo(u"Call Sam"_s, work.id);
        QVERIFY(h.open());
        QVERIFY(h.clickSidebar(TodoFilter::list(work.id)));
        QCOMPARE(listTitle(h), u"Work"_s);

        h.press(QKeySequence::Find);
        QLineEdit *search = h.window->searchField();
        QVERIFY(search->hasFocus());
        QTest::keyClicks(search, u"milk"_s);
        QCOMPARE(listTitle(h), u"Search in all lists"_s);
        const QStringList found = h.shownIds();
        QCOMPARE(QSet<QString>(found.cbegin(), found.cend()), (QSet<QString>{atWork.id, atHome.id}));
        // Rows from several lists say which list they are in.
        QCOMPARE(listFact(layoutOf(h, atHome.id)), u"Home"_s);

        auto *scope = h.window->findChild<QToolButton *>(u"searchScope"_s);
        QVERIFY(scope && scope->isVisible());
        QTest::mouseClick(scope, Qt::LeftButton);
        QCOMPARE(listTitle(h), u"Search in Work"_s);
        QCOMPARE(h.shownIds(), QStringList{atWork.id});
        QCOMPARE(listFact(layoutOf(h, atWork.id)), QString()); // one list: no names
    }

    void shouldClearTheSearchOnEscape()
    {
        WindowHarness h;
        h.data.addTodo(u"Buy milk"_s);
        h.data.addTodo(u"Call Sam"_s);
        QVERIFY(h.open());
        h.press(QKeySequence::Find);
        QLineEdit *search = h.window->searchField();
        QTest::keyClicks(search, u"milk"_s);
        QCOMPARE(shownTitles(h), QStringList{u"Buy milk"_s});

        QTest::keyClick(search, Qt::Key_Escape);
        QCOMPARE(search->text(), QString());
        QCOMPARE(shownTitles(h), (QStringList{u"Buy milk"_s, u"Call Sam"_s}));
        QCOMPARE(listTitle(h), u"Inbox"_s);
    }

    void shouldShowListNamesOnlyWhereListsMix()
    {
        WindowHarness h;
        const TodoList work = h.addList(u"Work"_s);
        const Todo todo = due(h, u"Report"_s, QDate::currentDate(), work.id);
        QVERIFY(h.open());
        QVERIFY(h.clickSidebar(TodoFilter::smart(Kind::Today)));
        QCOMPARE(listFact(layoutOf(h, todo.id)), u"Work"_s);
        QVERIFY(h.clickSidebar(TodoFilter::list(work.id)));
        QCOMPARE(listFact(layoutOf(h, todo.id)), QString());
    }

    void shouldGreetAFirstStartWithFocusInQuickAdd()
    {
        WindowHarness h;
        QVERIFY(h.open());
        QCOMPARE(QApplication::focusWidget(), h.window->quickAddBar()->input());
        auto *empty = h.window->findChild<EmptyState *>(u"emptyState"_s);
        QVERIFY(empty);
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(u"Welcome to Tandem"_s));
        QVERIFY(empty->text().contains(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText)));
        QVERIFY(empty->text().contains(u"F1"_s));

        QTest::keyClicks(h.window->quickAddBar()->input(), u"First todo"_s);
        QTest::keyClick(h.window->quickAddBar()->input(), Qt::Key_Return);
        QCOMPARE(h.model()->rowCount(), 1);
        QVERIFY(!empty->isVisible());

        // An empty view says what its emptiness means, and a welcome no more.
        QVERIFY(h.clickSidebar(TodoFilter::smart(Kind::Overdue)));
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(u"Nothing overdue"_s));
        QVERIFY(!empty->text().contains(u"Welcome"_s));
    }

    void shouldOpenTheShortcutSheet_data()
    {
        QTest::addColumn<QKeySequence>("keys");
        QTest::newRow("F1") << QKeySequence(Qt::Key_F1);
        QTest::newRow("Ctrl+?") << QKeySequence(Qt::CTRL | Qt::Key_Question);
    }

    void shouldOpenTheShortcutSheet()
    {
        QFETCH(QKeySequence, keys);
        WindowHarness h;
        QVERIFY(h.open());
        h.press(keys);
        auto *sheet = h.window->findChild<ShortcutSheet *>(u"shortcutSheet"_s);
        QVERIFY(sheet);
        QTRY_VERIFY(sheet->isVisible());
        auto *table = sheet->findChild<QTableWidget *>(u"shortcutTable"_s);
        QVERIFY(table && table->isVisible());
        bool found = false;
        for (int row = 0; row < table->rowCount(); ++row) {
            found = found || (table->item(row, 0)->text() == u"New Todo"_s
                              && table->item(row, 1)->text() == QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText));
        }
        QVERIFY(found);
        QVERIFY(sheet->findChild<QTableWidget *>(u"quickAddTable"_s)->rowCount() > 5);
    }

    // Every key the window answers is on the sheet, Ctrl+D among them, and
    // undo is named as such, not after the step it would undo now.
    void shouldListScheduleAndAPlainUndo()
    {
        WindowHarness h;
        const Todo todo = h.data.addTodo(u"Water the plants"_s);
        QVERIFY(h.open());
        QVERIFY(h.clickRow(todo.id));
        h.press(QKeySequence(Qt::Key_Space));
        QTRY_VERIFY(h.window->undoStack()->canUndo());
        h.press(QKeySequence(Qt::Key_F1));
        auto *sheet = h.window->findChild<ShortcutSheet *>(u"shortcutSheet"_s);
        QVERIFY(sheet);
        QTRY_VERIFY(sheet->isVisible());
        auto *table = sheet->findChild<QTableWidget *>(u"shortcutTable"_s);
        QVERIFY(table);
        QHash<QString, QString> keys;
        for (int row = 0; row < table->rowCount(); ++row)
            keys.insert(table->item(row, 0)->text(), table->item(row, 1)->text());
        QCOMPARE(keys.value(u"Schedule"_s), QKeySequence(Qt::CTRL | Qt::Key_D).toString(QKeySequence::NativeText));
        QCOMPARE(keys.value(u"Undo"_s), QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText));
        QVERIFY(keys.contains(u"Redo"_s));
        for (auto it = keys.cbegin(); it != keys.cend(); ++it)
            QVERIFY2(!it.key().startsWith(u"Undo "_s), qPrintable(it.key()));
    }
};

QTEST_MAIN(MainWindowPlannerTest)
#include "mainwindowplannertest.moc"
