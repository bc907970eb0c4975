#include "domain/tagkey.h"
#include "store/localschema.h"
#include "store/localdatabase.h"
#include "store/todostore.h"

#include <QLocale>
#include <QObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

// 2026-11-22T09:30:00.123456Z
constexpr Timestamp::Micros kDueTime = 1'795'339'800'123'456;

struct SeedList
{
    QString id, name;
    double position;
    bool inbox;
};

const QList<SeedList> kLists = {
    {u"list-inbox"_s, u"Inbox"_s, 0, true},
    {u"list-work"_s, u"Ünïcode & 'quotes' — 仕事 📋"_s, 1.5, false},
};

const QStringList kTagIds = {u"tag-shop"_s, u"tag-errand"_s, u"tag-work"_s};
const QStringList kTagNames = {u"Shop"_s, u"errand"_s, u"Work"_s};

// Rows that every version from 1 on can hold; the todos' tags are written
// through todo_tags, so they live in Todo::tags here.
QList<Todo> seedTodos()
{
    Todo milk;
    milk.id = u"todo-milk"_s;
    milk.listId = u"list-inbox"_s;
    milk.title = u"Buy milk 🥛 \"fresh\""_s;
    milk.notes = u"2 litres\r\nfull-fat\ttoo"_s;
    milk.dueAt = Timestamp::fromDate(QDate(2026, 11, 22));
    milk.priority = Priority::Medium;
    milk.position = 1;
    milk.createdAt = 1000;
    milk.updatedAt = 2000;
    milk.tags = {u"errand"_s, u"Shop"_s};

    Todo hebrew;
    hebrew.id = u"todo-rtl"_s;
    hebrew.listId = u"list-work"_s;
    hebrew.title = u"שלום עולם / مرحبا بالعالم"_s;
    hebrew.completed = true;
    hebrew.completedAt = 5000;
    hebrew.dueAt = kDueTime;
    hebrew.dueHasTime = true;
    hebrew.priority = Priority::High;
    hebrew.position = 2.5;
    hebrew.createdAt = -1; // before 1970
    hebrew.updatedAt = 3000;
    hebrew.tags = {u"Work"_s};

    Todo gone;
    gone.id = u"todo-deleted"_s;
    gone.listId = u"list-work"_s;
    gone.title = u"'; DROP TABLE todos; --"_s;
    gone.notes = u"100% \\ done_"_s;
    gone.position = 3;
    gone.createdAt = 4000;
    gone.updatedAt = 9000;
    gone.deletedAt = 9000;
    gone.tags = {u"Shop"_s};

    Todo plain;
    plain.id = u"todo-plain"_s;
    plain.listId = u"list-inbox"_s;
    plain.title = u"Plain"_s;
    plain.position = 4;
    plain.createdAt = 6000;
    plain.updatedAt = 6000;
    return {milk, hebrew, gone, plain};
}

bool exec(QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(db);
    if (!query.prepare(sql)) {
        qWarning() << sql << query.lastError().text();
        return false;
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        qWarning() << sql << query.lastError().text();
        return false;
    }
    return true;
}

QVariant micros(const std::optional<Timestamp::Micros> &value)
{
    return value ? QVariant(qint64(*value)) : QVariant(QMetaType::fromType<qint64>());
}

