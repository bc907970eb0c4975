#include "scratchdatabase.h"
#include "sync/syncstate.h"
#include "syncreplica.h"
#include "syncsnapshot.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <barrier>

using namespace Qt::StringLiterals;
using SyncSnapshot::CloudConnection;

// Several people on one database, as ordinary roles that row-level security
// applies to: through sync nobody sees or changes anyone else's rows, and
// many desktops syncing at once through PgBouncer (transaction pooling, as
// Neon's pooled endpoint) all end up with the same data.
class MultiUserTest : public QObject
{
    Q_OBJECT

private:
    static TodoSnapshots live(const SyncReplica &desk) { return SyncSnapshot::local(desk.database->database()); }

    static QString push(const CloudConnection &sql, const QString &device, const QJsonObject &change, bool *ok)
    {
        const PgResult answer = sql->exec(u"SELECT tandem.push($1::uuid, $2::jsonb)::text"_s,
                                          {device, QJsonDocument(QJsonArray{change}).toJson(QJsonDocument::Compact)});
        *ok = answer.ok();
        return answer.ok() ? answer.text(0, 0) : answer.sqlState();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldKeepPeopleApartThroughSync_data()
    {
        QTest::addColumn<bool>("viaBouncer");
        QTest::newRow("direct") << false;
        QTest::newRow("PgBouncer") << true;
    }

    void shouldKeepPeopleApartThroughSync()
    {
        QFETCH(bool, viaBouncer);
        TANDEM_REQUIRE_POSTGRES(server);
        const QStringList roles = ScratchDatabase::roles();
        QVERIFY2(roles.size() >= 2, "two ordinary roles are needed (TANDEM_TEST_PGROLES)");
        ScratchDatabase cloud(server);
        QVERIFY(SyncSnapshot::migrate(cloud));
        SyncReplica alice(cloud, roles.at(0), viaBouncer), bob(cloud, roles.at(1), viaBouncer);
        for (int i = 0; i < 3; ++i)
            alice.add(u"Alice's %1"_s.arg(i), {u"private"_s});
        QVERIFY(alice.store->apply({{alice.store->newList(u"Alice's list"_s)}, {}}));
        for (int i = 0; i < 2; ++i)
            bob.add(u"Bob's %1"_s.arg(i), {u"Private"_s});
        for (int round = 0; round < 2; ++round) {
            for (SyncReplica *desk : {&alice, &bob}) {
                const SyncResult result = desk->sync();
                QVERIFY2(result.ok(), qPrintable(result.message));
            }
        }
        QCOMPARE(live(alice).size(), 3);
        QCOMPARE(live(bob).size(), 2);
        QCOMPARE(alice.store->lists().size(), 2);
        QCOMPARE(bob.store->lists().size(), 1);
        QVERIFY(alice.store->inboxId() != bob.store->inboxId());
        QVERIFY(alice.session->notificationChannel() != bob.session->notificationChannel());

        // And straight in SQL, as each of them.
        const CloudConnection aliceSql(cloud, roles.at(0)), bobSql(cloud, roles.at(1));
        for (const auto &[sql, todos, lists] : {std::tuple{&aliceSql, 3, 2}, std::tuple{&bobSql, 2, 1}}) {
            QCOMPARE((*sql).number(u"SELECT count(*) FROM tandem.todos"_s), todos);
            QCOMPARE((*sql).number(u"SELECT count(*) FROM tandem.lists"_s), lists);
            QCOMPARE((*sql).number(u"SELECT count(*) FROM tandem.tags"_s), 1);
            QCOMPARE((*sql).number(u"SELECT count(*) FROM tandem.todo_tags"_s), todos);
            QCOMPARE((*sql).number(u"SELECT count(*) FROM tandem.devices"_s), 1);
            QCOMPARE((*sql).number(u"SELECT count(*) FROM tandem.todos WHERE owner <> current_user"_s), 0);
        }
        const CloudConnection admin(cloud);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos"_s), 5);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.tags"_s), 2); // one "private" each
        for (const auto &[desk, role] : {std::pair{&alice, roles.at(0)}, std::pair{&bob, roles.at(1)}}) {
            const QString diff = SyncSnapshot::difference(live(*desk), SyncSnapshot::server(*admin, role), role, u"server"_s);
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
        }
    }

    void shouldRefuseAPushIntoSomeoneElsesDeviceOrRows()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        const QStringList roles = ScratchDatabase::roles();
        QVERIFY2(roles.size() >= 2, "two ordinary roles are needed (TANDEM_TEST_PGROLES)");
        ScratchDatabase cloud(server);
        QVERIFY(SyncSnapshot::migrate(cloud));
        SyncReplica alice(cloud, roles.at(0));
        const Todo todo = alice.add(u"Alice's secret"_s, {u"mine"_s});
        const TodoList list = alice.store->newList(u"Alice's list"_s);
        QVERIFY(alice.store->apply({{list}, {}}));
        QVERIFY(alice.sync().ok());
        const TodoSnapshots aliceBefore = live(alice);
        const QString aliceDevice = SyncState(alice.database->database()).deviceId();
        const QString bobDevice = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString bobsTodo = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const CloudConnection bobSql(cloud, roles.at(1)), admin(cloud);
        const qint64 aliceSeq = admin.number(u"SELECT last_seq FROM tandem.devices WHERE device_id = $1"_s, {aliceDevice});
        QVERIFY(aliceSeq > 0);
        bool ok = true;

        // Alice's device id is not Bob's to push with: to him it is a device
        // id to give up (a data folder synced as someone else), and nothing
        // of the push is written.
        const QJsonObject own{{u"seq"_s, 1}, {u"entity"_s, u"todo"_s}, {u"id"_s, bobsTodo}, {u"op"_s, u"upsert"_s},
                              {u"values"_s, QJsonObject{{u"title"_s, u"Bob's"_s}}}};
        const QJsonObject refused = QJsonDocument::fromJson(push(bobSql, aliceDevice, own, &ok).toUtf8()).object();
        QVERIFY(ok);
        QVERIFY(refused.value(u"diverged"_s).toBool());
        QVERIFY(!refused.contains(u"xid"_s));
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos WHERE id = $1"_s, {bobsTodo}), 0);
        // Nor are her rows, under his own device id.
        const QJsonObject hijackTodo{{u"seq"_s, 1}, {u"entity"_s, u"todo"_s}, {u"id"_s, todo.id}, {u"op"_s, u"upsert"_s},
                                     {u"values"_s, QJsonObject{{u"title"_s, u"hijacked"_s}}}};
        push(bobSql, bobDevice, hijackTodo, &ok);
        QVERIFY(!ok);
        const QJsonObject hijackList{{u"seq"_s, 1}, {u"entity"_s, u"list"_s}, {u"id"_s, list.id}, {u"op"_s, u"upsert"_s},
                                     {u"values"_s, QJsonObject{{u"name"_s, u"hijacked"_s}}}};
        push(bobSql, bobDevice, hijackList, &ok);
        QVERIFY(!ok);
        const QJsonObject tagHers{{u"seq"_s, 1}, {u"entity"_s, u"todo_tag"_s}, {u"id"_s, todo.id}, {u"op"_s, u"add"_s},
                                  {u"tag"_s, u"hijacked"_s}};
        push(bobSql, bobDevice, tagHers, &ok);
        QVERIFY(ok); // accepted, and ignored: Bob cannot see the todo
        const QJsonObject intoHerList{{u"seq"_s, 2}, {u"entity"_s, u"todo"_s}, {u"id"_s, bobsTodo}, {u"op"_s, u"upsert"_s},
                                      {u"values"_s, QJsonObject{{u"title"_s, u"Bob's"_s}, {u"list_id"_s, list.id}}}};
        push(bobSql, bobDevice, intoHerList, &ok);
        QVERIFY(ok);
        QVERIFY(bobSql->run(u"UPDATE tandem.devices SET last_seq = 999"_s));

        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todo_tags tt JOIN tandem.tags g ON g.id = tt.tag_id"
                              " WHERE g.name = 'hijacked' AND tt.todo_id = $1"_s,
                              {todo.id}),
                 0);
        // Bob's todo went into an Inbox of his own, not into Alice's list.
        const PgResult placed = admin->exec(u"SELECT t.owner, l.owner, l.is_inbox FROM tandem.todos t"
                                            " JOIN tandem.lists l ON l.id = t.list_id WHERE t.id = $1"_s,
                                            {bobsTodo});
        QCOMPARE(placed.rowCount(), 1);
        QCOMPARE(placed.text(0, 0), roles.at(1));
        QCOMPARE(placed.text(0, 1), roles.at(1));
        QVERIFY(placed.boolean(0, 2));
        QCOMPARE(admin.number(u"SELECT last_seq FROM tandem.devices WHERE device_id = $1"_s, {aliceDevice}), aliceSeq);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.lists WHERE name = 'hijacked' OR id = $1 AND owner <> $2"_s,
                              {list.id, roles.at(0)}),
                 0);

        QVERIFY(alice.sync().ok());
        QCOMPARE(live(alice), aliceBefore);
        QCOMPARE(alice.store->todo(todo.id)->title, u"Alice's secret"_s);
        QCOMPARE(alice.store->todo(todo.id)->tags, QStringList{u"mine"_s});
    }

    void shouldConvergeWhenFourDesktopsSyncAtOnceThroughPgBouncer()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        const QStringList roles = ScratchDatabase::roles();
        QVERIFY2(roles.size() >= 2, "two ordinary roles are needed (TANDEM_TEST_PGROLES)");
        TANDEM_REQUIRE_UNDER_CI(server.bouncerPort != 0, "TANDEM_TEST_PGBOUNCER_PORT is not set");
        ScratchDatabase cloud(server);
        QVERIFY(SyncSnapshot::migrate(cloud));
        constexpr int kDesktops = 4;
        constexpr int kRounds = 6;
        const QStringList owners = {roles.at(0), roles.at(0), roles.at(1), roles.at(1)};
        QMutex mutex;
        QStringList errors, transient;
        QList<TodoSnapshots> finals(kDesktops);
        std::barrier meet(kDesktops);

        auto desktop = [&](int index) {
            // Made and destroyed in this thread: SQLite and QPSQL connections belong to one thread.
            SyncReplica desk(cloud, owners.at(index), /*viaBouncer*/ true);
            QRandomGenerator rng(4242 + index);
            auto sync = [&](const QString &when) {
                for (int attempt = 1; attempt <= 6; ++attempt) {
                    const SyncResult result = desk.sync();
                    if (result.ok())
                        return;
                    const QMutexLocker lock(&mutex);
                    const QString what = u"desk %1, %2, attempt %3: %4"_s.arg(index).arg(when).arg(attempt).arg(result.message);
                    if (!result.retryable()) {
                        errors << what;
                        return;
                    }
                    transient << what;
                    QThread::msleep(20 * attempt); // as the sync engine backs off
                }
                const QMutexLocker lock(&mutex);
                errors << u"desk %1, %2: still failing"_s.arg(index).arg(when);
            };
            desk.add(u"First of desk %1"_s.arg(index), {u"start"_s});
            sync(u"first sync"_s);
            meet.arrive_and_wait();
            for (int round = 0; round < kRounds; ++round) {
                for (int edits = 1 + rng.bounded(3); edits > 0; --edits) {
                    const QStringList ids = live(desk).keys();
                    const int roll = rng.bounded(10);
                    const QString title = u"desk %1 round %2 #%3"_s.arg(index).arg(round).arg(edits);
                    if (ids.isEmpty() || roll < 3) {
                        desk.add(title, {u"tag %1"_s.arg(rng.bounded(3))});
                        continue;
                    }
                    const QString id = ids.at(rng.bounded(int(ids.size())));
                    desk.edit(id, [&](Todo &t) {
                        if (roll == 3)
                            t.deletedAt = Timestamp::now();
                        else if (roll < 6)
                            t.title = title;
                        else if (roll < 8)
                            t.notes = title;
                        else if (roll == 8)
                            t.setCompleted(!t.completed, Timestamp::now());
                        else
                            t.tags << u"tag %1"_s.arg(rng.bounded(3));
                    });
                }
                sync(u"round %1"_s.arg(round));
            }
            for (int pass = 0; pass < 2; ++pass) {
                meet.arrive_and_wait();
                sync(u"final pass %1"_s.arg(pass));
            }
            meet.arrive_and_wait();
            finals[index] = live(desk);
            if (desk.store->pendingChangeCount() != 0) {
                const QMutexLocker lock(&mutex);
                errors << u"desk %1 has changes left to push"_s.arg(index);
            }
        };
        QList<QThread *> threads;
        for (int i = 0; i < kDesktops; ++i)
            threads << QThread::create(desktop, i);
        for (QThread *thread : std::as_const(threads))
            thread->start();
        bool finished = true;
        for (QThread *thread : std::as_const(threads))
            finished = thread->wait(120000) && finished;
        QVERIFY2(finished, "a desktop thread hung");
        qDeleteAll(threads);
        if (!transient.isEmpty())
            qInfo("%lld transient failures, retried:\n%s", qint64(transient.size()), qPrintable(transient.join(u'\n')));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));

        const CloudConnection admin(cloud);
        for (int i = 0; i < kDesktops; ++i) {
            const QString diff = SyncSnapshot::difference(finals[i], SyncSnapshot::server(*admin, owners.at(i)),
                                                          u"desk %1"_s.arg(i), u"server"_s);
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
            QVERIFY(finals[i].size() >= 2); // at least both first todos of this person
        }
        QCOMPARE(finals[0], finals[1]);
        QCOMPARE(finals[2], finals[3]);
        for (const QString &id : finals[0].keys())
            QVERIFY(!finals[2].contains(id));
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.lists WHERE is_inbox AND deleted_at IS NULL"_s), 2);
        QCOMPARE(admin.number(u"SELECT count(*) - count(DISTINCT (owner, title)) FROM tandem.todos"_s), 0);
    }
};

QTEST_GUILESS_MAIN(MultiUserTest)
#include "multiusertest.moc"
