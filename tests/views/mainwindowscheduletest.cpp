// The quick-schedule menu, by Ctrl+D and by the right click, on several
// selected todos at once: one undo step, and a timed due keeps its time.

#include "windowharness.h"

#include "widgets/schedulemenu.h"

#include <QCalendarWidget>
#include <QMenu>
#include <QTimer>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {

QMenu *openMenu(const QString &name)
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *menu = qobject_cast<QMenu *>(widget); menu && menu->isVisible() && menu->objectName() == name)
            return menu;
    }
    return nullptr;
}

QAction *actionNamed(QMenu *menu, const QString &name)
{
    for (QAction *action : menu->actions()) {
        if (action->objectName() == name)
            return action;
    }
    return nullptr;
}

void clickAction(QMenu *menu, const QString &name)
{
    QAction *action = actionNamed(menu, name);
    QVERIFY2(action, qPrintable(name));
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
}

const QTime kTime(15, 30);

} // namespace

class MainWindowScheduleTest : public QObject
{
    Q_OBJECT

private:
    struct Seeded
    {
        WindowHarness h;
        QStringList ids;
        Todo timed;
    };

    // Four todos, the second due in ten days at 15:30; all four selected.
    static bool openSelected(Seeded &s)
    {
        for (int i = 0; i < 4; ++i)
            s.ids << s.h.data.addTodo(u"Todo %1"_s.arg(i)).id;
        s.timed = *s.h.store()->todo(s.ids.at(1));
        s.timed.dueAt = Timestamp::fromDateTime(QDateTime(QDate::currentDate().addDays(10), kTime));
        s.timed.dueHasTime = true;
        s.timed = s.h.write(s.timed);
        return s.h.open() && s.h.clickRow(s.ids.first()) && s.h.clickRow(s.ids.last(), Qt::ShiftModifier)
            && s.h.list()->selectedIds().size() == 4;
    }

    static void verifyDue(const Seeded &s, QDate day)
    {
        for (const QString &id : s.ids) {
            const Todo todo = *s.h.store()->todo(id);
            QVERIFY(todo.dueAt);
            if (id == s.timed.id) {
                QVERIFY(todo.dueHasTime);
                QCOMPARE(Timestamp::toLocal(*todo.dueAt), QDateTime(day, kTime));
            } else {
                QVERIFY(!todo.dueHasTime);
                QCOMPARE(Timestamp::toDate(*todo.dueAt), day);
            }
        }
    }

    static void verifyUndone(const Seeded &s)
    {
        for (const QString &id : s.ids)
            QCOMPARE(s.h.store()->todo(id)->dueAt, id == s.timed.id ? s.timed.dueAt : std::nullopt);
    }

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldScheduleTheSelectionByCtrlD_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<int>("days"); // from today; -1: no date
        QTest::newRow("today") << u"scheduleToday"_s << 0;
        QTest::newRow("tomorrow") << u"scheduleTomorrow"_s << 1;
        QTest::newRow("next week") << u"scheduleNextWeek"_s << int(QDate::currentDate().daysTo(ScheduleMenu::nextWeek(QDate::currentDate())));
        QTest::newRow("someday") << u"scheduleSomeday"_s << -1;
    }

    void shouldScheduleTheSelectionByCtrlD()
    {
        QFETCH(QString, action);
        QFETCH(int, days);
        Seeded s;
        QVERIFY(openSelected(s));
        QTest::keyClick(s.h.list(), Qt::Key_D, Qt::ControlModifier);
        QMenu *menu = openMenu(u"menuSchedule"_s);
        QVERIFY(menu);
        clickAction(menu, action);
        QTRY_VERIFY(!menu->isVisible());

        if (days < 0) {
            for (const QString &id : std::as_const(s.ids))
                QCOMPARE(s.h.store()->todo(id)->dueAt, std::nullopt);
        } else {
            verifyDue(s, QDate::currentDate().addDays(days));
        }
        QCOMPARE(s.h.window->undoStack()->count(), 1);
        s.h.press(QKeySequence::Undo);
        verifyUndone(s);
    }

    void shouldPickADate()
    {
        Seeded s;
        QVERIFY(openSelected(s));
        QTest::keyClick(s.h.list(), Qt::Key_D, Qt::ControlModifier);
        QMenu *menu = openMenu(u"menuSchedule"_s);
        QVERIFY(menu);
        clickAction(menu, u"schedulePick"_s);
        QCalendarWidget *calendar = nullptr;
        QTRY_VERIFY((calendar = s.h.window->findChild<QCalendarWidget *>(u"schedulePickCalendar"_s)) && calendar->isVisible());
        QTest::keyClick(calendar->focusWidget() ? calendar->focusWidget() : calendar, Qt::Key_Right);
        QTest::keyClick(calendar->focusWidget() ? calendar->focusWidget() : calendar, Qt::Key_Right);
        QCOMPARE(calendar->selectedDate(), QDate::currentDate().addDays(2));
        QTest::keyClick(calendar->focusWidget() ? calendar->focusWidget() : calendar, Qt::Key_Return);
        verifyDue(s, QDate::currentDate().addDays(2));
        QCOMPARE(s.h.window->undoStack()->count(), 1);
    }

    void shouldScheduleFromTheContextMenu()
    {
        Seeded s;
        QVERIFY(openSelected(s));
        // The context menu runs its own event loop: walk it from inside.
        bool walked = false;
        QTimer::singleShot(0, this, [&] {
            auto *context = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QVERIFY(context);
            QAction *schedule = nullptr;
            for (QAction *action : context->actions()) {
                if (action->menu() && action->menu()->objectName() == u"menuSchedule")
                    schedule = action;
            }
            QVERIFY(schedule);
            context->setActiveAction(schedule);
            QTest::keyClick(context, Qt::Key_Right);
            QTRY_VERIFY(openMenu(u"menuSchedule"_s));
            clickAction(openMenu(u"menuSchedule"_s), u"scheduleTomorrow"_s);
            walked = true;
        });
        const QRect row = s.h.list()->visualRect(s.h.indexOf(s.ids.at(2)));
        QContextMenuEvent event(QContextMenuEvent::Mouse, row.center(), s.h.list()->viewport()->mapToGlobal(row.center()));
        QApplication::sendEvent(s.h.list()->viewport(), &event);
        QVERIFY(walked);
        verifyDue(s, QDate::currentDate().addDays(1));
        QCOMPARE(s.h.window->undoStack()->count(), 1);
    }
};

QTEST_MAIN(MainWindowScheduleTest)
#include "mainwindowscheduletest.moc"
