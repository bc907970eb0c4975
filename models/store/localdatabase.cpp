#include "localdatabase.h"

#include "domain/changejson.h"
#include "externalchangewatcher.h"
#include "listrows.h"
#include "localschema.h"
#include "outbox.h"
#include "sqlhelpers.h"
#include "todostore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLocalDb, "tandem.localdb")

namespace {

// SQLite primary result codes, as QSqlError::nativeErrorCode() reports them.
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteNotADatabase = 26;

int primaryCode(const QSqlError &error)
{
    return error.nativeErrorCode().toInt() & 0xff;
}

} // namespace

LocalDatabase::LocalDatabase(QObject *parent)
    : QObject(parent)
    , m_connectionName(u"tandem-local-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

LocalDatabase::~LocalDatabase()
{
    close();
}

bool LocalDatabase::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && database().isOpen();
}

QSqlDatabase LocalDatabase::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QSqlDatabase LocalDatabase::readerDatabase() const
{
    const QString name = m_connectionName + u"-reader"_s;
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);
    CommitLedger::claim(name, m_commits);
    QString error;
    const QSqlDatabase db = openExtraConnection(m_filePath, name, &error);
    if (!db.isOpen())
        qCWarning(lcLocalDb) << "cannot open a reading connection to" << m_filePath << error;
    return db;
}

void LocalDatabase::close()
{
    m_watcher.reset();
    CommitLedger::release(m_connectionName);
    CommitLedger::release(m_connectionName + u"-reader"_s);
    if (const QString reader = m_connectionName + u"-reader"_s; QSqlDatabase::contains(reader)) {
        QSqlDatabase::database(reader, false).close();
        QSqlDatabase::removeDatabase(reader);
    }
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_lock.reset();
}

LocalDatabase::OpenResult LocalDatabase::fail(OpenStatus status, const QString &detail)
{
    qCWarning(lcLocalDb) << "cannot open" << m_filePath << status << detail;
    return {status, detail};
}

LocalDatabase::OpenResult LocalDatabase::open(const QString &filePath, Role role)
{
    close();
    // openConnection()'s handles are gone once it returns, so close() can
    // remove the connection without Qt warning that it is still in use.
    const OpenResult result = openConnection(filePath, role);
    if (!result.ok()) {
        close();
        return result;
    }
    m_watcher = std::make_unique<ExternalChangeWatcher>(m_connectionName, m_commits);
    connect(m_watcher.get(), &ExternalChangeWatcher::changedElsewhere, this, &LocalDatabase::announce);
    return result;
}