bool insertSeed(QSqlDatabase &db, int version)
{
    if (version < 1)
        return true; // no tables yet
    for (const SeedList &list : kLists) {
        if (!exec(db,
                u"INSERT INTO lists(id, name, position, is_inbox, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, 10, 20)"_s,
                {list.id, list.name, list.position, list.inbox}))
            return false;
    }
    for (qsizetype i = 0; i < kTagIds.size(); ++i) {
        if (!exec(db, u"INSERT INTO tags(id, name, name_key) VALUES (?, ?, ?)"_s,
                {kTagIds[i], kTagNames[i], kTagNames[i].toCaseFolded()}))
            return false;
    }
    for (const Todo &todo : seedTodos()) {
        if (!exec(db,
                u"INSERT INTO todos(id, list_id, title, notes, completed, completed_at, due_at,"
                " due_has_time, priority, position, created_at, updated_at, deleted_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                {todo.id, todo.listId, todo.title, todo.notes.isNull() ? u""_s : todo.notes,
                    todo.completed, micros(todo.completedAt), micros(todo.dueAt), todo.dueHasTime,
                    int(todo.priority), todo.position, qint64(todo.createdAt),
                    qint64(todo.updatedAt), micros(todo.deletedAt)}))
            return false;
        for (const QString &tag : todo.tags) {
            if (!exec(db, u"INSERT INTO todo_tags(todo_id, tag_id) VALUES (?, ?)"_s,
                    {todo.id, kTagIds.at(kTagNames.indexOf(tag))}))
                return false;
        }
    }
    // From version 2 on: one change of the plain todo waits in the outbox.
    if (version >= 2
        && !exec(db,
            u"INSERT INTO outbox(entity, entity_id, op, payload, queued_at)"
            " VALUES ('todo', 'todo-plain', 'upsert', '{\"title\":\"Plain\"}', 7000)"_s))
        return false;
    return true;
}

// Writes a file at the given schema version, with seed rows, through a raw connection.
void writeDatabaseAtVersion(const QString &path, int version, const QStringList &extraSql = {})
{
    const QString name = u"old-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY(db.transaction());
        QString error;
        QVERIFY2(LocalSchema::upgrade(db, version, &error), qPrintable(error));
        QCOMPARE(LocalSchema::version(db), version);
        QVERIFY(insertSeed(db, version));
        for (const QString &sql : extraSql)
            QVERIFY(exec(db, sql));
        QVERIFY(db.commit());
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

QList<QVariantList> rows(const QSqlDatabase &db, const QString &sql)
{
    QList<QVariantList> result;
    QSqlQuery query(db);
    if (!query.exec(sql))
        return result;
    while (query.next()) {
        QVariantList row;
        for (int column = 0; column < query.record().count(); ++column)
            row << query.value(column);
        result << row;
    }
    return result;
}

} // namespace

class LocalSchemaTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void shouldUpgradeEveryOlderVersion_data();
    void shouldUpgradeEveryOlderVersion();
    void shouldRecordEveryStepOnce();
    void shouldRollBackAllStepsWhenOneFails_data();
    void shouldRollBackAllStepsWhenOneFails();
    void shouldRefuseUnknownStep();
};

void LocalSchemaTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
}

void LocalSchemaTest::shouldUpgradeEveryOlderVersion_data()
{
    QTest::addColumn<int>("version");
    for (int version = 0; version < LocalSchema::kCurrentVersion; ++version)
        QTest::addRow("version %d", version) << version;
}

