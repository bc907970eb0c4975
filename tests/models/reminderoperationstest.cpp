#include "operations/reminderoperations.h"
#include "operations/todooperations.h"
#include "store/outbox.h"
#include "storefixture.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {

constexpr Timestamp::Micros kMinute = 60 * Timestamp::kMicrosPerSecond;
const Timestamp::Micros kNine = Timestamp::fromIsoUtc(u"2026-12-01T09:00:00.000000Z"_s).value();

struct OutboxEntry
{
    QString entityId, op;
    QJsonObject values;
};

QList<OutboxEntry> reminderEntries(const StoreFixture &fixture)
{
    QList<OutboxEntry> entries;
    auto query = Sql::select(fixture.database->database(),
                             u"SELECT entity_id, op, payload FROM outbox WHERE entity = ? ORDER BY seq"_s,
                             {QString::fromLatin1(Outbox::kEntityReminder)});
    while (query && query->next())
        entries << OutboxEntry{query->value(0).toString(), query->value(1).toString(),
                               QJsonDocument::fromJson(query->value(2).toString().toUtf8()).object()};
    return entries;
}

void apply(StoreFixture &fixture, const Edit &edit)
{
    QVERIFY(!edit.isEmpty());
    QVERIFY2(TodoOperations::apply(*fixture.store, edit), qPrintable(fixture.store->lastError()));
}

// An undo as tandem-cli would write it: the rows before.
void undo(StoreFixture &fixture, const Edit &edit)
{
    QVERIFY2(fixture.store->apply(edit.before, CacheChange::Origin::Undo), qPrintable(fixture.store->lastError()));
}

} // namespace

