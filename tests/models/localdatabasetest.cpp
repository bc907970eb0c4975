#include "store/localdatabase.h"
#include "store/localschema.h"
#include "store/todostore.h"

#include "modeltesthelpers.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QMetaEnum>
#include <QObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <unistd.h>

using namespace Qt::StringLiterals;

using OpenStatus = LocalDatabase::OpenStatus;
using TestHelpers::fileBytes;
using TestHelpers::scalar;
using TestHelpers::writeFile;

namespace {

int count(const QSqlDatabase &db, const QString &tableAndCondition)
{
    return scalar(db, u"SELECT COUNT(*) FROM "_s + tableAndCondition).toInt();
}

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(generator.bounded(256));
    return bytes;
}

// Builds a database at the current schema with a raw connection (rollback
// journal, as SQLite makes files by default), then runs extra SQL on it.
void makeRawDatabase(const QString &path, const QStringList &extraSql)
{
    const QString name = u"raw-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY(db.transaction());
        QString error;
        QVERIFY2(LocalSchema::upgrade(db, LocalSchema::kCurrentVersion, &error), qPrintable(error));
        for (const QString &sql : extraSql) {
            QSqlQuery query(db);
            QVERIFY2(query.exec(sql), qPrintable(sql));
        }
        QVERIFY(db.commit());
        QCOMPARE(scalar(db, u"PRAGMA journal_mode"_s).toString(), u"delete"_s);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

class LocalDatabaseTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void shouldConfigureNewFile();
    void shouldConfigureExtraConnections();
    void shouldKeepDataWhenReopened();
    void shouldRefuseSecondOpenWhileLocked();
    void shouldKeepDamagedFileWhenCorrupt_data();
    void shouldKeepDamagedFileWhenCorrupt();
    void shouldTreatZeroByteFileAsEmpty();
    void shouldSetAsideDamagedFileWithCompanions();
    void shouldLeaveCompanionsOfDamagedFileAlone();
    void shouldReportFolderThatCannotBeCreated_data();
    void shouldReportFolderThatCannotBeCreated();
    void shouldReportUnwritableFolder();
    void shouldRefuseNewerSchemaWithoutTouchingFile_data();
    void shouldRefuseNewerSchemaWithoutTouchingFile();
    void shouldDescribeEveryFailure_data();
    void shouldDescribeEveryFailure();
};

void LocalDatabaseTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
}

