#include "convergencechecks.h"
#include "convergencedesk.h"
#include "scratchdatabase.h"
#include "store/sqlhelpers.h"
#include "syncsnapshot.h"
#include "topologyreplica.h"

#include <QElapsedTimer>
#include <QHash>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

#include <vector>

using namespace Qt::StringLiterals;
using SyncSnapshot::CloudConnection;
using namespace ConvergenceChecks;

// Several desktops, each with its own cache, edit offline at random (from
// fixed seeds) and sync in random order. Whenever all of them have synced
// until quiet, every cache must equal the server, nothing may be lost or
// doubled, and every field that only one desktop touched meanwhile must
// hold that desktop's last value (see the rules in 0004_push.sql).
//
// A desktop of the real topology (ConvergenceDesk::Kind::RealTopology) runs
// the SyncEngine on its own thread and connection, and its window also
// edits while the engine applies a pull. Rows with one are checked after
// every round, so that each edit in a round is concurrent with the others',
// and each title or notes the window wrote last must then be on the server
// or in the conflict log as the value a later push overwrote.
class ConvergenceTest : public QObject
{
    Q_OBJECT

private:
    static constexpr int kRoundsPerCheck = 12;

    // Who set a field (or a tag, "tag:NAME") of a todo since the last check, and to what.
    struct Claim
    {
        QSet<int> editors;
        QVariant value;         // the last one written
        QVariantList written;   // all of them
    };

    struct Model
    {
        quint32 seed = 0;
        int counter = 0;
        QHash<QString, Claim> claims; // todo id + '\n' + field
        QSet<QString> created;
        QHash<QString, int> creationOrder; // so that a seed picks the same todos every run
        QSet<QString> deleted;
        int verifiedClaims = 0;
        QSet<int> windowDesks;               // of the real topology
        QHash<QString, QVariant> windowLast; // id + '\n' + field: what such a window wrote last
        QHash<int, int> editsBy;             // per desk, to tell the window's own writes from a pull's
        bool quiet = false;                  // no window edits during pulls: the run is checking
        int checkedWindowEdits = 0;
    };

    static inline const QStringList kTags = {u"home"_s, u"Work"_s, u"Ärger"_s, u"🌱 garden"_s, u"urgent"_s};
    static inline const QStringList kSpice = {u""_s, u" \"quoted\""_s, u" back\\slash"_s, u" ünïcödé"_s,
                                              u" 🌱"_s, u" line\nbreak"_s, u" it's"_s, u" 100%"_s};

    static void claim(Model &model, int replica, const QString &id, const QString &field, const QVariant &value)
    {
        Claim &entry = model.claims[id + u'\n' + field];
        entry.editors.insert(replica);
        entry.value = value;
        entry.written << value;
        if (model.windowDesks.contains(replica) && (field == u"title"_s || field == u"notes"_s))
            model.windowLast.insert(id + u'\n' + field, value);
    }

    static QVariant dueValue(const Todo &todo)
    {
        return todo.dueAt ? QVariant(qlonglong(*todo.dueAt)) : QVariant();
    }

    static QStringList liveIds(const ConvergenceDesk &replica, const Model &model)
    {
        QStringList ids;
        auto query = Sql::select(replica.db(), u"SELECT id FROM todos WHERE deleted_at IS NULL"_s, {});
        while (query && query->next())
            ids << query->value(0).toString();
        std::sort(ids.begin(), ids.end(), [&model](const QString &x, const QString &y) {
            return model.creationOrder.value(x) < model.creationOrder.value(y);
        });
        return ids;
    }

    static QString text(Model &model, QRandomGenerator &rng, int replica, const char *what)
    {
        return u"%1 s%2 r%3 #%4%5"_s.arg(QString::fromLatin1(what))
            .arg(model.seed)
            .arg(replica)
            .arg(++model.counter)
            .arg(kSpice.at(rng.bounded(int(kSpice.size()))));
    }

