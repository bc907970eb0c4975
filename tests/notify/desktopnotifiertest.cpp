// The notifier against a real notification daemon: dunst on a private
// session bus under Xvfb (with-notification-daemon.sh). What reached the
// daemon is read back from dunst itself (its history and its action menu),
// and the actions come from dunst, as when a person picks them.

#include "notify/desktopnotifier.h"
#include "dunstcontrol.h"
#include "notificationdaemon.h"
#include "notify/notifier.h"
#include "notify/trayfallback.h"

#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>

#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 5000;

Notification reminder(const QString &key, const QString &summary,
    Notification::Urgency urgency = Notification::Urgency::Normal)
{
    Notification notification;
    notification.key = key;
    notification.summary = summary;
    notification.body = u"Due 14:00"_s;
    notification.urgency = urgency;
    return notification;
}

} // namespace

class DesktopNotifierTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void shouldReachDaemonWithTextUrgencyAndHints_data();
    void shouldReachDaemonWithTextUrgencyAndHints();
    void shouldOfferOpenDoneAndSnooze();
    void shouldReportActionTheDaemonInvoked_data();
    void shouldReportActionTheDaemonInvoked();
    void shouldReplaceNotificationShownUnderSameKey();
    void shouldReportHowItWasClosed();
    void shouldIgnoreNotificationsOfADestroyedNotifier();
    void shouldFallBackToTrayWhenDaemonQuits();

private:
    // Shows it and waits until the daemon has taken it.
    bool showAndWait(Notifier &notifier, const Notification &notification);

    DunstControl m_dunst;
};

void DesktopNotifierTest::initTestCase()
{
    TANDEM_REQUIRE_NOTIFICATION_DAEMON("dunst");
}

void DesktopNotifierTest::init()
{
    // Each test starts with nothing on screen and no menu answer.
    QVERIFY2(m_dunst.closeAll(), qPrintable(m_dunst.lastError()));
    QTRY_COMPARE(m_dunst.displayedCount(), 0u);
    m_dunst.clearPick();
    m_dunst.clearMenuInput();
}

bool DesktopNotifierTest::showAndWait(Notifier &notifier, const Notification &notification)
{
    QSignalSpy routed(&notifier, &Notifier::routed);
    notifier.show(notification);
    if (!routed.wait(kWaitMs))
        return false;
    return routed.constFirst().at(0).toString() == notification.key
        && routed.constFirst().at(1).value<Notifier::Route>() == Notifier::Route::Desktop;
}

void DesktopNotifierTest::shouldReachDaemonWithTextUrgencyAndHints_data()
{
    QTest::addColumn<Notification::Urgency>("urgency");
    QTest::addColumn<QString>("urgencyName");
    QTest::newRow("normal") << Notification::Urgency::Normal << u"normal"_s;
    QTest::newRow("critical: overdue") << Notification::Urgency::Critical << u"critical"_s;
    QTest::newRow("low") << Notification::Urgency::Low << u"low"_s;
}

void DesktopNotifierTest::shouldReachDaemonWithTextUrgencyAndHints()
{
    QFETCH(Notification::Urgency, urgency);
    QFETCH(QString, urgencyName);
    Notifier notifier;
    const QString summary = u"Call the dentist (%1)"_s.arg(urgencyName);
    QVERIFY(showAndWait(notifier, reminder(u"reminder-1"_s, summary, urgency)));
    QTRY_COMPARE(m_dunst.displayedCount(), 1u);

    // Closed, it moves to dunst's history, which tells what dunst made of it.
    QVERIFY(m_dunst.closeAll());
    const QList<QVariantMap> history = m_dunst.history();
    QVERIFY(!history.isEmpty());
    const QVariantMap &shown = history.constFirst();
    QCOMPARE(shown.value(u"summary"_s).toString(), summary);
    QCOMPARE(shown.value(u"body"_s).toString(), u"Due 14:00"_s);
    QCOMPARE(shown.value(u"appname"_s).toString(), u"Tandem"_s);
    QCOMPARE(shown.value(u"category"_s).toString(), u"x-tandem.reminder"_s);
    QCOMPARE(shown.value(u"default_action_name"_s).toString(), u"default"_s);
    // app_icon names the installed icon; dunst found it in its icon_path.
    QVERIFY2(shown.value(u"icon_path"_s).toString().endsWith(u"/app.tandem.Tandem.png"_s),
             qPrintable(shown.value(u"icon_path"_s).toString()));
    // The dunstrc rules match on the desktop-entry hint and the urgency and
    // write both into the text: so dunst read them as sent.
    QCOMPARE(shown.value(u"message"_s).toString(),
        u"%1|Tandem|%2|Due 14:00"_s.arg(urgencyName, summary));
}

