// The sync engine retries only what retrying can fix: a failure that only a
// person can fix (here a role that may not create Tandem's schema: 42501)
// ends the backoff and the polling until the person asks again (Sync now),
// while an unreachable server is retried with backoff.

#include "cloud/connectionconfig.h"
#include "cloud/profile.h"
#include "scratchdatabase.h"
#include "storefixture.h"
#include "sync/syncengine.h"

#include <QObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Long enough for several polls (every second) and the first backoff (2 s).
constexpr int kWatchMs = 4500;

int attempts(const QSignalSpy &states)
{
    int count = 0;
    for (const QList<QVariant> &signal : states) {
        if (signal.at(0).value<SyncEngine::State>() == SyncEngine::State::Syncing)
            ++count;
    }
    return count;
}

} // namespace

class SyncEngineRetryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldRetryOnlyWhatRetryingCanFix_data()
    {
        QTest::addColumn<bool>("fixable");
        QTest::newRow("insufficient privilege: not retried") << false;
        QTest::newRow("unreachable server: retried") << true;
    }

    void shouldRetryOnlyWhatRetryingCanFix()
    {
        QFETCH(bool, fixable);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        // An ordinary role may connect, but not create Tandem's schema.
        QVERIFY(cloud.adminExec(u"REVOKE CREATE ON DATABASE %1 FROM PUBLIC"_s.arg(cloud.name())));
        int port = server.port;
        if (fixable) {
            QTcpServer probe; // a port that was free a moment ago, and nobody listens on now
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        QString error;
        const auto config = ConnectionConfig::parse(
            u"host=%1 port=%2 dbname=%3 user=%4 password=%5 connect_timeout=5"_s.arg(server.host)
                .arg(port)
                .arg(cloud.name(), ScratchDatabase::roles().first(), server.password),
            &error);
        QVERIFY2(config, qPrintable(error));
        Profile profile = Profile::defaults(ProfileName::Development);
        profile.connection = *config;
        profile.syncIntervalSeconds = 1;
        profile.idleDisconnectSeconds = 0;

        StoreFixture fixture;
        SyncEngine engine(fixture.filePath(), profile);
        QSignalSpy states(&engine, &SyncEngine::stateChanged);
        engine.start();
        QTest::qWait(kWatchMs);
        const auto last = states.last();
        qInfo("%d attempts in %d ms, last state %d: %s", attempts(states), kWatchMs,
              int(last.at(0).value<SyncEngine::State>()), qPrintable(last.at(1).toString()));
        if (fixable) {
            QVERIFY(attempts(states) >= 2);
            QCOMPARE(last.at(0).value<SyncEngine::State>(), SyncEngine::State::Offline);
            return;
        }
        QCOMPARE(attempts(states), 1);
        QCOMPARE(last.at(0).value<SyncEngine::State>(), SyncEngine::State::Error);
        QVERIFY(!last.at(1).toString().isEmpty());
        // The person asks again: one more attempt, and no loop after it.
        engine.syncNow();
        QTRY_COMPARE_WITH_TIMEOUT(attempts(states), 2, 5000);
        QTest::qWait(kWatchMs);
        QCOMPARE(attempts(states), 2);
    }
};

QTEST_GUILESS_MAIN(SyncEngineRetryTest)
#include "syncengineretrytest.moc"
