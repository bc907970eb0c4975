#include "operations/todooperations.h"
#include "scratchdatabase.h"
#include "syncreplica.h"
#include "syncsnapshot.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using SyncSnapshot::CloudConnection;

// Subtasks sync as rows. A subtask whose parent was deleted on another
// desktop is not lost: it becomes a top-level todo, and the conflict log
// says so, whichever desktop syncs first.
class SubtaskSyncTest : public QObject
{
    Q_OBJECT

private:
    static void sync(SyncReplica &desk)
    {
        const SyncResult result = desk.sync();
        QVERIFY2(result.ok(), qPrintable(result.message));
    }

    static int parentConflicts(const SyncReplica &desk, const QString &todoId)
    {
        auto query = Sql::select(desk.database->database(),
                                 u"SELECT COUNT(*) FROM conflicts WHERE entity_id = ? AND field = 'parent_id'"
                                 " AND kind = 'parent_deleted'"_s,
                                 {todoId});
        return query && query->next() ? query->value(0).toInt() : -1;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldKeepASubtaskWhoseParentWasDeletedElsewhere_data()
    {
        QTest::addColumn<bool>("deleterSyncsFirst");
        QTest::newRow("the delete reaches the server first") << true;
        QTest::newRow("the subtask reaches the server first") << false;
    }

    void shouldKeepASubtaskWhoseParentWasDeletedElsewhere()
    {
        QFETCH(bool, deleterSyncsFirst);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(SyncSnapshot::migrate(cloud));
        SyncReplica deleter(cloud);
        SyncReplica adder(cloud);
        const Todo parent = deleter.add(u"Plan the trip"_s);
        sync(deleter);
        sync(adder);

        Todo subtask = adder.store->newTodo(parent.listId, u"Book the train"_s);
        subtask.parentId = parent.id;
        QVERIFY(TodoOperations::apply(*adder.store, TodoOperations::addTodo(subtask)));
        QVERIFY(TodoOperations::apply(*deleter.store, TodoOperations::deleteTodos(*deleter.store, {parent.id})));
        if (deleterSyncsFirst) {
            sync(deleter);
            sync(adder);
        } else {
            sync(adder);
            sync(deleter);
        }
        sync(adder);
        sync(deleter);

        for (SyncReplica *desk : {&deleter, &adder}) {
            const auto kept = desk->store->todo(subtask.id);
            QVERIFY(kept);
            QVERIFY(!kept->isDeleted());
            QVERIFY(kept->parentId.isEmpty());
            QCOMPARE(kept->title, u"Book the train"_s);
            QCOMPARE(parentConflicts(*desk, subtask.id), 1);
            QVERIFY(desk->store->todo(parent.id)->isDeleted());
        }
        const CloudConnection admin(cloud);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todos WHERE id = $1 AND parent_id IS NULL"
                              " AND deleted_at IS NULL"_s,
                              {subtask.id}),
                 1);
    }

    void shouldDeleteTheSubtasksItKnowsWithTheirParent()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(SyncSnapshot::migrate(cloud));
        SyncReplica desk(cloud);
        SyncReplica other(cloud);
        const Todo parent = desk.add(u"Move house"_s);
        Todo subtask = desk.store->newTodo(parent.listId, u"Pack books"_s);
        subtask.parentId = parent.id;
        QVERIFY(TodoOperations::apply(*desk.store, TodoOperations::addTodo(subtask)));
        sync(desk);
        sync(other);
        QCOMPARE(other.store->todo(subtask.id)->parentId, parent.id);

        QVERIFY(TodoOperations::apply(*desk.store, TodoOperations::deleteTodos(*desk.store, {parent.id})));
        sync(desk);
        sync(other);
        QVERIFY(other.store->todo(subtask.id)->isDeleted());
        QCOMPARE(parentConflicts(other, subtask.id), 0);
    }
};

QTEST_GUILESS_MAIN(SubtaskSyncTest)
#include "subtasksynctest.moc"
