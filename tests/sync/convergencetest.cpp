#include "scratchdatabase.h"
#include "store/sqlhelpers.h"
#include "syncreplica.h"
#include "syncsnapshot.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

#include <vector>

using namespace Qt::StringLiterals;
using SyncSnapshot::CloudConnection;

// Several desktops, each with its own cache, edit offline at random (from
// fixed seeds) and sync in random order. Whenever all of them have synced
// until quiet, every cache must equal the server, nothing may be lost or
// doubled, and every field that only one desktop touched meanwhile must
// hold that desktop's last value (see the rules in 0004_push.sql).
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
    }

    static QVariant dueValue(const Todo &todo)
    {
        return todo.dueAt ? QVariant(qlonglong(*todo.dueAt)) : QVariant();
    }

    static QStringList liveIds(const SyncReplica &replica, const Model &model)
    {
        QStringList ids;
        auto query = Sql::select(replica.database->database(), u"SELECT id FROM todos WHERE deleted_at IS NULL"_s, {});
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
    static void randomEdit(SyncReplica &desk, int r, QRandomGenerator &rng, Model &model)
    {
        const QStringList ids = liveIds(desk, model);
        QList<TodoList> lists = desk.store->lists();
        // Two desktops may give new lists the same position: order by name, so a seed replays alike.
        std::sort(lists.begin(), lists.end(), [](const TodoList &x, const TodoList &y) { return x.name < y.name; });
        const int roll = rng.bounded(100);
        if (ids.size() < 3 || roll < 16) {
            QStringList tags;
            for (int i = rng.bounded(3); i > 0; --i)
                tags << kTags.at(rng.bounded(int(kTags.size())));
            tags.removeDuplicates();
            Todo todo = desk.store->newTodo(lists.at(rng.bounded(int(lists.size()))).id, text(model, rng, r, "todo"));
            todo.tags = tags;
            QVERIFY(desk.store->apply({{}, {todo}}));
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
            QVERIFY(desk.store->apply({{desk.store->newList(text(model, rng, r, "list"))}, {}}));
            return;
        }
        const QString id = ids.at(rng.bounded(int(ids.size())));
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

    static QVariant actual(const TodoSnapshot &todo, const QString &field)
    {
        if (field == u"title"_s)
            return todo.title;
        if (field == u"notes"_s)
            return todo.notes;
        if (field == u"priority"_s)
            return todo.priority;
        if (field == u"due"_s)
            return todo.dueAt ? QVariant(qlonglong(*todo.dueAt)) : QVariant();
        if (field == u"completed"_s)
            return todo.completed;
        if (field == u"list"_s)
            return todo.listId;
        return todo.tags.contains(field.mid(4)); // tag:NAME
    }

    // What waits in the outbox, as "id\nfield" in the terms of actual().
    static QStringList pendingFields(const QSqlDatabase &db)
    {
        static const QHash<QString, QString> names = {{u"title"_s, u"title"_s}, {u"notes"_s, u"notes"_s},
                                                      {u"priority"_s, u"priority"_s}, {u"due_at"_s, u"due"_s},
                                                      {u"completed"_s, u"completed"_s}, {u"list_id"_s, u"list"_s},
                                                      {u"deleted_at"_s, u"deleted"_s}};
        QStringList keys;
        auto query = Sql::select(db, u"SELECT entity, entity_id, payload FROM outbox"_s, {});
        while (query && query->next()) {
            const QString entity = query->value(0).toString(), id = query->value(1).toString();
            if (entity == u"todo_tag"_s)
                keys << id + u"\ntag:"_s + query->value(2).toString();
            else if (entity == u"todo"_s) {
                for (const QString &field : QJsonDocument::fromJson(query->value(2).toString().toUtf8()).object().keys()) {
                    if (names.contains(field))
                        keys << id + u'\n' + names.value(field);
                }
            }
        }
        return keys;
    }

    // A pull never overwrites a pending local edit (docs/sync.md).
    static void checkPendingKept(const TodoSnapshots &before, const TodoSnapshots &after, const QStringList &pending,
                                 const QString &when)
    {
        for (const QString &key : pending) {
            const QString id = key.section(u'\n', 0, 0), field = key.section(u'\n', 1);
            if (field == u"deleted"_s) {
                QVERIFY2(before.contains(id) == after.contains(id),
                         qPrintable(u"%1: a pull undid the pending delete or restore of %2"_s.arg(when, id)));
            } else if (before.contains(id) && after.contains(id)) {
                QVERIFY2(actual(after.value(id), field) == actual(before.value(id), field),
                         qPrintable(u"%1: a pull overwrote the pending %2 of %3: %4 became %5"_s.arg(
                             when, field, id, actual(before.value(id), field).toString(),
                             actual(after.value(id), field).toString())));
            }
        }
    }

    static QString liveLists(const QSqlDatabase &db)
    {
        QStringList lists;
        auto query = Sql::select(db, u"SELECT id, name, is_inbox FROM lists WHERE deleted_at IS NULL ORDER BY id"_s, {});
        while (query && query->next())
            lists << query->value(0).toString() + u'=' + query->value(1).toString() + (query->value(2).toBool() ? u"*"_s : u""_s);
        return lists.join(u'|');
    }

    // Everyone syncs twice; then every cache must equal the server and the model.
    static void checkConverged(std::vector<std::unique_ptr<SyncReplica>> &desks, const ScratchDatabase &cloud,
                               Model &model, const QString &when)
    {
        for (int pass = 0; pass < 2; ++pass) {
            for (size_t r = 0; r < desks.size(); ++r) {
                const SyncResult result = desks[r]->sync();
                QVERIFY2(result.ok(), qPrintable(when + u": "_s + result.message));
                if (pass == 1) // a pull writes nothing to push back
                    QVERIFY2(result.pushedChanges == 0, qPrintable(when + u": desk %1 still pushed"_s.arg(r)));
            }
        }
        const CloudConnection admin(cloud);
        const TodoSnapshots server = SyncSnapshot::server(*admin, cloud.server().user);
        for (size_t r = 0; r < desks.size(); ++r) {
            const QSqlDatabase db = desks[r]->database->database();
            const QString diff = SyncSnapshot::difference(SyncSnapshot::local(db), server, u"desk %1"_s.arg(r), u"server"_s);
            QVERIFY2(diff.isEmpty(), qPrintable(when + u":\n"_s + diff));
            QCOMPARE(desks[r]->store->pendingChangeCount(), 0);
            QCOMPARE(desks[r]->store->inboxId(), desks[0]->store->inboxId());
            auto inboxes = Sql::select(db, u"SELECT COUNT(*) FROM lists WHERE is_inbox = 1 AND deleted_at IS NULL"_s, {});
            QVERIFY(inboxes && inboxes->next());
            QCOMPARE(inboxes->value(0).toInt(), 1);
            QCOMPARE(liveLists(db), liveLists(desks[0]->database->database()));
        }
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.lists WHERE is_inbox AND deleted_at IS NULL"_s), 1);
        QCOMPARE(admin.number(u"SELECT count(*) - count(DISTINCT title) FROM tandem.todos"_s), 0);
        QCOMPARE(admin.number(u"SELECT count(*) - count(DISTINCT name) FROM tandem.lists"_s), 0);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos"_s), qint64(model.created.size()));

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
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldConvergeAfterRandomOfflineEdits_data()
    {
        QTest::addColumn<int>("desktops");
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("rounds");
        QTest::addColumn<bool>("viaBouncer");
        QTest::addColumn<bool>("apart"); // pushes and pulls on their own too
        QTest::newRow("2 desktops, seed 11") << 2 << 11u << 60 << false << false;
        QTest::newRow("2 desktops, seed 29") << 2 << 29u << 60 << false << false;
        QTest::newRow("3 desktops, seed 7") << 3 << 7u << 60 << false << false;
        QTest::newRow("3 desktops, seed 1234") << 3 << 1234u << 60 << false << false;
        QTest::newRow("3 desktops through PgBouncer, seed 99") << 3 << 99u << 36 << true << false;
        QTest::newRow("2 desktops, pushes and pulls apart, seed 5") << 2 << 5u << 48 << false << true;
        QTest::newRow("3 desktops, pushes and pulls apart, seed 64") << 3 << 64u << 48 << false << true;
    }

    void shouldConvergeAfterRandomOfflineEdits()
    {
        QFETCH(int, desktops);
        QFETCH(quint32, seed);
        QFETCH(int, rounds);
        QFETCH(bool, viaBouncer);
        QFETCH(bool, apart);
        TANDEM_REQUIRE_POSTGRES(server);
        TANDEM_REQUIRE_UNDER_CI(!viaBouncer || server.bouncerPort != 0, "TANDEM_TEST_PGBOUNCER_PORT is not set");
        ScratchDatabase cloud(server);
        QVERIFY(SyncSnapshot::migrate(cloud));
        std::vector<std::unique_ptr<SyncReplica>> desks;
        for (int r = 0; r < desktops; ++r) {
            desks.push_back(std::make_unique<SyncReplica>(cloud, QString(), viaBouncer));
            QVERIFY(desks.back()->sync().ok()); // one Inbox for all from the start
        }
        Model model;
        model.seed = seed;
        QRandomGenerator rng(seed);
        for (int round = 1; round <= rounds; ++round) {
            const QString when = u"seed %1, round %2"_s.arg(seed).arg(round);
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
                const QSqlDatabase db = desks[r]->database->database();
                const TodoSnapshots before = how == 2 ? SyncSnapshot::local(db) : TodoSnapshots();
                const QStringList pending = how == 2 ? pendingFields(db) : QStringList();
                const SyncResult result = how == 1 ? desks[r]->session->push()
                    : how == 2                     ? desks[r]->session->pull()
                                                   : desks[r]->sync();
                QVERIFY2(result.ok(), qPrintable(when + u": "_s + result.message));
                if (how == 2) {
                    checkPendingKept(before, SyncSnapshot::local(db), pending, when);
                    if (QTest::currentTestFailed())
                        return;
                }
            }
            if (round % kRoundsPerCheck == 0 || round == rounds) {
                checkConverged(desks, cloud, model, when);
                if (QTest::currentTestFailed())
                    return;
            }
        }
        const CloudConnection admin(cloud);
        const qint64 conflicts = admin.number(u"SELECT count(*) FROM tandem.conflicts"_s);
        qInfo("seed %u: %lld todos made, %lld deleted, %d single-writer fields checked, %lld conflicts logged", seed,
              qint64(model.created.size()), qint64(model.deleted.size()), model.verifiedClaims, conflicts);
        QVERIFY(model.verifiedClaims >= rounds); // the check above was not empty
        QVERIFY(conflicts > 0);                   // and the desktops did get in each other's way
    }
};

QTEST_GUILESS_MAIN(ConvergenceTest)
#include "convergencetest.moc"
