#include "cloud/connectionconfig.h"
#include "cloud/profile.h"
#include "secrets/passwordstore.h"
#include "cloud/profileloader.h"
#include "storefixture.h"
#include "sync/synccontroller.h"
#include "sync/syncsetup.h"
#include "syncstarter.h"
#include "widgets/mainwindow.h"
#include "widgets/syncstatuswidget.h"

#include <QAction>
#include <QDialog>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

// A server that takes connections and never says a word: libpq sits in its
// start-up handshake until connect_timeout, as with a host that drops packets.
class Blackhole : public QTcpServer
{
public:
    Blackhole()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection())
                m_held << socket;
        });
        listen(QHostAddress::LocalHost);
    }
    int connectionCount() const { return int(m_held.size()); }

private:
    QList<QTcpSocket *> m_held;
};

// Fires every 10 ms: its longest gap is the longest time the event loop was away.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_ticker.setInterval(10);
        connect(&m_ticker, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.elapsed();
            m_longest = std::max(m_longest, now - m_last);
            m_last = now;
        });
        m_clock.start();
        m_ticker.start();
    }
    qint64 longestMs() const { return std::max(m_longest, m_clock.elapsed() - m_last); }

private:
    QElapsedTimer m_clock;
    QTimer m_ticker;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

} // namespace

// Quitting and saving sync settings while the sync worker is stuck in a
// connection attempt: the window must not wait for libpq to give up.
class SyncShutdownTest : public QObject
{
    Q_OBJECT

private:
    static constexpr int kMaxStallMs = 100;
    static constexpr int kConnectTimeoutSeconds = 3; // the longest a blocked worker holds on

    static Profile profileAt(quint16 port)
    {
        Profile profile = Profile::defaults(ProfileName::Development);
        QString error;
        const auto config = ConnectionConfig::parse(
            u"host=127.0.0.1 port=%1 dbname=tandem user=nobody password=pw sslmode=disable connect_timeout=%2"_s.arg(
                QString::number(port), QString::number(kConnectTimeoutSeconds)),
            &error);
        if (!config)
            qFatal("bad connection string: %s", qPrintable(error));
        profile.connection = *config;
        profile.idleDisconnectSeconds = 0;
        return profile;
    }

    // What main() loads the profile from: here a command line naming the
    // silent server, and the password in the environment.
    static ProfileLoader::Inputs inputsFor(quint16 port)
    {
        ProfileLoader::Inputs inputs;
        inputs.profileName = u"development"_s;
        inputs.commandLine.insert(u"url"_s, u"host=127.0.0.1 port=%1 dbname=tandem user=nobody sslmode=disable connect_timeout=%2"_s.arg(
                                                QString::number(port), QString::number(kConnectTimeoutSeconds)));
        inputs.environment.insert(u"PGPASSWORD"_s, u"pw"_s);
        inputs.environment.insert(u"TANDEM_IDLE_DISCONNECT"_s, u"0"_s);
        inputs.profileDir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
        return inputs;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
        QSettings().clear();
    }

