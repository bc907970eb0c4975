// The window as a whole: every widget is reached by Tab and has a name for
// screen readers, and a restart brings back the last list, the window's
// size, the panes' sizes, the sort and "hide completed".

#include "windowharness.h"

#include "widgets/windowactions.h"

#include <QAction>
#include <QSplitter>

using namespace Qt::StringLiterals;

class MainWindowRestoreTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldReachEveryWidgetWithTheKeyboard()
    {
        WindowHarness h;
        Todo todo = h.data.addTodo(u"Plan the trip"_s);
        todo.dueAt = Timestamp::fromDateTime(QDateTime(QDate::currentDate().addDays(3), QTime(10, 0)));
        todo.dueHasTime = true; // every due field is enabled
        h.write(todo);
        QVERIFY(h.open());
        QVERIFY(h.clickRow(todo.id));
        QVERIFY(h.clickSidebar(TodoFilter::list(h.store()->inboxId())));
        QCOMPARE(h.list()->selectedIds(), QStringList{todo.id});

        const QStringList wanted{u"sidebar"_s, u"quickAddInput"_s, u"searchField"_s, u"todoList"_s,
                                 u"detailCompleted"_s, u"detailTitle"_s, u"detailList"_s,
                                 u"detailHasDue"_s, u"detailDueDate"_s, u"detailHasTime"_s,
                                 u"detailDueTime"_s, u"detailPriority"_s, u"detailTags"_s, u"detailNotes"_s};
        QStringList reached;
        for (int press = 0; press < 80; ++press) {
            QTest::keyClick(h.focused(), Qt::Key_Tab);
            QWidget *widget = QApplication::focusWidget();
            while (widget && !wanted.contains(widget->objectName()))
                widget = widget->parentWidget();
            if (!widget)
                continue;
            if (!reached.contains(widget->objectName()))
                reached << widget->objectName();
            if (widget == h.sidebar())
                break;
        }
        for (const QString &name : wanted) {
            QVERIFY2(reached.contains(name), qPrintable(name + u" not reached: "_s + reached.join(u", ")));
            auto *widget = h.window->findChild<QWidget *>(name);
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(name));
        }
        QCOMPARE(reached.first(), u"quickAddInput"_s); // after the sidebar, where todos are born
        QCOMPARE(reached.last(), u"sidebar"_s);
    }

    void shouldRestoreTheLastListAndGeometry()
    {
        WindowHarness h;
        const TodoList errands = h.addList(u"Errands"_s);
        const Todo todo = h.data.addTodo(u"In errands"_s, errands.id);
        QVERIFY(h.open());
        QVERIFY(h.clickSidebar(TodoFilter::list(errands.id)));
        // Not the default size, and room for every pane at its minimum (in a
        // narrower window the detail pane gives way to the list).
        const QSize size = h.window->minimumSizeHint().expandedTo(QSize(1200, 640));
        h.window->resize(size);
        QTRY_COMPARE(h.window->size(), size);
        auto *splitter = h.window->findChild<QSplitter *>(u"mainSplitter"_s);
        QList<int> sizes = splitter->sizes();
        sizes[0] += 20; // give the sidebar a little more room than it had
        sizes[1] -= 20;
        splitter->setSizes(sizes);
        sizes = splitter->sizes();
        h.window->actions()->hideCompleted->trigger();
        QAction *byTitle = h.window->findChild<QAction *>(u"actionSort%1"_s.arg(int(TodoModel::Sort::Title)));
        byTitle->trigger();
        QVERIFY(h.window->close());

        h.sidebarTester.reset();
        h.todoTester.reset();
        h.window.reset();
        QVERIFY(h.open());
        QCOMPARE(h.sidebar()->currentListId(), errands.id);
        QCOMPARE(h.model()->todoFilter().id, errands.id);
        QCOMPARE(h.shownIds(), QStringList{todo.id});
        QCOMPARE(h.window->size(), size);
        QCOMPARE(h.window->findChild<QSplitter *>(u"mainSplitter"_s)->sizes(), sizes);
        QVERIFY(h.window->actions()->hideCompleted->isChecked());
        QCOMPARE(h.model()->sortMode(), TodoModel::Sort::Title);
        QVERIFY(h.window->findChild<QAction *>(u"actionSort%1"_s.arg(int(TodoModel::Sort::Title)))->isChecked());
    }
};

QTEST_MAIN(MainWindowRestoreTest)
#include "mainwindowrestoretest.moc"
