#include "windowharness.h"

#include "widgets/quickaddbar.h"

#include <QLabel>
#include <QLineEdit>
#include <QUndoStack>

using namespace Qt::StringLiterals;

// Quick add in the real window tells the truth: an @list that does not exist
// is made (the preview says so first), in the same undo step as the todo; a
// list name with spaces is found; the reminders it shows are saved with the
// todo; Escape leaves the line for the list.
class QuickAddWindowTest : public QObject
{
    Q_OBJECT

private:
    static QLineEdit *input(const WindowHarness &h) { return h.window->quickAddBar()->input(); }
    static QLabel *preview(const WindowHarness &h)
    {
        return h.window->findChild<QLabel *>(u"quickAddPreview"_s);
    }

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldMakeTheNamedListInOneUndoStep()
    {
        WindowHarness h;
        h.addList(u"Errands"_s);
        QVERIFY(h.open());
        h.press(QKeySequence::New);
        QVERIFY(input(h)->hasFocus());
        QTest::keyClicks(input(h), u"Write the report @Work"_s);
        QCOMPARE(preview(h)->text(), u"New list: Work"_s);
        QTest::keyClick(input(h), Qt::Key_Return);

        const auto work = h.store()->listByName(u"Work"_s);
        QVERIFY2(work, "the list the preview promised was not made");
        const QList<Todo> inWork = h.store()->todosInList(work->id);
        QCOMPARE(inWork.size(), 1);
        QCOMPARE(inWork.first().title, u"Write the report"_s);
        QTRY_VERIFY(h.sidebarListNames().contains(u"Work"_s));
        QCOMPARE(h.window->undoStack()->count(), 1);

        // Now it exists: the preview names it as it is.
        QTest::keyClicks(input(h), u"Send it @work"_s);
        QCOMPARE(preview(h)->text(), u"List: Work"_s);
        input(h)->clear();

        // One undo takes both away.
        h.list()->setFocus();
        h.press(QKeySequence::Undo);
        QVERIFY(!h.store()->listByName(u"Work"_s));
        QVERIFY(!h.store()->todo(inWork.first().id) || h.store()->todo(inWork.first().id)->isDeleted());
        QCOMPARE(h.listNames(), QStringList{u"Errands"_s});
    }

    void shouldFindAListWhoseNameHasSpaces()
    {
        WindowHarness h;
        const TodoList side = h.addList(u"Side"_s);
        const TodoList project = h.addList(u"Side project"_s);
        QVERIFY(h.open());
        h.press(QKeySequence::New);
        QTest::keyClicks(input(h), u"Sketch the plan @side project"_s);
        QCOMPARE(preview(h)->text(), u"List: Side project"_s);
        QTest::keyClick(input(h), Qt::Key_Return);

        QCOMPARE(h.store()->todosInList(project.id).size(), 1);
        QCOMPARE(h.store()->todosInList(project.id).first().title, u"Sketch the plan"_s);
        QVERIFY(h.store()->todosInList(side.id).isEmpty());
        QCOMPARE(h.listNames(), (QStringList{u"Side"_s, u"Side project"_s}));
    }

    void shouldSaveTheRemindersItShows()
    {
        WindowHarness h;
        QVERIFY(h.open());
        h.press(QKeySequence::New);
        QTest::keyClicks(input(h), u"Call Sam tomorrow 15:00 remind 15m before"_s);
        QVERIFY2(preview(h)->text().contains(u"Remind 15 min before"_s), qPrintable(preview(h)->text()));
        QTest::keyClick(input(h), Qt::Key_Return);

        const QList<Todo> inbox = h.store()->todosInList(h.store()->inboxId());
        QCOMPARE(inbox.size(), 1);
        const Todo todo = inbox.first();
        QCOMPARE(todo.title, u"Call Sam"_s);
        const QList<Reminder> reminders = h.store()->reminders({todo.id});
        QCOMPARE(reminders.size(), 1);
        QVERIFY(reminders.first().isRelative());
        QCOMPARE(reminders.first().offsetMinutes, 15);
        QCOMPARE(h.window->undoStack()->count(), 1);

        // One undo takes the todo and its reminder away.
        h.list()->setFocus();
        h.press(QKeySequence::Undo);
        QVERIFY(!h.store()->todo(todo.id) || h.store()->todo(todo.id)->isDeleted());
        QVERIFY(h.store()->reminders({todo.id}).isEmpty());
    }

    void shouldLeaveForTheListOnEscape()
    {
        WindowHarness h;
        h.data.addTodo(u"Existing"_s);
        QVERIFY(h.open());
        h.press(QKeySequence::New);
        QVERIFY(input(h)->hasFocus());
        QTest::keyClicks(input(h), u"Half a thought"_s);
        QTest::keyClick(input(h), Qt::Key_Escape);
        QCOMPARE(input(h)->text(), QString());
        QVERIFY(h.list()->hasFocus());

        // And from an empty line.
        h.press(QKeySequence::New);
        QVERIFY(input(h)->hasFocus());
        QTest::keyClick(input(h), Qt::Key_Escape);
        QVERIFY(h.list()->hasFocus());
        QCOMPARE(h.store()->todosInList(h.store()->inboxId()).size(), 1);
    }
};

QTEST_MAIN(QuickAddWindowTest)
#include "quickaddwindowtest.moc"
