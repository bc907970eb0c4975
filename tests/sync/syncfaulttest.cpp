#include "scratchdatabase.h"
#include "sync/outboxbatch.h"
#include "sync/syncstate.h"
#include "syncreplica.h"
#include "syncsnapshot.h"
#include "tcpproxy.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using SyncSnapshot::CloudConnection;

// Sync when the network and the server misbehave: connections cut in the
// middle of a push or a pull (through a TcpProxy), with latency; a batch sent
// twice; a server restart between two syncs; failures that must be told
// apart; a server too slow to answer. Nothing may be lost or doubled, and
// the desktop keeps working offline meanwhile.
class SyncFaultTest : public QObject
{
    Q_OBJECT

private:
    static std::unique_ptr<SyncSession> session(const SyncReplica &desk, const ScratchDatabase &cloud, const QString &host,
                                                int port, const QString &password, const SyncOptions &options = {})
    {
        QString error;
        const auto config = ConnectionConfig::parse(
            u"host=%1 port=%2 dbname=%3 user=%4 password=%5 connect_timeout=5"_s.arg(
                host, QString::number(port), cloud.name(), cloud.server().user, password),
            &error);
        if (!config)
            qFatal("bad connection string: %s", qPrintable(error));
        return std::make_unique<SyncSession>(desk.database->database(), *config, options);
    }

    static TodoSnapshots live(const SyncReplica &desk) { return SyncSnapshot::local(desk.database->database()); }

