#include "windowharness.h"

#include "widgets/windowactions.h"

#include <QAction>
#include <QActionGroup>
#include <QDropEvent>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSplitter>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {

QAction *menuAction(MainWindow *window, const QString &menuName, const QString &actionName)
{
    auto *menu = window->findChild<QMenu *>(menuName);
    if (!menu)
        return nullptr;
    for (QAction *action : menu->actions()) {
        if (action->objectName() == actionName)
            return action;
    }
    return nullptr;
}

// The in-place editor of a sidebar entry, when one is open and focused.
QLineEdit *sidebarEditor(WindowHarness &h)
{
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    return editor && h.sidebar()->isAncestorOf(editor) ? editor : nullptr;
}

} // namespace

class MainWindowListsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldMoveWithTheMoveToMenu()
    {
        WindowHarness h;
        const TodoList errands = h.addList(u"Errands"_s);
        const Todo todo = h.data.addTodo(u"Buy stamps"_s);
        const Todo stays = h.data.addTodo(u"Stays"_s);
        QVERIFY(h.open());
        QVERIFY(h.clickRow(todo.id));

        auto *menu = h.window->findChild<QMenu *>(u"menuMoveTo"_s);
        QVERIFY(menu);
        QVERIFY(menu->isEnabled());
        Q_EMIT menu->aboutToShow();
        Q_EMIT menu->aboutToShow(); // opened twice: still one entry per list
        QStringList names;
        QAction *target = nullptr;
        for (QAction *action : menu->actions()) {
            names << action->text();
            if (action->text() == u"Errands")
                target = action;
        }
        QCOMPARE(names, (QStringList{u"Inbox"_s, u"Errands"_s}));
        target->trigger();

        QCOMPARE(h.store()->todo(todo.id)->listId, errands.id);
        QCOMPARE(h.store()->todo(stays.id)->listId, h.store()->inboxId());
        QCOMPARE(h.shownIds(), QStringList{stays.id});
        QTRY_COMPARE(h.window->sidebarModel()->indexOf(TodoFilter::list(errands.id))
                         .data(SidebarModel::CountRole).toInt(), 1);

        h.press(QKeySequence::Undo);
        QCOMPARE(h.store()->todo(todo.id)->listId, h.store()->inboxId());
        QCOMPARE(h.store()->todo(todo.id)->position, todo.position);
        QCOMPARE(h.shownIds(), (QStringList{todo.id, stays.id}));
    }

    void shouldMoveByDroppingOnTheSidebar_data()
    {
        QTest::addColumn<bool>("dropEvent");
        QTest::addColumn<bool>("onList");
        QTest::newRow("todosDropped") << false << true;
        QTest::newRow("drop on a list") << true << true;
        QTest::newRow("drop on a smart list") << true << false;
    }

    void shouldMoveByDroppingOnTheSidebar()
    {
        QFETCH(bool, dropEvent);
        QFETCH(bool, onList);
        WindowHarness h;
        const TodoList errands = h.addList(u"Errands"_s);
        const Todo first = h.data.addTodo(u"First"_s);
        const Todo second = h.data.addTodo(u"Second"_s);
        const Todo stays = h.data.addTodo(u"Stays"_s);
        QVERIFY(h.open());
        QVERIFY(h.clickRow(first.id));
        QVERIFY(h.clickRow(second.id, Qt::ShiftModifier));
        const QStringList dragged{first.id, second.id};
        QCOMPARE(h.list()->selectedIds(), dragged);

        if (!dropEvent) {
            Q_EMIT h.sidebar()->todosDropped(dragged, errands.id);
        } else {
            const std::unique_ptr<QMimeData> mime(h.model()->mimeData(h.list()->selectionModel()->selectedIndexes()));
            QVERIFY(mime);
            const TodoFilter target = onList ? TodoFilter::list(errands.id) : TodoFilter::smart(TodoFilter::Kind::Today);
            const QPoint pos = h.sidebar()->visualRect(h.window->sidebarModel()->indexOf(target)).center();
            const Qt::DropActions actions = Qt::CopyAction | Qt::MoveAction;
            QDragEnterEvent enter(pos, actions, mime.get(), Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(h.sidebar()->viewport(), &enter);
            QVERIFY(enter.isAccepted());
            QDragMoveEvent move(pos, actions, mime.get(), Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(h.sidebar()->viewport(), &move);
            QCOMPARE(move.isAccepted(), onList);
            QDropEvent drop(QPointF(pos), actions, mime.get(), Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(h.sidebar()->viewport(), &drop);
            QCOMPARE(drop.isAccepted(), onList);
            if (onList) // a copy to Qt: the todo view must not remove the rows itself
                QCOMPARE(drop.dropAction(), Qt::CopyAction);
        }

        const QString expected = onList ? errands.id : h.store()->inboxId();
        QCOMPARE(h.store()->todo(first.id)->listId, expected);
        QCOMPARE(h.store()->todo(second.id)->listId, expected);
        QCOMPARE(h.store()->todo(stays.id)->listId, h.store()->inboxId());
        QCOMPARE(h.window->undoStack()->count(), onList ? 1 : 0);
        if (!onList)
            return;
        QCOMPARE(h.shownIds(), QStringList{stays.id});
        const QList<Todo> moved = h.store()->todosInList(errands.id);
        QCOMPARE(moved.size(), 2);
        QCOMPARE(moved.at(0).id, first.id); // in their order, at the end of the list
        QCOMPARE(moved.at(1).id, second.id);

        h.press(QKeySequence::Undo);
        QCOMPARE(h.store()->todo(first.id)->listId, h.store()->inboxId());
        QCOMPARE(h.store()->todo(second.id)->listId, h.store()->inboxId());
        QCOMPARE(h.shownIds(), (QStringList{first.id, second.id, stays.id}));
    }

    void shouldKeepAListNameBeingTypedWhenNewCountsArrive()
    {
        WindowHarness h;
        QVERIFY(h.open());
        h.press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
        QLineEdit *editor = sidebarEditor(h);
        QVERIFY(editor);
        QTest::keyClicks(editor, u"Groc"_s);

        // A todo arrives meanwhile (a pull, another window): the sidebar recounts.
        const QModelIndex all = h.window->sidebarModel()->indexOf(TodoFilter::smart(TodoFilter::Kind::All));
        const int before = all.siblingAtColumn(SidebarModel::CountColumn).data(SidebarModel::CountRole).toInt();
        h.data.addTodo(u"Arrives meanwhile"_s);
        QTRY_COMPARE(all.siblingAtColumn(SidebarModel::CountColumn).data(SidebarModel::CountRole).toInt(), before + 1);
        QCOMPARE(sidebarEditor(h), editor);
        QCOMPARE(editor->text(), u"Groc"_s);
    }

    void shouldCreateAListWithTheInlineEditor()
    {
        WindowHarness h;
        QVERIFY(h.open());
        QCOMPARE(h.listNames(), QStringList());
        h.press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));

        QLineEdit *editor = sidebarEditor(h);
        QVERIFY(editor);
        QCOMPARE(editor->text(), u"New List"_s);
        QCOMPARE(editor->selectedText(), u"New List"_s); // typing replaces it
        const QString id = h.sidebar()->currentListId();
        QVERIFY(!id.isEmpty());
        QCOMPARE(h.store()->list(id)->name, u"New List"_s);
        QTest::keyClicks(editor, u"Groceries"_s);
        QTest::keyClick(editor, Qt::Key_Return); // the view commits from a queued call

        QTRY_COMPARE(h.store()->list(id)->name, u"Groceries"_s);
        QVERIFY(!sidebarEditor(h));
        QCOMPARE(h.listNames(), QStringList{u"Groceries"_s});
        QTRY_COMPARE(h.sidebarListNames(), QStringList{u"Groceries"_s});
        QCOMPARE(h.sidebar()->currentListId(), id);
        QCOMPARE(h.model()->todoFilter().id, id);
        QCOMPARE(h.window->undoStack()->count(), 2); // create, then name

        h.press(QKeySequence::Undo);
        QCOMPARE(h.store()->list(id)->name, u"New List"_s);
        h.press(QKeySequence::Undo);
        QVERIFY(h.store()->list(id)->isDeleted());
        QTRY_COMPARE(h.sidebarListNames(), QStringList());
        // The list shown is gone: the sidebar falls back to an entry, and the todos follow it.
        const auto shown = h.sidebar()->currentFilter();
        QVERIFY(shown);
        QVERIFY(shown->id != id);
        QCOMPARE(h.model()->todoFilter().kind, shown->kind);
        QCOMPARE(h.model()->todoFilter().id, shown->id);
    }

    void shouldRenameAListWithF2()
    {
        WindowHarness h;
        const TodoList errands = h.addList(u"Errands"_s);
        QVERIFY(h.open());
        QVERIFY(h.clickSidebar(TodoFilter::list(errands.id)));
        QVERIFY(h.window->actions()->renameList->isEnabled());
        QTest::keyClick(h.sidebar(), Qt::Key_F2);

        QLineEdit *editor = sidebarEditor(h);
        QVERIFY(editor);
        QCOMPARE(editor->text(), u"Errands"_s);
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(editor, u"  Chores "_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(h.store()->list(errands.id)->name, u"Chores"_s);
        QTRY_COMPARE(h.sidebarListNames(), QStringList{u"Chores"_s});
        QCOMPARE(h.sidebar()->currentListId(), errands.id);
        QCOMPARE(h.window->undoStack()->count(), 1);

        h.press(QKeySequence::Undo);
        QCOMPARE(h.store()->list(errands.id)->name, u"Errands"_s);
        QTRY_COMPARE(h.sidebarListNames(), QStringList{u"Errands"_s});

        // The Inbox keeps its name: no editor opens.
        QVERIFY(h.clickSidebar(TodoFilter::list(h.store()->inboxId())));
        QVERIFY(!h.window->actions()->renameList->isEnabled());
        QTest::keyClick(h.sidebar(), Qt::Key_F2);
        QVERIFY(!sidebarEditor(h));
        QVERIFY(h.sidebar()->hasFocus());
    }

    void shouldKeepAnUnfinishedEditWhenTheWindowGoesAway_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("list name") << u"list"_s;
        QTest::newRow("todo title") << u"detailTitle"_s;
        QTest::newRow("notes") << u"detailNotes"_s;
    }

    void shouldKeepAnUnfinishedEditWhenTheWindowGoesAway()
    {
        QFETCH(QString, field);
        WindowHarness h;
        const TodoList errands = h.addList(u"Errands"_s);
        const Todo todo = h.data.addTodo(u"Todo"_s, errands.id);
        QVERIFY(h.open());
        QVERIFY(h.clickSidebar(TodoFilter::list(errands.id)));
        if (field == u"list") {
            QTest::keyClick(h.sidebar(), Qt::Key_F2);
            QVERIFY(sidebarEditor(h));
        } else {
            QVERIFY(h.clickRow(todo.id));
            h.window->findChild<QWidget *>(field)->setFocus(Qt::TabFocusReason);
            QCOMPARE(h.focused()->objectName(), field);
        }
        QTest::keyClick(h.focused(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(h.focused(), u"Typed"_s); // and no Enter, no Tab

        // Destroyed while still visible with the field focused, as at logout.
        h.sidebarTester.reset();
        h.todoTester.reset();
        h.window.reset();
        if (field == u"list")
            QCOMPARE(h.store()->list(errands.id)->name, u"Typed"_s);
        else if (field == u"detailTitle")
            QCOMPARE(h.store()->todo(todo.id)->title, u"Typed"_s);
        else
            QCOMPARE(h.store()->todo(todo.id)->notes, u"Typed"_s);
    }

    void shouldDeleteAListAndUndo()
    {
        WindowHarness h;
        const TodoList errands = h.addList(u"Errands"_s);
        const Todo open = h.data.addTodo(u"Open one"_s, errands.id);
        Todo done = h.data.addTodo(u"Done one"_s, errands.id);
        done.setCompleted(true, Timestamp::now());
        done = h.write(done);
        const Todo inInbox = h.data.addTodo(u"In the inbox"_s);
        QVERIFY(h.open());
        QVERIFY(h.clickSidebar(TodoFilter::list(errands.id)));
        QCOMPARE(h.model()->matchingCount(), 2);

        QAction *deleteList = menuAction(h.window.get(), u"menuList"_s, u"actionDeleteList"_s);
        QVERIFY(deleteList);
        QVERIFY(deleteList->isEnabled());
        deleteList->trigger();
        // The list has todos: the window asks, and this time they go too.
        QPushButton *deleteTodos = nullptr;
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            if (widget->isVisible() && widget->objectName() == u"deleteListDialog")
                deleteTodos = widget->findChild<QPushButton *>(u"deleteListDeleteTodos"_s);
        }
        QVERIFY(deleteTodos);
        QTest::mouseClick(deleteTodos, Qt::LeftButton);

        QVERIFY(h.store()->list(errands.id)->isDeleted());
        QVERIFY(h.store()->todo(open.id)->isDeleted());
        QVERIFY(h.store()->todo(done.id)->isDeleted());
        QVERIFY(!h.store()->todo(inInbox.id)->isDeleted());
        QCOMPARE(h.sidebarListNames(), QStringList());
        QCOMPARE(h.sidebar()->currentListId(), h.store()->inboxId());
        QCOMPARE(h.shownIds(), QStringList{inInbox.id});
        QCOMPARE(h.window->undoStack()->count(), 1);

        h.press(QKeySequence::Undo);
        QVERIFY(!h.store()->list(errands.id)->isDeleted());
        QVERIFY(!h.store()->todo(open.id)->isDeleted());
        QVERIFY(!h.store()->todo(done.id)->isDeleted());
        QCOMPARE(h.store()->todo(done.id)->completed, true);
        QTRY_COMPARE(h.sidebarListNames(), QStringList{u"Errands"_s});
        QVERIFY(h.clickSidebar(TodoFilter::list(errands.id)));
        QCOMPARE(h.model()->matchingCount(), 2);
    }

    void shouldNotDeleteTheInbox_data()
    {
        QTest::addColumn<bool>("inbox");
        QTest::addColumn<bool>("editable");
        QTest::newRow("Inbox") << true << false;
        QTest::newRow("All") << false << false;
        QTest::newRow("a list") << false << true;
    }

    void shouldNotDeleteTheInbox()
    {
        QFETCH(bool, inbox);
        QFETCH(bool, editable);
        WindowHarness h;
        const TodoList errands = h.addList(u"Errands"_s);
        QVERIFY(h.open());
        const TodoFilter filter = inbox ? TodoFilter::list(h.store()->inboxId())
            : editable                  ? TodoFilter::list(errands.id)
                                        : TodoFilter::smart(TodoFilter::Kind::All);
        QVERIFY(h.clickSidebar(filter));
        WindowActions *actions = h.window->actions();
        QCOMPARE(menuAction(h.window.get(), u"menuList"_s, u"actionDeleteList"_s)->isEnabled(), editable);
        QCOMPARE(actions->renameList->isEnabled(), editable);
        QCOMPARE(actions->moveListUp->isEnabled(), editable);
        QCOMPARE(actions->moveListDown->isEnabled(), editable);
        actions->deleteList->trigger();
        QCOMPARE(h.store()->lists().size(), editable ? 1 : 2);
        QVERIFY(!h.store()->list(h.store()->inboxId())->isDeleted());
    }

    void shouldMoveListsUpAndDown()
    {
        WindowHarness h;
        const TodoList a = h.addList(u"A"_s);
        const TodoList b = h.addList(u"B"_s);
        h.addList(u"C"_s);
        QVERIFY(h.open());
        QVERIFY(h.clickSidebar(TodoFilter::list(b.id)));
        auto expectOrder = [&](const QStringList &names) {
            return h.listNames() == names && h.sidebarListNames() == names
                && h.sidebar()->currentListId() == b.id && h.model()->todoFilter().id == b.id;
        };
        const QKeySequence up(Qt::CTRL | Qt::SHIFT | Qt::Key_Up);
        const QKeySequence down(Qt::CTRL | Qt::SHIFT | Qt::Key_Down);

        h.press(up);
        QVERIFY(expectOrder({u"B"_s, u"A"_s, u"C"_s}));
        h.press(down);
        QVERIFY(expectOrder({u"A"_s, u"B"_s, u"C"_s}));
        menuAction(h.window.get(), u"menuList"_s, u"actionMoveListDown"_s)->trigger();
        QVERIFY(expectOrder({u"A"_s, u"C"_s, u"B"_s}));
        QCOMPARE(h.window->undoStack()->count(), 3);

        h.press(QKeySequence::Undo);
        QCOMPARE(h.listNames(), (QStringList{u"A"_s, u"B"_s, u"C"_s}));
        QTRY_COMPARE(h.sidebarListNames(), (QStringList{u"A"_s, u"B"_s, u"C"_s}));
        QCOMPARE(h.store()->list(a.id)->position, a.position);
    }
};

QTEST_MAIN(MainWindowListsTest)
#include "mainwindowliststest.moc"
