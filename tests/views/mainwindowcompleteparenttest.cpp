// Completing a todo whose subtasks are still open asks first: Complete All
// (the todo and its open subtasks, one undo step), Complete Only This, or
// Cancel; from the row's check box, Space in the list, or the detail pane's
// box, and by keyboard. A todo without open subtasks completes at once.

#include "windowharness.h"

#include "commands/todocommands.h"
#include "widgets/detailpane.h"

#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {

QMessageBox *openQuestion()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *box = qobject_cast<QMessageBox *>(widget); box && box->isVisible()
            && box->objectName() == u"completeParentDialog")
            return box;
    }
    return nullptr;
}

} // namespace

class MainWindowCompleteParentTest : public QObject
{
    Q_OBJECT

private:
    struct Seeded
    {
        WindowHarness h;
        Todo parent, open, done;
    };

    // "Trip" in the Inbox with two subtasks, "Pack" open and "Book" done; the Inbox shown.
    static bool openWithSubtasks(Seeded &s)
    {
        s.parent = s.h.data.addTodo(u"Trip"_s);
        auto add = [&](const QString &title, bool done) {
            Todo todo = s.h.store()->newTodo({}, title);
            todo.parentId = s.parent.id;
            todo.setCompleted(done, Timestamp::now());
            return s.h.write(todo);
        };
        s.open = add(u"Pack"_s, false);
        s.done = add(u"Book"_s, true);
        return s.h.open() && s.h.clickSidebar(TodoFilter::list(s.h.store()->inboxId()));
    }

    static bool completed(const Seeded &s, const Todo &todo) { return s.h.store()->todo(todo.id)->completed; }

    static void undo(const Seeded &s)
    {
        s.h.list()->setFocus(Qt::ShortcutFocusReason);
        s.h.press(QKeySequence::Undo);
    }

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldCompleteAllInOneStep()
    {
        Seeded s;
        QVERIFY(openWithSubtasks(s));
        QVERIFY(s.h.clickCheckBox(s.parent.id));
        QMessageBox *box = openQuestion();
        QVERIFY(box);
        QVERIFY2(box->text().contains(u"1 open subtask"_s), qPrintable(box->text()));
        QVERIFY(!completed(s, s.parent)); // nothing before the answer
        QTest::mouseClick(box->findChild<QPushButton *>(u"completeParentAll"_s), Qt::LeftButton);

        QVERIFY(completed(s, s.parent));
        QVERIFY(completed(s, s.open));
        QCOMPARE(s.h.window->undoStack()->count(), 1);
        undo(s);
        QVERIFY(!completed(s, s.parent));
        QVERIFY(!completed(s, s.open));
        QVERIFY(completed(s, s.done)); // done before, done still
    }

    void shouldCompleteOnlyTheParent()
    {
        Seeded s;
        QVERIFY(openWithSubtasks(s));
        QVERIFY(s.h.clickRow(s.parent.id));
        s.h.press(QKeySequence(Qt::Key_Space));
        QMessageBox *box = openQuestion();
        QVERIFY(box);
        QTest::mouseClick(box->findChild<QPushButton *>(u"completeParentOnly"_s), Qt::LeftButton);

        QVERIFY(completed(s, s.parent));
        QVERIFY(!completed(s, s.open));
        QCOMPARE(s.h.window->undoStack()->count(), 1);
        undo(s);
        QVERIFY(!completed(s, s.parent));
    }

    void shouldChangeNothingOnCancel()
    {
        Seeded s;
        QVERIFY(openWithSubtasks(s));
        QVERIFY(s.h.clickRow(s.parent.id));
        auto *box = s.h.window->detailPane()->findChild<QCheckBox *>(u"detailCompleted"_s);
        QTest::mouseClick(box, Qt::LeftButton);
        QMessageBox *question = openQuestion();
        QVERIFY(question);
        QTest::keyClick(question, Qt::Key_Escape);
        QTRY_VERIFY(!openQuestion());
        QVERIFY(!completed(s, s.parent));
        QVERIFY(!completed(s, s.open));
        QCOMPARE(s.h.window->undoStack()->count(), 0);
        QVERIFY(!box->isChecked()); // the pane shows the todo as it is
    }

    void shouldAnswerByKeyboard()
    {
        Seeded s;
        QVERIFY(openWithSubtasks(s));
        QVERIFY(s.h.clickRow(s.parent.id));
        s.h.press(QKeySequence(Qt::Key_Space));
        QMessageBox *question = openQuestion();
        QVERIFY(question);
        QTest::keyClick(question, Qt::Key_Return); // Complete All is the default
        QTRY_VERIFY(!openQuestion());
        QVERIFY(completed(s, s.parent));
        QVERIFY(completed(s, s.open));
    }

    void shouldNotAskWithoutOpenSubtasks()
    {
        Seeded s;
        QVERIFY(openWithSubtasks(s));
        QVERIFY(s.h.clickRow(s.parent.id));
        QVERIFY(TodoCommands::setCompleted(s.h.window->undoStack(), s.h.store(), {s.open.id}, true));
        QVERIFY(s.h.clickCheckBox(s.parent.id));
        QVERIFY(!openQuestion());
        QVERIFY(completed(s, s.parent));
        // Reopening never asks either.
        QVERIFY(s.h.clickCheckBox(s.parent.id));
        QVERIFY(!openQuestion());
        QVERIFY(!completed(s, s.parent));
    }
};

QTEST_MAIN(MainWindowCompleteParentTest)
#include "mainwindowcompleteparenttest.moc"
