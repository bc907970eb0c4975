#include "storefixture.h"

#include "modeltesthelpers.h"

#include "domain/changejson.h"
#include "store/outbox.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMetaType>
#include <QObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

// 2026-11-22T09:30:00.123456Z
constexpr Timestamp::Micros kTime = 1'795'339'800'123'456;

struct OutboxRow
{
    QString entity, entityId, op, payload;
    // entity|op|what: the sorted field names of an upsert, or the tag of a
    // tag row, case-folded (the outbox may keep it as typed or as its key).
    QString summary() const
    {
        QString what = payload.toCaseFolded();
        if (op == QLatin1String(Outbox::kOpUpsert)) {
            QStringList keys = QJsonDocument::fromJson(payload.toUtf8()).object().keys();
            keys.sort();
            what = keys.join(u',');
        }
        return entity + u'|' + op + u'|' + what;
    }
};

QList<OutboxRow> outboxRows(const StoreFixture &f, qsizetype from = 0)
{
    QList<OutboxRow> rows;
    QSqlQuery query(f.database->database());
    query.exec(u"SELECT entity, entity_id, op, payload FROM outbox ORDER BY seq"_s);
    while (query.next())
        rows << OutboxRow {query.value(0).toString(), query.value(1).toString(),
            query.value(2).toString(), query.value(3).toString()};
    return rows.mid(from);
}

QStringList sortedJoined(QStringList names)
{
    names.sort();
    return {names.join(u',')};
}

int count(const StoreFixture &f, const QString &sql)
{
    return TestHelpers::scalar(f.database->database(), sql).toInt();
}

// What a row of a data table does to a todo, or to a changeset about to be applied.
using Edit = std::function<void(Todo &)>;
using Spoil = std::function<void(TodoStore &, Changeset &)>;

} // namespace

Q_DECLARE_METATYPE(Edit)
Q_DECLARE_METATYPE(Spoil)

class TodoStoreOutboxTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void shouldQueueOutboxRowsWithTheChange_data();
    void shouldQueueOutboxRowsWithTheChange();
    void shouldWriteNothingWhenNothingChanged();
    void shouldRefuseInvalidChangesetWhole_data();
    void shouldRefuseInvalidChangesetWhole();
    void shouldSignalWhatChanged_data();
    void shouldSignalWhatChanged();
    void shouldAnnounceTheOriginItWasGiven_data();
    void shouldAnnounceTheOriginItWasGiven();
};

void TodoStoreOutboxTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
}

void TodoStoreOutboxTest::shouldQueueOutboxRowsWithTheChange_data()
{
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QStringList>("expected"); // OutboxRow::summary(), in order

    auto row = [](const char *name, Edit edit, const QStringList &expected) {
        QTest::newRow(name) << edit << expected;
    };
    row("title", [](Todo &t) { t.title = u"New"_s; }, {u"todo|upsert|title"_s});
    row("title and notes", [](Todo &t) { t.title = t.notes = u"New"_s; },
        {u"todo|upsert|notes,title"_s});
    row("complete", [](Todo &t) { t.setCompleted(true, kTime); },
        {u"todo|upsert|completed,completed_at"_s});
    row("due date", [](Todo &t) { t.dueAt = kTime; }, {u"todo|upsert|due_at"_s});
    row("due time", [](Todo &t) { t.dueAt = kTime, t.dueHasTime = true; },
        {u"todo|upsert|due_at,due_has_time"_s});
    row("priority", [](Todo &t) { t.priority = Priority::High; }, {u"todo|upsert|priority"_s});
    row("move", [](Todo &t) { t.listId = u"other"_s; }, {u"todo|upsert|list_id"_s});
    row("delete", [](Todo &t) { t.deletedAt = kTime; }, {u"todo|upsert|deleted_at"_s});
    row("add tag", [](Todo &t) { t.tags << u"Urgent"_s; }, {u"todo_tag|add|urgent"_s});
    row("remove tag", [](Todo &t) { t.tags.clear(); }, {u"todo_tag|remove|old"_s});
    row("tag in other case only", [](Todo &t) { t.tags = {u"OLD"_s}; }, {});
    row("title and tag", [](Todo &t) { t.title = u"New"_s, t.tags << u"Urgent"_s; },
        {u"todo|upsert|title"_s, u"todo_tag|add|urgent"_s});
}

