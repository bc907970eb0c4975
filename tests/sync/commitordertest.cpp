#include "cloud/pgconnection.h"
#include "scratchdatabase.h"
#include "sync/syncstate.h"
#include "syncreplica.h"
#include "syncsnapshot.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using SyncSnapshot::CloudConnection;

// Transactions commit in another order than they took their ids: a change
// whose transaction started first but committed last must still reach the
// desktop that pulled in between. And writes made straight in SQL (as in
// Neon's SQL editor) reach the desktops like their own.
class CommitOrderTest : public QObject
{
    Q_OBJECT

private:
    static QString inboxOf(const CloudConnection &sql)
    {
        const PgResult row = sql->exec(u"SELECT id FROM tandem.lists WHERE is_inbox AND deleted_at IS NULL"_s);
        return row.rowCount() == 1 ? row.text(0, 0) : QString();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldPullAChangeThatCommitsAfterALaterTransaction_data()
    {
        QTest::addColumn<QString>("earlyWrite"); // what the older transaction does
        QTest::addColumn<int>("pullsWhileOpen");
        QTest::newRow("update") << u"update"_s << 1;
        QTest::newRow("insert") << u"insert"_s << 1;
        QTest::newRow("delete") << u"delete"_s << 1;
        QTest::newRow("tag") << u"tag"_s << 1;
        QTest::newRow("update, three pulls while it is open") << u"update"_s << 3;
    }

    void shouldPullAChangeThatCommitsAfterALaterTransaction()
    {
        QFETCH(QString, earlyWrite);
        QFETCH(int, pullsWhileOpen);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        SyncReplica desk(cloud);
        const Todo first = desk.add(u"First"_s);
        const Todo second = desk.add(u"Second"_s);
        QVERIFY(desk.sync().ok());

        CloudConnection early(cloud), late(cloud);
        QVERIFY(early->isOpen() && late->isOpen());
        const QString inserted = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QVERIFY(early->begin());
        if (earlyWrite == u"update"_s)
            QVERIFY(early->run(u"UPDATE tandem.todos SET title = 'First, edited early' WHERE id = $1"_s, {first.id}));
        else if (earlyWrite == u"insert"_s)
            QVERIFY(early->run(u"INSERT INTO tandem.todos (id, list_id, title) VALUES ($1, $2, 'Inserted early')"_s,
                               {inserted, desk.store->inboxId()}));
        else if (earlyWrite == u"delete"_s)
            QVERIFY(early->run(u"DELETE FROM tandem.todos WHERE id = $1"_s, {first.id}));
        else
            QVERIFY(early->run(u"WITH g AS (INSERT INTO tandem.tags(name) VALUES ('early') RETURNING id)"
                               " INSERT INTO tandem.todo_tags(todo_id, tag_id) SELECT $1, id FROM g"_s,
                               {first.id}));
        const qint64 earlyXid = early.number(u"SELECT pg_current_xact_id()::text"_s);

        QVERIFY(late->begin());
        QVERIFY(late->run(u"UPDATE tandem.todos SET title = 'Second, edited late' WHERE id = $1"_s, {second.id}));
        const qint64 lateXid = late.number(u"SELECT pg_current_xact_id()::text"_s);
        QVERIFY(late->commit());
        QVERIFY2(earlyXid > 0 && earlyXid < lateXid, "the race needs the older id to commit last");

        for (int pull = 0; pull < pullsWhileOpen; ++pull) {
            const SyncResult result = desk.sync();
            QVERIFY2(result.ok(), qPrintable(result.message));
        }
        QCOMPARE(desk.store->todo(second.id)->title, u"Second, edited late"_s);
        QCOMPARE(desk.store->todo(first.id)->title, u"First"_s); // not committed yet
        QVERIFY(!desk.store->todo(inserted));
        QVERIFY(desk.store->todo(first.id)->tags.isEmpty());
        // The cursor must not have moved past the transaction still open.
        QVERIFY(SyncState(desk.database->database()).pullCursor().toLongLong() <= earlyXid);

        QVERIFY(early->commit());
        const SyncResult after = desk.sync();
        QVERIFY2(after.ok(), qPrintable(after.message));
        if (earlyWrite == u"update"_s) {
            QCOMPARE(desk.store->todo(first.id)->title, u"First, edited early"_s);
        } else if (earlyWrite == u"insert"_s) {
            QVERIFY(desk.store->todo(inserted));
            QCOMPARE(desk.store->todo(inserted)->title, u"Inserted early"_s);
        } else if (earlyWrite == u"delete"_s) {
            QVERIFY(desk.store->todo(first.id)->isDeleted());
        } else {
            QCOMPARE(desk.store->todo(first.id)->tags, QStringList{u"early"_s});
        }
        QCOMPARE(desk.store->todo(second.id)->title, u"Second, edited late"_s);
        const QString diff = SyncSnapshot::difference(SyncSnapshot::local(desk.database->database()),
                                                      SyncSnapshot::server(*early, server.user), u"desk"_s,
                                                      u"server"_s);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void shouldBringWritesMadeInSqlToTheDesktop()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        const QStringList roles = ScratchDatabase::roles();
        QVERIFY2(!roles.isEmpty(), "TANDEM_TEST_PGROLES is not set");
        QVERIFY(SyncSnapshot::migrate(cloud));
        SyncReplica desk(cloud, roles.at(0));
        const Todo mine = desk.add(u"Made on the desktop"_s);
        QVERIFY(desk.sync().ok());
        CloudConnection sql(cloud, roles.at(0));
        const QString inbox = inboxOf(sql);
        QCOMPARE(inbox, desk.store->inboxId());

        // What a person might type into the SQL editor, as themselves.
        const PgResult made = sql->exec(
            u"INSERT INTO tandem.todos (list_id, title, notes, priority, due_at)"
            " VALUES ($1, 'Typed in SQL', 'by hand', 2, '2026-03-01 00:00:00+00') RETURNING id"_s,
            {inbox});
        QVERIFY2(made.ok(), qPrintable(sql->lastError()));
        const QString typed = made.text(0, 0);
        QVERIFY(sql->run(u"INSERT INTO tandem.tags(name) VALUES ('sql')"_s));
        QVERIFY(sql->run(u"INSERT INTO tandem.todo_tags(todo_id, tag_id) SELECT $1, id FROM tandem.tags"_s, {typed}));
        QVERIFY(sql->run(u"INSERT INTO tandem.lists (id, name) VALUES ('22222222-2222-2222-2222-222222222222', 'From SQL')"_s));
        QVERIFY(sql->run(u"INSERT INTO tandem.todos (list_id, title)"
                         " VALUES ('22222222-2222-2222-2222-222222222222', 'In the SQL list')"_s));

        SyncResult result = desk.sync();
        QVERIFY2(result.ok(), qPrintable(result.message));
        const auto there = desk.store->todo(typed);
        QVERIFY(there);
        QCOMPARE(there->title, u"Typed in SQL"_s);
        QCOMPARE(there->notes, u"by hand"_s);
        QCOMPARE(there->priority, Priority::Medium);
        QCOMPARE(there->dueAt, Timestamp::fromDate(QDate(2026, 3, 1)));
        QCOMPARE(there->tags, QStringList{u"sql"_s});
        QVERIFY(desk.store->list(u"22222222-2222-2222-2222-222222222222"_s));
        QCOMPARE(desk.store->todosInList(u"22222222-2222-2222-2222-222222222222"_s).size(), 1);

        // An edit in SQL while the desktop edits another field of the same todo offline.
        desk.edit(typed, [](Todo &t) { t.notes = u"by hand, then on the desktop"_s; });
        QVERIFY(sql->run(u"UPDATE tandem.todos SET title = 'Typed in SQL, renamed' WHERE id = $1"_s, {typed}));
        QVERIFY(desk.sync().ok());
        QCOMPARE(desk.store->todo(typed)->title, u"Typed in SQL, renamed"_s);
        QCOMPARE(desk.store->todo(typed)->notes, u"by hand, then on the desktop"_s);

        // Plain DELETEs become tombstones, which delete on the desktop too.
        QVERIFY(sql->run(u"DELETE FROM tandem.todos WHERE id = $1"_s, {typed}));
        QVERIFY(sql->run(u"DELETE FROM tandem.lists WHERE id = '22222222-2222-2222-2222-222222222222'"_s));
        result = desk.sync();
        QVERIFY2(result.ok(), qPrintable(result.message));
        QVERIFY(desk.store->todo(typed)->isDeleted());
        QVERIFY(!desk.store->list(u"22222222-2222-2222-2222-222222222222"_s)
                 || desk.store->list(u"22222222-2222-2222-2222-222222222222"_s)->isDeleted());
        QCOMPARE(desk.store->todosInList(u"22222222-2222-2222-2222-222222222222"_s).size(), 0);
        QVERIFY(!desk.store->todo(mine.id)->isDeleted());
        const QString diff = SyncSnapshot::difference(SyncSnapshot::local(desk.database->database()),
                                                      SyncSnapshot::server(*sql, roles.at(0)), u"desk"_s,
                                                      u"server"_s);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }
};

QTEST_GUILESS_MAIN(CommitOrderTest)
#include "commitordertest.moc"
