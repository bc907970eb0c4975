#pragma once

// Small helpers shared by the migration tests: fixture copies, file hashes,
// running the real tandem-migrate and dumping the cloud for comparison.

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QStringList>

namespace MigrationTest {

using namespace Qt::StringLiterals;

inline QString fixture(const QString &name)
{
    return QStringLiteral(TANDEM_MIGRATION_FIXTURES) + u'/' + name;
}

// Copies a sample with its -wal and -shm (when it has them) into dir.
inline QString copyFixture(const QString &name, const QString &dir)
{
    const QString target = QDir(dir).filePath(name);
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s}) {
        if (QFile::exists(fixture(name) + suffix)) {
            QFile::copy(fixture(name) + suffix, target + suffix);
            QFile::setPermissions(target + suffix, QFile::ReadOwner | QFile::WriteOwner);
        }
    }
    return target;
}

// The SHA-256 of the file and of its -wal and -shm, "" for a missing one.
inline QStringList hashes(const QString &path)
{
    QStringList out;
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s}) {
        QFile file(path + suffix);
        out << (file.open(QIODevice::ReadOnly)
                    ? QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex())
                    : QString());
    }
    return out;
}

inline QStringList backupsBeside(const QString &path)
{
    const QFileInfo info(path);
    return info.dir().entryList({info.fileName() + u".bak-*"_s}, QDir::Files);
}

struct Run
{
    int exitCode = -1;
    bool crashed = false;
    QString out;
    QString err;
};

inline Run runMigrate(const QStringList &arguments, const QHash<QString, QString> &extraEnv = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DATABASE_URL"_s);
    for (auto it = extraEnv.cbegin(); it != extraEnv.cend(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(TANDEM_MIGRATE_PATH), arguments);
    process.waitForFinished(120000);
    Run run;
    run.crashed = process.exitStatus() == QProcess::CrashExit;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// Everything the migration writes, with the server's bookkeeping columns
// (change_xid, field_xids, now()-stamped times of lists and tags) left out.
inline QStringList dumpCloud(QSqlDatabase db)
{
    QStringList rows;
    const QStringList queries = {
        u"SELECT 'list', id::text, name, owner FROM tandem.lists ORDER BY id"_s,
        u"SELECT 'todo', id::text, list_id::text, title, notes, completed::text, priority::text,"
        " (extract(epoch FROM created_at) * 1000000)::int8::text, (extract(epoch FROM updated_at) * 1000000)::int8::text,"
        " coalesce((extract(epoch FROM due_at) * 1000000)::int8::text, '-'), due_has_time::text, position::text,"
        " legacy_id::text, owner FROM tandem.todos ORDER BY id"_s,
        u"SELECT 'tag', id::text, name, owner FROM tandem.tags ORDER BY id"_s,
        u"SELECT 'todo_tag', todo_id::text, tag_id::text, (extract(epoch FROM created_at) * 1000000)::int8::text"
        " FROM tandem.todo_tags ORDER BY todo_id, tag_id"_s,
        u"SELECT 'import', fingerprint, status, todos_total::text, todos_done::text, checksum FROM"
        " tandem.legacy_imports ORDER BY fingerprint"_s,
    };
    for (const QString &sql : queries) {
        QSqlQuery q(db);
        if (!q.exec(sql)) {
            rows << u"ERROR "_s + q.lastError().text();
            continue;
        }
        while (q.next()) {
            QStringList fields;
            for (int i = 0; i < q.record().count(); ++i)
                fields << q.value(i).toString();
            rows << fields.join(u'|');
        }
    }
    return rows;
}

inline qint64 scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace MigrationTest
