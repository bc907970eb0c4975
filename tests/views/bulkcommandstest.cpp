#include "commands/todocommands.h"
#include "storefixture.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {

// Enough rows that a step costing a scan of every row per row (20,000² string
// compares) or a query per row shows as minutes instead of seconds.
constexpr int kCount = 20'000;

// The outbox entries written since seq, per todo id: the fields of their
// upserts, joined with '+' per entry, and their tag operations.
struct OutboxSince
{
    QHash<QString, QStringList> upserts;
    QHash<QString, QStringList> tagOps;
    qsizetype entries = 0;
};

OutboxSince outboxSince(const QSqlDatabase &db, qint64 seq)
{
    OutboxSince result;
    QSqlQuery query(db);
    query.prepare(u"SELECT entity, entity_id, op, payload FROM outbox WHERE seq > ? ORDER BY seq"_s);
    query.addBindValue(seq);
    if (!query.exec())
        qFatal("cannot read the outbox");
    while (query.next()) {
        ++result.entries;
        const QString id = query.value(1).toString();
        if (query.value(0).toString() == u"todo"_s) {
            const QJsonObject values = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object();
            QStringList keys = values.keys();
            keys.removeAll(u"id"_s);
            keys.removeAll(u"updated_at"_s);
            result.upserts[id] << keys.join(u'+');
        } else {
            result.tagOps[id] << query.value(2).toString() + u' ' + query.value(3).toString();
        }
    }
    return result;
}

qint64 lastSeq(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.exec(u"SELECT coalesce(MAX(seq), 0) FROM outbox"_s);
    return query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace

// Bulk edits of every row of a large list (Select All, then Space or Delete)
// through the undo stack with a real SQLite store: each row changes, once,
// with one outbox entry naming just the fields that changed, and undo and
// redo give back exactly what was there.
class BulkCommandsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void completeUndoRedoDeleteEveryRow()
    {
        StoreFixture data;
        TodoStore *store = data.store.get();
        const QSqlDatabase db = data.database->database();
        // Every tenth todo has a tag, every seventh is done already.
        const QStringList ids = data.addTodos(kCount, u"Bulk"_s, {}, [n = 0](Todo &todo) mutable {
            if (n % 10 == 0)
                todo.tags = {u"Home"_s};
            if (n % 7 == 0)
                todo.setCompleted(true, todo.createdAt);
            ++n;
        });
        const QList<Todo> original = store->todos(ids);
        QCOMPARE(original.size(), kCount);
        QUndoStack stack;
        QSignalSpy changed(data.database.get(), &LocalDatabase::changed);

        // Complete all: the ones already done stay as they were.
        qint64 seq = lastSeq(db);
        QVERIFY(TodoCommands::setCompleted(&stack, store, ids, true));
        QCOMPARE(changed.size(), 1);
        const int openBefore = kCount - (kCount + 6) / 7;
        QCOMPARE(changed.takeFirst().at(0).value<CacheChange>().todoIds.size(), openBefore);
        QList<Todo> rows = store->todos(ids);
        QCOMPARE(rows.size(), kCount);
        OutboxSince outbox = outboxSince(db, seq);
        QCOMPARE(outbox.entries, openBefore);
        QVERIFY(outbox.tagOps.isEmpty());
        for (qsizetype i = 0; i < kCount; ++i) {
            QCOMPARE(rows.at(i).id, ids.at(i));
            QVERIFY(rows.at(i).completed);
            QCOMPARE(rows.at(i).tags, original.at(i).tags);
            if (original.at(i).completed) {
                QCOMPARE(rows.at(i).completedAt, original.at(i).completedAt);
                QVERIFY(!outbox.upserts.contains(ids.at(i)));
            } else {
                QCOMPARE(outbox.upserts.value(ids.at(i)), QStringList{u"completed+completed_at"_s});
            }
        }

        // Meanwhile another desktop renamed one of them: undo keeps its title.
        Todo renamed = rows.at(1);
        renamed.title = u"Renamed elsewhere"_s;
        QVERIFY(store->apply({{}, {renamed}}, CacheChange::Origin::Pull));
        changed.clear();

        seq = lastSeq(db);
        QVERIFY(TodoCommands::undo(&stack));
        QCOMPARE(changed.size(), 1);
        rows = store->todos(ids);
        outbox = outboxSince(db, seq);
        QCOMPARE(outbox.entries, openBefore);
        for (qsizetype i = 0; i < kCount; ++i) {
            QCOMPARE(rows.at(i).completed, original.at(i).completed);
            QCOMPARE(rows.at(i).completedAt, original.at(i).completedAt);
            QCOMPARE(rows.at(i).title, i == 1 ? renamed.title : original.at(i).title);
            QCOMPARE(rows.at(i).tags, original.at(i).tags);
        }

        QVERIFY(TodoCommands::redo(&stack));
        rows = store->todos(ids);
        for (qsizetype i = 0; i < kCount; ++i) {
            QVERIFY(rows.at(i).completed);
            QCOMPARE(rows.at(i).title, i == 1 ? renamed.title : original.at(i).title);
        }

        // Delete all, undo, redo: the tag links stay (a tombstone keeps them).
        seq = lastSeq(db);
        changed.clear();
        QVERIFY(TodoCommands::deleteTodos(&stack, store, ids));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.takeFirst().at(0).value<CacheChange>().todoIds.size(), kCount);
        outbox = outboxSince(db, seq);
        QCOMPARE(outbox.entries, kCount);
        rows = store->todos(ids);
        for (qsizetype i = 0; i < kCount; ++i) {
            QVERIFY(rows.at(i).isDeleted());
            QCOMPARE(outbox.upserts.value(ids.at(i)), QStringList{u"deleted_at"_s});
        }
        QVERIFY(store->todosInList(store->inboxId()).isEmpty());

        QVERIFY(TodoCommands::undo(&stack));
        QCOMPARE(store->todosInList(store->inboxId()).size(), kCount);
        rows = store->todos(ids);
        for (qsizetype i = 0; i < kCount; ++i) {
            QVERIFY(!rows.at(i).isDeleted());
            QVERIFY(rows.at(i).completed);
            QCOMPARE(rows.at(i).tags, original.at(i).tags);
        }
        QVERIFY(TodoCommands::redo(&stack));
        QVERIFY(store->todosInList(store->inboxId()).isEmpty());
    }

    // Ids the store does not know, and the same id twice, as a selection may
    // hold after a sync removed rows: the known rows change, once each.
    void bulkEditSkipsUnknownAndRepeatedIds()
    {
        StoreFixture data;
        TodoStore *store = data.store.get();
        const QStringList ids = data.addTodos(1200, u"Some"_s);
        QStringList selection = ids;
        selection.insert(600, u"no-such-todo"_s);
        selection << ids.first();
        QUndoStack stack;
        const qint64 seq = lastSeq(data.database->database());
        QVERIFY(TodoCommands::setCompleted(&stack, store, selection, true));
        QCOMPARE(outboxSince(data.database->database(), seq).entries, 1200);
        for (const Todo &todo : store->todos(ids))
            QVERIFY(todo.completed);
        QVERIFY(TodoCommands::undo(&stack));
        for (const Todo &todo : store->todos(ids))
            QVERIFY(!todo.completed);
    }
};

QTEST_GUILESS_MAIN(BulkCommandsTest)
#include "bulkcommandstest.moc"