    // Everything a push can write, as text, to see that a second push wrote nothing.
    static QString serverState(const CloudConnection &admin)
    {
        const PgResult state = admin->exec(
            u"SELECT (SELECT string_agg(t::text, E'\\n' ORDER BY t.id) FROM tandem.todos t) || E'\\n'"
            " || (SELECT string_agg(l::text, E'\\n' ORDER BY l.id) FROM tandem.lists l) || E'\\n'"
            " || (SELECT string_agg(g::text, E'\\n' ORDER BY g.id) FROM tandem.tags g) || E'\\n'"
            " || (SELECT string_agg(tt::text, E'\\n' ORDER BY tt.todo_id, tt.tag_id) FROM tandem.todo_tags tt) || E'\\n'"
            " || (SELECT count(*) FROM tandem.conflicts) || E'\\n'"
            " || (SELECT string_agg(device_id || '=' || last_seq, ',') FROM tandem.devices)"_s);
        return state.ok() && state.rowCount() == 1 ? state.text(0, 0) : u"error: "_s + admin->lastError();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldLoseAndDoubleNothingWhenTheConnectionIsCut_data()
    {
        QTest::addColumn<QByteArray>("marker"); // cut once the client sent this (empty: count from now)
        QTest::addColumn<qint64>("clientBytes");
        QTest::addColumn<qint64>("serverBytes");
        QTest::addColumn<int>("latencyMs");
        QTest::addColumn<int>("times"); // 1: the automatic reconnect recovers; 2: the sync fails
        QTest::addColumn<bool>("serverHasPush");
        const QByteArray push = "tandem.push", pull = "pg_snapshot_xmin";
        QTest::newRow("push never arrives") << push << 0ll << -1ll << 0 << 2 << false;
        QTest::newRow("push cut while uploading, latency") << push << 30ll << -1ll << 15 << 2 << false;
        QTest::newRow("push answer lost") << push << -1ll << 0ll << 0 << 2 << true;
        QTest::newRow("push answer cut halfway, latency") << push << -1ll << 12ll << 15 << 2 << true;
        QTest::newRow("push answer lost once: reconnect, resend") << push << -1ll << 0ll << 10 << 1 << true;
        QTest::newRow("pull never arrives") << pull << 0ll << -1ll << 0 << 2 << true;
        QTest::newRow("pull answer cut after 3000 bytes, latency") << pull << -1ll << 3000ll << 15 << 2 << true;
        QTest::newRow("pull answer cut once: reconnect, pull again") << pull << -1ll << 500ll << 10 << 1 << true;
        QTest::newRow("cut after 2000 more server bytes") << QByteArray() << -1ll << 2000ll << 5 << 1 << true;
    }

    void shouldLoseAndDoubleNothingWhenTheConnectionIsCut()
    {
        QFETCH(QByteArray, marker);
        QFETCH(qint64, clientBytes);
        QFETCH(qint64, serverBytes);
        QFETCH(int, latencyMs);
        QFETCH(int, times);
        QFETCH(bool, serverHasPush);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        TcpProxy proxy(server.host, quint16(server.port));
        QVERIFY(proxy.isListening());
        SyncReplica a(cloud), b(cloud);
        b.session = session(b, cloud, proxy.host(), proxy.port(), server.password);
        for (int i = 0; i < 60; ++i)
            a.add(u"Shared %1"_s.arg(i), i % 5 == 0 ? QStringList{u"fifth"_s} : QStringList());
        QVERIFY(a.sync().ok());
        QVERIFY(b.sync().ok());
        const QStringList ids = live(b).keys();
        QCOMPARE(ids.size(), 60);
        // A renames half of them, so that B's next pull is large; B works offline.
        for (int i = 0; i < 30; ++i)
            a.edit(ids.at(i), [i](Todo &t) { t.title = u"Shared %1, renamed by A"_s.arg(i); });
        QVERIFY(a.sync().ok());
        for (int i = 0; i < 5; ++i)
            b.add(u"Offline %1"_s.arg(i), {u"offline"_s});
        b.edit(ids.at(40), [](Todo &t) { t.notes = u"B was here"_s; });
        b.edit(ids.at(41), [](Todo &t) { t.priority = Priority::High; });
        const TodoSnapshots before = live(b);
        const QString cursorBefore = SyncState(b.database->database()).pullCursor();

        proxy.setLatencyMs(latencyMs);
        proxy.armCut({marker, clientBytes, serverBytes, times});
        const SyncResult cut = b.sync();
        QCOMPARE(proxy.cutsDone(), times);
        const CloudConnection admin(cloud);
        if (times == 1) {
            QVERIFY2(cut.ok(), qPrintable(cut.message)); // reconnected on its own
            QCOMPARE(proxy.acceptedConnections(), 2);
        } else {
            QCOMPARE(cut.error, SyncResult::Error::ConnectionLost);
            QVERIFY(cut.retryable());
            // Nothing was applied half-way: the cache and its cursor are as before.
            QCOMPARE(SyncState(b.database->database()).pullCursor(), cursorBefore);
            QVERIFY(live(b) == before);
            QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos"_s), serverHasPush ? 65 : 60);
            // A push whose answer was lost stays in the outbox, to be sent again.
            QCOMPARE(b.store->pendingChangeCount() == 0, marker == "pg_snapshot_xmin");
        }

        proxy.disarm(); // the network heals (the latency stays)
        const SyncResult healed = b.sync();
        QVERIFY2(healed.ok(), qPrintable(healed.message));
        QVERIFY(a.sync().ok());
        QCOMPARE(b.store->pendingChangeCount(), 0);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos"_s), 65);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos WHERE deleted_at IS NULL"_s), 65);
        QCOMPARE(admin.number(u"SELECT count(*) - count(DISTINCT title) FROM tandem.todos"_s), 0);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todo_tags tt JOIN tandem.tags g ON g.id = tt.tag_id"
                              " WHERE g.name = 'offline'"_s),
                 5);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.conflicts"_s), 0);
        const TodoSnapshots onServer = SyncSnapshot::server(*admin, server.user);
        QString diff = SyncSnapshot::difference(live(b), onServer, u"B"_s, u"server"_s);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        diff = SyncSnapshot::difference(live(a), onServer, u"A"_s, u"server"_s);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QCOMPARE(onServer.value(ids.at(40)).notes, u"B was here"_s);
        QCOMPARE(onServer.value(ids.at(41)).priority, int(Priority::High));
        QCOMPARE(onServer.value(ids.at(0)).title, u"Shared 0, renamed by A"_s);
    }

    void shouldChangeNothingWhenABatchIsSentAgain()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        SyncReplica desk(cloud);
        QVERIFY(desk.sync().ok());
        const Todo kept = desk.add(u"Kept"_s, {u"tagged"_s});
        const Todo gone = desk.add(u"Gone"_s);
        desk.edit(gone.id, [](Todo &t) { t.deletedAt = Timestamp::now(); });
        desk.edit(kept.id, [](Todo &t) { t.notes = u"with notes"_s; });
        QVERIFY(desk.store->apply({{desk.store->newList(u"Errands"_s)}, {}}));
        const QSqlDatabase db = desk.database->database();
        QString error;
        const OutboxBatch batch = OutboxBatch::read(db, 1000, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(batch.changeCount, 6);

        const CloudConnection admin(cloud);
        const QString device = SyncState(db).deviceId();
        const auto push = [&](const QJsonArray &changes) {
            const PgResult answer = admin->exec(u"SELECT tandem.push($1::uuid, $2::jsonb)::text"_s,
                                                {device, QJsonDocument(changes).toJson(QJsonDocument::Compact)});
            return answer.ok() ? QJsonDocument::fromJson(answer.raw(0, 0)).object() : QJsonObject();
        };
        const QJsonObject first = push(batch.changes);
        QCOMPARE(first.value(u"applied"_s).toInt(), 6);
        QCOMPARE(first.value(u"skipped"_s).toInt(), 0);
        const QString state = serverState(admin);
        QVERIFY(state.contains(u"with notes"_s));

        // The acknowledgement was lost: the same batch comes again.
        const QJsonObject second = push(batch.changes);
        QCOMPARE(second.value(u"applied"_s).toInt(), 0);
        QCOMPARE(second.value(u"skipped"_s).toInt(), 6);
        QCOMPARE(second.value(u"conflicts"_s).toInt(), 0);
        QCOMPARE(serverState(admin), state);

        // So does the desktop's next sync, which never heard back either.
        const SyncResult synced = desk.sync();
        QVERIFY2(synced.ok(), qPrintable(synced.message));
        QCOMPARE(synced.pushedChanges, 6);
        QCOMPARE(desk.store->pendingChangeCount(), 0);
        QCOMPARE(serverState(admin), state);

        // Sent again together with newer changes: only the newer ones apply.
        desk.edit(kept.id, [](Todo &t) { t.title = u"Kept, renamed"_s; });
        const OutboxBatch newer = OutboxBatch::read(db, 1000, &error);
        QCOMPARE(newer.changeCount, 1);
        QJsonArray both = batch.changes;
        for (const QJsonValue &change : newer.changes)
            both.append(change);
        const QJsonObject third = push(both);
        QCOMPARE(third.value(u"applied"_s).toInt(), 1);
        QCOMPARE(third.value(u"skipped"_s).toInt(), 6);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos WHERE title = 'Kept, renamed'"_s), 1);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos"_s), 2);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todo_tags"_s), 1);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.lists WHERE name = 'Errands'"_s), 1);
    }

    void shouldReconnectOnceTheServerIsBack_data()
    {
        QTest::addColumn<QString>("outage"); // restart or cut
        QTest::addColumn<bool>("viaBouncer");
        QTest::addColumn<bool>("pendingWork");
        QTest::newRow("server restart, direct, with work to push") << u"restart"_s << false << true;
        QTest::newRow("server restart, direct, idle") << u"restart"_s << false << false;
        QTest::newRow("server restart, PgBouncer") << u"restart"_s << true << true;
        QTest::newRow("network drop, with work to push") << u"cut"_s << false << true;
        QTest::newRow("network drop, idle") << u"cut"_s << false << false;
    }

    void shouldReconnectOnceTheServerIsBack()
    {
        QFETCH(QString, outage);
        QFETCH(bool, viaBouncer);
        QFETCH(bool, pendingWork);
        TANDEM_REQUIRE_POSTGRES(server);
        TANDEM_REQUIRE_UNDER_CI(outage != u"restart"_s || (!server.pgCtl.isEmpty() && !server.dataDir.isEmpty()),
                                "TANDEM_TEST_PGCTL / TANDEM_TEST_PGDATA are not set");
        ScratchDatabase cloud(server);
        TcpProxy proxy(server.host, quint16(viaBouncer ? server.bouncerPort : server.port));
        SyncReplica desk(cloud, {}, viaBouncer), other(cloud);
        if (outage == u"cut"_s)
            desk.session = session(desk, cloud, proxy.host(), proxy.port(), server.password);
        const Todo before = desk.add(u"Before the outage"_s);
        QVERIFY(desk.sync().ok());
        QVERIFY(desk.session->isConnected());
        const Todo fromOther = other.add(u"From the other desktop"_s);
        QVERIFY(other.sync().ok());
        if (pendingWork)
            desk.add(u"During the outage"_s, {u"outage"_s});

        if (outage == u"restart"_s) {
            QString output;
            QVERIFY2(TestPostgres::runPgCtl(server, {u"restart"_s, u"-m"_s, u"fast"_s, u"-w"_s}, &output), qPrintable(output));
        } else {
            proxy.cutAll();
        }
        const SyncResult result = desk.sync();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.pushedChanges, pendingWork ? 2 : 0);
        QCOMPARE(desk.store->pendingChangeCount(), 0);
        QVERIFY(desk.store->todo(fromOther.id)); // the pull after the reconnect ran too
        if (outage == u"cut"_s)
            QCOMPARE(proxy.acceptedConnections(), 2);
        QVERIFY(other.sync().ok());
        const CloudConnection admin(cloud);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos"_s), pendingWork ? 3 : 2);
        const TodoSnapshots onServer = SyncSnapshot::server(*admin, server.user);
        QVERIFY(onServer.contains(before.id));
        QString diff = SyncSnapshot::difference(live(desk), onServer, u"desk"_s, u"server"_s);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        diff = SyncSnapshot::difference(live(other), onServer, u"other"_s, u"server"_s);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void shouldTellFailuresApartAndKeepWorkingOffline_data()
    {
        QTest::addColumn<QString>("failure");
        QTest::addColumn<SyncResult::Error>("expected");
        QTest::newRow("wrong password") << u"password"_s << SyncResult::Error::AuthFailed;
        QTest::newRow("wrong password, PgBouncer") << u"bouncer-password"_s << SyncResult::Error::AuthFailed;
        QTest::newRow("closed port") << u"closed-port"_s << SyncResult::Error::Unreachable;
        QTest::newRow("connection dropped at once") << u"refused"_s << SyncResult::Error::Unreachable;
        QTest::newRow("unknown host") << u"dns"_s << SyncResult::Error::Unreachable;
    }

    void shouldTellFailuresApartAndKeepWorkingOffline()
    {
        QFETCH(QString, failure);
        QFETCH(SyncResult::Error, expected);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        TcpProxy proxy(server.host, quint16(server.port));
        SyncReplica desk(cloud);
        QVERIFY(desk.sync().ok());
        desk.add(u"Before"_s);

        const QString wrongPassword = u"Not-the-Pa55word-%1"_s.arg(QUuid::createUuid().toString(QUuid::Id128));
        QString host = server.host, password = server.password;
        int port = server.port;
        if (failure == u"password"_s) {
            password = wrongPassword;
        } else if (failure == u"bouncer-password"_s) {
            password = wrongPassword;
            port = server.bouncerPort;
        } else if (failure == u"closed-port"_s) {
            QTcpServer probe; // a port that was free a moment ago, and nobody listens on now
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
            probe.close();
        } else if (failure == u"refused"_s) {
            proxy.setRefuse(true);
            port = proxy.port();
        } else {
            host = u"nonexistent.invalid"_s;
        }
        std::unique_ptr<SyncSession> working = std::move(desk.session);
        desk.session = session(desk, cloud, host, port, password);
        const SyncResult failed = desk.sync();
        QCOMPARE(failed.error, expected);
        QVERIFY(!failed.message.isEmpty());
        QVERIFY(!failed.message.contains(wrongPassword));
        QVERIFY(!failed.message.contains(server.password));
        QCOMPARE(failed.retryable(), expected != SyncResult::Error::AuthFailed);
        if (failure == u"dns"_s)
            QVERIFY2(failed.message.contains(u"host name"_s), qPrintable(failed.message));
        if (failure == u"refused"_s)
            QVERIFY(proxy.refusedConnections() >= 1);

        // Offline, work goes on; once the cloud is back, it gets everything.
        const Todo during = desk.add(u"While the cloud was away"_s);
        QCOMPARE(desk.store->pendingChangeCount(), 2);
        desk.session = std::move(working);
        const SyncResult later = desk.sync();
        QVERIFY2(later.ok(), qPrintable(later.message));
        QCOMPARE(desk.store->pendingChangeCount(), 0);
        const CloudConnection admin(cloud);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos WHERE id = $1"_s, {during.id}), 1);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos"_s), 2);
    }

    void shouldTimeOutOnASlowServerAndRecover_data()
    {
        QTest::addColumn<QString>("table"); // locked by another session meanwhile
        QTest::addColumn<bool>("pendingWork");
        QTest::addColumn<bool>("reconnect");
        QTest::newRow("pull waits for the todos") << u"tandem.todos"_s << false << false;
        QTest::newRow("push waits for the todos") << u"tandem.todos"_s << true << false;
        QTest::newRow("handshake waits for the lists") << u"tandem.lists"_s << false << true;
    }

    void shouldTimeOutOnASlowServerAndRecover()
    {
        QFETCH(QString, table);
        QFETCH(bool, pendingWork);
        QFETCH(bool, reconnect);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        SyncOptions options;
        options.statementTimeoutMs = 300;
        SyncReplica desk(cloud, {}, false, options);
        desk.add(u"Before"_s);
        QVERIFY(desk.sync().ok());
        if (reconnect)
            desk.session->disconnectFromServer();
        if (pendingWork)
            desk.add(u"Pending"_s);

        const CloudConnection locker(cloud);
        // Should the sync wait for ever after all, the lock goes after 8 s and the test fails instead of hanging.
        QVERIFY(locker->run(u"SET idle_in_transaction_session_timeout = '8s'"_s));
        QVERIFY(locker->begin());
        QVERIFY(locker->run(u"LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE"_s.arg(table)));
        QElapsedTimer clock;
        clock.start();
        const SyncResult slow = desk.sync();
        QCOMPARE(slow.error, SyncResult::Error::Timeout);
        QVERIFY(slow.retryable());
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));

        const Todo during = desk.add(u"While the server was slow"_s);
        locker->rollback();
        const SyncResult later = desk.sync();
        QVERIFY2(later.ok(), qPrintable(later.message));
        QCOMPARE(desk.store->pendingChangeCount(), 0);
        const CloudConnection admin(cloud);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos WHERE id = $1"_s, {during.id}), 1);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos"_s), pendingWork ? 3 : 2);
    }

    void shouldNeedOneRoundTripPerPushBatchAndOneForThePull()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        TcpProxy proxy(server.host, quint16(server.port));
        SyncReplica desk(cloud);
        desk.session = session(desk, cloud, proxy.host(), proxy.port(), server.password);
        QVERIFY(desk.sync().ok());
        proxy.setLatencyMs(20);

        desk.add(u"One"_s);
        qint64 before = proxy.roundTrips();
        QElapsedTimer clock;
        clock.start();
        SyncResult result = desk.sync();
        QVERIFY(result.ok());
        QCOMPARE(proxy.roundTrips() - before, 2);
        QCOMPARE(result.roundTrips, 2);
        QVERIFY(clock.elapsed() >= 2 * 40); // the latency is there

        before = proxy.roundTrips();
        result = desk.sync();
        QCOMPARE(proxy.roundTrips() - before, 1); // nothing to push
        QCOMPARE(result.roundTrips, 1);

        SyncOptions options = desk.session->options();
        options.pushBatchChanges = 2;
        desk.session->setOptions(options);
        for (int i = 0; i < 5; ++i)
            desk.add(u"Batch %1"_s.arg(i));
        before = proxy.roundTrips();
        result = desk.sync();
        QVERIFY(result.ok());
        QCOMPARE(result.pushedChanges, 5);
        QCOMPARE(proxy.roundTrips() - before, 4); // three batches, one pull
        QCOMPARE(result.roundTrips, 4);
        QVERIFY(proxy.bytesToServer() > 0 && proxy.bytesToClient() > 0);
    }
};

QTEST_GUILESS_MAIN(SyncFaultTest)
#include "syncfaulttest.moc"