void TodoStoreOutboxTest::shouldQueueOutboxRowsWithTheChange()
{
    QFETCH(Edit, edit);
    QFETCH(QStringList, expected);
    StoreFixture f;
    TodoList list = f.store->newList(u"Other"_s);
    list.id = u"other"_s;
    Todo todo = f.store->newTodo({}, u"Base"_s);
    todo.tags = {u"Old"_s};
    const qsizetype base = outboxRows(f).size(); // the new Inbox may be queued
    QVERIFY(f.store->apply({{list}, {todo}}));
    QStringList setup;
    for (const OutboxRow &row : outboxRows(f, base))
        setup << row.summary();
    QCOMPARE(setup,
        (QStringList {u"list|upsert|"_s + sortedJoined(ChangeJson::allListFields()).at(0),
            u"todo|upsert|"_s + sortedJoined(ChangeJson::allTodoFields()).at(0),
            u"todo_tag|add|old"_s}));

    const Todo before = *f.store->todo(todo.id);
    edit(todo);
    todo.createdAt = 42; // a snapshot cannot move the creation time
    QVERIFY(f.store->apply({{}, {todo}}));
    const Todo after = *f.store->todo(todo.id);
    QCOMPARE(after.createdAt, before.createdAt);
    QVERIFY(after.updatedAt >= before.updatedAt);
    QStringList rows;
    for (const OutboxRow &row : outboxRows(f, base + 3)) {
        QCOMPARE(row.entityId, todo.id);
        rows << row.summary();
        if (row.op != QLatin1String(Outbox::kOpUpsert))
            continue;
        // The new values travel with the field names.
        const QJsonObject values = QJsonDocument::fromJson(row.payload.toUtf8()).object();
        QCOMPARE(values, ChangeJson::todoValues(after, values.keys()));
    }
    QCOMPARE(rows, expected);
    QCOMPARE(f.store->pendingChangeCount(), base + 3 + expected.size());
}

void TodoStoreOutboxTest::shouldWriteNothingWhenNothingChanged()
{
    StoreFixture f;
    TodoList list = f.store->newList(u"Stays"_s);
    Todo todo = f.store->newTodo({}, u"Same"_s);
    todo.tags = {u"Tag"_s};
    QVERIFY(f.store->apply({{list}, {todo}}));
    const Todo stored = *f.store->todo(todo.id);
    const int pending = f.store->pendingChangeCount();
    QSignalSpy changedSpy(f.database.get(), &LocalDatabase::changed);

    todo.tags = {u"tag"_s}; // the same tag, in other case
    todo.updatedAt = 1; // bookkeeping only
    QVERIFY(f.store->apply({{*f.store->list(list.id)}, {todo}}));
    QVERIFY(f.store->apply({}));
    QCOMPARE(f.store->pendingChangeCount(), pending);
    QCOMPARE(f.store->todo(todo.id)->updatedAt, stored.updatedAt);
    QCOMPARE(changedSpy.count(), 0);
}