void LocalDatabaseTest::shouldConfigureNewFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"new/folder/tandem.db"_s);
    LocalDatabase database;
    const auto result = database.open(path);
    QVERIFY2(result.ok(), qPrintable(result.detail));
    QCOMPARE(result.status, OpenStatus::Ok);
    QVERIFY(database.isOpen());
    QVERIFY(QFileInfo(path).isFile());
    QCOMPARE(database.filePath(), QFileInfo(path).absoluteFilePath());

    {
        const QSqlDatabase db = database.database();
        QCOMPARE(scalar(db, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(scalar(db, u"PRAGMA foreign_keys"_s).toInt(), 1);
        QCOMPARE(scalar(db, u"PRAGMA synchronous"_s).toInt(), 1); // NORMAL
        QCOMPARE(LocalSchema::version(db), LocalSchema::kCurrentVersion);
        QCOMPARE(count(db, u"schema_version"_s), LocalSchema::kCurrentVersion);
        QCOMPARE(count(db, u"lists"_s), 1);
        QCOMPARE(count(db, u"lists WHERE is_inbox = 1 AND deleted_at IS NULL"_s), 1);
        QCOMPARE(count(db, u"outbox WHERE entity <> 'list'"_s), 0); // at most the Inbox queued

        // Foreign keys are enforced: a todo in a list that does not exist is refused.
        QSqlQuery orphan(db);
        QVERIFY(!orphan.exec(u"INSERT INTO todos(id, list_id, title, created_at, updated_at)"
                             " VALUES ('t', 'no-such-list', 'x', 0, 0)"_s));
        QCOMPARE(count(db, u"todos"_s), 0);
    }
    database.close();
    QVERIFY(!database.isOpen());
    QVERIFY(!QFileInfo::exists(path + u".lock"_s));
}

void LocalDatabaseTest::shouldConfigureExtraConnections()
{
    QTemporaryDir dir;
    LocalDatabase database;
    QVERIFY(database.open(dir.filePath(u"tandem.db"_s)).ok());
    const QString name = u"extra-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QString error;
        QSqlDatabase extra = LocalDatabase::openExtraConnection(database.filePath(), name, &error);
        QVERIFY2(extra.isOpen(), qPrintable(error));
        QCOMPARE(scalar(extra, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(scalar(extra, u"PRAGMA foreign_keys"_s).toInt(), 1);
        QCOMPARE(scalar(extra, u"PRAGMA synchronous"_s).toInt(), 1);
        QCOMPARE(count(extra, u"lists"_s), 1);
        extra.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void LocalDatabaseTest::shouldKeepDataWhenReopened()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tandem.db"_s);
    QString todoId, listId, inboxId;
    int pending = 0;
    {
        LocalDatabase database;
        QVERIFY(database.open(path).ok());
        TodoStore store(&database);
        inboxId = store.inboxId();
        const TodoList list = store.newList(u"Errands"_s);
        Todo todo = store.newTodo(list.id, u"Buy milk"_s);
        todo.tags = {u"Shop"_s};
        QVERIFY2(store.apply({{list}, {todo}}), qPrintable(store.lastError()));
        todoId = todo.id;
        listId = list.id;
        pending = store.pendingChangeCount();
        QVERIFY(pending >= 3); // the list, the todo and its tag
    }
    LocalDatabase database;
    const auto result = database.open(path);
    QVERIFY2(result.ok(), qPrintable(result.detail));
    TodoStore store(&database);
    QCOMPARE(store.inboxId(), inboxId);
    QCOMPARE(store.lists().size(), 2);
    QCOMPARE(store.list(listId)->name, u"Errands"_s);
    const auto todo = store.todo(todoId);
    QVERIFY(todo.has_value());
    QCOMPARE(todo->title, u"Buy milk"_s);
    QCOMPARE(todo->tags, QStringList {u"Shop"_s});
    const QSqlDatabase db = database.database();
    QCOMPARE(count(db, u"lists WHERE is_inbox = 1"_s), 1);
    QCOMPARE(count(db, u"schema_version"_s), LocalSchema::kCurrentVersion);
    QCOMPARE(store.pendingChangeCount(), pending); // the outbox is kept too
}

void LocalDatabaseTest::shouldRefuseSecondOpenWhileLocked()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tandem.db"_s);
    LocalDatabase first;
    QVERIFY(first.open(path).ok());
    TodoStore store(&first);

    LocalDatabase second;
    const auto result = second.open(path);
    QCOMPARE(result.status, OpenStatus::Locked);
    QVERIFY(!result.detail.isEmpty());
    QVERIFY(!second.isOpen());

    // The first one is not disturbed by the attempt.
    QVERIFY(first.isOpen());
    const Todo todo = store.newTodo({}, u"Still works"_s);
    QVERIFY2(store.apply({{}, {todo}}), qPrintable(store.lastError()));
    QCOMPARE(store.todo(todo.id)->title, u"Still works"_s);

    first.close();
    QVERIFY(second.open(path).ok());
    QCOMPARE(scalar(second.database(), u"SELECT title FROM todos"_s).toString(), u"Still works"_s);
}

void LocalDatabaseTest::shouldKeepDamagedFileWhenCorrupt_data()
{
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("random bytes") << randomBytes(8192, 42);
    QTest::newRow("one random page") << randomBytes(4096, 7);
    QTest::newRow("short text") << QByteArray("this is not a database\n");
    QByteArray header("SQLite format 3");
    header.append('\0');
    QTest::newRow("sqlite magic, random rest") << header + randomBytes(4096 - header.size(), 3);
}

void LocalDatabaseTest::shouldKeepDamagedFileWhenCorrupt()
{
    QFETCH(QByteArray, bytes);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tandem.db"_s);
    QVERIFY(writeFile(path, bytes));

    LocalDatabase database;
    const auto result = database.open(path);
    QCOMPARE(result.status, OpenStatus::Corrupt);
    QVERIFY(!result.detail.isEmpty());
    QVERIFY(!database.isOpen());
    QCOMPARE(fileBytes(path), bytes);
    QVERIFY(!QFileInfo::exists(path + u"-wal"_s));
    QVERIFY(!QFileInfo::exists(path + u".lock"_s));

    // Trying again changes nothing either.
    QCOMPARE(database.open(path).status, OpenStatus::Corrupt);
    QCOMPARE(fileBytes(path), bytes);
}

void LocalDatabaseTest::shouldTreatZeroByteFileAsEmpty()
{
    // SQLite reads a zero-byte file as an empty database, so it opens and
    // gets the schema, like a new file.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tandem.db"_s);
    QVERIFY(writeFile(path, {}));
    LocalDatabase database;
    const auto result = database.open(path);
    QVERIFY2(result.ok(), qPrintable(result.detail));
    QCOMPARE(LocalSchema::version(database.database()), LocalSchema::kCurrentVersion);
    QCOMPARE(count(database.database(), u"lists WHERE is_inbox = 1"_s), 1);
    database.close();
    QVERIFY(QFileInfo(path).size() > 0);
}

void LocalDatabaseTest::shouldSetAsideDamagedFileWithCompanions()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tandem.db"_s);
    const QByteArray bytes = randomBytes(4096, 1);
    const QByteArray wal = randomBytes(100, 2);
    const QByteArray shm = randomBytes(50, 3);
    QVERIFY(writeFile(path, bytes));
    QVERIFY(writeFile(path + u"-wal"_s, wal));
    QVERIFY(writeFile(path + u"-shm"_s, shm));

    QString error;
    const QString target = LocalDatabase::setAsideDamagedFile(path, &error);
    QVERIFY2(!target.isEmpty(), qPrintable(error));
    QVERIFY(target.startsWith(path + u".damaged-"_s));
    QCOMPARE(QFileInfo(target).absolutePath(), QFileInfo(path).absolutePath());
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(!QFileInfo::exists(path + u"-wal"_s));
    QVERIFY(!QFileInfo::exists(path + u"-shm"_s));
    QCOMPARE(fileBytes(target), bytes);
    QCOMPARE(fileBytes(target + u"-wal"_s), wal);
    QCOMPARE(fileBytes(target + u"-shm"_s), shm);

    // A second damaged file in the same second gets a name of its own.
    QVERIFY(writeFile(path, "again"));
    const QString second = LocalDatabase::setAsideDamagedFile(path, &error);
    QVERIFY2(!second.isEmpty(), qPrintable(error));
    QVERIFY(second != target);
    QCOMPARE(fileBytes(second), QByteArray("again"));
    QCOMPARE(fileBytes(target), bytes);

    LocalDatabase database;
    const auto result = database.open(path);
    QVERIFY2(result.ok(), qPrintable(result.detail));
    QCOMPARE(count(database.database(), u"lists"_s), 1);

    // Nothing to set aside: an error, and no name.
    error.clear();
    QVERIFY(LocalDatabase::setAsideDamagedFile(dir.filePath(u"missing.db"_s), &error).isEmpty());
    QVERIFY(!error.isEmpty());
}

void LocalDatabaseTest::shouldLeaveCompanionsOfDamagedFileAlone()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tandem.db"_s);
    const QByteArray bytes = randomBytes(4096, 4);
    const QByteArray wal = randomBytes(100, 5);
    QVERIFY(writeFile(path, bytes));
    QVERIFY(writeFile(path + u"-wal"_s, wal));
    LocalDatabase database;
    QCOMPARE(database.open(path).status, OpenStatus::Corrupt);
    QCOMPARE(fileBytes(path), bytes);
    // The first look is read-only, so SQLite does not checkpoint and delete
    // the -wal of a file it cannot read: the rows in it may still be saved.
    QCOMPARE(fileBytes(path + u"-wal"_s), wal);
}

