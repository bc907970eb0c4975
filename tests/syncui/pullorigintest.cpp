#include "scratchdatabase.h"
#include "storefixture.h"
#include "sync/synccontroller.h"
#include "syncsnapshot.h"
#include "testprofile.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// The window's side of sync, by the origin of each change: what the engine
// pulled is announced as a pull and is not pushed back; an edit made here is
// announced as local and is pushed. Two desktops of one person, each with
// its engine on its own thread and connection, as in the app.
class PullOriginTest : public QObject
{
    Q_OBJECT

private:
    // Long enough for the push an announced change would schedule
    // (SyncEngine::kLocalChangeDelayMs) to have started.
    static constexpr int kQuietMs = 3 * SyncEngine::kLocalChangeDelayMs;

    // Syncs the controller's engine starts from now on.
    static int syncsStarted(const QList<QList<QVariant>> &states)
    {
        int started = 0;
        for (const QList<QVariant> &state : states)
            started += state.at(0).value<SyncEngine::State>() == SyncEngine::State::Syncing;
        return started;
    }

private Q_SLOTS:
    void shouldAnnounceAPullAsAPullAndNotPushItBack()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(SyncSnapshot::migrate(cloud));

        StoreFixture deskA;
        const Todo written = deskA.addTodo(u"Written on the laptop"_s);
        {
            SyncController controllerA(deskA.database.get(), testProfile(cloud.connectionString()));
            QSignalSpy syncedA(&controllerA, &SyncController::synced);
            QTRY_VERIFY_WITH_TIMEOUT(syncedA.count() >= 1 && deskA.store->pendingChangeCount() == 0, 15000);
        }

        StoreFixture deskB;
        QSignalSpy changes(deskB.database.get(), &LocalDatabase::changed);
        SyncController controllerB(deskB.database.get(), testProfile(cloud.connectionString()));
        QSignalSpy states(&controllerB, &SyncController::stateChanged);
        QSignalSpy syncedB(&controllerB, &SyncController::synced);
        QTRY_VERIFY_WITH_TIMEOUT(deskB.store->todo(written.id).has_value(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(syncedB.count() >= 1, 15000);

        // Announced once, as a pull, naming the todo.
        QList<CacheChange> pulls;
        for (const QList<QVariant> &args : std::as_const(changes)) {
            const auto change = args.at(0).value<CacheChange>();
            if (change.todoIds.contains(written.id))
                pulls << change;
        }
        QCOMPARE(pulls.size(), 1);
        QCOMPARE(pulls.at(0).origin, CacheChange::Origin::Pull);
        QVERIFY(!pulls.at(0).isLocal());

        // Nothing to push: no sync follows the pull.
        const int before = syncsStarted(states);
        QTest::qWait(kQuietMs);
        QCOMPARE(syncsStarted(states), before);

        // An edit made here is announced as local, and pushed.
        changes.clear();
        Todo edited = *deskB.store->todo(written.id);
        edited.title = u"Edited on the desktop"_s;
        QVERIFY(deskB.store->apply({{}, {edited}}));
        QCOMPARE(changes.count(), 1);
        QCOMPARE(changes.at(0).at(0).value<CacheChange>().origin, CacheChange::Origin::LocalEdit);
        QTRY_COMPARE_WITH_TIMEOUT(syncsStarted(states), before + 1, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(deskB.store->pendingChangeCount(), 0, 15000);
    }
};

QTEST_GUILESS_MAIN(PullOriginTest)
#include "pullorigintest.moc"
