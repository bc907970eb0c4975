// Reminders in the real window's detail pane: the shown todo's reminders in
// words with when they fire next; each preset and a date and time added
// from the "Add reminder" menu, one removed, each one undo step that redo
// repeats; a change written by another process shows without a reload; a
// todo without a due offers only a date and time; it all fits at 800×600.

#include "windowharness.h"

#include "translations.h"

#include "operations/reminderoperations.h"
#include "operations/todooperations.h"
#include "widgets/detailpane.h"
#include "widgets/remindereditor.h"
#include "widgets/remindertext.h"

#include <QDateTimeEdit>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>

using namespace Qt::StringLiterals;

class MainWindowRemindersTest : public QObject
{
    Q_OBJECT

private:
    static ReminderEditor *editor(const WindowHarness &h) { return h.window->detailPane()->reminderEditor(); }

    // What the pane lists: each row's words, in order.
    static QStringList shownTexts(const WindowHarness &h)
    {
        QStringList texts;
        for (const QLabel *label : labels(editor(h), u"reminderText"_s))
            texts << label->text();
        return texts;
    }

    // One per reminder, in the order the pane lists them: "reminderText", "reminderState".
    static QList<QLabel *> labels(const ReminderEditor *editor, const QString &name)
    {
        return editor->findChildren<QLabel *>(name, Qt::FindDirectChildrenOnly);
    }

    static QList<QToolButton *> removeButtons(const ReminderEditor *editor)
    {
        return editor->findChildren<QToolButton *>(u"reminderRemove"_s, Qt::FindDirectChildrenOnly);
    }

    static QStringList menuTexts(const WindowHarness &h)
    {
        QStringList texts;
        for (const QAction *action : editor(h)->addMenu()->actions()) {
            if (!action->isSeparator() && action->isVisible())
                texts << action->text();
        }
        return texts;
    }

    static QAction *menuAction(const WindowHarness &h, const QString &text)
    {
        for (QAction *action : editor(h)->addMenu()->actions()) {
            if (action->text() == text)
                return action;
        }
        qFatal("no menu entry %s", qPrintable(text));
    }

    // A todo due tomorrow at 15:00, in the Inbox, shown and selected.
    static bool openWithDueTodo(WindowHarness &h, Todo &todo, const QList<Reminder> &reminders = {})
    {
        todo = h.data.store->newTodo({}, u"Call Sam"_s);
        todo.dueAt = Timestamp::fromDateTime(QDateTime(QDate::currentDate().addDays(1), QTime(15, 0)));
        todo.dueHasTime = true;
        if (!h.data.store->apply({{}, {todo}}))
            return false;
        // One at a time: the pane lists them in the order they were made.
        for (Reminder reminder : reminders) {
            reminder.todoId = todo.id;
            reminder.createdAt = reminder.updatedAt = Timestamp::now();
            if (!TodoOperations::apply(*h.store(), ReminderOperations::add(*h.store(), {reminder})))
                return false;
            QTest::qWait(1); // a later creation time
        }
        return h.open() && h.clickSidebar(TodoFilter::list(h.store()->inboxId())) && h.clickRow(todo.id);
    }

    static void undo(WindowHarness &h)
    {
        h.list()->setFocus();
        h.press(QKeySequence::Undo);
    }

    static void redo(WindowHarness &h)
    {
        h.list()->setFocus();
        h.press(QKeySequence::Redo);
    }

    static Timestamp::Micros tomorrowAt(int hour, int minute)
    {
        return Timestamp::fromDateTime(QDateTime(QDate::currentDate().addDays(1), QTime(hour, minute)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        WindowHarness::initTestEnvironment();
        // The plural forms ("1 hour", "2 hours") come from the English translation.
        QVERIFY(Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)));
    }
    void init() { WindowHarness::clearSettings(); }

