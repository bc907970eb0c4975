#include "windowharness.h"

#include "itemmodels/todomodel.h"
#include "operations/repeatoperations.h"
#include "widgets/quickaddbar.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QUndoStack>

using namespace Qt::StringLiterals;

// Repeats in the real window: the detail pane's repeat editor (presets, the
// custom form, the end, from completion; the rule in words and the next
// three dates), completing a repeating todo from the list and undoing it,
// the repeat mark on the row, and quick add's repeats in English and German.
class RepeatWindowTest : public QObject
{
    Q_OBJECT

private:
    static QComboBox *preset(const WindowHarness &h) { return h.window->findChild<QComboBox *>(u"repeatPreset"_s); }
    static QLabel *summary(const WindowHarness &h) { return h.window->findChild<QLabel *>(u"repeatSummary"_s); }
    static QLineEdit *input(const WindowHarness &h) { return h.window->quickAddBar()->input(); }

    // A todo due on a date 30 days from now, selected in the window.
    static Todo openWithDueTodo(WindowHarness &h, QDate *due)
    {
        *due = QDate::currentDate().addDays(30);
        Todo todo = h.data.addTodo(u"Water the plants"_s);
        todo.dueAt = Timestamp::fromDate(*due);
        todo = h.write(todo);
        if (!h.open() || !h.clickRow(todo.id))
            qFatal("cannot open the window on the todo");
        return todo;
    }

