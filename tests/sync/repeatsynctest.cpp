#include "operations/todooperations.h"
#include "scratchdatabase.h"
#include "syncreplica.h"
#include "syncsnapshot.h"

#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using SyncSnapshot::CloudConnection;

namespace {

// 09:00 in Berlin on the given day of December 2026, as UTC microseconds.
Timestamp::Micros berlinNine(int day)
{
    return Timestamp::fromDateTime(QDateTime(QDate(2026, 12, day), QTime(9, 0), QTimeZone("Europe/Berlin")));
}

// Completing through the edit layer, as the window and tandem-cli do.
void complete(SyncReplica &desk, const QString &id)
{
    const Edit edit = TodoOperations::setCompleted(*desk.store, {id}, true);
    QVERIFY(!edit.isEmpty());
    QVERIFY2(TodoOperations::apply(*desk.store, edit), qPrintable(desk.store->lastError()));
}

void sync(SyncReplica &desk)
{
    const SyncResult result = desk.sync();
    QVERIFY2(result.ok(), qPrintable(result.message));
}

// The records of a series in a desktop's cache: occurrence -> count.
QMap<Timestamp::Micros, int> records(const SyncReplica &desk, const QString &seriesId)
{
    QMap<Timestamp::Micros, int> found;
    auto query = Sql::select(desk.database->database(),
                             u"SELECT occurrence FROM todos WHERE series_id = ? AND deleted_at IS NULL"
                             " AND completed = 1"_s,
                             {seriesId});
    while (query && query->next())
        ++found[query->value(0).toLongLong()];
    return found;
}

} // namespace