    // One random offline change on one desktop, recorded in the model.
    // preferred: a live todo to change (one being pulled), instead of any change.
    static void randomEdit(ConvergenceDesk &desk, int r, QRandomGenerator &rng, Model &model,
                           const QString &preferred = {})
    {
        ++model.editsBy[r];
        const QStringList ids = liveIds(desk, model);
        QList<TodoList> lists = desk.store()->lists();
        // Two desktops may give new lists the same position: order by name, so a seed replays alike.
        std::sort(lists.begin(), lists.end(), [](const TodoList &x, const TodoList &y) { return x.name < y.name; });
        const int roll = preferred.isEmpty() ? rng.bounded(100) : 27 + rng.bounded(73);
        if (ids.size() < 3 || roll < 16) {
            QStringList tags;
            for (int i = rng.bounded(3); i > 0; --i)
                tags << kTags.at(rng.bounded(int(kTags.size())));
            tags.removeDuplicates();
            Todo todo = desk.store()->newTodo(lists.at(rng.bounded(int(lists.size()))).id, text(model, rng, r, "todo"));
            todo.tags = tags;
            QVERIFY(desk.store()->apply({{}, {todo}}));
            model.created.insert(todo.id);
            model.creationOrder.insert(todo.id, int(model.creationOrder.size()));
            claim(model, r, todo.id, u"title"_s, todo.title);
            claim(model, r, todo.id, u"notes"_s, QString());
            claim(model, r, todo.id, u"priority"_s, 0);
            claim(model, r, todo.id, u"due"_s, QVariant());
            claim(model, r, todo.id, u"completed"_s, false);
            claim(model, r, todo.id, u"list"_s, todo.listId);
            for (const QString &tag : std::as_const(tags))
                claim(model, r, todo.id, u"tag:"_s + tag, true);
            return;
        }
        if (roll < 20) {
            QVERIFY(desk.store()->apply({{desk.store()->newList(text(model, rng, r, "list"))}, {}}));
            return;
        }
        const QString id = preferred.isEmpty() ? ids.at(rng.bounded(int(ids.size()))) : preferred;
        if (roll < 27) {
            desk.edit(id, [](Todo &t) { t.deletedAt = Timestamp::now(); });
            model.deleted.insert(id);
            return;
        }
        if (roll >= 85) {
            const QString tag = kTags.at(rng.bounded(int(kTags.size())));
            bool present = false;
            desk.edit(id, [&](Todo &t) {
                present = !t.tags.contains(tag);
                if (present)
                    t.tags << tag;
                else
                    t.tags.removeAll(tag);
            });
            claim(model, r, id, u"tag:"_s + tag, present);
            return;
        }
        Todo after;
        const int field = rng.bounded(6);
        desk.edit(id, [&](Todo &t) {
            switch (field) {
            case 0:
                t.title = text(model, rng, r, "title");
                break;
            case 1:
                t.notes = rng.bounded(4) == 0 ? QString() : text(model, rng, r, "notes");
                break;
            case 2:
                t.priority = Priorities::fromInt(int(rng.bounded(4)));
                break;
            case 3:
                if (rng.bounded(3) == 0) {
                    t.dueAt.reset();
                    t.dueHasTime = false;
                } else {
                    const bool withTime = rng.bounded(2) == 0;
                    t.dueAt = withTime ? Timestamp::fromDate(QDate(2026, 1, 1)) + rng.bounded(400000) * Timestamp::kMicrosPerSecond
                                       : Timestamp::fromDate(QDate(2026, 1, 1).addDays(rng.bounded(365)));
                    t.dueHasTime = withTime;
                }
                break;
            case 4:
                t.setCompleted(!t.completed, Timestamp::now());
                break;
            default:
                t.listId = lists.at(rng.bounded(int(lists.size()))).id;
                break;
            }
            after = t;
        });
        const QVariantList values = {after.title, after.notes, int(after.priority), dueValue(after),
                                     after.completed, after.listId};
        static const QStringList names = {u"title"_s, u"notes"_s, u"priority"_s, u"due"_s, u"completed"_s, u"list"_s};
        claim(model, r, id, names.at(field), values.at(field));
    }