LocalDatabase::OpenResult LocalDatabase::probe(const QString &filePath, bool *checked)
{
    // A first look through a read-only connection: if the file is damaged,
    // closing a read-write connection would checkpoint and delete its -wal,
    // and with it rows that may still be saved. A read-only one leaves it.
    const QString name = m_connectionName + u"-probe"_s;
    const QString walPath = filePath + u"-wal"_s;
    const QString shmPath = filePath + u"-shm"_s;
    const bool hadWal = QFileInfo::exists(walPath);
    const bool hadShm = QFileInfo::exists(shmPath);
    OpenResult result{OpenStatus::Ok, {}};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(filePath);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1"_s.arg(kBusyTimeoutMs));
        if (db.open()) {
            QSqlQuery check(db);
            if (!check.exec(u"PRAGMA quick_check"_s)) {
                const int code = primaryCode(check.lastError());
                if (code == kSqliteNotADatabase || code == kSqliteCorrupt)
                    result = {OpenStatus::Corrupt, check.lastError().text()};
                else if (code == kSqliteBusy || code == kSqliteLocked)
                    result = {OpenStatus::Locked, check.lastError().text()};
            } else if (!check.next() || check.value(0).toString() != u"ok"_s) {
                result = {OpenStatus::Corrupt, check.value(0).toString()};
            } else {
                *checked = true; // the read-write connection need not read it all again
            }
            if (result.ok()) {
                QString error;
                const int version = LocalSchema::version(db, &error);
                if (version < 0)
                    result = {OpenStatus::Corrupt, error};
                else if (version > LocalSchema::kCurrentVersion)
                    result = {OpenStatus::TooNew, tr("The file has schema version %1; this Tandem knows up to %2.")
                                                      .arg(version)
                                                      .arg(LocalSchema::kCurrentVersion)};
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    // Reading a WAL file makes SQLite create its -wal and -shm; remove the
    // empty ones this look made, so a refused file is left as it was found.
    if (!hadWal && QFileInfo(walPath).size() == 0)
        QFile::remove(walPath);
    if (!hadShm && !hadWal)
        QFile::remove(shmPath);
    return result;
}

bool LocalDatabase::configureConnection(QSqlDatabase &db, QString *error)
{
    // Settings that do not survive the connection: set them on every one.
    // A page cache that holds the indexes of a big cache: a pull writes rows
    // keyed by random UUIDs all over them, and with SQLite's default 2 MB every
    // transaction would read and rewrite most index pages again.
    return Sql::exec(db, u"PRAGMA foreign_keys = ON"_s, {}, error)
        && Sql::exec(db, u"PRAGMA synchronous = NORMAL"_s, {}, error)
        && Sql::exec(db, u"PRAGMA cache_size = -%1"_s.arg(kCacheKiB), {}, error);
}

LocalDatabase::OpenResult LocalDatabase::openConnection(const QString &filePath, Role role)
{
    m_filePath = QFileInfo(filePath).absoluteFilePath();
    const QFileInfo info(m_filePath);

    if (!QDir().mkpath(info.absolutePath()) || !QFileInfo(info.absolutePath()).isDir())
        return fail(OpenStatus::CannotCreateFolder, info.absolutePath());
    if (info.exists() && !info.isFile())
        return fail(OpenStatus::Failed, tr("%1 is not a file.").arg(m_filePath));

    // One owner per database: a second sync engine would push the outbox twice.
    if (role == Role::Owner) {
        m_lock = std::make_unique<QLockFile>(m_filePath + u".lock"_s);
        m_lock->setStaleLockTime(0); // stale only when the owning process is gone
        if (!m_lock->tryLock(0)) {
            const QLockFile::LockError lockError = m_lock->error();
            m_lock.reset();
            if (lockError == QLockFile::LockFailedError)
                return fail(OpenStatus::Locked, m_filePath);
            return fail(OpenStatus::Unwritable, info.absolutePath());
        }
    }
    // One opening at a time: the first look below removes the -wal and -shm
    // it made itself, which must not be the ones another process, opening
    // at the same moment, has just made and uses.
    QLockFile opening(m_filePath + u".opening"_s);
    opening.setStaleLockTime(0);
    if (!opening.tryLock(kOpeningWaitMs)) {
        if (opening.error() == QLockFile::LockFailedError)
            return fail(OpenStatus::Locked, m_filePath);
        return fail(OpenStatus::Unwritable, info.absolutePath());
    }

    // A new or empty file has nothing to check; an existing one is checked
    // once, by the read-only first look, unless that could not open it.
    bool checked = !info.exists() || info.size() == 0;
    if (!checked) {
        const OpenResult looked = probe(m_filePath, &checked);
        if (!looked.ok())
            return fail(looked.status, looked.detail);
    }

    CommitLedger::claim(m_connectionName, m_commits);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    db.setDatabaseName(m_filePath);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(kBusyTimeoutMs));
    if (!db.open()) {
        const QSqlError error = db.lastError();
        if (primaryCode(error) == kSqliteCantOpen && info.exists() && !info.isWritable())
            return fail(OpenStatus::Unwritable, error.text());
        return fail(OpenStatus::Failed, error.text());
    }

    QSqlQuery check(db);
    // quick_check reads the whole file (45 ms at 40 MB): only when the first look could not.
    if (!checked) {
        if (!check.exec(u"PRAGMA quick_check"_s)) {
            const int code = primaryCode(check.lastError());
            if (code == kSqliteNotADatabase || code == kSqliteCorrupt)
                return fail(OpenStatus::Corrupt, check.lastError().text());
            if (code == kSqliteBusy || code == kSqliteLocked)
                return fail(OpenStatus::Locked, check.lastError().text());
            return fail(OpenStatus::Failed, check.lastError().text());
        }
        if (!check.next() || check.value(0).toString() != u"ok"_s)
            return fail(OpenStatus::Corrupt, check.value(0).toString());
    }
    check.finish();

    // Before anything is written (even the journal mode, which rewrites the
    // header): a newer Tandem's file is left exactly as it is.
    QString error;
    const int version = LocalSchema::version(db, &error);
    if (version < 0)
        return fail(OpenStatus::Corrupt, error);
    if (version > LocalSchema::kCurrentVersion)
        return fail(OpenStatus::TooNew,
                    tr("The file has schema version %1; this Tandem knows up to %2.")
                        .arg(version)
                        .arg(LocalSchema::kCurrentVersion));

    QSqlQuery wal(db);
    if (!wal.exec(u"PRAGMA journal_mode = WAL"_s) || !wal.next()) {
        const int code = primaryCode(wal.lastError());
        return fail(code == kSqliteReadOnly || code == kSqliteCantOpen ? OpenStatus::Unwritable
                                                                       : OpenStatus::Failed,
                    wal.lastError().text());
    }
    if (wal.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0)
        return fail(OpenStatus::Unwritable, tr("SQLite kept journal mode %1.").arg(wal.value(0).toString()));
    wal.finish();
    if (!configureConnection(db, &error))
        return fail(OpenStatus::Failed, error);

    // A write probe and the schema upgrade, in one transaction: a file we
    // cannot write is found here, before the user types anything.
    Sql::WriteTransaction transaction(db);
    if (!transaction.isActive()) {
        const QString text = transaction.error();
        const bool readOnly = text.contains(u"readonly"_s) || text.contains(u"read-only"_s);
        return fail(readOnly ? OpenStatus::Unwritable : OpenStatus::Locked, text);
    }
    if (!LocalSchema::upgrade(db, LocalSchema::kCurrentVersion, &error))
        return fail(error.contains(u"readonly"_s) ? OpenStatus::Unwritable : OpenStatus::Failed, error);
    if (!TodoStore::writeInbox(db, &error))
        return fail(OpenStatus::Failed, error);
    if (!transaction.commit())
        return fail(OpenStatus::Unwritable, transaction.error());

    qCInfo(lcLocalDb) << "opened" << m_filePath << "schema" << LocalSchema::kCurrentVersion;
    return {OpenStatus::Ok, {}};
}

QSqlDatabase LocalDatabase::openExtraConnection(const QString &filePath,
                                                const QString &connectionName, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
    db.setDatabaseName(filePath);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(kBusyTimeoutMs));
    if (!db.open()) {
        if (error)
            *error = db.lastError().text();
        return db;
    }
    if (!configureConnection(db, error))
        db.close();
    return db;
}

