#include "scratchdatabase.h"
#include "syncreplica.h"
#include "syncsnapshot.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using SyncSnapshot::CloudConnection;

// A desktop made its own Inbox offline; at its first sync it adopts the
// server's. Its waiting changes move with it: the list id in each change,
// and nothing else of what the person wrote.
class InboxRemapTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldMoveOnlyTheListIdOfWaitingChanges()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(SyncSnapshot::migrate(cloud));
        SyncReplica first(cloud);
        QVERIFY(first.sync().ok()); // the server's Inbox
        SyncReplica second(cloud);
        const QString ownInbox = second.store->inboxId();
        QVERIFY(ownInbox != first.store->inboxId());
        // Text that happens to hold the id (pasted from a log, say) is the person's.
        const QString title = u"Look up %1 in the log"_s.arg(ownInbox);
        const Todo todo = second.add(title);
        second.edit(todo.id, [&](Todo &t) { t.notes = u"id: "_s + ownInbox; });

        const SyncResult synced = second.sync();
        QVERIFY2(synced.ok(), qPrintable(synced.message));
        QCOMPARE(second.store->inboxId(), first.store->inboxId());
        const CloudConnection admin(cloud);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos WHERE title = $1 AND notes = $2 AND list_id = $3"_s,
                              {title, u"id: "_s + ownInbox, first.store->inboxId()}),
                 1);
        QCOMPARE(second.store->todo(todo.id)->title, title);
        QCOMPARE(second.store->todo(todo.id)->listId, first.store->inboxId());
    }
};

QTEST_GUILESS_MAIN(InboxRemapTest)
#include "inboxremaptest.moc"
