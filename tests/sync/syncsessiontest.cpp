#include "cloud/pgconnection.h"
#include "scratchdatabase.h"
#include "store/sqlhelpers.h"
#include "syncreplica.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

// Two and more desktops against one real PostgreSQL: what one does reaches
// the others, per-field merges, conflicts, deletes and the server's own edits.
class SyncSessionTest : public QObject
{
    Q_OBJECT

private:
    static int count(const SyncReplica &replica, const QString &sql)
    {
        auto query = Sql::select(replica.database->database(), sql, {});
        return query && query->next() ? query->value(0).toInt() : -1;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldBringOneDesktopsTodoToAnother()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        SyncReplica a(cloud), b(cloud);
        Todo todo = a.add(u"Water the plants 🌱"_s, {u"Home"_s, u"weekly"_s});
        a.edit(todo.id, [](Todo &t) {
            t.notes = u"Both balconies.\nNot the cactus."_s;
            t.priority = Priority::High;
            t.dueAt = Timestamp::fromDate(QDate(2026, 12, 24));
        });
        const SyncResult pushed = a.sync();
        QVERIFY2(pushed.ok(), qPrintable(pushed.message));
        QVERIFY(pushed.pushedChanges > 0);
        QCOMPARE(a.store->pendingChangeCount(), 0);

        const SyncResult pulled = b.sync();
        QVERIFY2(pulled.ok(), qPrintable(pulled.message));
        const auto there = b.store->todo(todo.id);
        QVERIFY(there);
        QCOMPARE(there->title, u"Water the plants 🌱"_s);
        QCOMPARE(there->notes, u"Both balconies.\nNot the cactus."_s);
        QCOMPARE(there->priority, Priority::High);
        QCOMPARE(there->dueAt, Timestamp::fromDate(QDate(2026, 12, 24)));
        QCOMPARE(there->createdAt, a.store->todo(todo.id)->createdAt); // to the microsecond
        QCOMPARE(there->tags, (QStringList{u"Home"_s, u"weekly"_s}));
        // Both desktops end up with the one Inbox.
        QCOMPARE(b.store->inboxId(), a.store->inboxId());
        QCOMPARE(there->listId, b.store->inboxId());
        QCOMPARE(count(b, u"SELECT COUNT(*) FROM lists WHERE is_inbox = 1"_s), 1);
    }

    void shouldMergeEditsOfDifferentFields()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        SyncReplica a(cloud), b(cloud);
        const Todo todo = a.add(u"Plan trip"_s);
        QVERIFY(a.sync().ok());
        QVERIFY(b.sync().ok());

        a.edit(todo.id, [](Todo &t) { t.title = u"Plan the Lisbon trip"_s; });
        b.edit(todo.id, [](Todo &t) { t.notes = u"Flights first"_s; });
        QVERIFY(a.sync().ok());
        QVERIFY(b.sync().ok());
        QVERIFY(a.sync().ok());
        for (SyncReplica *replica : {&a, &b}) {
            const auto merged = replica->store->todo(todo.id);
            QCOMPARE(merged->title, u"Plan the Lisbon trip"_s);
            QCOMPARE(merged->notes, u"Flights first"_s);
        }
        QCOMPARE(count(a, u"SELECT COUNT(*) FROM conflicts"_s), 0);
    }

    void shouldLetTheLaterCommitWinAndLogTheOverwrittenValue()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        SyncReplica a(cloud), b(cloud);
        const Todo todo = a.add(u"Call Sam"_s);
        QVERIFY(a.sync().ok());
        QVERIFY(b.sync().ok());

        a.edit(todo.id, [](Todo &t) { t.title = u"Call Sam at 5"_s; });
        b.edit(todo.id, [](Todo &t) { t.title = u"Call Sam tomorrow"_s; });
        QVERIFY(a.sync().ok());
        const SyncResult later = b.sync();
        QVERIFY(later.ok());
        QCOMPARE(later.conflicts, 1);
        QVERIFY(a.sync().ok());
        QCOMPARE(a.store->todo(todo.id)->title, u"Call Sam tomorrow"_s);
        QCOMPARE(b.store->todo(todo.id)->title, u"Call Sam tomorrow"_s);
        for (SyncReplica *replica : {&a, &b}) {
            auto query = Sql::select(replica->database->database(),
                                     u"SELECT field, lost_value, kind FROM conflicts WHERE entity_id = ?"_s, {todo.id});
            QVERIFY(query && query->next());
            QCOMPARE(query->value(0).toString(), u"title"_s);
            QCOMPARE(query->value(1).toString(), u"\"Call Sam at 5\""_s);
        }
    }

    void shouldPullABigCloudInBulkAndKeepItsIndexes()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        SyncReplica seed(cloud), fresh(cloud);
        QVERIFY(seed.sync().ok());
        constexpr int kRows = 25000; // above PullApplier::kBulkRows
        QVERIFY(cloud.adminExec(u"INSERT INTO tandem.todos (list_id, title, priority, position)"
                                " SELECT (SELECT id FROM tandem.lists WHERE is_inbox), 'Cloud todo ' || g, g % 4, g"
                                " FROM generate_series(1, %1) g"_s.arg(kRows)));
        const QStringList indexesBefore = [&fresh] {
            QStringList names;
            auto q = Sql::select(fresh.database->database(),
                                 u"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'todos' ORDER BY name"_s, {});
            while (q && q->next())
                names << q->value(0).toString();
            return names;
        }();
        const SyncResult result = fresh.sync();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(count(fresh, u"SELECT COUNT(*) FROM todos WHERE deleted_at IS NULL"_s), kRows);
        QCOMPARE(count(fresh, u"SELECT COUNT(*) FROM todos WHERE title = 'Cloud todo 12345' AND priority = 1"_s), 1);
        QStringList indexesAfter;
        auto q = Sql::select(fresh.database->database(),
                             u"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'todos' ORDER BY name"_s, {});
        while (q && q->next())
            indexesAfter << q->value(0).toString();
        QCOMPARE(indexesAfter, indexesBefore);
        auto check = Sql::select(fresh.database->database(), u"PRAGMA integrity_check"_s, {});
        QVERIFY(check && check->next());
        QCOMPARE(check->value(0).toString(), u"ok"_s);
    }
};

QTEST_GUILESS_MAIN(SyncSessionTest)
#include "syncsessiontest.moc"