    // Everyone syncs twice; then every cache must equal the server and the model.
    static void checkConverged(std::vector<std::unique_ptr<ConvergenceDesk>> &desks, const ScratchDatabase &cloud,
                               Model &model, const QString &when)
    {
        model.quiet = true;
        const QScopeGuard speakAgain([&model] { model.quiet = false; });
        for (int pass = 0; pass < 2; ++pass) {
            for (size_t r = 0; r < desks.size(); ++r) {
                const SyncResult result = desks[r]->sync(false);
                QVERIFY2(result.ok(), qPrintable(when + u": "_s + result.message));
                if (pass == 1) // a pull writes nothing to push back
                    QVERIFY2(result.pushedChanges == 0, qPrintable(when + u": desk %1 still pushed"_s.arg(r)));
            }
        }
        const CloudConnection admin(cloud);
        const TodoSnapshots server = SyncSnapshot::server(*admin, cloud.server().user);
        for (size_t r = 0; r < desks.size(); ++r) {
            const QSqlDatabase db = desks[r]->db();
            const QString diff = SyncSnapshot::difference(SyncSnapshot::local(db), server, u"desk %1"_s.arg(r), u"server"_s);
            QVERIFY2(diff.isEmpty(), qPrintable(when + u":\n"_s + diff));
            QCOMPARE(desks[r]->store()->pendingChangeCount(), 0);
            QCOMPARE(desks[r]->store()->inboxId(), desks[0]->store()->inboxId());
            auto inboxes = Sql::select(db, u"SELECT COUNT(*) FROM lists WHERE is_inbox = 1 AND deleted_at IS NULL"_s, {});
            QVERIFY(inboxes && inboxes->next());
            QCOMPARE(inboxes->value(0).toInt(), 1);
            QCOMPARE(liveLists(db), liveLists(desks[0]->db()));
        }
        // The run's own role (a RoleSwitch desk left rows of another one).
        const QString own = u" WHERE owner = current_user"_s;
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.lists%1 AND is_inbox AND deleted_at IS NULL"_s.arg(own)), 1);
        QCOMPARE(admin.number(u"SELECT count(*) - count(DISTINCT title) FROM tandem.todos"_s + own), 0);
        QCOMPARE(admin.number(u"SELECT count(*) - count(DISTINCT name) FROM tandem.lists"_s + own), 0);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos"_s + own), qint64(model.created.size()));

        // Nothing lost, nothing deleted that nobody deleted.
        const QSet<QString> expected = model.created - model.deleted;
        const QList<QString> liveKeys = server.keys();
        QCOMPARE(QSet<QString>(liveKeys.cbegin(), liveKeys.cend()), expected);
        for (auto it = model.claims.cbegin(); it != model.claims.cend(); ++it) {
            const QString id = it.key().section(u'\n', 0, 0);
            const QString field = it.key().section(u'\n', 1);
            if (model.deleted.contains(id))
                continue;
            if (it->editors.size() > 1) { // the later commit won: some desktop wrote that value
                QVERIFY2(it->written.contains(actual(server.value(id), field)),
                         qPrintable(u"%1: %2 of %3 is %4, which nobody wrote"_s.arg(
                             when, field, id, actual(server.value(id), field).toString())));
                continue;
            }
            QVERIFY2(actual(server.value(id), field) == it->value,
                     qPrintable(u"%1: %2 of %3 set by desk %4 alone was %5, is %6"_s.arg(
                         when, field, id, QString::number(*it->editors.cbegin()), it->value.toString(),
                         actual(server.value(id), field).toString())));
            ++model.verifiedClaims;
        }
        model.claims.clear();
        checkKeptOrLogged(admin, server, model.windowLast, model.deleted, when, &model.checkedWindowEdits);
        model.windowLast.clear();
    }

