// With no notification service on the bus (with-notification-daemon.sh
// --no-daemon), a reminder that fires reaches the tray icon's balloon.

#include "notificationdaemon.h"
#include "notify/notifier.h"
#include "notify/trayfallback.h"
#include "operations/reminderoperations.h"
#include "operations/todooperations.h"
#include "reminders/reminderscheduler.h"
#include "reminderservice.h"
#include "storefixture.h"
#include "trayicon.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

class ReminderFallbackTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        TANDEM_REQUIRE_NOTIFICATION_DAEMON("none");
        QStandardPaths::setTestModeEnabled(true);
    }

    void shouldShowTheReminderInTheTrayWithoutService()
    {
        StoreFixture data;
        Notifier notifier;
        TrayIcon tray;
        tray.show();
        notifier.setTrayIcon(tray.icon());
        ReminderService service(data.store.get(), &notifier, new ReminderScheduler(data.store.get()));
        const Todo todo = data.addTodo(u"Take the bins out"_s);
        const Reminder reminder = Reminder::atInstant(todo.id, Timestamp::now() + 500 * Timestamp::kMicrosPerMilli);
        QVERIFY(TodoOperations::apply(*data.store, ReminderOperations::add(*data.store, {reminder})));

        QSignalSpy routed(&notifier, &Notifier::routed);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(routed.size(), 1, 10000);
        QCOMPARE(routed.first().at(0).toString(), reminder.id);
        QCOMPARE(routed.first().at(1).value<Notifier::Route>(), Notifier::Route::Tray);
        QCOMPARE(notifier.tray()->shownKey(), reminder.id);
    }
};

QTEST_MAIN(ReminderFallbackTest)
#include "reminderfallbacktest.moc"
