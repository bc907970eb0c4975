// Subtasks in the real window: added from the parent's detail pane (Enter,
// and the line keeps the focus), ticked, renamed, removed with Delete, each
// one undo step; the parent's row shows their progress as a chip and the
// list shows no row of theirs; a subtask's own pane names its parent; a
// parent moved to another list takes its subtasks along.

#include "windowharness.h"

#include "widgets/detailpane.h"
#include "widgets/todorow.h"
#include "widgets/todorowlayout.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QUndoStack>

using namespace Qt::StringLiterals;

class MainWindowSubtasksTest : public QObject
{
    Q_OBJECT

private:
    template<typename Widget>
    static Widget *field(const WindowHarness &h, const QString &name)
    {
        auto *widget = h.window->detailPane()->findChild<Widget *>(name);
        if (!widget)
            qFatal("no field %s", qPrintable(name));
        return widget;
    }

    // "Plan trip" in the Inbox, shown and selected.
    static bool openWithParent(WindowHarness &h, Todo &parent)
    {
        parent = h.data.addTodo(u"Plan trip"_s);
        return h.open() && h.clickSidebar(TodoFilter::list(h.store()->inboxId())) && h.clickRow(parent.id);
    }

    static void addSubtasks(const WindowHarness &h, const QStringList &titles)
    {
        auto *add = field<QLineEdit>(h, u"subtaskAdd"_s);
        QTest::mouseClick(add, Qt::LeftButton);
        for (const QString &title : titles) {
            QTest::keyClicks(add, title);
            QTest::keyClick(add, Qt::Key_Return);
        }
    }

    static QList<Todo> subtasks(const WindowHarness &h, const Todo &parent)
    {
        return h.store()->todos(h.store()->subtaskIds({parent.id}));
    }

    // The progress chip the row's layout places, as the painter draws it.
    static QString chipText(const WindowHarness &h, const QString &id)
    {
        const QModelIndex index = h.indexOf(id);
        QStyleOptionViewItem option;
        option.initFrom(h.list());
        option.rect = h.list()->visualRect(index);
        const TodoRowLayout layout(option, TodoRow(index), QDate::currentDate());
        for (const TodoRowLayout::Fact &fact : layout.facts) {
            if (fact.kind == TodoRowLayout::Kind::Progress)
                return fact.text;
        }
        return {};
    }

    // Undo from the todo list: in a text field Ctrl+Z is the field's own.
    static void undo(const WindowHarness &h)
    {
        h.list()->setFocus(Qt::ShortcutFocusReason);
        h.press(QKeySequence::Undo);
    }

    static void pressOnItem(const WindowHarness &h, int row, Qt::Key key)
    {
        auto *list = field<QListWidget>(h, u"subtaskList"_s);
        list->setFocus(Qt::TabFocusReason);
        list->setCurrentRow(row);
        QTest::keyClick(list, key);
    }

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldAddSubtasksFromTheDetailPane()
    {
        WindowHarness h;
        Todo parent;
        QVERIFY(openWithParent(h, parent));
        addSubtasks(h, {u"Book flights"_s, u"Pack"_s});

        const QList<Todo> added = subtasks(h, parent);
        QCOMPARE(added.size(), 2);
        QCOMPARE(added.at(0).title, u"Book flights"_s);
        QCOMPARE(added.at(1).title, u"Pack"_s);
        for (const Todo &subtask : added) {
            QCOMPARE(subtask.parentId, parent.id);
            QCOMPARE(subtask.listId, parent.listId);
        }
        QVERIFY(field<QLineEdit>(h, u"subtaskAdd"_s)->hasFocus()); // ready for the next one
        QVERIFY(field<QLineEdit>(h, u"subtaskAdd"_s)->text().isEmpty());
        QCOMPARE(h.window->undoStack()->count(), 2);
        QCOMPARE(field<QListWidget>(h, u"subtaskList"_s)->count(), 2);

        // Not rows of the list: the parent's row counts them instead.
        QCOMPARE(h.shownIds(), QStringList{parent.id});
        QCOMPARE(chipText(h, parent.id), u"0/2"_s);

        undo(h);
        QCOMPARE(subtasks(h, parent).size(), 1);
        QCOMPARE(field<QListWidget>(h, u"subtaskList"_s)->count(), 1);
    }

