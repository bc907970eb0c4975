// The notifier on a private session bus with no notification service on it
// (with-notification-daemon.sh --no-daemon): the tray fallback, and noticing
// a service that comes and goes.

#include "notificationdaemon.h"
#include "notify/desktopnotifier.h"
#include "notify/notifier.h"
#include "notify/trayfallback.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 5000;
const QString kService = u"org.freedesktop.Notifications"_s;

Notification reminder(const QString &key)
{
    Notification notification;
    notification.key = key;
    notification.summary = u"Call the dentist"_s;
    notification.body = u"Due 14:00"_s;
    return notification;
}

// A notifier with a tray icon, and what it routed where.
struct TrayNotifier
{
    QSystemTrayIcon icon;
    Notifier notifier;
    QSignalSpy routed {&notifier, &Notifier::routed};
    TrayNotifier() { notifier.setTrayIcon(&icon); }
};

} // namespace

class NotifierFallbackTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shouldKnowThereIsNoService();
    void shouldShowInTrayWithoutService();
    void shouldOpenTodoWhenBalloonIsClicked();
    void shouldRouteNowhereWithoutTrayIcon();
    void shouldNoticeServiceComingAndGoing();
    void shouldFallBackWhenServiceAnswersWithError();
};

void NotifierFallbackTest::initTestCase()
{
    TANDEM_REQUIRE_NOTIFICATION_DAEMON("none");
    QVERIFY(QDBusConnection::sessionBus().isConnected());
}

void NotifierFallbackTest::shouldKnowThereIsNoService()
{
    DesktopNotifier notifier;
    QSignalSpy availability(&notifier, &DesktopNotifier::availabilityChanged);
    QVERIFY(!notifier.isAvailabilityKnown()); // asked, not answered yet: nothing blocks
    QVERIFY(availability.wait(kWaitMs));
    QCOMPARE(availability.constFirst().at(0).toBool(), false);
    QVERIFY(notifier.isAvailabilityKnown());
    QVERIFY(!notifier.isAvailable());
}

void NotifierFallbackTest::shouldShowInTrayWithoutService()
{
    TrayNotifier tray;
    // Sent before the bus has answered: it waits for the answer, then goes
    // to the tray.
    tray.notifier.show(reminder(u"reminder-1"_s));
    QVERIFY(tray.routed.wait(kWaitMs));
    QCOMPARE(tray.routed.size(), 1);
    QCOMPARE(tray.routed.constFirst().at(0).toString(), u"reminder-1"_s);
    QCOMPARE(tray.routed.constFirst().at(1).value<Notifier::Route>(), Notifier::Route::Tray);
    QCOMPARE(tray.notifier.tray()->shownKey(), u"reminder-1"_s);
    QVERIFY(!tray.notifier.desktop()->isAvailable());
}

void NotifierFallbackTest::shouldOpenTodoWhenBalloonIsClicked()
{
    TrayNotifier tray;
    tray.notifier.show(reminder(u"first"_s));
    tray.notifier.show(reminder(u"second"_s));
    QTRY_COMPARE_WITH_TIMEOUT(tray.routed.size(), 2, kWaitMs);

    // The balloon shows the newest; a click on it opens that one.
    QSignalSpy invoked(&tray.notifier, &Notifier::actionInvoked);
    Q_EMIT tray.icon.messageClicked();
    QCOMPARE(invoked.size(), 1);
    QCOMPARE(invoked.constFirst().at(0).toString(), u"second"_s);
    QCOMPARE(invoked.constFirst().at(1).value<Notification::Action>(), Notification::Action::Open);
}

void NotifierFallbackTest::shouldRouteNowhereWithoutTrayIcon()
{
    Notifier notifier;
    QSignalSpy routed(&notifier, &Notifier::routed);
    notifier.show(reminder(u"lost"_s));
    QVERIFY(routed.wait(kWaitMs));
    QCOMPARE(routed.constFirst().at(1).value<Notifier::Route>(), Notifier::Route::Nowhere);

    // An icon that is gone counts as none.
    auto *icon = new QSystemTrayIcon;
    notifier.setTrayIcon(icon);
    delete icon;
    notifier.show(reminder(u"lost again"_s));
    QCOMPARE(routed.size(), 2); // the answer is known by now: at once
    QCOMPARE(routed.constLast().at(1).value<Notifier::Route>(), Notifier::Route::Nowhere);
}

void NotifierFallbackTest::shouldNoticeServiceComingAndGoing()
{
    DesktopNotifier notifier;
    QTRY_VERIFY_WITH_TIMEOUT(notifier.isAvailabilityKnown(), kWaitMs);
    QVERIFY(!notifier.isAvailable());

    // A second connection of this process takes the name, as a daemon that
    // starts late would (it is not asked to show anything here).
    QDBusConnection other
        = QDBusConnection::connectToBus(QDBusConnection::SessionBus, u"late-daemon"_s);
    QVERIFY(other.isConnected());
    QSignalSpy availability(&notifier, &DesktopNotifier::availabilityChanged);
    QVERIFY(other.registerService(kService));
    QVERIFY(availability.wait(kWaitMs));
    QCOMPARE(availability.constLast().at(0).toBool(), true);
    QVERIFY(notifier.isAvailable());

    QVERIFY(other.unregisterService(kService));
    QVERIFY(availability.wait(kWaitMs));
    QCOMPARE(availability.constLast().at(0).toBool(), false);
    QVERIFY(!notifier.isAvailable());
    QDBusConnection::disconnectFromBus(u"late-daemon"_s);
}

void NotifierFallbackTest::shouldFallBackWhenServiceAnswersWithError()
{
    // The name is owned, but nothing there answers Notify (no such object):
    // that notification goes to the tray instead of being lost.
    QDBusConnection other
        = QDBusConnection::connectToBus(QDBusConnection::SessionBus, u"broken-daemon"_s);
    QVERIFY(other.registerService(kService));
    TrayNotifier tray;
    tray.notifier.show(reminder(u"reminder-2"_s));
    QVERIFY(tray.routed.wait(kWaitMs));
    QVERIFY(tray.notifier.desktop()->isAvailable());
    QCOMPARE(tray.routed.constFirst().at(0).toString(), u"reminder-2"_s);
    QCOMPARE(tray.routed.constFirst().at(1).value<Notifier::Route>(), Notifier::Route::Tray);
    QVERIFY(other.unregisterService(kService));
    QDBusConnection::disconnectFromBus(u"broken-daemon"_s);
}

QTEST_MAIN(NotifierFallbackTest)
#include "notifierfallbacktest.moc"