    void quitReturnsAtOnceWhileTheWorkerIsMidConnect()
    {
        Blackhole hole;
        QVERIFY(hole.isListening());
        StoreFixture fixture;
        MainWindow window(fixture.database.get(), fixture.store.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        SyncSetup sync(fixture.database.get());
        connect(&sync, &SyncSetup::controllerChanged, &window, &MainWindow::setSyncController);
        sync.restart(profileAt(hole.serverPort()));
        // Not vacuous: the worker is inside libpq's handshake right now.
        QTRY_COMPARE(hole.connectionCount(), 1);
        QVERIFY(sync.controller());
        QCOMPARE(sync.controller()->state(), SyncEngine::State::Syncing);

        QElapsedTimer clock;
        clock.start();
        window.findChild<QAction *>(u"actionQuit"_s)->trigger();
        // What main() does once the event loop is over.
        const QList<QPointer<QThread>> stopping = sync.shutdown();
        const qint64 elapsed = clock.elapsed();
        QVERIFY(!window.isVisible());
        QVERIFY(!window.syncStatus());
        QVERIFY2(elapsed < kMaxStallMs, qPrintable(u"quitting took %1 ms"_s.arg(elapsed)));

        // The worker was left in libpq, and main()'s last wait is bounded...
        QCOMPARE(stopping.size(), 1);
        QVERIFY(!SyncSetup::waitForThreads(stopping, QDeadlineTimer(50)));
        // ...and it ends by itself once libpq gives up.
        QVERIFY(SyncSetup::waitForThreads(stopping, QDeadlineTimer(kConnectTimeoutSeconds * 1000 + 5000)));
        QTRY_VERIFY(!stopping.first()); // the thread object went too
    }

    void savingSyncSettingsReturnsAtOnceWhileTheWorkerIsMidConnect()
    {
        Blackhole hole;
        StoreFixture fixture;
        PasswordStore passwords; // no session bus here: the password stays in memory
        MainWindow window(fixture.database.get(), fixture.store.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Wired as main() wires it.
        SyncSetup sync(fixture.database.get());
        SyncStarter starter(&sync, &window, &passwords, inputsFor(hole.serverPort()), ProfileName::Development);
        connect(&window, &MainWindow::syncSettingsSaved, &starter, &SyncStarter::start);
        QVERIFY(starter.start());
        QTRY_COMPARE(hole.connectionCount(), 1);
        SyncController *first = sync.controller();
        QVERIFY(first);
        QCOMPARE(first->state(), SyncEngine::State::Syncing);
        QSignalSpy saved(&window, &MainWindow::syncSettingsSaved);
        QSignalSpy controllers(&sync, &SyncSetup::controllerChanged);

        window.findChild<QAction *>(u"actionSyncSettings"_s)->trigger();
        auto *dialog = window.findChild<QDialog *>(u"syncSettingsDialog"_s);
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *save = dialog->findChild<QPushButton *>(u"saveButton"_s);
        QVERIFY(save && save->isEnabled());

        const StallMeter meter;
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(save, Qt::LeftButton);
        const qint64 click = clock.elapsed();
        QTRY_COMPARE(saved.count(), 1);
        QTRY_COMPARE(controllers.count(), 1); // the old one let go (the password was known)
        QTest::qWait(200);
        QVERIFY2(click < kMaxStallMs, qPrintable(u"the click took %1 ms"_s.arg(click)));
        QVERIFY2(meter.longestMs() < kMaxStallMs,
                 qPrintable(u"the event loop stalled for %1 ms"_s.arg(meter.longestMs())));

        // Never two engines on one cache: the new one waits for the old
        // worker, which is still in libpq, and the window shows neither.
        QCOMPARE(controllers.first().first().value<SyncController *>(), nullptr);
        QVERIFY(sync.isStopping());
        QVERIFY(!sync.controller());
        QVERIFY(!window.syncStatus());
        QCOMPARE(hole.connectionCount(), 1);
        // The old worker gives up; only then does the new one start.
        QTRY_VERIFY_WITH_TIMEOUT(sync.controller(), kConnectTimeoutSeconds * 1000 + 5000);
        QCOMPARE(controllers.count(), 2);
        QCOMPARE(window.syncStatus() != nullptr, true);
        QTRY_COMPARE(hole.connectionCount(), 2);
        QVERIFY(SyncSetup::waitForThreads(sync.shutdown(), QDeadlineTimer(kConnectTimeoutSeconds * 1000 + 5000)));
    }

    void aRestartWhileTheOldWorkerStopsStartsOnlyTheNewest()
    {
        Blackhole hole;
        StoreFixture fixture;
        SyncSetup sync(fixture.database.get());
        sync.restart(profileAt(hole.serverPort()));
        QTRY_COMPARE(hole.connectionCount(), 1);
        Profile second = profileAt(hole.serverPort());
        second.syncIntervalSeconds = 61;
        Profile third = profileAt(hole.serverPort());
        third.syncIntervalSeconds = 62;
        sync.restart(second);
        sync.restart(third); // saved again before the old worker finished
        QVERIFY(!sync.controller());
        QTRY_VERIFY_WITH_TIMEOUT(sync.controller(), kConnectTimeoutSeconds * 1000 + 5000);
        QCOMPARE(sync.controller()->profile().syncIntervalSeconds, 62);
        QTRY_COMPARE(hole.connectionCount(), 2);
        QTest::qWait(200);
        QCOMPARE(hole.connectionCount(), 2); // one engine at a time, never the skipped one
        QVERIFY(SyncSetup::waitForThreads(sync.shutdown(), QDeadlineTimer(kConnectTimeoutSeconds * 1000 + 5000)));
    }
};

QTEST_MAIN(SyncShutdownTest)
#include "syncshutdowntest.moc"