void DesktopNotifierTest::shouldOfferOpenDoneAndSnooze()
{
    Notifier notifier;
    QVERIFY(showAndWait(notifier, reminder(u"reminder-2"_s, u"Water the plants"_s)));
    QVERIFY(notifier.desktop()->capabilities().contains(u"actions"_s));

    // No pick: the menu answers nothing, and only shows what was offered.
    QVERIFY2(m_dunst.openActionMenu(), qPrintable(m_dunst.lastError()));
    const QString menu = m_dunst.menuInput();
    QVERIFY2(menu.contains(u"#Open (Water the plants) ["_s), qPrintable(menu));
    QVERIFY2(menu.contains(u"#Done (Water the plants) ["_s), qPrintable(menu));
    QVERIFY2(menu.contains(u"#Snooze 10 min (Water the plants) ["_s), qPrintable(menu));
    QVERIFY(menu.contains(u",default]"_s) && menu.contains(u",done]"_s)
        && menu.contains(u",snooze]"_s));
    QCOMPARE(menu.count(u'\n') + (menu.endsWith(u'\n') ? 0 : 1), 3);
}

void DesktopNotifierTest::shouldReportActionTheDaemonInvoked_data()
{
    QTest::addColumn<QString>("actionKey");
    QTest::addColumn<Notification::Action>("action");
    QTest::addColumn<bool>("byMenu"); // else by dunst's default action (a middle click)
    QTest::newRow("done, from the menu") << u"done"_s << Notification::Action::Done << true;
    QTest::newRow("snooze, from the menu") << u"snooze"_s << Notification::Action::Snooze << true;
    QTest::newRow("open, from the menu") << u"default"_s << Notification::Action::Open << true;
    QTest::newRow("open, the default action")
        << u"default"_s << Notification::Action::Open << false;
}

void DesktopNotifierTest::shouldReportActionTheDaemonInvoked()
{
    QFETCH(QString, actionKey);
    QFETCH(Notification::Action, action);
    QFETCH(bool, byMenu);
    Notifier notifier;
    // Two on screen: the action must come back with the key of the one it
    // was picked on.
    QVERIFY(showAndWait(notifier, reminder(u"reminder-a"_s, u"Pay rent"_s)));
    QVERIFY(showAndWait(notifier, reminder(u"reminder-b"_s, u"Book flights"_s)));
    QTRY_COMPARE(m_dunst.displayedCount(), 2u);

    QSignalSpy invoked(&notifier, &Notifier::actionInvoked);
    QSignalSpy closed(&notifier, &Notifier::closed);
    if (byMenu) {
        m_dunst.pick(u"Book flights"_s, actionKey);
        QVERIFY2(m_dunst.openActionMenu(), qPrintable(m_dunst.lastError()));
    } else {
        // dunst lists the ones on screen by urgency, then oldest first.
        QVERIFY2(m_dunst.invokeDefaultAction(0), qPrintable(m_dunst.lastError()));
    }
    QVERIFY(invoked.wait(kWaitMs));
    QCOMPARE(invoked.size(), 1);
    const QString key = byMenu ? u"reminder-b"_s : u"reminder-a"_s;
    QCOMPARE(invoked.constFirst().at(0).toString(), key);
    QCOMPARE(invoked.constFirst().at(1).value<Notification::Action>(), action);

    // Answered: the notifier takes it off the screen; the other one stays.
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, kWaitMs);
    QCOMPARE(closed.constFirst().at(0).toString(), key);
    QCOMPARE(closed.constFirst().at(1).value<Notification::CloseReason>(),
        Notification::CloseReason::ClosedByCall);
    QTRY_COMPARE(m_dunst.displayedCount(), 1u);
}

void DesktopNotifierTest::shouldReplaceNotificationShownUnderSameKey()
{
    Notifier notifier;
    QVERIFY(showAndWait(notifier, reminder(u"missed"_s, u"1 missed reminder"_s)));
    QVERIFY(showAndWait(notifier, reminder(u"missed"_s, u"2 missed reminders"_s)));
    // Shown twice at once: the second waits for the first's id, then replaces it.
    QSignalSpy routed(&notifier, &Notifier::routed);
    notifier.show(reminder(u"missed"_s, u"3 missed reminders"_s));
    notifier.show(reminder(u"missed"_s, u"4 missed reminders"_s));
    QTRY_COMPARE_WITH_TIMEOUT(routed.size(), 2, kWaitMs);
    QCOMPARE(m_dunst.displayedCount(), 1u);

    QVERIFY(m_dunst.closeAll());
    const QList<QVariantMap> history = m_dunst.history();
    QVERIFY(!history.isEmpty());
    QCOMPARE(history.constFirst().value(u"summary"_s).toString(), u"4 missed reminders"_s);
    for (const QVariantMap &earlier : history.mid(1))
        QVERIFY(!earlier.value(u"summary"_s).toString().contains(u"missed reminder"_s));
}