    void shouldListTheShownTodosReminders()
    {
        WindowHarness h;
        const Timestamp::Micros at = tomorrowAt(11, 30);
        Todo todo;
        QVERIFY(openWithDueTodo(h, todo, {Reminder::beforeDue({}, 15), Reminder::atInstant({}, at)}));
        const Todo other = h.data.addTodo(u"Water the plants"_s);

        QCOMPARE(shownTexts(h), (QStringList{u"15 minutes before"_s, ReminderText::dateTime(at)}));
        const QList<QLabel *> states = labels(editor(h), u"reminderState"_s);
        QCOMPARE(states.first()->text(),
                 u"Next: "_s + ReminderText::dateTime(tomorrowAt(14, 45)));
        QVERIFY(states.last()->text().isEmpty()); // a date and time says when in its words
        const QList<QToolButton *> removes = removeButtons(editor(h));
        // Each remove button says which reminder it removes.
        QCOMPARE(removes.first()->accessibleName(),
                 u"Remove reminder “15 minutes before”"_s);

        // Tab goes through the remove buttons in their order, then to "Add reminder".
        QToolButton *firstRemove = removes.first();
        firstRemove->setFocus(Qt::TabFocusReason);
        QTest::keyClick(firstRemove, Qt::Key_Tab);
        QVERIFY(removes.last()->hasFocus());
        h.press(Qt::Key_Tab);
        QVERIFY(editor(h)->addButton()->hasFocus());

        QTRY_VERIFY(h.clickRow(other.id));
        QVERIFY(shownTexts(h).isEmpty());
        QVERIFY(h.clickRow(todo.id));
        QCOMPARE(shownTexts(h).size(), 2);
    }

    void shouldAddEachPreset_data()
    {
        QTest::addColumn<QString>("entry");
        QTest::addColumn<int>("offsetMinutes");
        QTest::addColumn<int>("dayTime"); // -1: none
        QTest::newRow("at the due time") << u"At the due time"_s << 0 << -1;
        QTest::newRow("5 minutes") << u"5 minutes before"_s << 5 << -1;
        QTest::newRow("15 minutes") << u"15 minutes before"_s << 15 << -1;
        QTest::newRow("30 minutes") << u"30 minutes before"_s << 30 << -1;
        QTest::newRow("1 hour") << u"1 hour before"_s << 60 << -1;
        QTest::newRow("1 day at 09:00") << u"1 day before at 09:00"_s << 1440 << 540;
    }

