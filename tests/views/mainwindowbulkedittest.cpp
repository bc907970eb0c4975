// The detail pane while many todos are selected: "N todos selected" and a due
// date, a tag, a priority and a list set on all of them, each as one undo step.

#include "windowharness.h"

#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {
constexpr int kTodos = 1000;
} // namespace

class MainWindowBulkEditTest : public QObject
{
    Q_OBJECT

private:
    struct Seeded
    {
        WindowHarness h;
        QStringList ids;
        TodoList errands;

        template<typename Widget>
        Widget *field(const QString &name) const
        {
            auto *widget = h.window->findChild<Widget *>(name);
            if (!widget)
                qFatal("no field %s", qPrintable(name));
            return widget;
        }
        QUndoStack *stack() const { return h.window->undoStack(); }
    };

    // kTodos todos in the Inbox, every one of them selected with Ctrl+A.
    static bool openAllSelected(Seeded &s)
    {
        s.errands = s.h.addList(u"Errands"_s);
        Changeset seed;
        for (int i = 0; i < kTodos; ++i) {
            Todo todo = s.h.store()->newTodo({}, u"Todo %1"_s.arg(i, 4, 10, QLatin1Char('0')));
            todo.position = i;
            seed.todos << todo;
            s.ids << todo.id;
        }
        // Qt 6.4's model tester fetches rows from inside the reset of a model
        // with more rows than one fetch, then reports its own fetch as nested.
        s.h.testTodoModel = false;
        if (!s.h.store()->apply(seed) || !s.h.open())
            return false;
        if (!s.h.clickSidebar(TodoFilter::list(s.h.store()->inboxId())))
            return false;
        // Select All reaches every row the list stands for once the list view
        // fetches them all; until then it reaches the rows fetched.
        s.h.model()->fetchAll();
        if (!s.h.clickRow(s.ids.first()))
            return false;
        QTest::keyClick(s.h.list(), Qt::Key_A, Qt::ControlModifier);
        return s.h.list()->selectedIds().size() == kTodos;
    }

    template<typename Check>
    static bool all(const Seeded &s, Check check)
    {
        const QList<Todo> todos = s.h.store()->todos(s.ids);
        return todos.size() == kTodos && std::all_of(todos.cbegin(), todos.cend(), check);
    }

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldShowHowManyAreSelected()
    {
        Seeded s;
        QVERIFY(openAllSelected(s));
        auto *count = s.field<QLabel>(u"bulkCount"_s);
        QVERIFY(count->isVisible());
        QCOMPARE(count->text(), u"1000 todo(s) selected"_s);
        QVERIFY(s.h.clickRow(s.ids.at(3))); // one again: its own fields
        QVERIFY(!count->isVisible());
        QVERIFY(s.field<QLineEdit>(u"detailTitle"_s)->isVisible());
    }

    void shouldSetTheDueOfAllInOneStep()
    {
        Seeded s;
        QVERIFY(openAllSelected(s));
        auto *date = s.field<QDateEdit>(u"bulkDueDate"_s);
        date->setFocus(Qt::TabFocusReason); // the day section
        QTest::keyClick(date, Qt::Key_Up);
        const QDate tomorrow = QDate::currentDate().addDays(1);
        QCOMPARE(date->date(), tomorrow);
        QTest::mouseClick(s.field<QPushButton>(u"bulkSetDue"_s), Qt::LeftButton);
        QVERIFY(all(s, [&](const Todo &t) { return t.dueAt == Timestamp::fromDate(tomorrow) && !t.dueHasTime; }));
        QCOMPARE(s.stack()->count(), 1);

        QTest::mouseClick(s.field<QPushButton>(u"bulkClearDue"_s), Qt::LeftButton);
        QVERIFY(all(s, [](const Todo &t) { return !t.dueAt; }));
        QCOMPARE(s.stack()->count(), 2);

        s.h.press(QKeySequence::Undo);
        QVERIFY(all(s, [&](const Todo &t) { return t.dueAt == Timestamp::fromDate(tomorrow); }));
        s.h.press(QKeySequence::Undo);
        QVERIFY(all(s, [](const Todo &t) { return !t.dueAt; }));
        QCOMPARE(s.h.list()->selectedIds().size(), kTodos); // still all selected
    }

    void shouldAddAndRemoveATag()
    {
        Seeded s;
        QVERIFY(openAllSelected(s));
        auto *tag = s.field<QLineEdit>(u"bulkTag"_s);
        QTest::mouseClick(tag, Qt::LeftButton);
        QTest::keyClicks(tag, u"errand"_s);
        QTest::keyClick(tag, Qt::Key_Return);
        QVERIFY(all(s, [](const Todo &t) { return t.tags == QStringList{u"errand"_s}; }));
        QCOMPARE(s.stack()->count(), 1);
        QTest::mouseClick(s.field<QPushButton>(u"bulkRemoveTag"_s), Qt::LeftButton);
        QVERIFY(all(s, [](const Todo &t) { return t.tags.isEmpty(); }));
        QCOMPARE(s.stack()->count(), 2);
        s.h.press(QKeySequence::Undo);
        QVERIFY(all(s, [](const Todo &t) { return t.tags == QStringList{u"errand"_s}; }));
    }

    void shouldSetThePriorityAndTheList()
    {
        Seeded s;
        QVERIFY(openAllSelected(s));
        auto *priority = s.field<QComboBox>(u"bulkPriority"_s);
        priority->setFocus(Qt::TabFocusReason);
        QTest::keyClick(priority, Qt::Key_End); // High
        QVERIFY(all(s, [](const Todo &t) { return t.priority == Priority::High; }));
        QCOMPARE(s.stack()->count(), 1);
        QCOMPARE(priority->currentIndex(), -1); // no single value shown for many

        auto *list = s.field<QComboBox>(u"bulkList"_s);
        list->setFocus(Qt::TabFocusReason);
        QTest::keyClick(list, Qt::Key_End); // Errands, the last list
        QVERIFY(all(s, [&](const Todo &t) { return t.listId == s.errands.id; }));
        QCOMPARE(s.stack()->count(), 2);
        s.h.press(QKeySequence::Undo);
        QVERIFY(all(s, [&](const Todo &t) { return t.listId == s.h.store()->inboxId() && t.priority == Priority::High; }));
    }
};

QTEST_MAIN(MainWindowBulkEditTest)
#include "mainwindowbulkedittest.moc"