void DesktopNotifierTest::shouldReportHowItWasClosed()
{
    Notifier notifier;
    QSignalSpy closed(&notifier, &Notifier::closed);
    QVERIFY(showAndWait(notifier, reminder(u"by-person"_s, u"Stretch"_s)));
    QVERIFY(m_dunst.closeLast());
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, kWaitMs);
    QCOMPARE(closed.constFirst().at(0).toString(), u"by-person"_s);
    QCOMPARE(closed.constFirst().at(1).value<Notification::CloseReason>(),
        Notification::CloseReason::Dismissed);
    QVERIFY(!notifier.desktop()->isShown(u"by-person"_s));

    QVERIFY(showAndWait(notifier, reminder(u"by-app"_s, u"Drink water"_s)));
    notifier.close(u"by-app"_s);
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 2, kWaitMs);
    QCOMPARE(closed.at(1).at(0).toString(), u"by-app"_s);
    QCOMPARE(closed.at(1).at(1).value<Notification::CloseReason>(),
        Notification::CloseReason::ClosedByCall);
    QTRY_COMPARE(m_dunst.displayedCount(), 0u);
}

void DesktopNotifierTest::shouldIgnoreNotificationsOfADestroyedNotifier()
{
    // Destroyed while its Notify call is on the way: the answer must not
    // reach it (it would be a use after free).
    auto gone = std::make_unique<Notifier>();
    // Ready to send at once (service and capabilities known), so that the
    // call is on the way when it goes.
    QTRY_VERIFY(!gone->desktop()->capabilities().isEmpty());
    gone->show(reminder(u"orphan"_s, u"Orphan"_s));
    gone.reset();
    QTRY_COMPARE_WITH_TIMEOUT(m_dunst.displayedCount(), 1u, kWaitMs);
    QTest::qWait(200);

    // Its notification's action comes to this process's connection, where a
    // new notifier does not know the id, and must not take it for its own.
    Notifier notifier;
    QVERIFY(showAndWait(notifier, reminder(u"mine"_s, u"Mine"_s)));
    QSignalSpy invoked(&notifier, &Notifier::actionInvoked);
    m_dunst.pick(u"Orphan"_s, u"done"_s);
    QVERIFY2(m_dunst.openActionMenu(), qPrintable(m_dunst.lastError()));
    QVERIFY(m_dunst.menuInput().contains(u"(Orphan)"_s));
    QTest::qWait(300);
    QCOMPARE(invoked.size(), 0);

    // While its own still works.
    m_dunst.pick(u"Mine"_s, u"snooze"_s);
    QVERIFY2(m_dunst.openActionMenu(), qPrintable(m_dunst.lastError()));
    QVERIFY(invoked.wait(kWaitMs));
    QCOMPARE(invoked.constFirst().at(0).toString(), u"mine"_s);
}

// Last: it stops the daemon.
void DesktopNotifierTest::shouldFallBackToTrayWhenDaemonQuits()
{
    const int dunstPid = qEnvironmentVariableIntValue("TANDEM_TEST_DUNST_PID");
    QVERIFY(dunstPid > 0);
    QSystemTrayIcon icon;
    Notifier notifier;
    notifier.setTrayIcon(&icon);
    QVERIFY(showAndWait(notifier, reminder(u"on-screen"_s, u"Before"_s)));

    QSignalSpy availability(notifier.desktop(), &DesktopNotifier::availabilityChanged);
    QSignalSpy closed(&notifier, &Notifier::closed);
    QCOMPARE(::kill(dunstPid, SIGTERM), 0);
    QVERIFY(availability.wait(kWaitMs));
    QCOMPARE(availability.constLast().at(0).toBool(), false);
    QVERIFY(!notifier.desktop()->isAvailable());
    // What the gone daemon showed is gone with it.
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.constFirst().at(0).toString(), u"on-screen"_s);
    QCOMPARE(closed.constFirst().at(1).value<Notification::CloseReason>(),
        Notification::CloseReason::Undefined);

    QSignalSpy routed(&notifier, &Notifier::routed);
    notifier.show(reminder(u"after"_s, u"After"_s));
    QCOMPARE(routed.size(), 1); // at once: nobody to ask
    QCOMPARE(routed.constFirst().at(1).value<Notifier::Route>(), Notifier::Route::Tray);
    QCOMPARE(notifier.tray()->shownKey(), u"after"_s);
}

QTEST_MAIN(DesktopNotifierTest)
#include "desktopnotifiertest.moc"