// Reminder edits go through the edit layer: rows and outbox entries in one
// transaction, announced with the reminders flag; undo restores them; a
// todo's delete takes its reminders along; firedFor stays this desktop's.
class ReminderOperationsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldWriteTheReminderAndItsOutboxEntryAndAnnounceIt()
    {
        StoreFixture fixture;
        const Todo todo = fixture.addTodo(u"Call the dentist"_s);
        QSignalSpy changed(fixture.database.get(), &LocalDatabase::changed);
        const Reminder reminder = Reminder::beforeDue(todo.id, 15);
        apply(fixture, ReminderOperations::add(*fixture.store, {reminder}));

        const QList<Reminder> stored = fixture.store->reminders({todo.id});
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().id, reminder.id);
        QCOMPARE(stored.first().kind, Reminder::Kind::BeforeDue);
        QCOMPARE(stored.first().offsetMinutes, 15);
        QCOMPARE(changed.size(), 1);
        const auto change = changed.first().first().value<CacheChange>();
        QVERIFY(change.reminders);
        QCOMPARE(change.todoIds, QStringList{todo.id});

        const QList<OutboxEntry> entries = reminderEntries(fixture);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().entityId, reminder.id);
        QCOMPARE(entries.first().values.value(u"todo_id"_s).toString(), todo.id);
        QCOMPARE(entries.first().values.value(u"kind"_s).toString(), u"before_due"_s);
        QCOMPARE(entries.first().values.value(u"offset_minutes"_s).toInt(), 15);
        QVERIFY(entries.first().values.value(u"day_time"_s).isNull());
        QVERIFY(!entries.first().values.contains(u"fired_for"_s));
    }

    void shouldRefuseAReminderOfATodoThatIsNotThere()
    {
        StoreFixture fixture;
        Changeset changes;
        changes.reminders << Reminder::atInstant(Todo::newId(), kNine);
        QVERIFY(!fixture.store->apply(changes));
        QVERIFY(!fixture.store->lastError().isEmpty());
        QVERIFY(reminderEntries(fixture).isEmpty());
    }

    void shouldSnoozeAndDismissWithUndo()
    {
        StoreFixture fixture;
        const Todo todo = fixture.addTodo(u"Water the plants"_s);
        const Reminder reminder = Reminder::atInstant(todo.id, kNine);
        apply(fixture, ReminderOperations::add(*fixture.store, {reminder}));

        const Edit snooze = ReminderOperations::snooze(*fixture.store, reminder.id, kNine + 10 * kMinute);
        apply(fixture, snooze);
        QCOMPARE(fixture.store->reminder(reminder.id)->snoozedUntil, std::optional(kNine + 10 * kMinute));
        QCOMPARE(reminderEntries(fixture).last().values, (QJsonObject{{u"snoozed_until"_s, u"2026-12-01T09:10:00.000000Z"_s}}));

        const Edit dismiss = ReminderOperations::dismiss(*fixture.store, reminder.id, kNine);
        apply(fixture, dismiss);
        QCOMPARE(fixture.store->reminder(reminder.id)->acknowledgedFor, std::optional(kNine));
        // A dismissal never moves back to an earlier instant.
        QVERIFY(ReminderOperations::dismiss(*fixture.store, reminder.id, kNine - kMinute).isEmpty());

        undo(fixture, dismiss);
        QCOMPARE(fixture.store->reminder(reminder.id)->acknowledgedFor, std::nullopt);
        undo(fixture, snooze);
        QCOMPARE(fixture.store->reminder(reminder.id)->snoozedUntil, std::nullopt);
    }

    void shouldRemoveAndClearWithUndo()
    {
        StoreFixture fixture;
        const Todo todo = fixture.addTodo(u"Pay rent"_s);
        const Reminder first = Reminder::atInstant(todo.id, kNine);
        const Reminder second = Reminder::beforeDue(todo.id, 24 * 60, 9 * 60);
        const Edit add = ReminderOperations::add(*fixture.store, {first, second});
        apply(fixture, add);
        QCOMPARE(fixture.store->reminders({todo.id}).size(), 2);

        const Edit remove = ReminderOperations::remove(*fixture.store, first.id);
        apply(fixture, remove);
        QCOMPARE(fixture.store->reminders({todo.id}).size(), 1);
        QVERIFY(fixture.store->reminder(first.id)->isDeleted());
        undo(fixture, remove);
        QCOMPARE(fixture.store->reminders({todo.id}).size(), 2);

        const Edit clear = ReminderOperations::clear(*fixture.store, todo.id);
        apply(fixture, clear);
        QVERIFY(fixture.store->reminders({todo.id}).isEmpty());
        QVERIFY(ReminderOperations::clear(*fixture.store, todo.id).isEmpty());
        undo(fixture, clear);
        QCOMPARE(fixture.store->reminders({todo.id}).size(), 2);

        // Undoing the add deletes them the way every delete works: a tombstone.
        undo(fixture, add);
        QVERIFY(fixture.store->reminders({todo.id}).isEmpty());
        QVERIFY(fixture.store->reminder(second.id)->isDeleted());
    }

    void shouldDeleteRemindersWithTheirTodoAndBringThemBack_data()
    {
        QTest::addColumn<bool>("wholeList");
        QTest::newRow("the todo") << false;
        QTest::newRow("its list") << true;
    }

    void shouldDeleteRemindersWithTheirTodoAndBringThemBack()
    {
        QFETCH(bool, wholeList);
        StoreFixture fixture;
        QString listId;
        apply(fixture, TodoOperations::createList(*fixture.store, u"Home"_s, &listId));
        const Todo todo = fixture.addTodo(u"Fix the tap"_s, listId);
        const Todo other = fixture.addTodo(u"Buy bread"_s);
        const Reminder reminder = Reminder::beforeDue(todo.id, 60);
        const Reminder kept = Reminder::beforeDue(other.id, 60);
        apply(fixture, ReminderOperations::add(*fixture.store, {reminder}));
        apply(fixture, ReminderOperations::add(*fixture.store, {kept}));

        const Edit deletion = wholeList ? TodoOperations::deleteList(*fixture.store, listId)
                                        : TodoOperations::deleteTodos(*fixture.store, {todo.id});
        apply(fixture, deletion);
        QVERIFY(fixture.store->reminder(reminder.id)->isDeleted());
        QCOMPARE(fixture.store->reminder(reminder.id)->deletedAt, fixture.store->todo(todo.id)->deletedAt);
        QVERIFY(!fixture.store->reminder(kept.id)->isDeleted());
        QCOMPARE(reminderEntries(fixture).last().entityId, reminder.id);

        undo(fixture, deletion);
        QVERIFY(!fixture.store->todo(todo.id)->isDeleted());
        QVERIFY(!fixture.store->reminder(reminder.id)->isDeleted());
    }

    void shouldKeepFiredForLocal()
    {
        StoreFixture fixture;
        const Todo todo = fixture.addTodo(u"Stretch"_s);
        const Reminder reminder = Reminder::atInstant(todo.id, kNine);
        apply(fixture, ReminderOperations::add(*fixture.store, {reminder}));
        const int pending = fixture.store->pendingChangeCount();
        QSignalSpy changed(fixture.database.get(), &LocalDatabase::changed);

        QVERIFY(fixture.store->markRemindersFired({{reminder.id, kNine}}));
        QCOMPARE(fixture.store->reminder(reminder.id)->firedFor, std::optional(kNine));
        QCOMPARE(fixture.store->pendingChangeCount(), pending);
        QCOMPARE(changed.size(), 0);
        // Never back to an earlier time; and an edit of the reminder keeps it.
        QVERIFY(fixture.store->markRemindersFired({{reminder.id, kNine - kMinute}}));
        apply(fixture, ReminderOperations::snooze(*fixture.store, reminder.id, kNine + kMinute));
        QCOMPARE(fixture.store->reminder(reminder.id)->firedFor, std::optional(kNine));
    }

    void shouldOverlayOnlyTheFieldsAStepChanged()
    {
        StoreFixture fixture;
        const Todo todo = fixture.addTodo(u"Read"_s);
        const Reminder reminder = Reminder::atInstant(todo.id, kNine);
        apply(fixture, ReminderOperations::add(*fixture.store, {reminder}));
        const Edit snooze = ReminderOperations::snooze(*fixture.store, reminder.id, kNine + 5 * kMinute);
        apply(fixture, snooze);
        // Another desktop dismissed it meanwhile: undoing the snooze keeps that.
        apply(fixture, ReminderOperations::dismiss(*fixture.store, reminder.id, kNine));

        Changeset back;
        back.reminders = ReminderOperations::overlay(*fixture.store, snooze.after.reminders, snooze.before.reminders);
        QVERIFY(fixture.store->apply(back, CacheChange::Origin::Undo));
        const Reminder now = *fixture.store->reminder(reminder.id);
        QCOMPARE(now.snoozedUntil, std::nullopt);
        QCOMPARE(now.acknowledgedFor, std::optional(kNine));
    }
};

QTEST_GUILESS_MAIN(ReminderOperationsTest)
#include "reminderoperationstest.moc"
