// Reminders end to end in one process, against a real dunst on a private bus
// (with-notification-daemon.sh): the scheduler fires, the notification
// reaches dunst, and the actions dunst invokes (as a person picks them in its
// menu) reach the store: Done completes the todo (undoably, through the
// window's undo stack), Snooze moves the reminder ten minutes on, a close by
// the person dismisses it. Missed reminders come as one notification.

#include "commands/todocommands.h"
#include "dunstcontrol.h"
#include "notificationdaemon.h"
#include "notify/notifier.h"
#include "operations/reminderoperations.h"
#include "operations/todooperations.h"
#include "reminders/reminderscheduler.h"
#include "reminderservice.h"
#include "storefixture.h"
#include "translations.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {
constexpr int kWaitMs = 10000;
constexpr Timestamp::Micros kSoon = 1500 * Timestamp::kMicrosPerMilli;
constexpr Timestamp::Micros kMinute = 60 * Timestamp::kMicrosPerSecond;

struct Service
{
    StoreFixture data;
    Notifier notifier;
    ReminderService service{data.store.get(), &notifier, new ReminderScheduler(data.store.get())};

    // A todo with one reminder at `at`, made `madeAt` (a reminder made after its time never fires).
    Reminder addReminded(const QString &title, Timestamp::Micros at, Timestamp::Micros madeAt)
    {
        const Todo todo = data.addTodo(title);
        Reminder reminder = Reminder::atInstant(todo.id, at);
        reminder.createdAt = reminder.updatedAt = madeAt;
        if (!TodoOperations::apply(*data.store, ReminderOperations::add(*data.store, {reminder})))
            qFatal("cannot add a reminder: %s", qPrintable(data.store->lastError()));
        return *data.store->reminder(reminder.id);
    }
};
} // namespace

class ReminderServiceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        TANDEM_REQUIRE_NOTIFICATION_DAEMON("dunst");
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)));
    }

    void init()
    {
        QVERIFY2(m_dunst.closeAll(), qPrintable(m_dunst.lastError()));
        QTRY_COMPARE(m_dunst.displayedCount(), 0u);
        m_dunst.clearPick();
    }

    void shouldCompleteTheTodoOnDoneUndoably()
    {
        Service app;
        QUndoStack stack;
        app.service.setUndoStack(&stack);
        const Reminder reminder = app.addReminded(u"Pay the rent"_s, Timestamp::now() + kSoon, Timestamp::now());
        QVERIFY(fireAndPick(app, u"Pay the rent"_s, Notification::Action::Done));
        QVERIFY(app.data.store->todo(reminder.todoId)->completed);
        QVERIFY(app.data.store->reminder(reminder.id)->acknowledgedFor);

        // Ctrl+Z takes the completion back.
        QVERIFY(TodoCommands::undo(&stack));
        QVERIFY(!app.data.store->todo(reminder.todoId)->completed);
    }

    void shouldSnoozeTenMinutesOnSnooze()
    {
        Service app;
        const Reminder reminder = app.addReminded(u"Water the plants"_s, Timestamp::now() + kSoon, Timestamp::now());
        const Timestamp::Micros before = Timestamp::now();
        QVERIFY(fireAndPick(app, u"Water the plants"_s, Notification::Action::Snooze));
        const Reminder snoozed = *app.data.store->reminder(reminder.id);
        QVERIFY(snoozed.snoozedUntil);
        QVERIFY(*snoozed.snoozedUntil >= before + ReminderService::kSnooze);
        QVERIFY(*snoozed.snoozedUntil <= Timestamp::now() + ReminderService::kSnooze);
        QVERIFY(!app.data.store->todo(reminder.todoId)->completed);
    }

    void shouldDismissWhenThePersonClosesIt()
    {
        Service app;
        const Reminder reminder = app.addReminded(u"Call mum"_s, Timestamp::now() + kSoon, Timestamp::now());
        app.service.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_dunst.displayedCount(), 1u, kWaitMs);
        QVERIFY(m_dunst.closeLast());
        QTRY_VERIFY_WITH_TIMEOUT(app.data.store->reminder(reminder.id)->acknowledgedFor, kWaitMs);
        QCOMPARE(*app.data.store->reminder(reminder.id)->acknowledgedFor, *reminder.at);
    }

    void shouldGroupMissedRemindersInOneNotification()
    {
        Service app;
        const Timestamp::Micros now = Timestamp::now();
        app.addReminded(u"Missed one"_s, now - 5 * kMinute, now - 10 * kMinute);
        app.addReminded(u"Missed two"_s, now - 3 * kMinute, now - 10 * kMinute);
        app.service.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_dunst.displayedCount(), 1u, kWaitMs);
        QTest::qWait(500); // nothing else follows
        QCOMPARE(m_dunst.displayedCount(), 1u);
        QVERIFY(m_dunst.closeAll());
        const QVariantMap shown = m_dunst.history().constFirst();
        QCOMPARE(shown.value(u"summary"_s).toString(), u"2 missed reminders"_s);
        QCOMPARE(shown.value(u"body"_s).toString(), u"Missed one\nMissed two"_s);
    }

private:
    // Starts the reminders, waits for the notification on screen, and picks
    // `action` in dunst's menu as a person would; true once it was carried out.
    bool fireAndPick(Service &app, const QString &title, Notification::Action action)
    {
        app.service.start();
        QDeadlineTimer shown(kWaitMs);
        while (m_dunst.displayedCount() != 1u && !shown.hasExpired())
            QTest::qWait(50);
        if (m_dunst.displayedCount() != 1u)
            return false;
        QSignalSpy handled(&app.service, &ReminderService::handled);
        m_dunst.pick(title, Notification::actionKey(action));
        if (!m_dunst.openActionMenu()) {
            qWarning() << m_dunst.lastError();
            return false;
        }
        return (handled.size() > 0 || handled.wait(kWaitMs)) && handled.first().at(2).toBool();
    }

    DunstControl m_dunst;
};

QTEST_MAIN(ReminderServiceTest)
#include "reminderservicetest.moc"
