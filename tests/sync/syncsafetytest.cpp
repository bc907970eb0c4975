#include "scratchdatabase.h"
#include "store/sqlhelpers.h"
#include "sync/identityswitch.h"
#include "sync/syncstate.h"
#include "syncreplica.h"
#include "syncsnapshot.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using SyncSnapshot::CloudConnection;

// Sync must never destroy data by accident: a first sync merges, an empty
// side deletes nothing, a mass delete waits for the person, a delete wins
// over an edit but the edit stays restorable, a purge of tombstones and a
// new server lose nothing.
class SyncSafetyTest : public QObject
{
    Q_OBJECT

private:
    static TodoSnapshots live(const SyncReplica &desk) { return SyncSnapshot::local(desk.database->database()); }

    static int localCount(const SyncReplica &desk, const QString &sql)
    {
        auto query = Sql::select(desk.database->database(), sql, {});
        return query && query->next() ? query->value(0).toInt() : -1;
    }

    static QString sameAsServer(const SyncReplica &desk, const ScratchDatabase &cloud)
    {
        const CloudConnection admin(cloud);
        return SyncSnapshot::difference(live(desk), SyncSnapshot::server(*admin, cloud.server().user), u"desk"_s,
                                        u"server"_s);
    }

    static QString cursor(const SyncReplica &desk) { return SyncState(desk.database->database()).pullCursor(); }