    static void choosePreset(const WindowHarness &h, int presetIndex)
    {
        QComboBox *combo = preset(h);
        combo->setFocus();
        combo->setCurrentIndex(presetIndex);
        Q_EMIT combo->activated(presetIndex);
    }

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }
    void cleanup() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void shouldSetAPresetAndSayItInWordsWithTheNextDates()
    {
        WindowHarness h;
        QDate due;
        const Todo todo = openWithDueTodo(h, &due);
        QVERIFY(preset(h));
        QCOMPARE(preset(h)->currentText(), u"Does not repeat"_s);
        QVERIFY(summary(h)->isHidden());

        const int weekly = preset(h)->findText(u"Every week on %1"_s.arg(QLocale().dayName(due.dayOfWeek())));
        QVERIFY(weekly > 0);
        choosePreset(h, weekly);
        const Todo stored = *h.store()->todo(todo.id);
        QCOMPARE(stored.repeatRule, u"FREQ=WEEKLY;BYDAY=%1"_s.arg(QStringList{u"MO"_s, u"TU"_s, u"WE"_s, u"TH"_s, u"FR"_s, u"SA"_s, u"SU"_s}.at(due.dayOfWeek() - 1)));
        QCOMPARE(stored.dueAt, todo.dueAt); // the due date is on the rule already
        QVERIFY(!stored.timeZone.isEmpty());
        QTRY_VERIFY(summary(h)->isVisible());
        const QString words = summary(h)->text();
        QVERIFY2(words.contains(u"every week on %1"_s.arg(QLocale().dayName(due.dayOfWeek())), Qt::CaseInsensitive), qPrintable(words));
        for (int week = 1; week <= 3; ++week) {
            const QString next = QLocale().toString(due.addDays(7 * week), u"ddd d MMM"_s);
            QVERIFY2(words.contains(next), qPrintable(words + u" lacks "_s + next));
        }
        // The row says it repeats.
        QTRY_VERIFY(h.model()->index(0, 0).data(TodoModel::RepeatsRole).toBool());

        // One undo step takes the repeat away again.
        h.list()->setFocus();
        h.press(QKeySequence::Undo);
        QVERIFY(h.store()->todo(todo.id)->repeatRule.isEmpty());
        QTRY_COMPARE(preset(h)->currentText(), u"Does not repeat"_s);
    }

    void shouldShowARuleWithoutItsDayAsThePresetThatNamesIt()
    {
        WindowHarness h;
        QDate due;
        Todo todo = openWithDueTodo(h, &due);
        todo.repeatRule = u"FREQ=WEEKLY"_s;
        todo.timeZone = u"UTC"_s;
        h.write(todo);
        QTRY_COMPARE(preset(h)->currentText(), u"Every week on %1"_s.arg(QLocale().dayName(due.dayOfWeek())));
        QVERIFY(!h.window->findChild<QWidget *>(u"repeatCustom"_s)->isVisible());
    }

    void shouldBuildACustomRuleWithAnEnd()
    {
        WindowHarness h;
        QDate due;
        const Todo todo = openWithDueTodo(h, &due);
        choosePreset(h, preset(h)->findText(u"Custom…"_s));
        auto *custom = h.window->findChild<QWidget *>(u"repeatCustom"_s);
        QTRY_VERIFY(custom->isVisible());
        QCOMPARE(h.store()->todo(todo.id)->repeatRule, u"FREQ=DAILY"_s);

        // Every 2 weeks on Monday and Thursday, 6 times.
        auto *unit = h.window->findChild<QComboBox *>(u"repeatUnit"_s);
        unit->setCurrentIndex(1);
        Q_EMIT unit->activated(1);
        auto *interval = h.window->findChild<QSpinBox *>(u"repeatInterval"_s);
        interval->setValue(2);
        for (const int day : {1, 4}) {
            auto *button = h.window->findChild<QAbstractButton *>(u"repeatDay%1"_s.arg(day));
            QTRY_VERIFY(button->isVisible());
            if (!button->isChecked())
                QTest::mouseClick(button, Qt::LeftButton);
        }
        // The weekday of the due date may be ticked by the form already: keep only Monday and Thursday.
        for (int day = 1; day <= 7; ++day) {
            auto *button = h.window->findChild<QAbstractButton *>(u"repeatDay%1"_s.arg(day));
            if (day != 1 && day != 4 && button->isChecked())
                QTest::mouseClick(button, Qt::LeftButton);
        }
        auto *end = h.window->findChild<QComboBox *>(u"repeatEnd"_s);
        end->setCurrentIndex(2);
        Q_EMIT end->activated(2);
        auto *count = h.window->findChild<QSpinBox *>(u"repeatCount"_s);
        QTRY_VERIFY(count->isVisible());
        count->setValue(6);
        QVERIFY(custom->isVisible()); // the form stays open while it is being filled in

        const Todo stored = *h.store()->todo(todo.id);
        QCOMPARE(stored.repeatRule, u"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=6"_s);
        const QDate storedDue = Timestamp::toDate(*stored.dueAt);
        QVERIFY(storedDue.dayOfWeek() == 1 || storedDue.dayOfWeek() == 4);
        QVERIFY(storedDue >= due);
        QVERIFY2(summary(h)->text().contains(u"6 times"_s), qPrintable(summary(h)->text()));

        // From completion.
        auto *fromCompletion = h.window->findChild<QCheckBox *>(u"repeatFromCompletion"_s);
        QTest::mouseClick(fromCompletion, Qt::LeftButton);
        QTRY_VERIFY(h.store()->todo(todo.id)->repeatFromCompletion);
    }

    void shouldCompleteAnOccurrenceFromTheListAndUndoIt()
    {
        WindowHarness h;
        const QDate due = QDate::currentDate().addDays(2);
        Todo todo = h.data.addTodo(u"Take the bins out"_s);
        todo.dueAt = Timestamp::fromDate(due);
        todo.repeatRule = u"FREQ=DAILY"_s;
        todo.timeZone = u"UTC"_s;
        todo = h.write(todo);
        QVERIFY(h.open());
        QVERIFY(h.clickRow(todo.id));
        QTest::keyClick(h.list(), Qt::Key_Space);

        const Todo moved = *h.store()->todo(todo.id);
        QVERIFY(!moved.completed);
        QCOMPARE(moved.dueAt, std::optional(Timestamp::fromDate(due.addDays(1))));
        const auto record = h.store()->todo(RepeatOperations::occurrenceId(todo));
        QVERIFY(record && record->completed && !record->isDeleted());
        QCOMPARE(h.window->undoStack()->count(), 1);

        h.press(QKeySequence::Undo);
        QCOMPARE(h.store()->todo(todo.id)->dueAt, todo.dueAt);
        QVERIFY(h.store()->todo(record->id)->isDeleted());
    }

    void shouldAddRepeatsFromQuickAdd_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<bool>("fromCompletion");
        QTest::addColumn<int>("weekday"); // of the due date, 0: any
        const QLocale english(QLocale::English, QLocale::UnitedStates);
        const QLocale german(QLocale::German, QLocale::Germany);
        QTest::newRow("every monday") << english << u"Call mum every monday"_s << u"Call mum"_s
                                      << u"FREQ=WEEKLY;BYDAY=MO"_s << false << 1;
        QTest::newRow("every! 3 days") << english << u"Water the plants every! 3 days"_s << u"Water the plants"_s
                                       << u"FREQ=DAILY;INTERVAL=3"_s << true << 0;
        QTest::newRow("every last day of the month") << english << u"Pay rent every last day of the month"_s
                                                     << u"Pay rent"_s << u"FREQ=MONTHLY;BYMONTHDAY=-1"_s << false << 0;
        QTest::newRow("jeden Montag") << german << u"Mama anrufen jeden Montag"_s << u"Mama anrufen"_s
                                      << u"FREQ=WEEKLY;BYDAY=MO"_s << false << 1;
        QTest::newRow("alle 2 Wochen am Freitag") << german << u"Bericht schreiben alle 2 Wochen am Freitag"_s
                                                  << u"Bericht schreiben"_s << u"FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"_s
                                                  << false << 5;
    }

    void shouldAddRepeatsFromQuickAdd()
    {
        QFETCH(QLocale, locale);
        QFETCH(QString, line);
        QFETCH(QString, title);
        QFETCH(QString, rule);
        QFETCH(bool, fromCompletion);
        QFETCH(int, weekday);
        QLocale::setDefault(locale);
        WindowHarness h;
        QVERIFY(h.open());
        h.press(QKeySequence::New);
        QTest::keyClicks(input(h), line);
        auto *preview = h.window->findChild<QLabel *>(u"quickAddPreview"_s);
        QVERIFY2(!preview->text().isEmpty(), "the preview says nothing of the repeat");
        QTest::keyClick(input(h), Qt::Key_Return);

        const QList<Todo> inbox = h.store()->todosInList(h.store()->inboxId());
        QCOMPARE(inbox.size(), 1);
        const Todo added = inbox.first();
        QCOMPARE(added.title, title);
        QCOMPARE(added.repeatRule, rule);
        QCOMPARE(added.repeatFromCompletion, fromCompletion);
        QVERIFY(added.dueAt);
        const QDate due = Timestamp::toDate(*added.dueAt);
        QVERIFY(due >= QDate::currentDate());
        QVERIFY(due < QDate::currentDate().addDays(32));
        if (weekday)
            QCOMPARE(due.dayOfWeek(), weekday);
    }
};

QTEST_MAIN(RepeatWindowTest)
#include "repeatwindowtest.moc"
