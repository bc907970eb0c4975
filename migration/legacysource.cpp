#include "legacysource.h"

#include "migrationlog.h"
#include "sqlitehandle.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int kBusyTimeoutMs = 2000;
QString lockedMessage(const QString &path)
{
    return QCoreApplication::translate("LegacySource",
                                       "%1 is locked by another program (is the old todo app still running?); "
                                       "close it and try again")
        .arg(path);
}

QString sqliteFailure(const SqliteHandle &db, const QString &path)
{
    const int code = db.lastCode() & 0xff;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        return lockedMessage(path);
    if (code == SQLITE_NOTADB)
        return QCoreApplication::translate("LegacySource", "%1 is not an SQLite database").arg(path);
    return QCoreApplication::translate("LegacySource", "cannot read %1: %2").arg(path, db.lastError());
}

} // namespace

QStringList LegacySource::defaultLocations(const QProcessEnvironment &env)
{
    const QString home = env.value(u"HOME"_s, QDir::homePath());
    QString dataHome = env.value(u"XDG_DATA_HOME"_s);
    if (dataHome.isEmpty())
        dataHome = home + u"/.local/share"_s;
    QStringList locations{dataHome + u"/todo-app/todo_app_local.db"_s};
    const QString fallback = home + u"/.local/share/todo-app/todo_app_local.db"_s;
    if (!locations.contains(fallback))
        locations << fallback;
    locations << home + u"/todo_app_local.db"_s << QDir::current().absoluteFilePath(u"todo_app_local.db"_s);
    return locations;
}

QString LegacySource::findDefault(const QProcessEnvironment &env)
{
    for (const QString &path : defaultLocations(env))
        if (QFileInfo(path).isFile())
            return path;
    return {};
}

LegacySource::Inspection LegacySource::inspect(const QString &path)
{
    Inspection result;
    const QFileInfo info(path);
    if (!info.exists()) {
        result.error = tr("%1 does not exist").arg(path);
        return result;
    }
    if (!info.isFile()) {
        result.error = tr("%1 is not a file").arg(path);
        return result;
    }
    if (info.size() == 0) {
        result.error = tr("%1 is empty (0 bytes): there is nothing to migrate").arg(path);
        return result;
    }
    // The header check comes first, so that SQLite never opens a file that
    // is not a database (it would not write to it, but the message is clearer).
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = tr("cannot read %1: %2").arg(path, file.errorString());
        return result;
    }
    if (file.read(16) != QByteArray("SQLite format 3\0", 16)) {
        result.error = tr("%1 is not an SQLite database").arg(path);
        return result;
    }
    file.close();

    SqliteHandle db;
    if (!db.openUntouched(path, kBusyTimeoutMs)) {
        result.error = sqliteFailure(db, path);
        return result;
    }
    bool hasTodo = false;
    bool hasAlembic = false;
    if (!db.tableExists("todo", &hasTodo) || !db.tableExists("alembic_version", &hasAlembic)) {
        result.error = sqliteFailure(db, path);
        return result;
    }
    if (!hasTodo) {
        result.error = tr("%1 is an SQLite database but not the old todo app's: it has no todo table").arg(path);
        return result;
    }
    if (hasAlembic) {
        QByteArray revision;
        if (!db.scalarText("SELECT version_num FROM alembic_version", &revision)) {
            result.error = sqliteFailure(db, path);
            return result;
        }
        if (revision != kV2Revision) {
            result.error = tr("%1 has schema revision %2, which this version of Tandem does not know (expected %3)")
                               .arg(path, QString::fromUtf8(revision), QString::fromLatin1(kV2Revision));
            return result;
        }
        result.schemaVersion = 2;
    } else {
        result.schemaVersion = 1;
    }
    // Reading a row proves the file is not locked by a writer right now
    // (one row: counting them all walked the whole table before any work).
    qint64 count = 0;
    if (!db.scalarInt("SELECT count(*) FROM (SELECT 1 FROM todo LIMIT 1)", &count)) {
        result.error = sqliteFailure(db, path);
        return result;
    }
    result.ok = true;
    return result;
}

QString LegacySource::backupPathFor(const QString &sourcePath)
{
    const QString base = sourcePath + u".bak-"_s
                         + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    QString candidate = base;
    for (int n = 2; QFileInfo::exists(candidate); ++n)
        candidate = base + u"-"_s + QString::number(n);
    return candidate;
}