void TodoStoreOutboxTest::shouldRefuseInvalidChangesetWhole_data()
{
    QTest::addColumn<Spoil>("spoil");
    auto inbox = [](TodoStore &store) {
        return *store.list(store.inboxId());
    };
    QTest::newRow("todo with empty title")
        << Spoil([](TodoStore &s, Changeset &c) { c.todos << s.newTodo({}, QString()); });
    QTest::newRow("todo in a list that does not exist") << Spoil(
        [](TodoStore &s, Changeset &c) { c.todos << s.newTodo(u"no-such-list"_s, u"Lost"_s); });
    QTest::newRow("list renamed to blanks") << Spoil([inbox](TodoStore &s, Changeset &c) {
        c.lists << inbox(s);
        c.lists.last().name = u" \t "_s;
    });
    QTest::newRow("inbox deleted") << Spoil([inbox](TodoStore &s, Changeset &c) {
        c.lists << inbox(s);
        c.lists.last().deletedAt = kTime;
    });
    QTest::newRow("inbox deleted, snapshot says not inbox")
        << Spoil([inbox](TodoStore &s, Changeset &c) {
               c.lists << inbox(s);
               c.lists.last().deletedAt = kTime;
               c.lists.last().isInbox = false;
           });
}

void TodoStoreOutboxTest::shouldRefuseInvalidChangesetWhole()
{
    QFETCH(Spoil, spoil);
    StoreFixture f;
    Todo existing = f.addTodo(u"Existing"_s);
    const int pending = f.store->pendingChangeCount();
    const TodoList inbox = *f.store->list(f.store->inboxId());
    const qsizetype listCount = f.store->lists().size();
    QSignalSpy changedSpy(f.database.get(), &LocalDatabase::changed);
    QSignalSpy failedSpy(f.store.get(), &TodoStore::writeFailed);

    // Good changes first, so that the refusal has something to undo.
    Changeset changes;
    changes.lists << f.store->newList(u"Fine list"_s);
    changes.todos << f.store->newTodo({}, u"Fine todo"_s);
    existing.title = u"Renamed"_s;
    changes.todos << existing;
    spoil(*f.store, changes);
    QVERIFY(!f.store->apply(changes));
    QVERIFY(!f.store->lastError().isEmpty());
    QCOMPARE(failedSpy.count(), 1);
    QCOMPARE(failedSpy.at(0).at(0).toString(), f.store->lastError());
    QCOMPARE(f.store->pendingChangeCount(), pending);
    QCOMPARE(f.store->todo(existing.id)->title, u"Existing"_s);
    QVERIFY(!f.store->todo(changes.todos.at(0).id).has_value());
    QCOMPARE(count(f, u"SELECT COUNT(*) FROM todos"_s), 1);
    QCOMPARE(f.store->lists().size(), listCount);
    QCOMPARE(f.store->inboxId(), inbox.id);
    QCOMPARE(f.store->list(inbox.id)->name, inbox.name);
    QCOMPARE(changedSpy.count(), 0);

    // The store still works afterwards, and a good write clears the error.
    QVERIFY(f.store->apply({{}, {existing}}));
    QVERIFY(f.store->lastError().isEmpty());
}

void TodoStoreOutboxTest::shouldSignalWhatChanged_data()
{
    QTest::addColumn<Spoil>("change"); // gets the store and a todo "Tagged" with tag "Tag"
    QTest::addColumn<int>("todoIds"); // ids in the one change announced, or 0 for none
    QTest::addColumn<int>("lists");
    QTest::addColumn<int>("tags"); // -1: not checked (a new todo may or may not say so)

    const Spoil addOne = [](TodoStore &s, Changeset &c) {
        c.todos = {s.newTodo({}, u"New"_s)};
    };
    const Spoil addTagged = [addOne](TodoStore &s, Changeset &c) {
        addOne(s, c);
        c.todos[0].tags = {u"Fresh"_s};
    };
    const Spoil addTwo = [](TodoStore &s, Changeset &c) {
        c.todos = {s.newTodo({}, u"A"_s), s.newTodo({}, u"B"_s)};
    };
    const Spoil addList = [](TodoStore &s, Changeset &c) {
        c.todos.clear();
        c.lists << s.newList(u"L"_s);
    };
    const Spoil retitle = [](TodoStore &, Changeset &c) {
        c.todos[0].title = u"New"_s;
    };
    const Spoil complete = [](TodoStore &, Changeset &c) {
        c.todos[0].setCompleted(true, kTime);
    };
    const Spoil untag = [](TodoStore &, Changeset &c) {
        c.todos[0].tags.clear();
    };
    const Spoil nothing = [](TodoStore &, Changeset &) {
    };
    const Spoil refuse = [](TodoStore &, Changeset &c) {
        c.todos[0].title.clear();
    };

    QTest::newRow("add plain todo") << addOne << 1 << 0 << -1;
    QTest::newRow("add tagged todo") << addTagged << 1 << 0 << 1;
    QTest::newRow("add two todos at once") << addTwo << 2 << 0 << -1;
    QTest::newRow("add list") << addList << 0 << 1 << 0;
    QTest::newRow("retitle tagged todo") << retitle << 1 << 0 << 0;
    QTest::newRow("complete tagged todo") << complete << 1 << 0 << 1;
    QTest::newRow("untag") << untag << 1 << 0 << 1;
    QTest::newRow("nothing changed") << nothing << 0 << 0 << 0;
    QTest::newRow("refused") << refuse << 0 << 0 << 0;
}

