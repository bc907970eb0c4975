// A start date (defer until) set in the detail pane: one undo step; the todo
// leaves Today and its count until that day, Upcoming lists it under its
// start day, and its own list shows it dimmed with "Starts <date>".

#include "windowharness.h"

#include "widgets/detailpane.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QImage>
#include <QUndoStack>

using namespace Qt::StringLiterals;

class MainWindowStartDateTest : public QObject
{
    Q_OBJECT

private:
    static int todayCount(const WindowHarness &h)
    {
        const QModelIndex today = h.window->sidebarModel()->indexOf(TodoFilter::smart(TodoFilter::Kind::Today));
        return today.siblingAtColumn(0).data(SidebarModel::CountRole).toInt();
    }

    // The darkest grey of a row's title, as painted: lower is stronger ink.
    static int darkest(const WindowHarness &h, const QString &id)
    {
        const QModelIndex index = h.indexOf(id);
        const QRect row = h.list()->visualRect(index);
        const QImage image = h.list()->viewport()->grab(row).toImage();
        int least = 255;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = image.width() / 8; x < image.width() / 2; ++x)
                least = qMin(least, qGray(image.pixel(x, y)));
        }
        return least;
    }

    // "Report" and "Other", both due today, in the Inbox; "Report" selected there.
    static bool openWithTodos(WindowHarness &h, Todo &report, Todo &other)
    {
        auto dueToday = [&](const QString &title) {
            Todo todo = h.store()->newTodo({}, title);
            todo.dueAt = Timestamp::fromDate(QDate::currentDate());
            return h.write(todo);
        };
        report = dueToday(u"Report"_s);
        other = dueToday(u"Other"_s);
        return h.open() && h.clickSidebar(TodoFilter::list(h.store()->inboxId())) && h.clickRow(report.id);
    }

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldDeferFromTheEditorOutOfTodayIntoUpcoming()
    {
        WindowHarness h;
        Todo report, other;
        QVERIFY(openWithTodos(h, report, other));
        QTRY_COMPARE(todayCount(h), 2);
        auto *hasStart = h.window->detailPane()->findChild<QCheckBox *>(u"detailHasStart"_s);
        QVERIFY(hasStart);
        QTest::mouseClick(hasStart, Qt::LeftButton);

        const QDate tomorrow = QDate::currentDate().addDays(1);
        QCOMPARE(h.store()->todo(report.id)->startAt, std::optional(Timestamp::fromDate(tomorrow)));
        QCOMPARE(h.window->undoStack()->count(), 1);
        QCOMPARE(h.window->detailPane()->findChild<QDateEdit *>(u"detailStartDate"_s)->date(), tomorrow);

        // Dimmed in its list, and says when it starts.
        QVERIFY(h.indexOf(report.id).data(TodoModel::DeferredRole).toBool());
        QVERIFY(!h.indexOf(other.id).data(TodoModel::DeferredRole).toBool());
        QVERIFY(h.list()->selectionModel()->hasSelection());
        h.list()->clearSelection();
        QVERIFY2(darkest(h, report.id) > darkest(h, other.id) + 40,
                 qPrintable(u"%1 vs %2"_s.arg(darkest(h, report.id)).arg(darkest(h, other.id))));
        QVERIFY(TodoDelegate::startTip(Timestamp::fromDate(tomorrow)).startsWith(u"Starts "_s));

        QTRY_COMPARE(todayCount(h), 1);
        QVERIFY(h.clickSidebar(TodoFilter::smart(TodoFilter::Kind::Today)));
        QCOMPARE(h.shownIds(), QStringList{other.id});
        QVERIFY(h.clickSidebar(TodoFilter::smart(TodoFilter::Kind::Upcoming)));
        QCOMPARE(h.shownIds(), QStringList{report.id});
        QCOMPARE(h.indexOf(report.id).data(TodoModel::DayHeadingRole).toString(), u"Tomorrow"_s);

        h.list()->setFocus(Qt::ShortcutFocusReason);
        h.press(QKeySequence::Undo);
        QVERIFY(!h.store()->todo(report.id)->startAt);
        QVERIFY(h.shownIds().isEmpty());
        QTRY_COMPARE(todayCount(h), 2);
    }

    void shouldMoveAndClearTheStartDate()
    {
        WindowHarness h;
        Todo report, other;
        QVERIFY(openWithTodos(h, report, other));
        auto *hasStart = h.window->detailPane()->findChild<QCheckBox *>(u"detailHasStart"_s);
        QTest::mouseClick(hasStart, Qt::LeftButton);
        auto *date = h.window->detailPane()->findChild<QDateEdit *>(u"detailStartDate"_s);
        date->setFocus(Qt::TabFocusReason);
        date->setCurrentSection(QDateTimeEdit::DaySection);
        QTest::keyClick(date, Qt::Key_Up);
        QCOMPARE(h.store()->todo(report.id)->startAt,
                 std::optional(Timestamp::fromDate(QDate::currentDate().addDays(2))));

        QTest::mouseClick(hasStart, Qt::LeftButton); // cleared
        QVERIFY(!h.store()->todo(report.id)->startAt);
        QVERIFY(!date->isEnabled());
        QVERIFY(!h.indexOf(report.id).data(TodoModel::DeferredRole).toBool());
    }
};

QTEST_MAIN(MainWindowStartDateTest)
#include "mainwindowstartdatetest.moc"