    // Tags are one per person without regard to case; which spelling a desktop shows may differ.
    static TodoSnapshots folded(TodoSnapshots todos)
    {
        for (TodoSnapshot &todo : todos) {
            for (QString &tag : todo.tags)
                tag = tag.toCaseFolded();
        }
        return todos;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldMergeBothSidesOnTheFirstSync()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        SyncReplica a(cloud), b(cloud);
        a.add(u"A one"_s, {u"home"_s});
        a.add(u"A two"_s);
        const TodoList shared = a.store->newList(u"Shared"_s);
        QVERIFY(a.store->apply({{shared}, {}}));
        a.add(u"A three"_s);
        QVERIFY(a.sync().ok());
        // B has worked offline from the start, in its own Inbox and list.
        const Todo bInInbox = b.add(u"B one"_s, {u"Home"_s, u"errand"_s});
        b.add(u"B two"_s);
        const TodoList own = b.store->newList(u"B's list"_s);
        QVERIFY(b.store->apply({{own}, {}}));
        Todo inList = b.store->newTodo(own.id, u"B in its list"_s);
        QVERIFY(b.store->apply({{}, {inList}}));

        const SyncResult first = b.sync();
        QVERIFY2(first.ok(), qPrintable(first.message));
        QVERIFY(a.sync().ok());
        QCOMPARE(live(b).size(), 6);
        QCOMPARE(folded(live(a)), folded(live(b)));
        const CloudConnection admin(cloud);
        const TodoSnapshots onServer = folded(SyncSnapshot::server(*admin, server.user));
        const QString diff = SyncSnapshot::difference(folded(live(b)), onServer, u"B"_s, u"server"_s);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QCOMPARE(b.store->inboxId(), a.store->inboxId()); // B's Inbox merged into the one already there
        QCOMPARE(b.store->todo(bInInbox.id)->listId, a.store->inboxId());
        QCOMPARE(b.store->todo(inList.id)->listId, own.id);
        QCOMPARE(localCount(a, u"SELECT COUNT(*) FROM lists WHERE deleted_at IS NULL"_s), 3);
        QCOMPARE(localCount(b, u"SELECT COUNT(*) FROM lists WHERE deleted_at IS NULL"_s), 3);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos WHERE deleted_at IS NOT NULL"_s), 0);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.tags"_s), 2); // home and Home are one tag
    }

    void shouldNeverDeleteBecauseOneSideIsEmpty_data()
    {
        QTest::addColumn<QString>("emptySide");
        QTest::newRow("new server") << u"new server"_s;
        QTest::newRow("server emptied behind the desktop's back") << u"truncated server"_s;
        QTest::newRow("new cache") << u"new cache"_s;
    }

    void shouldNeverDeleteBecauseOneSideIsEmpty()
    {
        QFETCH(QString, emptySide);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        SyncReplica full(cloud);
        for (int i = 0; i < 12; ++i)
            full.add(u"Todo %1"_s.arg(i), {u"kept"_s});
        if (emptySide == u"new server"_s) {
            QVERIFY(full.sync().ok());
        } else if (emptySide == u"truncated server"_s) {
            QVERIFY(full.sync().ok());
            QVERIFY(cloud.adminExec(u"TRUNCATE tandem.todo_tags, tandem.todos, tandem.tags"_s));
            QVERIFY(full.sync().ok());
            QCOMPARE(live(full).size(), 12); // a pull only applies rows it got
            return;
        } else {
            QVERIFY(full.sync().ok());
            SyncReplica fresh(cloud);
            QCOMPARE(live(fresh).size(), 0);
            const SyncResult result = fresh.sync();
            QVERIFY2(result.ok(), qPrintable(result.message));
            QCOMPARE(live(fresh).size(), 12);
            QVERIFY2(sameAsServer(fresh, cloud).isEmpty(), qPrintable(sameAsServer(fresh, cloud)));
        }
        QCOMPARE(live(full).size(), 12);
        QVERIFY2(sameAsServer(full, cloud).isEmpty(), qPrintable(sameAsServer(full, cloud)));
        const CloudConnection admin(cloud);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos WHERE deleted_at IS NULL"_s), 12);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todo_tags WHERE deleted_at IS NULL"_s), 12);
    }

    void shouldWaitForConfirmationBeforeAMassDelete_data()
    {
        QTest::addColumn<int>("todos");
        QTest::addColumn<int>("deleted");
        QTest::addColumn<bool>("purged"); // and the tombstones purged, so that a full resync deletes
        QTest::addColumn<bool>("asks");
        QTest::newRow("16 of 20") << 20 << 16 << false << true;
        QTest::newRow("16 of 20, tombstones purged") << 20 << 16 << true << true;
        QTest::newRow("9 of 12: too few to ask") << 12 << 9 << false << false;
        QTest::newRow("16 of 40: too small a share") << 40 << 16 << false << false;
    }

    void shouldWaitForConfirmationBeforeAMassDelete()
    {
        QFETCH(int, todos);
        QFETCH(int, deleted);
        QFETCH(bool, purged);
        QFETCH(bool, asks);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        SyncReplica desk(cloud);
        Todo survivor;
        for (int i = 0; i < todos; ++i)
            survivor = desk.add(u"Todo %1"_s.arg(i, 2, 10, QChar(u'0')));
        QVERIFY(desk.sync().ok());
        QVERIFY(cloud.adminExec(u"DELETE FROM tandem.todos WHERE title < 'Todo %1'"_s.arg(deleted, 2, 10, QChar(u'0'))));
        if (purged)
            QVERIFY(cloud.adminExec(u"SELECT tandem.purge_tombstones('0 seconds')"_s));
        desk.edit(survivor.id, [](Todo &t) { t.notes = u"pushed while the pull waits"_s; });
        const QString cursorBefore = cursor(desk);

        SyncResult result = desk.sync();
        const CloudConnection admin(cloud);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos WHERE notes = 'pushed while the pull waits'"_s), 1);
        if (asks) {
            QCOMPARE(result.error, SyncResult::Error::NeedsConfirmation);
            QCOMPARE(result.pendingDeletions, deleted);
            QVERIFY2(result.message.contains(QString::number(deleted)), qPrintable(result.message));
            QCOMPARE(live(desk).size(), todos); // nothing deleted yet
            QCOMPARE(cursor(desk), cursorBefore);
            result = desk.sync(); // asking again is no answer
            QCOMPARE(result.error, SyncResult::Error::NeedsConfirmation);
            QCOMPARE(live(desk).size(), todos);

            SyncOptions options = desk.session->options();
            options.confirmDeletes = true;
            desk.session->setOptions(options);
            result = desk.sync();
        }
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(live(desk).size(), todos - deleted);
        // The cursor is the server's xmin horizon, which any transaction
        // open anywhere on the server holds back (another test's, under
        // ctest -j): it never goes back, but need not move.
        QVERIFY(cursor(desk).toLongLong() >= cursorBefore.toLongLong());
        QCOMPARE(desk.store->todo(survivor.id)->notes, u"pushed while the pull waits"_s);
        QVERIFY2(sameAsServer(desk, cloud).isEmpty(), qPrintable(sameAsServer(desk, cloud)));
    }

    void shouldLetADeleteWinOverAnEditButKeepTheEditRestorable()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        SyncReplica a(cloud), b(cloud);
        const Todo todo = a.add(u"Book the venue"_s, {u"party"_s});
        QVERIFY(a.sync().ok());
        QVERIFY(b.sync().ok());

        a.edit(todo.id, [](Todo &t) { t.deletedAt = Timestamp::now(); });
        b.edit(todo.id, [](Todo &t) {
            t.title = u"Book the venue for the 12th"_s;
            t.notes = u"Ask about \"parking\""_s;
        });
        QVERIFY(a.sync().ok());
        const SyncResult edited = b.sync();
        QVERIFY2(edited.ok(), qPrintable(edited.message));
        QVERIFY(edited.conflicts >= 1);
        QVERIFY(a.sync().ok());
        QVERIFY(a.store->todo(todo.id)->isDeleted());
        QVERIFY(b.store->todo(todo.id)->isDeleted());
        QCOMPARE(b.store->pendingChangeCount(), 0);

        // B's edit is in its conflict log, from where it can be restored.
        QHash<QString, QString> lost;
        auto query = Sql::select(b.database->database(),
                                 u"SELECT field, lost_value FROM conflicts WHERE entity_id = ? AND kind = 'edit_of_deleted'"_s,
                                 {todo.id});
        while (query && query->next()) {
            const QJsonArray value = QJsonDocument::fromJson("[" + query->value(1).toString().toUtf8() + "]").array();
            lost.insert(query->value(0).toString(), value.at(0).toString());
        }
        QCOMPARE(lost.value(u"title"_s), u"Book the venue for the 12th"_s);
        QCOMPARE(lost.value(u"notes"_s), u"Ask about \"parking\""_s);
        b.edit(todo.id, [&](Todo &t) {
            t.deletedAt.reset();
            t.title = lost.value(u"title"_s);
            t.notes = lost.value(u"notes"_s);
        });
        QVERIFY(b.sync().ok());
        QVERIFY(a.sync().ok());
        for (SyncReplica *desk : {&a, &b}) {
            const auto back = desk->store->todo(todo.id);
            QVERIFY(!back->isDeleted());
            QCOMPARE(back->title, u"Book the venue for the 12th"_s);
            QCOMPARE(back->notes, u"Ask about \"parking\""_s);
            QCOMPARE(back->tags, QStringList{u"party"_s});
        }
        QVERIFY2(sameAsServer(a, cloud).isEmpty(), qPrintable(sameAsServer(a, cloud)));
    }

    void shouldResyncInFullAfterTombstonesWerePurged_data()
    {
        QTest::addColumn<int>("edited"); // the todo B edits offline; A deletes todo 0
        QTest::newRow("pending edit of another todo") << 1;
        QTest::newRow("pending edit of the purged todo") << 0;
    }

    void shouldResyncInFullAfterTombstonesWerePurged()
    {
        QFETCH(int, edited);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        SyncReplica a(cloud), b(cloud);
        QList<Todo> todos;
        for (int i = 0; i < 5; ++i)
            todos << a.add(u"Todo %1"_s.arg(i), {u"t%1"_s.arg(i)});
        a.edit(todos[0].id, [](Todo &t) { t.priority = Priority::High; });
        QVERIFY(a.sync().ok());
        QVERIFY(b.sync().ok());

        // B is offline from here on, and keeps working.
        b.edit(todos[edited].id, [](Todo &t) { t.notes = u"edited offline"_s; });
        const Todo offline = b.add(u"Made offline"_s);
        a.edit(todos[0].id, [](Todo &t) { t.deletedAt = Timestamp::now(); });
        QVERIFY(a.sync().ok());
        const CloudConnection admin(cloud);
        QVERIFY(admin.number(u"SELECT tandem.purge_tombstones('0 seconds')"_s) >= 1);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos WHERE id = $1"_s, {todos[0].id}), 0);

        const SyncResult result = b.sync();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(b.store->pendingChangeCount(), 0);
        QVERIFY(a.sync().ok());
        // The delete won, also over an edit that came after the purge ...
        QVERIFY(b.store->todo(todos[0].id)->isDeleted());
        QVERIFY(a.store->todo(todos[0].id)->isDeleted());
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos WHERE id = $1 AND deleted_at IS NULL"_s, {todos[0].id}), 0);
        if (edited == 0) { // ... which stays in the conflict log
            QCOMPARE(localCount(b, u"SELECT COUNT(*) FROM conflicts WHERE kind = 'edit_of_deleted'"
                                   " AND field = 'notes' AND lost_value = '\"edited offline\"'"_s),
                     1);
        } else {
            QCOMPARE(a.store->todo(todos[1].id)->notes, u"edited offline"_s);
        }
        QVERIFY(a.store->todo(offline.id));
        QCOMPARE(live(b).size(), 5);
        QCOMPARE(live(a), live(b));
        QVERIFY2(sameAsServer(b, cloud).isEmpty(), qPrintable(sameAsServer(b, cloud)));
    }

    void shouldMergeTheWholeCacheIntoANewServer()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase first(server), second(server);
        SyncReplica desk(first);
        QList<Todo> todos;
        for (int i = 0; i < 6; ++i)
            todos << desk.add(u"Todo %1"_s.arg(i), i % 2 ? QStringList{u"odd"_s} : QStringList());
        const TodoList errands = desk.store->newList(u"Errands"_s);
        QVERIFY(desk.store->apply({{errands}, {}}));
        desk.edit(todos[4].id, [&](Todo &t) { t.listId = errands.id; });
        desk.edit(todos[5].id, [](Todo &t) { t.deletedAt = Timestamp::now(); });
        QVERIFY(desk.sync().ok());
        desk.edit(todos[2].id, [](Todo &t) { t.notes = u"pending at the switch"_s; });
        const TodoSnapshots before = live(desk);

        QString error;
        const auto config = ConnectionConfig::parse(second.connectionString(), &error);
        QVERIFY2(config, qPrintable(error));
        desk.session = std::make_unique<SyncSession>(desk.database->database(), *config);
        const SyncResult merged = desk.sync();
        QVERIFY2(merged.ok(), qPrintable(merged.message));
        QVERIFY(!merged.notice.isEmpty());
        // The rows took ids of the new identity's (see IdentitySwitch); the same todos otherwise.
        const QString identity = SyncState(desk.database->database()).serverIdentity();
        const auto renamed = [&](const QString &id) { return IdentitySwitch::derivedId(identity, id); };
        TodoSnapshots expected;
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            TodoSnapshot todo = *it;
            todo.listId = renamed(todo.listId);
            expected.insert(renamed(it.key()), todo);
        }
        for (Todo &todo : todos)
            todo.id = renamed(todo.id);
        // The Inbox is the new server's own.
        const QString inbox = desk.store->inboxId();
        for (TodoSnapshot &todo : expected) {
            if (todo.listId != renamed(errands.id))
                todo.listId = inbox;
        }
        const QString changed = SyncSnapshot::difference(live(desk), expected, u"after"_s, u"expected"_s);
        QVERIFY2(changed.isEmpty(), qPrintable(changed));
        QVERIFY2(sameAsServer(desk, second).isEmpty(), qPrintable(sameAsServer(desk, second)));
        QCOMPARE(desk.store->pendingChangeCount(), 0);

        // The times travel too (created_at is not something a person could fix).
        const CloudConnection admin(second);
        for (const Todo &todo : std::as_const(todos)) {
            QCOMPARE(admin.number(u"SELECT (extract(epoch FROM created_at) * 1000000)::int8 FROM tandem.todos WHERE id = $1"_s,
                                  {todo.id}),
                     todo.createdAt);
        }
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos WHERE deleted_at IS NOT NULL"_s), 1);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.lists WHERE is_inbox AND deleted_at IS NULL"_s), 1);
        // The old server keeps what it had; another desktop on the new one gets everything.
        const CloudConnection old(first);
        QCOMPARE(old.number(u"SELECT count(*) FROM tandem.todos WHERE notes = 'pending at the switch'"_s), 0);
        SyncReplica other(second);
        QVERIFY(other.sync().ok());
        QCOMPARE(live(other), live(desk));
    }
};

QTEST_GUILESS_MAIN(SyncSafetyTest)
#include "syncsafetytest.moc"