    // The window of a real-topology desk: while its engine applies a pull, it
    // sometimes changes one of the todos being pulled. Each time, what waited
    // in its outbox at the previous transaction of the same pull must still be
    // in the cache: the transaction between them must have kept it.
    static void editDuringPulls(ConvergenceDesk &desk, int r, quint32 seed, Model &model, const QString *when)
    {
        struct Seen
        {
            TodoSnapshots before;
            QStringList pending;
            int edits = -1;
        };
        auto rng = std::make_shared<QRandomGenerator>(seed ^ 0x5eedu);
        auto seen = std::make_shared<Seen>();
        desk.topology()->setWindowEdit([&desk, r, &model, when, rng, seen](const QStringList &pulled, int transaction) {
            const QSqlDatabase db = desk.db();
            const TodoSnapshots now = SyncSnapshot::local(db);
            if (transaction > 0 && seen->edits == model.editsBy.value(r)) // nothing else wrote since
                checkPendingKept(seen->before, now, seen->pending, *when + u", during a pull"_s);
            QStringList live;
            std::copy_if(pulled.cbegin(), pulled.cend(), std::back_inserter(live),
                         [&now](const QString &id) { return now.contains(id); });
            const bool edit = !model.quiet && !live.isEmpty() && rng->bounded(3) == 0;
            if (edit)
                randomEdit(desk, r, *rng, model, live.at(rng->bounded(int(live.size()))));
            seen->before = edit ? SyncSnapshot::local(db) : now;
            seen->pending = pendingFields(db);
            seen->edits = model.editsBy.value(r);
            return edit;
        });
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldConvergeAfterRandomOfflineEdits_data()
    {
        QTest::addColumn<QString>("kinds"); // a letter per desktop, see ConvergenceDesk::kindsFrom()
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("rounds");
        QTest::addColumn<bool>("viaBouncer");
        QTest::addColumn<bool>("apart"); // pushes and pulls on their own too
        QTest::newRow("2 desktops, seed 11") << u"II"_s << 11u << 60 << false << false;
        QTest::newRow("2 desktops, seed 29") << u"II"_s << 29u << 60 << false << false;
        QTest::newRow("3 desktops, seed 7") << u"III"_s << 7u << 60 << false << false;
        QTest::newRow("3 desktops, seed 1234") << u"III"_s << 1234u << 60 << false << false;
        QTest::newRow("3 desktops through PgBouncer, seed 99") << u"III"_s << 99u << 36 << true << false;
        QTest::newRow("2 desktops, pushes and pulls apart, seed 5") << u"II"_s << 5u << 48 << false << true;
        QTest::newRow("3 desktops, pushes and pulls apart, seed 64") << u"III"_s << 64u << 48 << false << true;
        // The app's topology: 220 rounds, each one checked.
        QTest::newRow("window and engine + 2 desktops, seed 3") << u"TII"_s << 3u << 60 << false << false;
        QTest::newRow("window and engine + 1 desktop, seed 17") << u"IT"_s << 17u << 60 << false << false;
        QTest::newRow("window and engine + 2 desktops, seed 41") << u"ITI"_s << 41u << 50 << false << false;
        QTest::newRow("window and engine + 2 desktops through PgBouncer, seed 8") << u"IIT"_s << 8u << 50 << true << false;
        // Restored (R), copied (C) and role-switched (S) data folders, beside the others.
        QTest::newRow("restored folder + window and engine, seed 23") << u"IRT"_s << 23u << 40 << false << false;
        QTest::newRow("copied folder + restored folder, seed 31") << u"ICR"_s << 31u << 40 << false << false;
        QTest::newRow("role switch + copied folder, seed 47") << u"ISC"_s << 47u << 40 << false << false;
    }

    void shouldConvergeAfterRandomOfflineEdits()
    {
        QFETCH(QString, kinds);
        QFETCH(quint32, seed);
        QFETCH(int, rounds);
        QFETCH(bool, viaBouncer);
        QFETCH(bool, apart);
        TANDEM_REQUIRE_POSTGRES(server);
        TANDEM_REQUIRE_UNDER_CI(!viaBouncer || server.bouncerPort != 0, "TANDEM_TEST_PGBOUNCER_PORT is not set");
        ScratchDatabase cloud(server);
        QVERIFY(SyncSnapshot::migrate(cloud));
        QElapsedTimer clock;
        clock.start();
        const int desktops = int(kinds.size());
        Model model;
        model.seed = seed;
        QString when;
        std::vector<std::unique_ptr<ConvergenceDesk>> desks;
        for (const ConvergenceDesk::Kind kind : ConvergenceDesk::kindsFrom(kinds)) {
            desks.push_back(std::make_unique<ConvergenceDesk>(kind, cloud, viaBouncer, desks.empty() ? nullptr : desks[0].get()));
            if (kind == ConvergenceDesk::Kind::RealTopology) {
                model.windowDesks.insert(int(desks.size()) - 1);
                editDuringPulls(*desks.back(), int(desks.size()) - 1, seed, model, &when);
            }
            const SyncResult first = desks.back()->sync(); // one Inbox for all from the start
            QVERIFY2(first.ok(), qPrintable(first.message));
            for (const QString &id : liveIds(*desks.back(), model)) { // a RoleSwitch desk brought its own
                if (!model.created.contains(id)) {
                    model.creationOrder.insert(id, int(model.creationOrder.size()));
                    model.created.insert(id);
                }
            }
        }
        // Each edit of a round concurrent with the others' (see the class comment).
        const int roundsPerCheck = model.windowDesks.isEmpty() ? kRoundsPerCheck : 1;
        QRandomGenerator rng(seed);
        for (int round = 1; round <= rounds; ++round) {
            when = u"seed %1, round %2"_s.arg(seed).arg(round);
            for (int r = 0; r < desktops; ++r) {
                for (int edits = 1 + rng.bounded(3); edits > 0; --edits) {
                    randomEdit(*desks[r], r, rng, model);
                    if (QTest::currentTestFailed())
                        QFAIL(qPrintable(when));
                }
            }
            std::vector<int> order(desks.size());
            for (int r = 0; r < desktops; ++r)
                order[r] = r;
            for (int i = desktops - 1; i > 0; --i)
                std::swap(order[i], order[rng.bounded(i + 1)]);
            for (int r : order) {
                if (rng.bounded(3) == 0)
                    continue; // this one stays offline for the round
                // Apart: a push alone, or a pull while edits wait in the outbox (as when the window
                // edits during a sync); a pull must keep those.
                const int how = apart ? rng.bounded(3) : 0;
                const QSqlDatabase db = desks[r]->db();
                const TodoSnapshots before = how == 2 ? SyncSnapshot::local(db) : TodoSnapshots();
                const QStringList pending = how == 2 ? pendingFields(db) : QStringList();
                const SyncResult result = how == 1 ? desks[r]->push()
                    : how == 2                     ? desks[r]->pull()
                                                   : desks[r]->sync();
                QVERIFY2(result.ok(), qPrintable(when + u": "_s + result.message));
                if (how == 2) {
                    checkPendingKept(before, SyncSnapshot::local(db), pending, when);
                    if (QTest::currentTestFailed())
                        return;
                }
            }
            if (QTest::currentTestFailed())
                return; // a window edit during a pull found something
            if (round % roundsPerCheck == 0 || round == rounds) {
                checkConverged(desks, cloud, model, when);
                if (QTest::currentTestFailed())
                    return;
            }
        }
        const CloudConnection admin(cloud);
        const qint64 conflicts = admin.number(u"SELECT count(*) FROM tandem.conflicts"_s);
        qInfo("seed %u: %lld todos made, %lld deleted, %d single-writer fields checked, %lld conflicts logged", seed,
              qint64(model.created.size()), qint64(model.deleted.size()), model.verifiedClaims, conflicts);
        int interleavings = 0;
        for (const auto &desk : desks)
            interleavings += desk->topology() ? desk->topology()->editsDuringPull() : 0;
        qInfo("seed %u: %d rounds, %d desktops (%s), %d window edits during a pull apply, %d window edits checked,"
              " %lld ms",
              seed, rounds, desktops, qPrintable(kinds), interleavings, model.checkedWindowEdits, clock.elapsed());
        QVERIFY(model.verifiedClaims >= rounds); // the check above was not empty
        QVERIFY(model.windowDesks.isEmpty() || interleavings > 0);
        for (const auto &desk : desks) {
            if (desk->kind() != ConvergenceDesk::Kind::InProcess && desk->kind() != ConvergenceDesk::Kind::RealTopology)
                qInfo("seed %u: a desk of kind %d: %d restores, %d notices", seed, int(desk->kind()), desk->restores(),
                      desk->notices());
        }
        for (const auto &desk : desks) { // the restored, copied and switched folders met their case
            if (desk->kind() == ConvergenceDesk::Kind::RestoredFolder)
                QVERIFY(desk->restores() > 0 && desk->notices() > 0);
            if (desk->kind() == ConvergenceDesk::Kind::CopiedFolder || desk->kind() == ConvergenceDesk::Kind::RoleSwitch)
                QVERIFY(desk->notices() > 0 || desks[0]->notices() > 0);
        }
        QVERIFY(conflicts > 0);                   // and the desktops did get in each other's way
    }
};

QTEST_GUILESS_MAIN(ConvergenceTest)
#include "convergencetest.moc"