    void shouldTickSubtasksWithoutCompletingTheParent()
    {
        WindowHarness h;
        Todo parent;
        QVERIFY(openWithParent(h, parent));
        addSubtasks(h, {u"Book flights"_s, u"Pack"_s});
        pressOnItem(h, 0, Qt::Key_Space);
        QVERIFY(subtasks(h, parent).at(0).completed);
        QCOMPARE(chipText(h, parent.id), u"1/2"_s);
        QCOMPARE(field<QListWidget>(h, u"subtaskList"_s)->item(0)->checkState(), Qt::Checked);

        pressOnItem(h, 1, Qt::Key_Space);
        QCOMPARE(chipText(h, parent.id), u"2/2"_s);
        QVERIFY(!h.store()->todo(parent.id)->completed); // every subtask done is not the parent done

        undo(h);
        QVERIFY(!subtasks(h, parent).at(1).completed);
        QCOMPARE(chipText(h, parent.id), u"1/2"_s);
    }

    void shouldRenameAndRemoveASubtask()
    {
        WindowHarness h;
        Todo parent;
        QVERIFY(openWithParent(h, parent));
        addSubtasks(h, {u"Book flights"_s, u"Pack"_s});
        auto *list = field<QListWidget>(h, u"subtaskList"_s);
        list->setFocus(Qt::TabFocusReason);
        list->setCurrentRow(1);
        QTest::keyClick(list, Qt::Key_F2);
        QWidget *editor = QApplication::focusWidget();
        QVERIFY2(qobject_cast<QLineEdit *>(editor) && editor->objectName() != u"detailTitle"_s, qPrintable(editor->objectName()));
        QTest::keySequence(editor, QKeySequence::SelectAll);
        QTest::keyClicks(editor, u"Pack bags"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        // The item view commits its editor after the key, queued.
        QTRY_COMPARE(subtasks(h, parent).at(1).title, u"Pack bags"_s);
        const int steps = h.window->undoStack()->count();
        QCOMPARE(steps, 3);

        pressOnItem(h, 0, Qt::Key_Delete);
        QCOMPARE(subtasks(h, parent).size(), 1);
        QCOMPARE(list->count(), 1);
        QVERIFY(h.store()->todo(parent.id) && !h.store()->todo(parent.id)->isDeleted());
        QCOMPARE(h.window->undoStack()->count(), steps + 1);
        undo(h);
        QCOMPARE(subtasks(h, parent).size(), 2);
        QCOMPARE(list->count(), 2);
    }

    void shouldOpenASubtaskAndGoBackToItsParent()
    {
        WindowHarness h;
        Todo parent;
        QVERIFY(openWithParent(h, parent));
        addSubtasks(h, {u"Book flights"_s});
        pressOnItem(h, 0, Qt::Key_Return);

        DetailPane *pane = h.window->detailPane();
        QCOMPARE(pane->todo()->title, u"Book flights"_s);
        auto *label = field<QLabel>(h, u"subtaskParent"_s);
        QVERIFY(label->isVisible());
        QVERIFY2(label->text().contains(u"Subtask of"_s) && label->text().contains(u"Plan trip"_s), qPrintable(label->text()));
        QVERIFY(!field<QListWidget>(h, u"subtaskList"_s)->isVisible());
        QVERIFY(!field<QLineEdit>(h, u"subtaskAdd"_s)->isVisible()); // one level deep
        QVERIFY(!field<QComboBox>(h, u"detailList"_s)->isEnabled()); // it lives in its parent's list

        Q_EMIT label->linkActivated(u"parent"_s);
        QCOMPARE(pane->todo()->id, parent.id);
        QVERIFY(field<QLineEdit>(h, u"subtaskAdd"_s)->isVisible());
    }

    void shouldMoveSubtasksWithTheirParent()
    {
        WindowHarness h;
        const TodoList work = h.addList(u"Work"_s);
        Todo parent;
        QVERIFY(openWithParent(h, parent));
        addSubtasks(h, {u"Book flights"_s, u"Pack"_s});
        QVERIFY(h.clickRow(parent.id));
        auto *list = field<QComboBox>(h, u"detailList"_s);
        list->setFocus(Qt::TabFocusReason);
        QTest::keyClick(list, Qt::Key_Down); // Inbox, then Work
        QCOMPARE(h.store()->todo(parent.id)->listId, work.id);
        for (const Todo &subtask : subtasks(h, parent))
            QCOMPARE(subtask.listId, work.id);
        undo(h);
        for (const Todo &subtask : subtasks(h, parent))
            QCOMPARE(subtask.listId, h.store()->inboxId());
    }
};

QTEST_MAIN(MainWindowSubtasksTest)
#include "mainwindowsubtaskstest.moc"