void LocalDatabaseTest::shouldReportFolderThatCannotBeCreated_data()
{
    QTest::addColumn<QString>("relativePath"); // under the temporary folder, or absolute
    QTest::newRow("under a regular file") << u"afile/sub/tandem.db"_s;
    QTest::newRow("the folder is a file") << u"afile/tandem.db"_s;
    // Not even root can make folders in /proc.
    QTest::newRow("under /proc") << u"/proc/self/tandem-test/sub/tandem.db"_s;
}

void LocalDatabaseTest::shouldReportFolderThatCannotBeCreated()
{
    QFETCH(QString, relativePath);
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(u"afile"_s), "I am a file"));
    LocalDatabase database;
    const auto result = database.open(QDir(dir.path()).filePath(relativePath));
    QCOMPARE(result.status, OpenStatus::CannotCreateFolder);
    QVERIFY(!result.detail.isEmpty());
    QVERIFY(!database.isOpen());
    QCOMPARE(fileBytes(dir.filePath(u"afile"_s)), QByteArray("I am a file"));
}

void LocalDatabaseTest::shouldReportUnwritableFolder()
{
    QTemporaryDir dir;
    QString path;
    if (geteuid() == 0) {
        // Permissions do not stop root; /proc takes no new files from anyone.
        path = u"/proc/self/tandem.db"_s;
    } else {
        const QString folder = dir.filePath(u"readonly"_s);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        path = folder + u"/tandem.db"_s;
    }
    LocalDatabase database;
    const auto result = database.open(path);
    QCOMPARE(result.status, OpenStatus::Unwritable);
    QVERIFY(!result.detail.isEmpty());
    QVERIFY(!database.isOpen());
    QVERIFY(!QFileInfo::exists(path));
    if (geteuid() != 0)
        QVERIFY(QFile::setPermissions(dir.filePath(u"readonly"_s),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
}

void LocalDatabaseTest::shouldRefuseNewerSchemaWithoutTouchingFile_data()
{
    QTest::addColumn<bool>("madeByTandem"); // WAL file, or a rollback-journal file
    QTest::newRow("WAL file written by Tandem") << true;
    QTest::newRow("rollback-journal file") << false;
}

void LocalDatabaseTest::shouldRefuseNewerSchemaWithoutTouchingFile()
{
    QFETCH(bool, madeByTandem);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tandem.db"_s);
    const QString bump = u"INSERT INTO schema_version(version, applied_at) VALUES (%1, 0)"_s.arg(
        LocalSchema::kCurrentVersion + 1);
    if (madeByTandem) {
        LocalDatabase database;
        QVERIFY(database.open(path).ok());
        QSqlQuery query(database.database());
        QVERIFY(query.exec(bump));
    } else {
        makeRawDatabase(path, {bump});
        if (QTest::currentTestFailed())
            return;
    }
    QVERIFY(!QFileInfo::exists(path + u"-wal"_s));
    const QByteArray before = fileBytes(path);
    QVERIFY(!before.isEmpty());

    LocalDatabase database;
    const auto result = database.open(path);
    QCOMPARE(result.status, OpenStatus::TooNew);
    QVERIFY(result.detail.contains(QString::number(LocalSchema::kCurrentVersion + 1)));
    QVERIFY(!database.isOpen());
    QCOMPARE(fileBytes(path), before);
    QVERIFY(!QFileInfo::exists(path + u"-wal"_s));
}

void LocalDatabaseTest::shouldDescribeEveryFailure_data()
{
    QTest::addColumn<OpenStatus>("status");
    const QMetaEnum statuses = QMetaEnum::fromType<OpenStatus>();
    for (int i = 0; i < statuses.keyCount(); ++i) {
        if (OpenStatus(statuses.value(i)) != OpenStatus::Ok)
            QTest::newRow(statuses.key(i)) << OpenStatus(statuses.value(i));
    }
}

void LocalDatabaseTest::shouldDescribeEveryFailure()
{
    QFETCH(OpenStatus, status);
    const QString text = LocalDatabase::describe(status);
    QVERIFY(!text.trimmed().isEmpty());
    QVERIFY(text != LocalDatabase::describe(OpenStatus::Ok));
    QVERIFY(LocalDatabase::describe(OpenStatus::Ok).isEmpty());
    // Each failure says something of its own, except Failed, the catch-all.
    if (status != OpenStatus::Failed)
        QVERIFY(text != LocalDatabase::describe(OpenStatus::Failed));
}

QTEST_GUILESS_MAIN(LocalDatabaseTest)
#include "localdatabasetest.moc"