void LocalSchemaTest::shouldUpgradeEveryOlderVersion()
{
    QFETCH(int, version);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tandem.db"_s);
    writeDatabaseAtVersion(path, version);
    if (QTest::currentTestFailed())
        return;

    LocalDatabase database;
    const auto result = database.open(path);
    QVERIFY2(result.ok(), qPrintable(result.detail));
    const QSqlDatabase db = database.database();
    QCOMPARE(LocalSchema::version(db), LocalSchema::kCurrentVersion);
    QList<QVariantList> versions
        = rows(db, u"SELECT version FROM schema_version ORDER BY version"_s);
    QCOMPARE(versions.size(), LocalSchema::kCurrentVersion);
    for (int step = 1; step <= LocalSchema::kCurrentVersion; ++step)
        QCOMPARE(versions.at(step - 1).at(0).toInt(), step);

    TodoStore store(&database);
    QCOMPARE(rows(db, u"SELECT COUNT(*) FROM lists WHERE is_inbox = 1"_s).at(0).at(0).toInt(), 1);
    if (version == 0) {
        // Nothing to keep: the file gets the schema and an Inbox.
        QCOMPARE(store.lists().size(), 1);
        QVERIFY(!store.inboxId().isEmpty());
        QCOMPARE(rows(db, u"SELECT COUNT(*) FROM todos"_s).at(0).at(0).toInt(), 0);
        return;
    }

    QCOMPARE(store.inboxId(), u"list-inbox"_s);
    const QList<TodoList> lists = store.lists();
    QCOMPARE(lists.size(), kLists.size());
    for (qsizetype i = 0; i < kLists.size(); ++i) {
        QCOMPARE(lists[i].id, kLists[i].id);
        QCOMPARE(lists[i].name, kLists[i].name);
        QCOMPARE(lists[i].position, kLists[i].position);
        QCOMPARE(lists[i].isInbox, kLists[i].inbox);
        QCOMPARE(lists[i].createdAt, Timestamp::Micros(10));
    }
    for (Todo expected : seedTodos()) {
        const auto actual = store.todo(expected.id);
        QVERIFY2(actual.has_value(), qPrintable(expected.id));
        std::sort(expected.tags.begin(), expected.tags.end(),
            [](const QString &a, const QString &b) { return a.toCaseFolded() < b.toCaseFolded(); });
        QCOMPARE(actual->title, expected.title);
        QCOMPARE(actual->notes, expected.notes);
        QCOMPARE(actual->tags, expected.tags);
        QVERIFY2(actual->sameContent(expected),
            qPrintable(TodoField::changed(expected, *actual).join(u',')));
        QCOMPARE(actual->createdAt, expected.createdAt);
        QCOMPARE(actual->updatedAt, expected.updatedAt);
    }

    // The row view joins the tags in name order, with a separator nobody
    // types (step 4), and leaves deleted todos out.
    const QList<QVariantList> viewRows
        = rows(db, u"SELECT id, tags, pending, title FROM todo_rows ORDER BY position"_s);
    QCOMPARE(viewRows.size(), 3);
    QCOMPARE(viewRows[0].at(0).toString(), u"todo-milk"_s);
    QCOMPARE(viewRows[0].at(1).toString(), u"errand"_s + QChar(TagKey::kJoinSeparator) + u"Shop"_s);
    QCOMPARE(viewRows[1].at(0).toString(), u"todo-rtl"_s);
    QCOMPARE(viewRows[1].at(1).toString(), u"Work"_s);
    QCOMPARE(viewRows[1].at(3).toString(), u"שלום עולם / مرحبا بالعالم"_s);
    QCOMPARE(viewRows[2].at(0).toString(), u"todo-plain"_s);
    QVERIFY(viewRows[2].at(1).isNull());
    // The upgrade itself queues nothing; a queued change stays queued.
    const bool plainPending = version >= 2;
    QCOMPARE(viewRows[0].at(2).toInt(), 0);
    QCOMPARE(viewRows[1].at(2).toInt(), 0);
    QCOMPARE(viewRows[2].at(2).toInt(), plainPending ? 1 : 0);
    QCOMPARE(store.pendingChangeCount(), plainPending ? 1 : 0);

    // Tags count only live todos: "Shop" is on the milk and on the deleted todo.
    const QList<Tag> tags = store.tags();
    QCOMPARE(tags.size(), 3);
    QCOMPARE(tags[0].name, u"errand"_s);
    QCOMPARE(tags[1].name, u"Shop"_s);
    QCOMPARE(tags[1].openCount, 1);
    QCOMPARE(tags[2].name, u"Work"_s);
    QCOMPARE(tags[2].openCount, 0); // its only todo is done

    // And the upgraded file takes new writes.
    Todo todo = store.newTodo(u"list-work"_s, u"After the upgrade"_s);
    todo.tags = {u"SHOP"_s};
    QVERIFY2(store.apply({{}, {todo}}), qPrintable(store.lastError()));
    QCOMPARE(store.todo(todo.id)->tags, QStringList {u"Shop"_s});
    QCOMPARE(todo.position, 4.0); // after the deleted todo at 3 in that list

    // Reminders (step 7), of the todos that were there before it too.
    const int pendingBefore = store.pendingChangeCount();
    Changeset reminders;
    reminders.reminders << Reminder::beforeDue(u"todo-milk"_s, 24 * 60, 9 * 60)
                        << Reminder::atInstant(u"todo-rtl"_s, kDueTime);
    QVERIFY2(store.apply(reminders), qPrintable(store.lastError()));
    QCOMPARE(store.pendingChangeCount(), pendingBefore + 2);
    QCOMPARE(store.reminders({u"todo-milk"_s}).size(), 1);
    QCOMPARE(store.reminders({u"todo-milk"_s}).first().dayTime, std::optional(9 * 60));
    QCOMPARE(store.reminder(reminders.reminders.last().id)->at, std::optional(kDueTime));
    // Only open todos' reminders may fire: the Hebrew todo is done.
    QCOMPARE(store.armedReminders().size(), 1);
}

