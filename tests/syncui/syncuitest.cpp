#include "scratchdatabase.h"
#include "storefixture.h"
#include "sync/synccontroller.h"
#include "syncsnapshot.h"
#include "testprofile.h"
#include "tcpproxy.h"
#include "widgets/mainwindow.h"
#include "widgets/syncstatuswidget.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

// Sync as the window shows it: the status widget's states, and a window
// that stays responsive while a sync crawls over a slow link.
class SyncUiTest : public QObject
{
    Q_OBJECT

private:
    static constexpr int kSlowLinkOneWayMs = 100; // 200 ms round trips
    static constexpr int kMaxStallMs = 100;

    static Profile profileFor(const QString &connectionString)
    {
        Profile profile = testProfile(connectionString);
        profile.syncIntervalSeconds = 60;
        return profile;
    }

    static QString via(const ScratchDatabase &cloud, quint16 port, const QString &password)
    {
        return u"host=127.0.0.1 port=%1 dbname=%2 user=%3 password=%4 connect_timeout=5"_s.arg(
            QString::number(port), cloud.name(), cloud.server().user, password);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
        QSettings().clear();
    }

    void shouldShowSyncOffWithoutAServer()
    {
        StoreFixture fixture;
        SyncController controller(fixture.database.get(), Profile::defaults(ProfileName::Development));
        MainWindow window(fixture.database.get(), fixture.store.get());
        window.setSyncController(&controller);
        QCOMPARE(controller.state(), SyncEngine::State::Disabled);
        QCOMPARE(window.syncStatus()->stateText(), u"Sync off"_s);
        QVERIFY(!window.findChild<QAction *>(u"actionSyncNow"_s)->isEnabled());
    }

    void shouldShowOfflineErrorAndOnline()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        StoreFixture fixture;
        fixture.addTodo(u"Written while offline"_s);

        // Offline: nothing listens at the port the proxy forwards from once it refuses.
        TcpProxy proxy(server.host, quint16(server.port));
        proxy.setRefuse(true);
        {
            SyncController controller(fixture.database.get(), profileFor(via(cloud, proxy.port(), server.password)));
            MainWindow window(fixture.database.get(), fixture.store.get());
            window.setSyncController(&controller);
            QTRY_COMPARE_WITH_TIMEOUT(controller.state(), SyncEngine::State::Offline, 15000);
            QVERIFY2(window.syncStatus()->stateText().startsWith(u"Offline"_s), qPrintable(window.syncStatus()->stateText()));
            QVERIFY(window.syncStatus()->stateText().contains(u"not yet synced"_s));
            // Local work goes on.
            QVERIFY(fixture.store->apply({{}, {fixture.store->newTodo({}, u"Still works"_s)}}));
        }
        {
            SyncController controller(fixture.database.get(), profileFor(via(cloud, quint16(server.port), u"wrong-password"_s)));
            MainWindow window(fixture.database.get(), fixture.store.get());
            window.setSyncController(&controller);
            QTRY_COMPARE_WITH_TIMEOUT(controller.state(), SyncEngine::State::Error, 15000);
            QCOMPARE(window.syncStatus()->stateText(), u"Sync error"_s);
            QVERIFY(controller.message().contains(u"password"_s));
            QVERIFY(!controller.message().contains(u"wrong-password"_s));
        }
        {
            SyncController controller(fixture.database.get(), profileFor(via(cloud, quint16(server.port), server.password)));
            MainWindow window(fixture.database.get(), fixture.store.get());
            window.setSyncController(&controller);
            QTRY_COMPARE_WITH_TIMEOUT(controller.state(), SyncEngine::State::Online, 15000);
            QTRY_VERIFY(window.syncStatus()->stateText().startsWith(u"Synced at"_s));
            QCOMPARE(fixture.store->pendingChangeCount(), 0);
        }
    }

    void shouldSayOnceInTheStatusBarThatTheCacheMetAnotherRole()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        const QStringList roles = ScratchDatabase::roles();
        QVERIFY2(roles.size() >= 2, "two ordinary roles are needed (TANDEM_TEST_PGROLES)");
        ScratchDatabase cloud(server);
        QVERIFY(SyncSnapshot::migrate(cloud));
        StoreFixture fixture;
        fixture.addTodo(u"Made as the first role"_s);
        const auto as = [&](const QString &role) {
            return profileFor(u"host=%1 port=%2 dbname=%3 user=%4 password=%5 connect_timeout=5"_s.arg(
                server.host, QString::number(server.port), cloud.name(), role, server.password));
        };
        {
            SyncController controller(fixture.database.get(), as(roles.at(0)));
            MainWindow window(fixture.database.get(), fixture.store.get());
            window.setSyncController(&controller);
            QTRY_COMPARE_WITH_TIMEOUT(controller.state(), SyncEngine::State::Online, 15000);
        }
        SyncController controller(fixture.database.get(), as(roles.at(1)));
        QSignalSpy notices(&controller, &SyncController::notice);
        QSignalSpy synced(&controller, &SyncController::synced);
        MainWindow window(fixture.database.get(), fixture.store.get());
        window.setSyncController(&controller);
        QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, 15000);
        QCOMPARE(notices.count(), 1);
        QVERIFY2(window.statusBar()->currentMessage().contains(u"another cloud database or role (%1)"_s.arg(roles.at(1))),
                 qPrintable(window.statusBar()->currentMessage()));
        controller.syncNow();
        QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 2, 15000);
        QCOMPARE(notices.count(), 1); // said once
        QCOMPARE(fixture.store->pendingChangeCount(), 0);
    }

    void shouldStayResponsiveWhileSyncingOverASlowLink()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        StoreFixture fixture;
        Changeset many;
        for (int i = 0; i < 3000; ++i)
            many.todos << fixture.store->newTodo({}, u"Todo number %1"_s.arg(i));
        for (int i = 0; i < many.todos.size(); ++i)
            many.todos[i].position = i;
        QVERIFY(fixture.store->apply(many));

        TcpProxy proxy(server.host, quint16(server.port));
        proxy.setLatencyMs(kSlowLinkOneWayMs);
        MainWindow window(fixture.database.get(), fixture.store.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // A timer that should fire every 10 ms: its longest gap is the longest stall.
        QElapsedTimer clock;
        qint64 last = 0, longest = 0;
        QTimer ticker;
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, &ticker, [&] {
            const qint64 now = clock.elapsed();
            longest = std::max(longest, now - last);
            last = now;
        });
        clock.start();
        ticker.start();

        SyncController controller(fixture.database.get(), profileFor(via(cloud, proxy.port(), server.password)));
        window.setSyncController(&controller);
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), SyncEngine::State::Online, 60000);
        // Keep using the window during the sync's aftermath too: one key at a
        // time, as a person types, each its own turn of the event loop.
        for (const QChar c : u"number 12"_s) {
            QTest::keyClick(window.searchField(), c.toLatin1());
            QTest::qWait(30);
        }
        QTest::qWait(200);
        ticker.stop();
        QVERIFY(proxy.roundTrips() > 0);
        QCOMPARE(fixture.store->pendingChangeCount(), 0);
        QVERIFY2(longest < kMaxStallMs, qPrintable(u"the event loop stalled for %1 ms"_s.arg(longest)));
    }
};

QTEST_MAIN(SyncUiTest)
#include "syncuitest.moc"
