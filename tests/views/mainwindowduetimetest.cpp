// The due time in the detail pane, typed by keyboard in the real window: the
// digits make the time, arrows step it, and the save that follows each change
// neither resets the field nor moves the keyboard focus elsewhere.

#include "windowharness.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTimeEdit>
#include <QUndoStack>

using namespace Qt::StringLiterals;

class MainWindowDueTimeTest : public QObject
{
    Q_OBJECT

private:
    struct Timed
    {
        WindowHarness h;
        Todo todo;
        QTimeEdit *time = nullptr;
    };

    // A todo due in three days at 15:30, selected, with its time field clicked on the hours.
    static bool openTimed(Timed &t)
    {
        t.todo = t.h.data.addTodo(u"Call the bank"_s);
        t.todo.notes = u"Ask about the fee"_s;
        t.todo.dueAt = Timestamp::fromDateTime(QDateTime(QDate::currentDate().addDays(3), QTime(15, 30)));
        t.todo.dueHasTime = true;
        t.todo = t.h.write(t.todo);
        if (!t.h.open() || !t.h.clickRow(t.todo.id))
            return false;
        t.time = t.h.window->findChild<QTimeEdit *>(u"detailDueTime"_s);
        if (!t.time || !t.time->isEnabled())
            return false;
        // On the hours, where a person's click lands: the field's text, not its frame.
        auto *text = t.time->findChild<QLineEdit *>();
        if (!text)
            return false;
        QTest::mouseClick(text, Qt::LeftButton, {}, QPoint(4, text->height() / 2));
        return t.time->hasFocus();
    }

    static QTime savedTime(const Timed &t)
    {
        const auto todo = t.h.store()->todo(t.todo.id);
        return todo && todo->dueAt ? Timestamp::toLocal(*todo->dueAt).time() : QTime();
    }

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldTakeATimeTypedInDigits()
    {
        Timed t;
        QVERIFY(openTimed(t));
        for (const char key : {'1', '0', '4', '5'}) {
            QTest::keyClick(t.h.focused(), key);
            QVERIFY2(t.time->hasFocus(), qPrintable(t.h.focused()->objectName()));
        }
        QCOMPARE(t.time->time(), QTime(10, 45));
        QTest::keyClick(t.h.focused(), Qt::Key_Return);
        QCOMPARE(savedTime(t), QTime(10, 45));
        QVERIFY(t.time->hasFocus());
        QCOMPARE(t.h.store()->todo(t.todo.id)->notes, t.todo.notes);
    }

    void shouldStepTheTimeWithTheArrowsAgainAndAgain()
    {
        Timed t;
        QVERIFY(openTimed(t));
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(t.h.focused(), Qt::Key_Up);
        QCOMPARE(t.time->time(), QTime(18, 30));
        QTest::keyClick(t.h.focused(), Qt::Key_Down);
        QTest::keyClick(t.h.focused(), Qt::Key_Tab); // on to the next field: the time is kept
        QCOMPARE(savedTime(t), QTime(17, 30));
        // One person's run of time changes is one undo step.
        QCOMPARE(t.h.window->undoStack()->count(), 1);
    }

    void shouldNeverTypeIntoTheNotes()
    {
        Timed t;
        QVERIFY(openTimed(t));
        auto *notes = t.h.window->findChild<QPlainTextEdit *>(u"detailNotes"_s);
        QVERIFY(notes);
        // Each keystroke saves; none of the saves moves the focus on.
        for (const char key : {'0', '8', '1', '5', 'x'}) {
            QTest::keyClick(t.h.focused(), key);
            QVERIFY(t.time->hasFocus());
        }
        QTest::keyClick(t.h.focused(), Qt::Key_Up);
        QVERIFY(t.time->hasFocus());
        QTest::keyClick(t.h.focused(), '7');
        QVERIFY(t.time->hasFocus());
        QCOMPARE(savedTime(t), QTime(8, 7)); // after a step, a digit starts the minutes anew
        QCOMPARE(notes->toPlainText(), t.todo.notes);
        QCOMPARE(t.h.store()->todo(t.todo.id)->notes, t.todo.notes);
    }
};

QTEST_MAIN(MainWindowDueTimeTest)
#include "mainwindowduetimetest.moc"