    void shouldAddEachPreset()
    {
        QFETCH(QString, entry);
        QFETCH(int, offsetMinutes);
        QFETCH(int, dayTime);
        WindowHarness h;
        Todo todo;
        QVERIFY(openWithDueTodo(h, todo));
        QCOMPARE(menuTexts(h),
                 (QStringList{u"At the due time"_s, u"5 minutes before"_s, u"15 minutes before"_s,
                              u"30 minutes before"_s, u"1 hour before"_s, u"1 day before at 09:00"_s,
                              u"At a date and time…"_s}));

        menuAction(h, entry)->trigger();
        QList<Reminder> stored = h.store()->reminders({todo.id});
        QCOMPARE(stored.size(), 1);
        QVERIFY(stored.first().isRelative());
        QCOMPARE(stored.first().offsetMinutes, offsetMinutes);
        QCOMPARE(stored.first().dayTime, dayTime < 0 ? std::nullopt : std::optional(dayTime));
        QCOMPARE(shownTexts(h), QStringList{entry});
        QCOMPARE(h.window->undoStack()->count(), 1);
        // Made once: the entry is off while the todo has it.
        QVERIFY(!menuAction(h, entry)->isEnabled());

        undo(h);
        QVERIFY(h.store()->reminders({todo.id}).isEmpty());
        QVERIFY(shownTexts(h).isEmpty());
        QVERIFY(menuAction(h, entry)->isEnabled());
        redo(h);
        stored = h.store()->reminders({todo.id});
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().offsetMinutes, offsetMinutes);
        QCOMPARE(shownTexts(h), QStringList{entry});
    }

    void shouldAddFromTheKeyboard()
    {
        WindowHarness h;
        Todo todo;
        QVERIFY(openWithDueTodo(h, todo));
        QToolButton *add = editor(h)->addButton();
        QCOMPARE(add->accessibleName(), u"Add reminder"_s);
        add->setFocus(Qt::TabFocusReason);
        // The menu runs its own loop: the keys reach it from inside.
        bool chosen = false;
        QTimer::singleShot(0, this, [&] {
            QMenu *menu = editor(h)->addMenu();
            QTRY_VERIFY(menu->isVisible());
            for (int i = 0; i < 10 && !(menu->activeAction() && menu->activeAction()->text() == u"15 minutes before"_s); ++i)
                QTest::keyClick(menu, Qt::Key_Down);
            chosen = menu->activeAction() && menu->activeAction()->text() == u"15 minutes before"_s;
            QTest::keyClick(menu, chosen ? Qt::Key_Return : Qt::Key_Escape);
        });
        QTest::keyClick(add, Qt::Key_Space);
        QTRY_VERIFY(chosen);
        QTRY_COMPARE(h.store()->reminders({todo.id}).size(), 1);
        QCOMPARE(h.store()->reminders({todo.id}).first().offsetMinutes, 15);
    }

    void shouldAddADateAndTime()
    {
        WindowHarness h;
        Todo todo;
        QVERIFY(openWithDueTodo(h, todo));
        menuAction(h, u"At a date and time…"_s)->trigger();
        QDateTimeEdit *edit = editor(h)->dateTimeEdit();
        QVERIFY(edit->isVisible());
        QVERIFY(edit->hasFocus());
        // The first guess is the due time, which is still ahead.
        QCOMPARE(Timestamp::fromDateTime(edit->dateTime()), *todo.dueAt);
        const QDateTime chosen(QDate::currentDate().addDays(1), QTime(10, 15));
        edit->setDateTime(chosen);
        QTest::keyClick(edit, Qt::Key_Return);

        const QList<Reminder> stored = h.store()->reminders({todo.id});
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().kind, Reminder::Kind::At);
        QCOMPARE(stored.first().at, Timestamp::fromDateTime(chosen));
        QVERIFY(!edit->isVisible());
        QCOMPARE(shownTexts(h), QStringList{ReminderText::dateTime(Timestamp::fromDateTime(chosen))});

        undo(h);
        QVERIFY(h.store()->reminders({todo.id}).isEmpty());
        QVERIFY(shownTexts(h).isEmpty());
        redo(h);
        QCOMPARE(h.store()->reminders({todo.id}).size(), 1);
        QCOMPARE(shownTexts(h).size(), 1);

        // Escape puts the form away and adds nothing.
        menuAction(h, u"At a date and time…"_s)->trigger();
        QTest::keyClick(edit, Qt::Key_Escape);
        QVERIFY(!edit->isVisible());
        QCOMPARE(h.store()->reminders({todo.id}).size(), 1);
    }

    void shouldRemoveAReminder()
    {
        WindowHarness h;
        Todo todo;
        QVERIFY(openWithDueTodo(h, todo, {Reminder::beforeDue({}, 15), Reminder::beforeDue({}, 60)}));
        QCOMPARE(shownTexts(h), (QStringList{u"15 minutes before"_s, u"1 hour before"_s}));

        QTest::mouseClick(removeButtons(editor(h)).first(), Qt::LeftButton);
        QList<Reminder> stored = h.store()->reminders({todo.id});
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().offsetMinutes, 60);
        QCOMPARE(shownTexts(h), QStringList{u"1 hour before"_s});

        undo(h);
        QCOMPARE(h.store()->reminders({todo.id}).size(), 2);
        QCOMPARE(shownTexts(h), (QStringList{u"15 minutes before"_s, u"1 hour before"_s}));
        redo(h);
        QCOMPARE(h.store()->reminders({todo.id}).size(), 1);
        QCOMPARE(shownTexts(h), QStringList{u"1 hour before"_s});

        // From the keyboard: the remove button takes the focus and Space presses it.
        QToolButton *remove = removeButtons(editor(h)).first();
        QCOMPARE(remove->focusPolicy(), Qt::StrongFocus);
        remove->setFocus(Qt::TabFocusReason);
        QTest::keyClick(remove, Qt::Key_Space);
        QVERIFY(h.store()->reminders({todo.id}).isEmpty());
        QVERIFY(shownTexts(h).isEmpty());
        QVERIFY(editor(h)->addButton()->hasFocus()); // the focus is not lost with the row
    }

    void shouldFollowAChangeMadeElsewhere()
    {
        WindowHarness h;
        Todo todo;
        QVERIFY(openWithDueTodo(h, todo));

        // Another process (tandem-cli) on the same file.
        LocalDatabase cli;
        QVERIFY(cli.open(h.data.filePath(), LocalDatabase::Role::Guest).ok());
        TodoStore cliStore(&cli);
        const Edit add = ReminderOperations::add(cliStore, {Reminder::beforeDue(todo.id, 30)});
        QVERIFY(TodoOperations::apply(cliStore, add));
        QTRY_COMPARE(shownTexts(h), QStringList{u"30 minutes before"_s});

        QVERIFY(TodoOperations::apply(cliStore, ReminderOperations::remove(cliStore, add.after.reminders.first().id)));
        QTRY_VERIFY(shownTexts(h).isEmpty());
        QCOMPARE(h.window->undoStack()->count(), 0); // not this window's edits
    }

    void shouldOfferOnlyADateAndTimeWithoutADue()
    {
        WindowHarness h;
        const Todo todo = h.data.addTodo(u"Someday"_s);
        QVERIFY(h.open() && h.clickSidebar(TodoFilter::list(h.store()->inboxId())) && h.clickRow(todo.id));
        QCOMPARE(menuTexts(h), QStringList{u"At a date and time…"_s});
    }

    // At 800×600 the detail pane is narrow. The reminders ask no more width
    // than it has, and laid out at that width nothing of them is cut off:
    // the words wrap, the remove buttons and the form stay inside.
    void shouldFitInASmallWindow()
    {
        WindowHarness h;
        Todo todo;
        QVERIFY(openWithDueTodo(h, todo, {Reminder::beforeDue({}, Reminder::kMinutesPerDay, 9 * 60),
                                          Reminder::atInstant({}, tomorrowAt(11, 30))}));
        h.window->resize(800, 600);
        QTRY_COMPARE(h.window->width(), 800);
        QCoreApplication::processEvents();
        auto *scroll = h.window->detailPane()->findChild<QScrollArea *>(u"detailScroll"_s);
        const int paneWidth = scroll->viewport()->width();
        QVERIFY(paneWidth > 0);
        menuAction(h, u"At a date and time…"_s)->trigger();
        QVERIFY2(editor(h)->minimumSizeHint().width() <= paneWidth,
                 qPrintable(u"needs %1 of %2"_s.arg(editor(h)->minimumSizeHint().width()).arg(paneWidth)));

        // In the window: the remove buttons line up after the words, in sight
        // even where wider fields of the pane reach past its edge.
        // So does the date and time form, its buttons included.
        QList<QWidget *> inWindow{editor(h)->dateTimeEdit(), editor(h)->findChild<QPushButton *>(u"reminderDateTimeAdd"_s),
                                  editor(h)->findChild<QPushButton *>(u"reminderDateTimeCancel"_s)};
        for (QToolButton *remove : removeButtons(editor(h)))
            inWindow << remove;
        for (QWidget *part : std::as_const(inWindow)) {
            const QRect shown(part->mapTo(scroll->viewport(), QPoint(0, 0)), part->size());
            QVERIFY2(shown.right() < paneWidth,
                     qPrintable(u"%1 ends at %2 of %3"_s.arg(part->objectName()).arg(shown.right()).arg(paneWidth)));
        }

        // The same reminders in an editor exactly as wide as the pane.
        ReminderEditor narrow;
        narrow.showReminders(todo, h.store()->reminders({todo.id}));
        narrow.resize(paneWidth, narrow.heightForWidth(paneWidth) > 0 ? narrow.heightForWidth(paneWidth) : 400);
        narrow.show();
        QVERIFY(QTest::qWaitForWindowExposed(&narrow));
        narrow.addMenu()->actions().constLast()->trigger(); // At a date and time…
        QCoreApplication::processEvents();
        QCOMPARE(narrow.width(), paneWidth);
        QList<QWidget *> parts{narrow.addButton(), narrow.dateTimeEdit()};
        QCOMPARE(removeButtons(&narrow).size(), 2);
        for (QToolButton *remove : removeButtons(&narrow))
            parts << remove;
        for (QLabel *label : labels(&narrow, u"reminderText"_s) + labels(&narrow, u"reminderState"_s)) {
            if (!label->text().isEmpty())
                parts << label;
        }
        for (QWidget *part : std::as_const(parts)) {
            QVERIFY2(part->isVisible(), qPrintable(part->objectName()));
            const QRect shown(part->mapTo(&narrow, QPoint(0, 0)), part->size());
            QVERIFY2(shown.right() < paneWidth,
                     qPrintable(u"%1 ends at %2 of %3"_s.arg(part->objectName()).arg(shown.right()).arg(paneWidth)));
            QVERIFY2(part->width() >= part->minimumSizeHint().width(), qPrintable(part->objectName()));
        }
    }
};

QTEST_MAIN(MainWindowRemindersTest)
#include "mainwindowreminderstest.moc"