// Completions of a repeating todo are facts that commute: desktops that
// complete occurrences offline end with one record per occurrence and the
// same next due date, whatever order they sync in.
class RepeatSyncTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> m_cloud;
    QString m_seriesId;

    // A daily 09:00 Berlin todo due on 1 December, on both desktops.
    void shareDailySeries(SyncReplica &first, SyncReplica &second)
    {
        Todo todo = first.store->newTodo({}, u"Water the plants"_s);
        todo.repeatRule = u"FREQ=DAILY"_s;
        todo.timeZone = u"Europe/Berlin"_s;
        todo.dueAt = berlinNine(1);
        todo.dueHasTime = true;
        QVERIFY(TodoOperations::apply(*first.store, TodoOperations::addTodo(todo)));
        m_seriesId = todo.id;
        sync(first);
        sync(second);
        QVERIFY(second.store->todo(m_seriesId));
    }

    int cloudRecords(Timestamp::Micros occurrence = 0)
    {
        const CloudConnection admin(*m_cloud);
        if (occurrence == 0)
            return int(admin.number(u"SELECT count(*) FROM tandem.todos WHERE series_id = $1 AND deleted_at IS NULL"_s,
                                    {m_seriesId}));
        return int(admin.number(u"SELECT count(*) FROM tandem.todos WHERE series_id = $1 AND deleted_at IS NULL"
                                " AND (extract(epoch FROM occurrence) * 1000000)::int8 = $2"_s,
                                {m_seriesId, occurrence}));
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        m_cloud = std::make_unique<ScratchDatabase>(server);
        QVERIFY(SyncSnapshot::migrate(*m_cloud));
    }

    void cleanup() { m_cloud.reset(); }

    void shouldKeepOneRecordWhenBothCompleteTheSameOccurrence()
    {
        SyncReplica first(*m_cloud);
        SyncReplica second(*m_cloud);
        shareDailySeries(first, second);
        complete(first, m_seriesId);
        complete(second, m_seriesId);
        sync(first);
        sync(second);
        sync(first);

        QCOMPARE(cloudRecords(), 1);
        QCOMPARE(cloudRecords(berlinNine(1)), 1);
        QCOMPARE(records(first, m_seriesId), (QMap<Timestamp::Micros, int>{{berlinNine(1), 1}}));
        QCOMPARE(records(second, m_seriesId), records(first, m_seriesId));
        QCOMPARE(first.store->todo(m_seriesId)->dueAt, std::optional(berlinNine(2)));
        QCOMPARE(second.store->todo(m_seriesId)->dueAt, std::optional(berlinNine(2)));
        QCOMPARE(first.store->todo(m_seriesId)->completed, false);
    }

    void shouldFollowTheLatestOccurrence_data()
    {
        QTest::addColumn<bool>("twiceSyncsFirst");
        QTest::newRow("the desktop that completed two syncs first") << true;
        QTest::newRow("the desktop that completed one syncs first") << false;
    }

    void shouldFollowTheLatestOccurrence()
    {
        QFETCH(bool, twiceSyncsFirst);
        SyncReplica twice(*m_cloud);
        SyncReplica once(*m_cloud);
        shareDailySeries(twice, once);
        complete(twice, m_seriesId); // 1 December
        complete(twice, m_seriesId); // 2 December
        complete(once, m_seriesId);  // 1 December
        if (twiceSyncsFirst) {
            sync(twice);
            sync(once);
        } else {
            sync(once);
            sync(twice);
        }
        sync(twice);
        sync(once);

        QCOMPARE(cloudRecords(), 2);
        QCOMPARE(cloudRecords(berlinNine(1)), 1);
        QCOMPARE(cloudRecords(berlinNine(2)), 1);
        const QMap<Timestamp::Micros, int> expected{{berlinNine(1), 1}, {berlinNine(2), 1}};
        QCOMPARE(records(twice, m_seriesId), expected);
        QCOMPARE(records(once, m_seriesId), expected);
        QCOMPARE(twice.store->todo(m_seriesId)->dueAt, std::optional(berlinNine(3)));
        QCOMPARE(once.store->todo(m_seriesId)->dueAt, std::optional(berlinNine(3)));
        // A due date that was completed is no lost edit.
        const CloudConnection admin(*m_cloud);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.conflicts WHERE field = 'due_at'"_s), 0);
    }

    void shouldConvergeWhenTheRuleChangesWhileAnotherCompletes()
    {
        SyncReplica editor(*m_cloud);
        SyncReplica doer(*m_cloud);
        shareDailySeries(editor, doer);
        editor.edit(m_seriesId, [](Todo &t) { t.repeatRule = u"FREQ=WEEKLY"_s; });
        complete(doer, m_seriesId);
        sync(editor);
        sync(doer);
        sync(editor);

        const Todo a = *editor.store->todo(m_seriesId);
        const Todo b = *doer.store->todo(m_seriesId);
        QCOMPARE(a.repeatRule, u"FREQ=WEEKLY"_s);
        QCOMPARE(b.repeatRule, a.repeatRule);
        QCOMPARE(b.dueAt, a.dueAt);
        QCOMPARE(a.dueAt, std::optional(berlinNine(2)));
        QCOMPARE(records(editor, m_seriesId), records(doer, m_seriesId));
        QCOMPARE(cloudRecords(), 1);
    }

    void shouldTakeBackBothWhenACompletionIsUndone()
    {
        SyncReplica first(*m_cloud);
        SyncReplica second(*m_cloud);
        shareDailySeries(first, second);
        const Edit completion = TodoOperations::setCompleted(*first.store, {m_seriesId}, true);
        QVERIFY(TodoOperations::apply(*first.store, completion));
        sync(first);
        QCOMPARE(cloudRecords(), 1);
        // Undo writes the snapshots from before, as the undo stack does.
        QVERIFY(first.store->apply(completion.before, CacheChange::Origin::Undo));
        sync(first);
        sync(second);

        QCOMPARE(cloudRecords(), 0);
        QVERIFY(records(second, m_seriesId).isEmpty());
        QCOMPARE(second.store->todo(m_seriesId)->dueAt, std::optional(berlinNine(1)));
        QCOMPARE(first.store->todo(m_seriesId)->dueAt, std::optional(berlinNine(1)));
        // Completed again after the undo: the same record comes back, once.
        complete(second, m_seriesId);
        sync(second);
        sync(first);
        QCOMPARE(cloudRecords(), 1);
        QCOMPARE(first.store->todo(m_seriesId)->dueAt, std::optional(berlinNine(2)));
    }

    void shouldKeepADoneDayDoneWhenAPersonReschedulesOntoIt()
    {
        // The desktop applies the server's rule at once, so the reschedule
        // that lands is the one the person saw, on both desktops.
        SyncReplica desk(*m_cloud);
        SyncReplica other(*m_cloud);
        shareDailySeries(desk, other);
        complete(desk, m_seriesId);
        complete(desk, m_seriesId);
        sync(desk);
        sync(other);
        QCOMPARE(other.store->todo(m_seriesId)->dueAt, std::optional(berlinNine(3)));
        Todo moved = *other.store->todo(m_seriesId);
        moved.dueAt = berlinNine(1);
        QVERIFY(TodoOperations::apply(*other.store, TodoOperations::editTodo(*other.store, moved)));
        QCOMPARE(other.store->todo(m_seriesId)->dueAt, std::optional(berlinNine(3)));
        moved.dueAt = berlinNine(5);
        QVERIFY(TodoOperations::apply(*other.store, TodoOperations::editTodo(*other.store, moved)));
        sync(other);
        sync(desk);
        QCOMPARE(desk.store->todo(m_seriesId)->dueAt, std::optional(berlinNine(5)));
        QCOMPARE(other.store->todo(m_seriesId)->dueAt, std::optional(berlinNine(5)));
    }

    void shouldRefuseASecondRecordUnderAnotherId()
    {
        SyncReplica desk(*m_cloud);
        SyncReplica other(*m_cloud);
        shareDailySeries(desk, other);
        complete(desk, m_seriesId);
        sync(desk);
        // Another writer records the same occurrence under an id of its own.
        const CloudConnection admin(*m_cloud);
        const PgResult insert = admin->exec(
            u"INSERT INTO tandem.todos(list_id, title, completed, series_id, occurrence)"
            " SELECT list_id, title, true, id, to_timestamp($2::float8 / 1000000) FROM tandem.todos WHERE id = $1"_s,
            {m_seriesId, berlinNine(1)});
        QVERIFY(!insert.ok());
        QCOMPARE(cloudRecords(), 1);
    }
};

QTEST_GUILESS_MAIN(RepeatSyncTest)
#include "repeatsynctest.moc"