bool LegacySource::backup(const QString &sourcePath, const QString &destinationPath, QString *error)
{
    return copy(sourcePath, destinationPath, error) && verify(sourcePath, destinationPath, error);
}

bool LegacySource::copy(const QString &sourcePath, const QString &destinationPath, QString *error)
{
    SqliteHandle source;
    if (!source.openUntouched(sourcePath, kBusyTimeoutMs)) {
        *error = sqliteFailure(source, sourcePath);
        return false;
    }
    bool ok = false;
    {
        SqliteHandle destination;
        if (!destination.open(destinationPath, false, kBusyTimeoutMs)) {
            *error = tr("cannot create the backup %1: %2").arg(destinationPath, destination.lastError());
            return false;
        }
        // No sync per commit: verify() syncs the finished copy once, on its
        // own thread beside the first read of it.
        sqlite3_exec(destination.get(), "PRAGMA synchronous=OFF", nullptr, nullptr, nullptr);
        sqlite3_backup *backup = sqlite3_backup_init(destination.get(), "main", source.get(), "main");
        if (!backup) {
            *error = tr("cannot start the backup: %1").arg(destination.lastError());
        } else {
            int rc = SQLITE_OK;
            // A writer holding the file makes a step return BUSY: retry for a
            // while, then give up with a clear message.
            for (int attempt = 0; attempt < 40; ++attempt) {
                rc = sqlite3_backup_step(backup, -1);
                if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
                    break;
                QThread::msleep(50);
            }
            sqlite3_backup_finish(backup);
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                *error = lockedMessage(sourcePath);
            else if (rc != SQLITE_DONE)
                *error = tr("the backup failed: %1").arg(QString::fromUtf8(sqlite3_errstr(rc)));
            else
                ok = true;
        }
        // The copy keeps the source's WAL mode; a rollback journal makes it
        // one self-contained file that can be moved or mailed.
        if (ok)
            sqlite3_exec(destination.get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
    }
    if (!ok)
        discard(destinationPath);
    return ok;
}

namespace {

// The file's bytes, and its name in its folder (a new file).
bool syncToDisk(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || ::fsync(file.handle()) != 0)
        return false;
    const int folder = ::open(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), O_RDONLY | O_DIRECTORY);
    if (folder < 0)
        return false;
    const bool synced = ::fsync(folder) == 0;
    ::close(folder);
    return synced;
}

} // namespace

bool LegacySource::verify(const QString &sourcePath, const QString &destinationPath, QString *error)
{
    SqliteHandle source;
    SqliteHandle destination;
    if (!source.openUntouched(sourcePath, kBusyTimeoutMs)) {
        *error = sqliteFailure(source, sourcePath);
        discard(destinationPath);
        return false;
    }
    bool ok = destination.open(destinationPath, true, kBusyTimeoutMs);
    QByteArray check;
    if (!ok || !destination.scalarText("PRAGMA quick_check", &check) || check != "ok") {
        *error = tr("the backup %1 failed its integrity check").arg(destinationPath);
        ok = false;
    }
    for (const char *table : {"todo", "tag", "todo_tag"}) {
        if (!ok)
            break;
        bool exists = false;
        source.tableExists(table, &exists);
        if (!exists)
            continue;
        const QByteArray sql = QByteArray("SELECT count(*) FROM ") + table;
        qint64 a = -1, b = -2;
        if (!source.scalarInt(sql.constData(), &a) || !destination.scalarInt(sql.constData(), &b) || a != b) {
            *error = tr("the backup %1 does not hold the same rows as the original (%2: %3 vs %4)")
                         .arg(destinationPath, QString::fromLatin1(table))
                         .arg(a)
                         .arg(b);
            ok = false;
        }
    }
    destination.close();
    // On disk before anything reaches the cloud: the person's copy of their
    // data must outlive a crash of the machine.
    if (ok && !syncToDisk(destinationPath)) {
        *error = tr("cannot write the backup %1 to disk").arg(destinationPath);
        ok = false;
    }
    if (!ok) {
        discard(destinationPath);
        return false;
    }
    qCInfo(lcMigration) << "backed up" << sourcePath << "to" << destinationPath;
    return true;
}

void LegacySource::discard(const QString &destinationPath)
{
    QFile::remove(destinationPath);
    QFile::remove(destinationPath + u"-journal"_s);
}