void LocalSchemaTest::shouldRecordEveryStepOnce()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tandem.db"_s);
    for (int round = 0; round < 3; ++round) {
        LocalDatabase database;
        QVERIFY(database.open(path).ok());
        const QList<QVariantList> steps = rows(database.database(),
            u"SELECT version, applied_at FROM schema_version ORDER BY version"_s);
        QCOMPARE(steps.size(), LocalSchema::kCurrentVersion);
        for (int i = 0; i < steps.size(); ++i) {
            QCOMPARE(steps[i].at(0).toInt(), i + 1);
            QVERIFY(steps[i].at(1).toLongLong() > 0);
        }
    }
}

void LocalSchemaTest::shouldRollBackAllStepsWhenOneFails_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<QString>("blocker"); // SQL that makes a later step fail

    // From 0: a table named like step 2's view stops step 2, after step 1 ran.
    QTest::newRow("from 0") << 0 << u"CREATE TABLE todo_rows (x)"_s;
    // Later: a trigger refuses the record of the last step, after all its statements ran.
    for (int version = 1; version < LocalSchema::kCurrentVersion; ++version)
        QTest::addRow("from %d", version)
            << version
            << u"CREATE TRIGGER block_last_step BEFORE INSERT ON schema_version"
               " WHEN NEW.version = %1 BEGIN SELECT RAISE(ABORT, 'blocked'); END"_s.arg(
                   LocalSchema::kCurrentVersion);
}

void LocalSchemaTest::shouldRollBackAllStepsWhenOneFails()
{
    QFETCH(int, version);
    QFETCH(QString, blocker);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tandem.db"_s);
    writeDatabaseAtVersion(path, version, {blocker});
    if (QTest::currentTestFailed())
        return;
    const QString name = u"check-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    db.setDatabaseName(path);
    QVERIFY(db.open());
    const QString everything = u"SELECT type, name FROM sqlite_master ORDER BY name"_s;
    const QList<QVariantList> schemaBefore = rows(db, everything);
    const QString counts = version >= 1
        ? u"SELECT (SELECT COUNT(*) FROM todos), (SELECT COUNT(*) FROM lists)"_s
        : u"SELECT 0, 0"_s;
    const QList<QVariantList> countsBefore = rows(db, counts);
    db.close();

    {
        LocalDatabase database;
        const auto result = database.open(path);
        QCOMPARE(result.status, LocalDatabase::OpenStatus::Failed);
        QVERIFY(!result.detail.isEmpty());
    }

    // No step took: the file is exactly at its old version, data and all.
    QVERIFY(db.open());
    QCOMPARE(LocalSchema::version(db), version);
    QCOMPARE(rows(db, everything), schemaBefore);
    QCOMPARE(rows(db, counts), countsBefore);
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

void LocalSchemaTest::shouldRefuseUnknownStep()
{
    QTemporaryDir dir;
    const QString name = u"raw-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(dir.filePath(u"raw.db"_s));
        QVERIFY(db.open());
        QCOMPARE(LocalSchema::version(db), 0);
        QString error;
        QVERIFY(db.transaction());
        QVERIFY(!LocalSchema::upgrade(db, LocalSchema::kCurrentVersion + 1, &error));
        QVERIFY(error.contains(QString::number(LocalSchema::kCurrentVersion + 1)));
        QVERIFY(db.rollback());
        QCOMPARE(LocalSchema::version(db), 0);

        // Upgrading to the version a file already has does nothing.
        QVERIFY(db.transaction());
        QVERIFY(LocalSchema::upgrade(db, LocalSchema::kCurrentVersion, &error));
        QVERIFY(LocalSchema::upgrade(db, LocalSchema::kCurrentVersion, &error));
        QVERIFY(db.commit());
        QCOMPARE(rows(db, u"SELECT COUNT(*) FROM schema_version"_s).at(0).at(0).toInt(),
            LocalSchema::kCurrentVersion);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

QTEST_GUILESS_MAIN(LocalSchemaTest)
#include "localschematest.moc"