void TodoStoreOutboxTest::shouldSignalWhatChanged()
{
    QFETCH(Spoil, change);
    QFETCH(int, todoIds);
    QFETCH(int, lists);
    QFETCH(int, tags);
    StoreFixture f;
    Todo tagged = f.store->newTodo({}, u"Tagged"_s);
    tagged.tags = {u"Tag"_s};
    QVERIFY(f.store->apply({{}, {tagged}}));
    QSignalSpy changedSpy(f.database.get(), &LocalDatabase::changed);

    Changeset changes {{}, {tagged}};
    change(*f.store, changes);
    const bool valid = changes.todos.isEmpty() || !changes.todos.at(0).title.isEmpty();
    QCOMPARE(f.store->apply(changes), valid);

    const bool anything = todoIds > 0 || lists > 0 || tags > 0;
    if (tags < 0) // a new untagged todo: whether tags is set is not checked
        QCOMPARE(changedSpy.count(), 1);
    else
        QCOMPARE(changedSpy.count(), anything ? 1 : 0);
    if (changedSpy.isEmpty())
        return;
    const auto announced = changedSpy.at(0).at(0).value<CacheChange>();
    QCOMPARE(announced.origin, CacheChange::Origin::LocalEdit);
    QStringList expectedIds;
    if (todoIds > 0) {
        for (const Todo &todo : std::as_const(changes.todos))
            expectedIds << todo.id;
        QCOMPARE(expectedIds.size(), todoIds);
    }
    QCOMPARE(announced.todoIds, expectedIds);
    QCOMPARE(int(announced.lists), lists);
    if (tags >= 0)
        QCOMPARE(int(announced.tags), tags);
}

void TodoStoreOutboxTest::shouldAnnounceTheOriginItWasGiven_data()
{
    QTest::addColumn<CacheChange::Origin>("origin");
    QTest::newRow("local edit") << CacheChange::Origin::LocalEdit;
    QTest::newRow("undo") << CacheChange::Origin::Undo;
    QTest::newRow("import") << CacheChange::Origin::Import;
}

void TodoStoreOutboxTest::shouldAnnounceTheOriginItWasGiven()
{
    QFETCH(CacheChange::Origin, origin);
    StoreFixture f;
    QSignalSpy changedSpy(f.database.get(), &LocalDatabase::changed);
    const Todo todo = f.store->newTodo({}, u"From somewhere"_s);
    QVERIFY(f.store->apply({{}, {todo}}, origin));
    QCOMPARE(changedSpy.count(), 1);
    const auto announced = changedSpy.at(0).at(0).value<CacheChange>();
    QCOMPARE(announced.origin, origin);
    QCOMPARE(announced.todoIds, QStringList{todo.id});
    QVERIFY(announced.isLocal()); // written here: to be pushed
}

QTEST_GUILESS_MAIN(TodoStoreOutboxTest)
#include "todostoreoutboxtest.moc"