QString LocalDatabase::setAsideDamagedFile(const QString &filePath, QString *error)
{
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    QString target = filePath + u".damaged-"_s + stamp;
    for (int n = 2; QFile::exists(target); ++n)
        target = filePath + u".damaged-"_s + stamp + u'-' + QString::number(n);
    if (!QFile::rename(filePath, target)) {
        if (error)
            *error = tr("Could not rename %1 to %2.").arg(filePath, target);
        return {};
    }
    for (const QString &suffix : {u"-wal"_s, u"-shm"_s}) {
        if (QFile::exists(filePath + suffix))
            QFile::rename(filePath + suffix, target + suffix);
    }
    return target;
}

QString LocalDatabase::describe(OpenStatus status)
{
    switch (status) {
    case OpenStatus::Ok:
        return {};
    case OpenStatus::CannotCreateFolder:
        return tr("Tandem cannot create the folder for its database.");
    case OpenStatus::Unwritable:
        return tr("Tandem cannot write to its database. Check the permissions of the file and its folder.");
    case OpenStatus::Locked:
        return tr("Another Tandem window, or tandem-cli while it syncs, is using this database.");
    case OpenStatus::Corrupt:
        return tr("The database file is damaged or is not a Tandem database.");
    case OpenStatus::TooNew:
        return tr("The database was written by a newer version of Tandem. Please update Tandem.");
    case OpenStatus::Failed:
        break;
    }
    return tr("Tandem could not open its database.");
}

void LocalDatabase::announce(const CacheChange &change)
{
    if (!change.isEmpty())
        Q_EMIT changed(change);
}
